"""The service view of national tests: per school the last three years against the country.

Small year groups make one year's result swing, so the three years and their mean say more
than the last alone; a difference to the country smaller than its uncertainty (from the
pupils who sat the test, analysis.area.recent_values) is shown as ≈, not as a gap.
"""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd

from kitlib.analysis import area as analysis
from kitlib.analysis.status import better_sign
from kitlib.data.contract import NOT_APPLICABLE, SUPPRESSED
from kitlib.report.area.wording import NATIONAL_TESTS
from kitlib.report.briefing import scrolling
from kitlib.report.formatting import format_against, format_text, row_decimals
from kitlib.report.i18n import tr

YEARS_SHOWN = 3
UNCLEAR = "≈"  # as in the scorecard: no certain difference


class NationalTestsView:
    """The service view of national tests: per school the last three years against the country."""

    def _national_tests(self):
        """Per national test: the heading, what the figures say, and the table of schools."""
        years = list(range(self.year - YEARS_SHOWN + 1, self.year + 1))
        for row in self._indicators_matching(NATIONAL_TESTS):
            recent = self._tests_recent(row, years)
            bench = self._benchmark_years(row["indicator_id"], years)
            table = self._tests_table(row, recent, bench, years)
            heading = escape(format_text(row["name"], self.lang))
            html = (
                f'<h2 id="area-tests-{escape(row["indicator_id"])}">{heading}</h2>'
                + "".join(self._note(t) for t in self._tests_text(row, recent, bench.get("national", {})))
                + scrolling(table)
            )
            yield html, recent.assign(indicator_id=row["indicator_id"]), []

    def _tests_recent(self, row, years: list[int]) -> pd.DataFrame:
        """The schools the test applies to with a figure (or a hidden one) in the years shown,
        best mean first."""
        units = self.units["unit_id"]
        recent = analysis.recent_values(self.values, units, row["indicator_id"], self.year, len(years))
        statuses = recent[[f"status_{y}" for y in years]]
        applies = ~statuses.eq(NOT_APPLICABLE).all(axis=1)
        hidden = (statuses == SUPPRESSED).sum(axis=1)
        recent = recent[applies & (recent["years_with_figure"] + hidden > 0)]
        recent = recent.assign(name=recent["unit_id"].map(self.units.set_index("unit_id")["name"]))
        return recent.sort_values("mean", ascending=False, na_position="last", kind="stable")

    def _tests_table(self, row, recent: pd.DataFrame, bench: dict, years: list[int]) -> str:
        national = bench.get("national", {})
        head = [
            tr("area_school", self.lang),
            *map(str, years),
            tr("area_mean_years", self.lang, n=len(years)),
        ]
        if national:
            # the school's mean of the years shown against the country's mean of the same years
            head.append(tr("area_mean_against", self.lang, n=len(years), group=self._national_in_sentence()))
        lines = [self._school_line(r, row, national, years) for _, r in recent.iterrows()]
        lines += self._benchmark_lines(row, bench, years, compare=bool(national))
        head_html = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
        return (
            f'<table class="kit-table national-tests" data-indicator="{escape(row["indicator_id"])}">'
            f"<thead><tr>{head_html}</tr></thead><tbody>{''.join(lines)}</tbody></table>"
        )

    def _school_line(self, r, row, national: dict, years: list[int]) -> str:
        cells = [f'<th scope="row">{escape(str(r["name"]))}</th>']
        cells += [
            f'<td class="num">{self._year_cell(r[f"value_{y}"], r[f"status_{y}"], row)}</td>' for y in years
        ]
        mean = f"<strong>{escape(self._fmt(r['mean'], row))}</strong>"
        counted = int(r["years_with_figure"])
        if 0 < counted < len(years):  # a mean of fewer years says so
            few = tr("area_years_of", self.lang, n=counted, total=len(years))
            mean += f' <small class="unit-ref">({escape(few)})</small>'
        cells.append(f'<td class="num">{mean}</td>')
        if national:
            # the country over the same years as the school's figures
            same = [national[y] for y in years if y in national and not pd.isna(r[f"value_{y}"])]
            diff = r["mean"] - np.mean(same) if same else np.nan
            unclear = not pd.isna(diff) and abs(diff) <= r["mean_noise"]  # False where unknown
            against = format_against(
                better_sign(row["direction"]) * diff,
                row_decimals(row),
                self.lang,
                measure=row["unit_of_measure"],
            )
            cells.append(f'<td class="num">{UNCLEAR if unclear else escape(against)}</td>')
        return f"<tr>{''.join(cells)}</tr>"

    def _benchmark_lines(self, row, bench: dict, years: list[int], *, compare: bool) -> list[str]:
        lines = []
        for role in ("peer_group", "national"):
            figures = bench.get(role, {})
            if not figures:
                continue
            label = self.groups.get(role) or tr(role, self.lang)
            cells = [f'<th scope="row" class="benchmark">{escape(label)}</th>']
            cells += [f'<td class="num">{escape(self._fmt(figures.get(y, np.nan), row))}</td>' for y in years]
            mean = np.mean(list(figures.values()))
            cells.append(
                f'<td class="num">{escape(self._fmt(mean, row))}</td>' + ("<td></td>" if compare else "")
            )
            lines.append(f'<tr class="benchmark-row">{"".join(cells)}</tr>')
        return lines

    def _tests_text(self, row, recent: pd.DataFrame, national: dict) -> list[str]:
        """How many schools are above the country this year, and how many clearly so."""
        text = [tr("area_tests_note", self.lang)]
        this_year = recent[f"value_{self.year}"]
        if self.year not in national or not this_year.notna().any():
            return text
        ref, places = national[self.year], row_decimals(row)
        above = this_year.round(places) > round(ref, places)
        fields = dict(above=int(above.sum()), n=int(this_year.notna().sum()), year=self.year,
                      group=self._national_in_sentence(), value=self._fmt(ref, row))  # fmt: skip
        noise = recent[f"noise_{self.year}"]
        if noise[this_year.notna()].notna().all():
            clear = int((above & (this_year - ref > noise)).sum())
            return [tr("area_tests_above_clear", self.lang, clear=clear, **fields), *text]
        return [tr("area_tests_above", self.lang, **fields), *text]
