import math

import pandas as pd
import pytest

from kitlib import load_data
from kitlib.analysis.scorecard import SCORECARD_COLUMNS, scorecard


def row(card, indicator_id):
    return card.set_index("indicator_id").loc[indicator_id]


def test_alna_real_figures_read_as_the_brief_says(alna_folder):
    card = scorecard(load_data(alna_folder), "alna", 2008)
    leave = row(card, "sykefravaer")
    assert leave["trend"] == "improving"
    assert leave["status"] != "met"
    assert leave["value"] == pytest.approx(10.06)
    assert leave["next_target"] == pytest.approx(9.9)
    satisfaction = row(card, "brukertilfredshet")
    assert satisfaction["status"] == "no_data"
    assert math.isnan(satisfaction["value"])
    assert satisfaction["value_status"] == ".."
    assert satisfaction["trend"] == "insufficient_data"
    assert row(card, "forbruk")["status"] == "met"


def test_scorecard_has_the_documented_columns_in_perspective_order(alna_folder):
    card = scorecard(load_data(alna_folder), "alna", 2008)
    assert list(card.columns) == SCORECARD_COLUMNS
    assert list(card["perspective"]) == ["brukere", "medarbeidere", "okonomi"]


def test_unit_target_overrides_the_service_area_target(synthetic_folder):
    data = load_data(synthetic_folder)
    a = row(scorecard(data, "bhg-a", 2024), "laerere")
    b = row(scorecard(data, "bhg-b", 2024), "laerere")
    assert a["target"] == 42
    assert b["target"] == 45
    assert b["tolerance"] == 1


def test_tertial_indicator_reports_the_mean_of_the_years_tertials_against_the_yearly_target(synthetic_folder):
    data = load_data(synthetic_folder)
    leave = row(scorecard(data, "bhg-a", 2024), "sykefravaer")
    assert leave["period"] == "2024"
    tertials = data.values.query("unit_id == 'bhg-a' and year == 2024 and indicator_id == 'sykefravaer'")
    assert len(tertials) == 3
    assert leave["value"] == pytest.approx(tertials["value"].mean())
    assert leave["sub_periods"] == 3
    assert leave["target"] == 7
    assert leave["next_target"] == 6.5


def test_a_year_with_a_missing_tertial_has_no_yearly_figure(synthetic_folder):
    values = synthetic_folder / "values.csv"
    lines = [
        line for line in values.read_text().splitlines() if not line.startswith("bhg-a,sykefravaer,2024T3")
    ]
    values.write_text("\n".join(lines) + "\n")
    leave = row(scorecard(load_data(synthetic_folder), "bhg-a", 2024), "sykefravaer")
    assert math.isnan(leave["value"])  # T1 and T2 alone would read high: the season, not the year
    assert leave["status"] == "no_data"
    assert leave["value_status"] == ".."


def test_target_precedence_unit_then_service_area_then_every_unit(synthetic_folder):
    targets = synthetic_folder / "targets.csv"
    targets.write_text(
        "unit_id,indicator_id,period,target,tolerance,service_area\n"
        "*,sykefravaer,2024T3,9,,\n"  # every unit, per tertial
        "*,sykefravaer,2024,7,,\n"
        "*,sykefravaer,2024,6.8,,Barnehage\n"  # this service area
        "bhg-a,sykefravaer,2024,6,,\n"  # the unit's own, per year
    )
    data = load_data(synthetic_folder)
    assert row(scorecard(data, "bhg-a", 2024), "sykefravaer")["target"] == 6
    assert row(scorecard(data, "bhg-b", 2024), "sykefravaer")["target"] == 6.8
    tertial = data.values.query("unit_id == 'bhg-a' and period == '2024T3' and indicator_id == 'sykefravaer'")
    from kitlib.analysis.targets import resolve_targets

    areas = dict(zip(data.units["unit_id"], data.units["service_area"]))
    # the unit's own yearly target wins over the general tertial one, also for a tertial figure
    assert resolve_targets(tertial, data.targets, areas)["target"].iat[0] == 6


def test_peer_comparison_uses_the_other_units_and_signs_gaps_so_positive_is_better(synthetic_folder):
    data = load_data(synthetic_folder)
    units = data.units["unit_id"]
    cards = {u: row(scorecard(data, u, 2024), "sykefravaer") for u in units}
    values = {u: c["value"] for u, c in cards.items()}
    best = min(values, key=values.get)  # lower sick leave is better
    assert cards[best]["peer_rank"] == 1
    assert cards[best]["peer_count"] == 6
    others = sorted(v for u, v in values.items() if u != best)
    assert cards[best]["peer_median"] == pytest.approx(others[2])
    assert cards[best]["peer_gap"] > 0


def test_benchmark_gaps_for_peer_group_and_national_average(synthetic_folder):
    data = load_data(synthetic_folder)
    share = row(scorecard(data, "bhg-d", 2024), "laerere")
    assert share["peer_group_value"] == 44
    assert share["national_value"] == 46
    assert share["peer_group_gap"] == pytest.approx(share["value"] - 44)
    assert share["national_gap"] == pytest.approx(share["value"] - 46)


def test_small_survey_samples_are_suppressed_not_shown(synthetic_folder):
    values = synthetic_folder / "values.csv"
    text = values.read_text().replace("bhg-a,tilfredshet,2024,", "bhg-a,tilfredshet,2024,X", 1)
    lines = [line for line in text.splitlines() if not line.startswith("bhg-a,tilfredshet,2024,X")]
    lines.append("bhg-a,tilfredshet,2024,5.9,,3,0.2")
    values.write_text("\n".join(lines) + "\n")
    survey = row(scorecard(load_data(synthetic_folder), "bhg-a", 2024), "tilfredshet")
    assert survey["suppressed"]
    assert math.isnan(survey["value"])
    assert survey["n"] == 3
    assert survey["status"] == "no_data"
    assert survey["trend"] == "insufficient_data"


def test_tertial_trend_compares_the_same_tertial_across_years(synthetic_folder):
    values = synthetic_folder / "values.csv"
    lines = [line for line in values.read_text().splitlines() if not line.startswith("bhg-b,sykefravaer,")]
    # every year: high in T1, low in T3 (season), the same level year on year (no trend)
    for year in range(2019, 2025):
        lines += [
            f"bhg-b,sykefravaer,{year}T1,12,,,",
            f"bhg-b,sykefravaer,{year}T2,9,,,",
            f"bhg-b,sykefravaer,{year}T3,6,,,",
        ]
    values.write_text("\n".join(lines) + "\n")
    leave = row(scorecard(load_data(synthetic_folder), "bhg-b", 2024), "sykefravaer")
    assert leave["period"] == "2024"
    assert leave["value"] == pytest.approx(9)
    assert leave["trend"] == "stable"


def test_peer_median_and_rank_need_four_other_units(synthetic_folder):
    units = synthetic_folder / "units.csv"
    kept = [line for line in units.read_text().splitlines() if not line.startswith(("bhg-e", "bhg-f"))]
    units.write_text("\n".join(kept) + "\n")
    values = synthetic_folder / "values.csv"
    kept = [line for line in values.read_text().splitlines() if not line.startswith(("bhg-e", "bhg-f"))]
    values.write_text("\n".join(kept) + "\n")
    leave = row(scorecard(load_data(synthetic_folder), "bhg-a", 2024), "sykefravaer")
    assert leave["peer_count"] == 4  # three others: no median of them, no rank
    assert math.isnan(leave["peer_median"]) and pd.isna(leave["peer_rank"])


def test_not_applicable_is_no_target_rather_than_missing_data(alna_folder):
    values = alna_folder / "values.csv"
    values.write_text(values.read_text().replace("alna,forbruk,2008,97,", "alna,forbruk,2008,,."))
    spending = row(scorecard(load_data(alna_folder), "alna", 2008), "forbruk")
    assert spending["status"] == "no_target"
    assert spending["value_status"] == "."


def test_folder_without_optional_files_gives_a_scorecard_without_targets(alna_folder):
    (alna_folder / "targets.csv").unlink()
    card = scorecard(load_data(alna_folder), "alna", 2008)
    assert set(card["status"]) == {"no_target"}
    assert row(card, "sykefravaer")["trend"] == "improving"


def test_an_indicator_that_does_not_apply_shows_no_target(sample_data):
    """Fjordvik ungdomsskole has no 5th or 7th grade: 'ikke aktuelt' beside 'Mål 51' contradicted itself."""
    card = scorecard(sample_data, "skole-fjordvik-us", sample_data.latest_year)
    absent = card[card["value_status"] == "."]
    assert {"skole_np_lesing5", "skole_mobbing7"} <= set(absent["indicator_id"])
    assert absent[["target", "tolerance", "next_target"]].isna().all().all()
    assert (absent["status"] == "no_target").all()
