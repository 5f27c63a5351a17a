"""The unit note's charts (kitlib.report.charts): every indicator is drawn once, in the section
that tells it (the trend charts of what is not met or worsening, distance to target, sick
leave per tertial, spending), as small multiples where several are drawn together.

Callers use the charts package's names through it (``charts.figure_html(...)``), so a test
that patches ``charts.figure_html`` or ``charts.panel_figure`` there reaches them.
"""

from __future__ import annotations

import functools
from html import escape

import pandas as pd

from kitlib.analysis.cached import cached_histories
from kitlib.analysis.codes import Status, Trend
from kitlib.analysis.history import Histories
from kitlib.analysis.nameable import MOVING, nameable_trends
from kitlib.data.periods import MONTHLY, QUARTERLY, TERTIAL, YEARLY, parse_period
from kitlib.report import charts
from kitlib.report.briefing.blocks import section
from kitlib.report.formatting import format_indicator_value, format_period, format_text
from kitlib.report.i18n import status_label, tr, trend_label
from kitlib.report.views import Section


class ChartSections:
    """The chart sections of the unit's note and the panels they draw (a base of `Briefing`)."""

    def _history(self, indicator_id: str, freq: str | None = None) -> pd.DataFrame:
        return self._histories.of(self.unit["unit_id"], indicator_id, freq=freq)

    @functools.cached_property
    def _histories(self) -> Histories:
        """Every unit's history of every indicator, made once for all the charts (and, for data
        as load_data returned it, once per folder state: kitlib.analysis.cached)."""
        return cached_histories(self.data, self.values)

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

        first, last = self._compared(shown)
        text = (
            f"{format_text(str(row['name']), self.lang)}, {format_period(first['period'], self.lang)}–"
            f"{format_period(last['period'], self.lang)}: {fmt(first['value'])} → {fmt(last['value'])}"
        )
        if str(last["period"]) != str(row["period"]) and not pd.isna(row["value"]):
            # a tertial is not the year: the year's figure, said as such
            text += f"; {format_period(row['period'], self.lang)}: {fmt(row['value'])}"
        if not pd.isna(row["target"]):
            text += f"; {tr('target', self.lang).lower()} {fmt(row['target'])}"
        reading = [status_label(row["status"], self.lang)]
        # the trend's arrow only where a text may name it (kitlib.analysis.nameable): not a
        # trend whose latest change went the other way, which the title tells instead
        if row["trend"] not in MOVING or nameable_trends(pd.DataFrame([row])).iat[0]:
            reading.append(trend_label(row["trend"], self.lang))
        return f"{text}. {', '.join(reading)}."

    @staticmethod
    def _compared(shown: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
        """The first and last figures an alt text compares: like with like, so for tertials
        (quarters, months) the same part of the year (3. tertial 2023 -> 3. tertial 2025),
        never a season's difference."""
        last = shown.iloc[-1]
        part = parse_period(str(last["period"]))
        if part.freq == YEARLY:
            return shown.iloc[0], last
        same = [p for p in shown["period"] if parse_period(str(p)).sub == part.sub]
        return shown[shown["period"] == same[0]].iloc[0], last

    def _tertial_rows(self) -> pd.DataFrame:
        """The unit's indicators reported per tertial (sick leave): drawn in their own section."""
        values = self.values
        tertial = values[(values["unit_id"] == self.unit["unit_id"]) & (values["freq"] == TERTIAL)]
        return self.own[self.own["indicator_id"].isin(tertial["indicator_id"])]

    def _budget_rows(self) -> pd.DataFrame:
        """Spending (indicator_type okonomi): drawn in its own section, unless its months are
        drawn as an XmR chart (the variation section), which shows it period by period."""
        own = self.own
        return own[
            (own["indicator_type"] == "okonomi")
            & ~own["indicator_id"].isin(self._variation_rows()["indicator_id"])
        ]

    def _yearly(self, indicator_id: str) -> pd.DataFrame:
        """The unit's yearly values up to the note's year: how a chart's title counts years in a row."""
        v = self.values
        mine = v[(v["unit_id"] == self.unit["unit_id"]) & (v["indicator_id"] == indicator_id)
                 & (v["freq"] == YEARLY) & (v["year"] <= self.year)]  # fmt: skip
        return mine.sort_values("period_index")[["period", "value"]]

    def _panel(self, row, freq: str | None = None, periods: int = 0, kind: str = "trend"):
        """(the indicator's chart panel, its alt text), or None when it has no figures to draw."""
        history = self._history(row["indicator_id"], freq=freq)
        history = history[history["year"] <= self.year]
        history = history.tail(periods or self.chart_periods(history))
        if history["value"].notna().sum() == 0:
            return None
        message = charts.chart_message(row, self._yearly(row["indicator_id"]), self.lang)
        decimals = 1 if pd.isna(row["decimals"]) else int(row["decimals"])
        name = format_text(str(row["name"]), self.lang)
        panel = charts.Panel(history, name=name, unit=row["unit_of_measure"], message=message,
                             decimals=decimals, kind=kind)  # fmt: skip
        return panel, f"{message}. {self._alt(row, history)}"

    def _figures(self, heading: str | None, panels, empty: str = "") -> Section:
        """The panels as figures under `heading`: those of one kind and frequency together as
        small multiples on a shared period axis (and a shared value axis where they have one
        unit and read well together), in the order of the scorecard, at most six to a figure
        (one page of A4; one figure leaves no empty cells between figures on paper). The
        section keeps the figures and the plotted rows (one per indicator and period) for
        the analyst; `empty` is said when there is nothing to draw. Without `heading` the
        figures alone, for a section that lays them out itself."""
        groups: dict[tuple, list] = {}
        for panel, alt in panels:
            freq = parse_period(panel.history["period"].iat[-1]).freq
            groups.setdefault((panel.kind, freq), []).append((panel, alt))
        html, figures = [self._h2(heading)] if heading else [], []
        if empty and not panels:
            html.append(f'<p class="empty">{escape(tr(empty, self.lang))}</p>')
        for group in groups.values():
            for start in range(0, len(group), 6):
                chunk = group[start : start + 6]
                figures.append(charts.panel_figure([panel for panel, _ in chunk], self.lang))
                html.append(charts.figure_html(figures[-1], " ".join(alt for _, alt in chunk)))
        plotted = [panel.history.assign(indicator=panel.name) for panel, _ in panels]
        frame = pd.concat(plotted, ignore_index=True) if plotted else None
        return Section("".join(html), frame=frame, figures=tuple(figures))

    @section
    def trend_charts_section(self) -> Section:
        """A chart for every indicator that is not met or is worsening, except those with a
        section of their own (sick leave per tertial, spending): no chart is shown twice."""
        own = self.own
        rows = own[(own["status"] == Status.NOT_MET) | (own["trend"] == Trend.WORSENING)]
        elsewhere = set(self._tertial_rows()["indicator_id"]) | set(self._budget_rows()["indicator_id"])
        elsewhere |= set(self._variation_rows()["indicator_id"])
        shown = rows[~rows["indicator_id"].isin(elsewhere)]
        panels = [p for p in (self._panel(row) for _, row in shown.iterrows()) if p]
        empty = "nothing_to_chart" if rows.empty else "charts_below" if shown.empty else "no_data_section"
        return self._figures("charts", panels, empty)

    @section
    def distance_section(self) -> Section:
        rows = charts.distance_rows(self.own)
        if rows.empty:
            return ""
        fig = charts.distance_figure(self.own, self.lang)
        alt = [
            tr("msg_targets_met", self.lang, met=int((rows["status"] == Status.MET).sum()), total=len(rows))
        ]
        for measure in ("pp", "pct"):
            chosen = rows[rows["measure"] == measure]
            if len(chosen):
                items = "; ".join(
                    f"{r['name']}: {status_label(r['status'], self.lang)} ({text})"
                    for (_, r), text in zip(chosen.iterrows(), charts.gap_texts(chosen, self.lang))
                )
                alt.append(f"{tr(f'distance_{measure}', self.lang)}: {items}")
        html = self._h2("distance") + charts.figure_html(fig, ". ".join(alt) + ".")
        return Section(html, frame=rows, figures=(fig,))

    @section
    def sick_leave_section(self) -> Section:
        """Indicators reported per tertial (sick leave), the last three years, as bars; those
        with enough tertials for process limits are in the variation section instead."""
        rows = self._tertial_rows()
        rows = rows[~rows["indicator_id"].isin(self._variation_rows()["indicator_id"])]
        if rows.empty:
            return ""
        panels = [p for p in (self._panel(row, TERTIAL, 9, "bars") for _, row in rows.iterrows()) if p]
        return self._figures("sick_leave", panels, "no_data_section")

    @section
    def budget_section(self) -> Section:
        """Spending: a percentage of budget as dots around the budget line, kroner as lines."""
        rows = self._budget_rows()
        if rows.empty:
            return ""
        panels = []
        for _, row in rows.iterrows():
            kind = "budget" if row["unit_of_measure"] == "%" else "trend"
            panels.append(self._panel(row, YEARLY, 6, kind))
        return self._figures("budget", [p for p in panels if p], "no_data_section")
