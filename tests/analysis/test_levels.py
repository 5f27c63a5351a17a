"""A service area's or the municipality's figures are context for a unit, never ranked."""

from __future__ import annotations

import math

import pandas as pd

from kitlib import check_folder, load_data
from kitlib.analysis.scorecard import scorecard


def _with_area_row(folder):
    """The synthetic kindergartens plus a row for the service area holding KOSTRA coverage."""
    (folder / "units.csv").write_text(
        (folder / "units.csv").read_text() + "omr-bhg,Barnehagene samlet,Barnehage\n"
    )
    units = (folder / "units.csv").read_text().splitlines()
    units[0] += ",level"
    units = [units[0]] + [
        line + (",tjenesteomrade" if line.startswith("omr-") else ",") for line in units[1:]
    ]
    (folder / "units.csv").write_text("\n".join(units) + "\n")
    with open(folder / "indicators.csv", "a", encoding="utf-8") as handle:
        handle.write(
            "dekning,Andel barn 1-5 år i barnehage,Barnehage,samfunn,KOSTRA,dekningsgrad,%,higher,nei,Andel\n"
        )
    with open(folder / "values.csv", "a", encoding="utf-8") as handle:
        for year, value in zip(range(2019, 2025), (91.0, 91.5, 92.0, 92.4, 93.1, 93.5)):
            handle.write(f"omr-bhg,dekning,{year},{value},,,\n")
    with open(folder / "benchmarks.csv", "a", encoding="utf-8") as handle:
        handle.write("dekning,2024,KOSTRA-gruppe 13,92.0\ndekning,2024,Landet uten Oslo,93.0\n")
    return folder


def test_area_figures_are_context_compared_with_benchmarks_not_ranked(synthetic_folder):
    folder = _with_area_row(synthetic_folder)
    assert check_folder(folder)[2] == []
    data = load_data(folder)
    card = scorecard(data, "bhg-a", 2024).set_index("indicator_id")
    coverage = card.loc["dekning"]
    assert coverage["level"] == "tjenesteomrade"
    assert coverage["value"] == 93.5
    assert coverage["peer_group_value"] == 92.0 and coverage["peer_group_gap"] > 0
    assert math.isnan(coverage["peer_median"]) and pd.isna(coverage["peer_rank"])
    assert card.loc["sykefravaer", "level"] == "enhet"
    # the area row is no peer of the units: six kindergartens are compared, not seven
    assert card.loc["sykefravaer", "peer_count"] == 6


def test_unit_level_rules_are_validated(synthetic_folder):
    folder = _with_area_row(synthetic_folder)
    units = folder / "units.csv"
    units.write_text(units.read_text() + "omr-bhg2,Igjen,Barnehage,tjenesteomrade\nx,X,Barnehage,fylke\n")
    messages = [str(p) for p in check_folder(folder)[2]]
    assert any("second row for service area 'Barnehage'" in m and "omr-bhg" in m for m in messages)
    assert any(
        "column 'level'" in m and "'fylke' is not one of: enhet, tjenesteomrade, kommune" in m
        for m in messages
    )
