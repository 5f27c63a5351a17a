"""The service view of national tests: per school the last three years against the country."""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd

from kitlib.analysis import area as analysis
from kitlib.data.contract import NOT_APPLICABLE, SUPPRESSED
from kitlib.report.area.wording import (
    NATIONAL_TESTS,
    _decimals,
)
from kitlib.report.briefing import scrolling
from kitlib.report.formatting import (
    format_text,
)
from kitlib.report.i18n import tr


class NationalTestsView:
    """The service view of national tests: per school the last three years against the country."""

    def _national_tests(self):
        """Per school the last three years and their mean against the country: small year groups
        make one year's result swing, so the three years say more than the last alone."""
        lang = self.lang
        for row in self._indicators_matching(NATIONAL_TESTS):
            years = list(range(self.year - 2, self.year + 1))
            units = self.units["unit_id"]
            recent = analysis.recent_values(self.values, units, row["indicator_id"], self.year, len(years))
            applies = ~recent[[f"status_{y}" for y in years]].eq(NOT_APPLICABLE).all(axis=1)
            hidden = (recent[[f"status_{y}" for y in years]] == SUPPRESSED).sum(axis=1)
            recent = recent[applies & (recent["years_with_figure"] + hidden > 0)]
            recent = recent.assign(name=recent["unit_id"].map(self.units.set_index("unit_id")["name"]))
            recent = recent.sort_values("mean", ascending=False, na_position="last", kind="stable")
            bench = self._benchmark_years(row["indicator_id"], years)
            national = bench.get("national", {})
            head = [tr("area_school", lang), *map(str, years), tr("area_mean_years", lang, n=len(years))]
            compare = bool(national)
            if compare:
                group = self._national_in_sentence()
                head.append(tr("area_against", lang, group=group))
            lines = []
            for _, r in recent.iterrows():
                cells = [f'<th scope="row">{escape(str(r["name"]))}</th>']
                for y in years:
                    cells.append(
                        f'<td class="num">{self._year_cell(r[f"value_{y}"], r[f"status_{y}"], row)}</td>'
                    )
                mean = f"<strong>{escape(self._fmt(r['mean'], row))}</strong>"
                counted = int(r["years_with_figure"])
                if 0 < counted < len(years):  # a mean of fewer years says so
                    few = tr("area_years_of", lang, n=counted, total=len(years))
                    mean += f' <small class="unit-ref">({escape(few)})</small>'
                cells.append(f'<td class="num">{mean}</td>')
                if compare:
                    # the country over the same years as the school's figures
                    same = [national[y] for y in years if y in national and not pd.isna(r[f"value_{y}"])]
                    ref = np.mean(same) if same else np.nan
                    cells.append(f'<td class="num">{self._signed(r["mean"] - ref, row)}</td>')
                lines.append(f"<tr>{''.join(cells)}</tr>")
            for role in ("peer_group", "national"):
                figures = bench.get(role, {})
                if not figures:
                    continue
                label = self.groups.get(role) or tr(role, lang)
                cells = [f'<th scope="row" class="benchmark">{escape(label)}</th>']
                cells += [
                    f'<td class="num">{escape(self._fmt(figures.get(y, np.nan), row))}</td>' for y in years
                ]
                mean = np.mean(list(figures.values())) if figures else np.nan
                cells.append(
                    f'<td class="num">{escape(self._fmt(mean, row))}</td>' + ("<td></td>" if compare else "")
                )
                lines.append(f'<tr class="benchmark-row">{"".join(cells)}</tr>')
            head_html = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
            table = (
                f'<table class="kit-table national-tests" data-indicator="{escape(row["indicator_id"])}">'
                f"<thead><tr>{head_html}</tr></thead><tbody>{''.join(lines)}</tbody></table>"
            )
            text = [tr("area_tests_note", lang)]
            this_year = recent[f"value_{self.year}"]
            if self.year in national and this_year.notna().any():
                ref = national[self.year]
                places = _decimals(row)
                above = int((this_year.round(places) > round(ref, places)).sum())
                text.insert(0, tr("area_tests_above", lang, above=above, n=int(this_year.notna().sum()),
                                  group=self._national_in_sentence(),
                                  value=self._fmt(ref, row), year=self.year))  # fmt: skip
            heading = escape(format_text(row["name"], lang))
            html = (
                f'<h2 id="area-tests-{escape(row["indicator_id"])}">{heading}</h2>'
                + "".join(self._note(t) for t in text)
                + scrolling(table)
            )
            yield html, recent.assign(indicator_id=row["indicator_id"]), []
