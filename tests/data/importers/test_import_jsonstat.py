"""kitlib import jsonstat: the real SSB JSON-stat fixtures and synthetic edge cases."""

from __future__ import annotations

import json

import pytest
from folder_rows import REAL, assert_valid, find, rows

from kitlib.data.importers import SourceFormatError, import_jsonstat

PX_07221 = REAL / "ssb_07221_pxwebapi_jsonstat2.json"
STATBANK_07459 = REAL / "ssb_07459_statbank_jsonstat2.json"


def test_pxwebapi_07221_folds_boligtype_and_keeps_status(tmp_path):
    out = tmp_path / "data"
    result = import_jsonstat(PX_07221, out)
    assert_valid(out)
    assert result.table_id == "07221"
    assert result.values_added == 11 * 3 * 8  # 12 regions, one of them Hele landet
    ind = "07221:Boligindeks:Boligtype=01"
    assert find(out, "values.csv", unit_id="001", indicator_id=ind, period="2022K1")["value"] == "156.2"
    missing = find(
        out, "values.csv", unit_id="007", indicator_id="07221:Boligindeks:Boligtype=02", period="2022K1"
    )
    assert (missing["value"], missing["status"]) == ("", "..")
    # "Hele landet" is an aggregate: a benchmark, not a unit
    assert (
        find(out, "benchmarks.csv", indicator_id=ind, period="2022K1", group="Hele landet")["value"]
        == "136.2"
    )
    assert "TOTAL" not in {r["unit_id"] for r in rows(out, "units.csv")}
    meta = find(out, "indicators.csv", indicator_id=ind)
    assert meta["name"] == "Prisindeks for brukte boliger, Eneboliger"
    assert meta["direction"] == "none" and meta["influenceable"] == "nei"
    assert meta["definition"].startswith("07221: Prisindeks for brukte boliger")
    assert (meta["unit"], meta["decimals"]) == ("indeks", "1")
    assert "direction" in result.needs_completion[ind]
    prov = rows(out, "provenance.csv")
    assert prov[0]["table_id"] == "07221" and len(prov[0]["sha256"]) == 64
    assert "direction" in prov[0]["needs_completion"]


def test_filter_selects_one_category_with_the_same_id(tmp_path):
    out = tmp_path / "data"
    import_jsonstat(PX_07221, out, filters=["Boligtype=02", "Region=003,004"])
    assert_valid(out)
    assert {r["indicator_id"] for r in rows(out, "values.csv")} == {"07221:Boligindeks:Boligtype=02"}
    assert {r["unit_id"] for r in rows(out, "units.csv")} == {"003", "004"}


def test_statbank_07459_strips_k_prefix_and_cleans_labels(tmp_path):
    out = tmp_path / "data"
    result = import_jsonstat(STATBANK_07459, out, service_area="Befolkning")
    assert_valid(out)
    assert result.values_added == 359
    assert find(out, "values.csv", unit_id="3001", period="2022")["value"] == "31444"
    assert find(out, "values.csv", unit_id="0301", period="2022")["value"] == "699827"
    unit = find(out, "units.csv", unit_id="5436")
    assert unit["name"] == "Porsanger - Porsángu - Porsanki"  # trailing NBSP gone
    assert unit["service_area"] == "Befolkning"
    assert find(out, "indicators.csv", indicator_id="07459:Personer1")["service_area"] == "Befolkning"


def test_reimport_is_byte_identical_and_counts_replacements(tmp_path):
    out = tmp_path / "data"
    import_jsonstat(PX_07221, out)
    before = {p.name: p.read_bytes() for p in out.glob("*.csv") if p.name != "provenance.csv"}
    result = import_jsonstat(PX_07221, out)
    after = {p.name: p.read_bytes() for p in out.glob("*.csv") if p.name != "provenance.csv"}
    assert before == after
    assert (result.values_added, result.values_replaced, result.values_changed) == (0, 264, 0)
    assert len(rows(out, "provenance.csv")) == 2
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temp files left


def _tiny(**changes) -> dict:
    doc = {
        "version": "2.0",
        "class": "dataset",
        "label": "99999: Test, etter region og år",
        "id": ["Region", "ContentsCode", "Tid"],
        "size": [2, 1, 2],
        "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
        "dimension": {
            "Region": {
                "label": "region",
                "category": {
                    "index": {"3801": 0, "3802": 1},
                    "label": {"3801": "Horten", "3802": "Holmestrand"},
                },
            },
            "ContentsCode": {
                "label": "statistikkvariabel",
                "category": {
                    "index": {"Andel": 0},
                    "label": {"Andel": "Andel (prosent)"},
                    "unit": {"Andel": {"base": "prosent", "decimals": 1}},
                },
            },
            "Tid": {"label": "år", "category": {"index": {"2023": 0, "2024": 1}}},
        },
        "value": [1.5, None, 0, 4.25],
        "status": {"1": ":", "2": "."},
    }
    doc.update(changes)
    return doc


def test_symbols_and_sparse_values(tmp_path):
    src = tmp_path / "t.json"
    src.write_text(json.dumps(_tiny()), encoding="utf-8")
    out = tmp_path / "data"
    import_jsonstat(src, out)
    assert_valid(out)
    assert find(out, "values.csv", unit_id="3801", period="2024")["status"] == ":"
    # SSB's v1 API writes 0 beside '.'; the symbol wins
    dot = find(out, "values.csv", unit_id="3802", period="2023")
    assert (dot["value"], dot["status"]) == ("", ".")
    assert find(out, "indicators.csv", indicator_id="99999:Andel")["unit"] == "%"

    sparse = _tiny(value={"0": 1.5, "3": 4.25}, status=None)
    src.write_text(json.dumps(sparse), encoding="utf-8")
    out2 = tmp_path / "data2"
    import_jsonstat(src, out2)
    assert find(out2, "values.csv", unit_id="3802", period="2023")["status"] == ".."


def test_jsonstat_v1_bundle_as_pxwebapi_v0_returns_it(tmp_path):
    doc = _tiny()
    ds = {k: v for k, v in doc.items() if k not in ("id", "size", "role", "version", "class")}
    ds["dimension"] = dict(doc["dimension"], id=doc["id"], size=doc["size"], role=doc["role"])
    src = tmp_path / "v1.json"
    src.write_text(json.dumps({"dataset": ds}), encoding="utf-8")
    out = tmp_path / "data"
    import_jsonstat(src, out)
    assert find(out, "values.csv", unit_id="3802", period="2024")["value"] == "4.25"


def test_dimension_override_and_refusals(tmp_path):
    doc = _tiny()
    doc["dimension"]["Sted"] = doc["dimension"].pop("Region")
    doc["dimension"]["Sted"]["label"] = "sted"
    doc["id"] = ["Sted", "ContentsCode", "Tid"]
    src = tmp_path / "t.json"
    src.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SourceFormatError, match="--unit-dim"):
        import_jsonstat(src, tmp_path / "a")
    import_jsonstat(src, tmp_path / "b", unit_dim="Sted")
    assert_valid(tmp_path / "b")
    with pytest.raises(SourceFormatError, match="no such category"):
        import_jsonstat(src, tmp_path / "c", unit_dim="Sted", filters=["Sted=9999"])

    src.write_text(json.dumps(_tiny(value=[1, 2, 3])), encoding="utf-8")
    with pytest.raises(SourceFormatError, match="should hold 4 cells"):
        import_jsonstat(src, tmp_path / "d")
    src.write_text("{not json", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="line 1"):
        import_jsonstat(src, tmp_path / "e")
    assert not (tmp_path / "e" / "values.csv").exists()
