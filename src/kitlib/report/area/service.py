"""What the service is usually discussed by, and the table cells its views share."""

from __future__ import annotations

import re
from html import escape

import pandas as pd

from kitlib.data.contract import NOT_APPLICABLE, NOT_YET_AVAILABLE, SUPPRESSED
from kitlib.report.briefing import section
from kitlib.report.formatting import (
    format_gap,
    row_decimals,
)
from kitlib.report.i18n import tr
from kitlib.report.views import Section


class ServiceSection:
    """What the service is usually discussed by, and the table cells its views share."""

    @section
    def service_section(self) -> Section:
        """National tests (schools), staff qualifications, processing time against the statutory
        limit (building permits): each where the area's indicators have them, as the service
        discusses them."""
        parts, frames, figures = [], [], []
        for view in (self._national_tests, self._qualification, self._processing_time):
            for html, frame, figure in view():
                parts.append(html)
                frames.append(frame)
                figures += figure
        if not parts:
            return ""
        frame = pd.concat(frames, ignore_index=True) if frames else None
        return Section("".join(parts), frame=frame, figures=tuple(figures))

    def _indicators_matching(self, pattern: re.Pattern, unit: str | None = None) -> list[pd.Series]:
        first = self.own.drop_duplicates("indicator_id")
        found = []
        for _, row in first.iterrows():
            if not pattern.search(str(row["name"])):
                continue
            if unit is not None and str(row["unit_of_measure"]).strip() != unit:
                continue
            if row["indicator_id"] in set(
                self.spread.loc[self.spread["units_with_figure"] > 0, "indicator_id"]
            ):
                found.append(row)
        return found

    def _benchmark_years(self, indicator_id: str, years: list[int]) -> dict[str, dict[int, float]]:
        bench = self.data.benchmarks
        out = {}
        for role, group in self.groups.items():
            mine = bench[(bench["group"] == group) & (bench["indicator_id"] == indicator_id)]
            out[role] = {
                int(y): v for y, v in zip(mine["year"], mine["value"]) if int(y) in years and not pd.isna(v)
            }
        return out

    def _year_cell(self, value, status, row) -> str:
        if pd.isna(value):
            known = status in (NOT_YET_AVAILABLE, SUPPRESSED, NOT_APPLICABLE)
            reason = tr(f"missing_{status}", self.lang) if known else tr("no_data", self.lang)
            return f'<span class="missing">{escape(reason)}</span>'
        return escape(self._fmt(value, row))

    def _signed(self, diff, row) -> str:
        if pd.isna(diff):
            return ""
        return escape(format_gap(diff, row["unit_of_measure"], row_decimals(row), self.lang))
