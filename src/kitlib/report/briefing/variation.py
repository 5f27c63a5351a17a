"""The unit note's section on variation over time: an XmR chart for every indicator with
enough monthly, quarterly or tertial figures (kitlib.analysis.frequent), a title that states
what the chart shows, and one or two sentences with periods and figures under it.

The readings are the scorecard's (the same function, the same series), so the chart, its
sentences, the trend in "Kort fortalt" and the exported codes agree.
"""

from __future__ import annotations

import functools
from html import escape

import pandas as pd

from kitlib.analysis.frequent import VARIATION_BASIS, FrequentReading, frequent_series, read_series
from kitlib.analysis.variation import earlier_signal
from kitlib.report import charts
from kitlib.report.briefing.blocks import section
from kitlib.report.formatting import format_text, row_decimals
from kitlib.report.i18n import tr
from kitlib.report.narrative import row_unit, series_name
from kitlib.report.variation_words import seasonal_definition, variation_message, variation_sentences
from kitlib.report.views import Section


class VariationSection:
    """The variation section of the unit's note (a base of `Briefing`, beside ChartSections)."""

    def _variation_rows(self) -> pd.DataFrame:
        """The unit's own indicators whose frequent series has process limits."""
        own = self.own
        return own[own["trend_basis"] == VARIATION_BASIS] if "trend_basis" in own else own.iloc[:0]

    @functools.cached_property
    def _readings(self) -> dict[str, FrequentReading]:
        """indicator_id -> the XmR reading of the unit's series, as the scorecard read it."""
        rows = self._variation_rows()
        if rows.empty:
            return {}
        values = self.values
        series = frequent_series(values[values["unit_id"] == self.unit["unit_id"]], self.year)
        out = {}
        for _, row in rows.iterrows():
            mine = series[series["indicator_id"] == row["indicator_id"]]
            out[row["indicator_id"]] = read_series(
                mine,
                row["direction"],
                row["target"],
                seasonal=bool(row["variation_seasonal"]),
                decimals=row["decimals"],
            )
        return out

    def _variation_name(self, row, reading: FrequentReading, in_sentence: bool) -> str:
        return series_name(row["name"], self.lang, seasonal=reading.seasonal, in_sentence=in_sentence)

    @section
    def variation_section(self) -> Section:
        """Each frequent series as an XmR chart with its reading in words under the figure."""
        rows = self._variation_rows()
        if rows.empty:
            return ""
        panels, paragraphs = [], []
        for _, row in rows.iterrows():
            reading = self._readings[row["indicator_id"]]
            target = None if pd.isna(row["target"]) else float(row["target"])
            decimals, unit = row_decimals(row), row_unit(row)
            message = variation_message(reading.summary, lang=self.lang, target=target)
            shown = reading.chart["value"].dropna()
            sentences = variation_sentences(
                reading.summary, name=self._variation_name(row, reading, True), unit=unit, decimals=decimals,
                lang=self.lang, target=target, value=float(shown.iat[-1]) if len(shown) else None,
                earlier=earlier_signal(reading.chart, reading.summary),
            )  # fmt: skip
            sentences = [s[:1].upper() + s[1:] for s in sentences]
            panel = charts.Panel(
                reading.chart, name=self._variation_name(row, reading, False), unit=unit, message=message,
                decimals=decimals, kind="xmr", options={"target": target},
            )  # fmt: skip
            panels.append((panel, f"{message}. {' '.join(sentences)}"))
            paragraphs.append(f'<p class="variation-text">{escape(" ".join(sentences))}</p>')
        heading = self._h2("variation")
        # on paper each chart has its words beside it (templates' .variation-pair): the issue's
        # "beside it", and no extra lines under a chart that leaves a third of the width empty
        pairs, frames, figures = [], [], []
        for i, (drawn_panel, text, (_, row)) in enumerate(zip(panels, paragraphs, rows.iterrows())):
            drawn = self._figures(None, [drawn_panel])
            key = self._variation_key(row) + (self._variation_key() if i == len(panels) - 1 else "")
            pairs.append(f'<div class="variation-pair">{drawn.html}'
                         f'<div class="variation-texts">{text}{key}</div></div>')  # fmt: skip
            frames.append(drawn.frame)
            figures.extend(drawn.figures)
        return Section(
            heading + "".join(pairs), frame=pd.concat(frames, ignore_index=True), figures=tuple(figures)
        )

    def _variation_key(self, row=None) -> str:
        """In small type beside a chart: how the season was taken out of `row`'s series (if it
        was), and, beside the last chart (`row` None), how to read the charts."""
        if row is None:
            return f'<p class="note">{escape(tr("xmr_definition", self.lang))}</p>'
        if not self._readings[row["indicator_id"]].seasonal:
            return ""
        reading = self._readings[row["indicator_id"]]
        names = format_text(str(row["name"]), self.lang)
        words = seasonal_definition(names, reading.summary.period, self.lang)
        return f'<p class="note">{escape(words)}</p>'

    def with_variation_definitions(self, card: pd.DataFrame) -> pd.DataFrame:
        """`card` with the definition of each seasonally adjusted series saying so, for the
        notes on the indicators (the how stands beside the chart)."""
        adjusted = [i for i, reading in self._readings.items() if reading.seasonal]
        if not adjusted:
            return card
        out = card.copy()
        rows = out["indicator_id"].isin(adjusted) & (out["level"] == self.unit["level"])
        suffix = " " + tr("xmr_seasonal_short", self.lang)
        out.loc[rows, "definition"] = out.loc[rows, "definition"].fillna("").astype(str) + suffix
        return out
