"""The briefing note of one unit and year, section by section, as HTML fragments.

The notebook calls one method per cell and displays the result; the batch renders the
executed notebook. Everything a politician reads is made here, in the chosen language.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

from kitlib.analysis.codes import Status, Trend
from kitlib.analysis.history import indicator_history
from kitlib.analysis.scorecard import benchmark_groups, prepared_values, scorecard
from kitlib.data.load import KitData, load_data
from kitlib.data.periods import MONTHLY, QUARTERLY, TERTIAL, YEARLY, parse_period
from kitlib.data.resources import sample_folder
from kitlib.report import charts
from kitlib.report.formatting import format_indicator_value
from kitlib.report.i18n import check_language, status_label, tr, trend_label
from kitlib.report.narrative import summary_sentences
from kitlib.report.tables import CONTEXT_HEADERS, notes_table, scorecard_table, survey_table


@dataclass
class Briefing:
    data: KitData
    unit: pd.Series
    year: int
    lang: str
    card: pd.DataFrame
    values: pd.DataFrame

    # -- helpers ---------------------------------------------------------------
    @property
    def min_n(self) -> int:
        return self.data.config.thresholds.min_respondents

    @property
    def data_date(self) -> str:
        if self.data.config.data_date:
            return self.data.config.data_date
        dates = self.card["data_date"].dropna().astype(str)
        return max(dates) if len(dates) else ""

    @property
    def own(self) -> pd.DataFrame:
        """The unit's own results: the rows that are judged, ranked and told as its story."""
        return self.card[self.card["level"] == self.unit["level"]]

    @property
    def context(self) -> pd.DataFrame:
        """Figures of the unit's service area or the municipality, shown beside its results."""
        return self.card[self.card["level"] != self.unit["level"]]

    def _h2(self, key: str) -> str:
        return f'<h2 id="{key}">{escape(tr(key, self.lang))}</h2>'

    def _perspective_names(self) -> dict[str, str]:
        cfg = self.data.config
        return {p: cfg.perspective_label(p, self.lang) for p in self.card["perspective"].unique()}

    def _history(self, indicator_id: str, freq: str | None = None) -> pd.DataFrame:
        return indicator_history(self.data, self.unit["unit_id"], indicator_id, freq=freq, values=self.values)

    @staticmethod
    def chart_periods(history: pd.DataFrame) -> int:
        """Seven years, or three years of tertials, quarters or months: enough to see a trend."""
        parts = {YEARLY: 7, TERTIAL: 9, QUARTERLY: 12, MONTHLY: 36}
        return parts[parse_period(history["period"].iat[-1]).freq] if len(history) else 0

    def _alt(self, row, history: pd.DataFrame) -> str:
        shown = history.dropna(subset=["value"])
        if shown.empty:
            return f"{row['name']}: {tr('no_data', self.lang)}"

        def fmt(v):
            return format_indicator_value(v, row, self.lang)

        first, last = shown.iloc[0], shown.iloc[-1]
        text = (
            f"{row['name']}, {first['period']}–{last['period']}: {fmt(first['value'])} → {fmt(last['value'])}"
        )
        if not pd.isna(row["target"]):
            text += f"; {tr('target', self.lang).lower()} {fmt(row['target'])}"
        return f"{text}. {status_label(row['status'], self.lang)}, {trend_label(row['trend'], self.lang)}."

    # -- sections --------------------------------------------------------------
    def title_html(self) -> str:
        cfg = self.data.config
        kicker = " · ".join(x for x in (tr("briefing_for", self.lang), cfg.municipality) if x)
        facts = [
            f"{tr('service_area', self.lang)}: {self.unit['service_area']}",
            f"{tr('year', self.lang)}: {self.year}",
        ]
        if self.data_date:
            facts.append(tr("generated_from", self.lang, date=self.data_date))
        return (
            f'<header class="briefing-title"><p class="kicker">{escape(kicker)}</p>'
            f'<h1 class="unit-name">{escape(str(self.unit["name"]))}</h1>'
            f'<p class="facts">{escape(" · ".join(facts))}</p></header>'
        )

    def summary_html(self) -> str:
        peer = benchmark_groups(self.data)["peer_group"]
        items = "".join(
            f"<li>{escape(s)}</li>" for s in summary_sentences(self.own, self.year, self.lang, peer)
        )
        return f'{self._h2("summary")}<ul class="summary">{items}</ul>'

    def scorecard_html(self) -> str:
        table = scorecard_table(self.own, self._perspective_names(), self.lang, min_n=self.min_n)
        return self._h2("scorecard") + table

    def context_html(self) -> str:
        """Service area and municipality figures (KOSTRA prioritering, dekningsgrad): context
        compared with the KOSTRA group and the country, never ranked among units."""
        if self.context.empty:
            return ""
        table = scorecard_table(
            self.context, self._perspective_names(), self.lang, table_id="context", min_n=self.min_n,
            headers=CONTEXT_HEADERS,
        )  # fmt: skip
        note = f'<p class="note">{escape(tr("context_note", self.lang))}</p>'
        return self._h2("context") + note + table

    def trend_charts_html(self) -> str:
        """A chart for every indicator that is not met or is worsening."""
        own = self.own
        rows = own[(own["status"] == Status.NOT_MET) | (own["trend"] == Trend.WORSENING)]
        parts = [self._h2("charts")]
        if rows.empty:
            parts.append(f'<p class="empty">{escape(tr("nothing_to_chart", self.lang))}</p>')
        for _, row in rows.iterrows():
            history = self._history(row["indicator_id"])
            history = history[history["year"] <= self.year].tail(self.chart_periods(history))
            with charts.briefing_figure(7.0, 2.6) as (fig, ax):
                charts.trend_chart(
                    history, ax=ax, name=row["name"], unit=row["unit_of_measure"], lang=self.lang
                )
            parts.append(charts.figure_html(fig, self._alt(row, history)))
        return "".join(parts)

    def distance_html(self) -> str:
        rows = charts.distance_rows(self.own)
        if rows.empty:
            return ""
        with charts.briefing_figure(7.0, 0.8 + 0.28 * len(rows)) as (fig, ax):
            charts.distance_chart(self.own, ax=ax, lang=self.lang)
        alt = "; ".join(f"{r['name']}: {status_label(r['status'], self.lang)}" for _, r in rows.iterrows())
        return self._h2("distance") + charts.figure_html(fig, alt)

    def survey_html(self) -> str:
        rows = self.own[self.own["indicator_type"] == "opplevd_kvalitet"]
        return self._h2("survey") + survey_table(rows, self.lang, min_n=self.min_n)

    def _bars(self, rows: pd.DataFrame, freq: str, periods: int, reference=None) -> str:
        parts = []
        for _, row in rows.iterrows():
            history = self._history(row["indicator_id"], freq=freq)
            history = history[history["year"] <= self.year].tail(periods)
            if history["value"].notna().sum() == 0:
                continue
            with charts.briefing_figure(7.0, 2.4) as (fig, ax):
                charts.period_bars(history, ax=ax, name=row["name"], unit=row["unit_of_measure"],
                                   lang=self.lang, reference=reference)  # fmt: skip
            parts.append(charts.figure_html(fig, self._alt(row, history)))
        return "".join(parts)

    def sick_leave_html(self) -> str:
        """Indicators reported per tertial (sick leave), the last three years."""
        tertial = self.values[
            (self.values["unit_id"] == self.unit["unit_id"]) & (self.values["freq"] == TERTIAL)
        ]
        rows = self.own[self.own["indicator_id"].isin(tertial["indicator_id"])]
        if rows.empty:
            return ""
        return self._h2("sick_leave") + (self._bars(rows, TERTIAL, 9) or self._no_figures())

    def budget_html(self) -> str:
        rows = self.own[self.own["indicator_type"] == "okonomi"]
        if rows.empty:
            return ""
        percent = rows[rows["unit_of_measure"] == "%"]
        other = rows[rows["unit_of_measure"] != "%"]
        reference = (100.0, tr("budget_line", self.lang))
        bars = self._bars(percent, YEARLY, 6, reference) + self._bars(other, YEARLY, 6)
        return self._h2("budget") + (bars or self._no_figures())

    def _no_figures(self) -> str:
        return f'<p class="empty">{escape(tr("no_data_section", self.lang))}</p>'

    def notes_html(self) -> str:
        return self._h2("notes") + notes_table(self.card, self.lang, data_date=self.data_date)


def prepare_briefing(data_dir: str | Path = "", unit_id: str = "", year: int = 0, lang: str = "") -> Briefing:
    """Load the data and compute the unit's scorecard; empty arguments take the defaults:
    the embedded sample, its first unit, the latest year, the folder's language."""
    data = load_data(data_dir or sample_folder())
    unit = data.unit(unit_id or data.units["unit_id"].iat[0])
    year = int(year) or data.latest_year
    lang = check_language(lang or data.config.language)
    values = prepared_values(data)
    card = scorecard(data, unit["unit_id"], year, values=values)
    return Briefing(data, unit, year, lang, card, values)
