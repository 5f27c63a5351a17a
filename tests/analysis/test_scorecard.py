import math

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


def test_tertial_indicator_reports_its_last_tertial_against_the_yearly_target(synthetic_folder):
    data = load_data(synthetic_folder)
    leave = row(scorecard(data, "bhg-a", 2024), "sykefravaer")
    assert leave["period"] == "2024T3"
    expected = data.values.query(
        "unit_id == 'bhg-a' and period == '2024T3' and indicator_id == 'sykefravaer'"
    )
    assert leave["value"] == pytest.approx(expected["value"].iat[0])
    assert leave["target"] == 7
    assert leave["next_target"] == 6.5


def test_peer_comparison_uses_the_other_units_and_signs_gaps_so_positive_is_better(synthetic_folder):
    data = load_data(synthetic_folder)
    cards = {u: row(scorecard(data, u, 2024), "sykefravaer") for u in ["bhg-a", "bhg-b", "bhg-c", "bhg-d"]}
    values = {u: c["value"] for u, c in cards.items()}
    best = min(values, key=values.get)  # lower sick leave is better
    assert cards[best]["peer_rank"] == 1
    assert cards[best]["peer_count"] == 4
    others = sorted(v for u, v in values.items() if u != best)
    assert cards[best]["peer_median"] == pytest.approx(others[1])
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
    assert leave["period"] == "2024T3"
    assert leave["trend"] == "stable"


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
