"""Chart alt texts follow the rules of sentences: like with like, and which figure is which
(issue 24, item 3)."""

from __future__ import annotations

import pandas as pd
import pytest

from kitlib import prepare_briefing


@pytest.mark.parametrize(
    ("lang", "expected", "year"),
    [("nb", "3.\u00a0tertial\u00a02023–3.\u00a0tertial\u00a02025: 11,5\u00a0% → 11,9\u00a0%", "2025: 12,9\u00a0%"),
     ("en", "T3\u00a02023–T3\u00a02025: 11.5% → 11.9%", "2025: 12.9%")],
)  # fmt: skip
def test_a_tertial_chart_compares_the_same_tertial_and_names_the_years_figure(lang, expected, year):
    note = prepare_briefing("", "shj-berg-dal", 2025, lang)
    row = note.own[note.own["indicator_id"] == "sykefravaer"].iloc[0].copy()
    row["value"] = 12.9
    periods = [f"{y}T{t}" for y in (2023, 2024, 2025) for t in (1, 2, 3)]
    values = [14.0, 10.0, 11.5, 14.2, 10.4, 11.7, 14.6, 10.9, 11.9]  # T1 high, T2 low: a season
    history = pd.DataFrame({"period": periods, "value": values})
    alt = note._alt(row, history)
    # never "1. tertial 2023 – 3. tertial 2025: 14,0 % → 11,9 %", a season read as a fall
    assert expected in alt and year in alt


def test_a_yearly_chart_compares_first_and_last_year():
    note = prepare_briefing("", "shj-berg-dal", 2025, "nb")
    row = note.own[note.own["indicator_id"] == "shj_ernaering"].iloc[0]
    history = pd.DataFrame({"period": ["2023", "2024", "2025"], "value": [70.0, 72.0, row["value"]]})
    alt = note._alt(row, history)
    assert alt.startswith("Andel beboere vurdert for ernæringsmessig risiko, 2023–2025: 70,0\u00a0% →")
    assert "2025: " not in alt.split("→")[1].split(";")[0]
