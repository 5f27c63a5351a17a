"""kitlib import kolada: rKolada-derived CSVs and the API's value JSON."""

from __future__ import annotations

import json

import pytest
from folder_rows import REAL, assert_valid, find, rows

from kitlib.data.importers import SourceFormatError, import_kolada


def test_n00945_csv(tmp_path):
    out = tmp_path / "data"
    result = import_kolada(REAL / "kolada_n00945_derived.csv", out)
    assert_valid(out)
    assert result.values_added == 63
    assert (
        find(out, "values.csv", unit_id="0180", indicator_id="N00945", period="2000")["value"]
        == "31.32959689"
    )
    assert (
        find(out, "values.csv", unit_id="1480", indicator_id="N00945", period="2000")["value"]
        == "33.23952169"
    )
    assert find(out, "units.csv", unit_id="1280")["name"] == "Malmö"
    # Kolada's value data has no title: the KPI id stands in and is flagged
    assert {"name", "direction", "definition"} <= set(result.needs_completion["N00945"])
    # count is not n (it would hide figures below the minimum number of respondents)
    assert "n" not in rows(out, "values.csv")[0]


def test_peer_group_csv(tmp_path):
    out = tmp_path / "data"
    result = import_kolada(REAL / "kolada_grp_data_derived.csv", out, service_area="Kommun")
    assert_valid(out)
    assert sorted(result.indicators_added) == ["N03702", "N03703"]
    assert len(result.units_added) == 8
    assert (
        find(out, "values.csv", unit_id="0319", indicator_id="N03702", period="2012")["value"] == "253.891158"
    )


def _api_json() -> dict:
    return {
        "count": 3,
        "values": [
            {
                "kpi": "N15033",
                "municipality": "1984",
                "period": 2022,
                "values": [
                    {"count": 1, "gender": "T", "status": "", "value": 81.5},
                    {"count": 1, "gender": "K", "status": "", "value": 83.0},
                    {"count": 1, "gender": "M", "status": "", "value": 80.1},
                ],
            },
            {
                "kpi": "N15033",
                "municipality": "1984",
                "period": 2023,
                "values": [{"count": 0, "gender": "T", "status": "Missing", "value": None}],
            },
            {
                "kpi": "N15033",
                "municipality": "0000",
                "period": 2022,
                "values": [{"count": 1, "gender": "T", "status": "", "value": 79.0}],
            },
        ],
    }


def test_api_json_genders_missing_and_riket(tmp_path):
    src = tmp_path / "values.json"
    src.write_text(json.dumps(_api_json()), encoding="utf-8")
    out = tmp_path / "data"
    result = import_kolada(src, out)
    assert_valid(out)
    assert find(out, "values.csv", unit_id="1984", period="2022")["value"] == "81.5"
    missing = find(out, "values.csv", unit_id="1984", period="2023")
    assert (missing["value"], missing["status"]) == ("", "..")
    assert find(out, "benchmarks.csv", group="Riket", period="2022")["value"] == "79"
    assert any("other genders" in n for n in result.notes)

    out2 = tmp_path / "all"
    import_kolada(src, out2, gender="*")
    assert_valid(out2)
    assert find(out2, "values.csv", indicator_id="N15033:K", period="2022")["value"] == "83"


def test_not_kolada_is_refused(tmp_path):
    src = tmp_path / "x.csv"
    src.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="no column kpi"):
        import_kolada(src, tmp_path / "data")
    src.write_text("kpi,municipality,year,value\nN1,0180,2020,abc\n", encoding="utf-8")
    with pytest.raises(SourceFormatError) as info:
        import_kolada(src, tmp_path / "data")
    assert (info.value.line, info.value.column) == (2, "value")
