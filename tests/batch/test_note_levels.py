"""`kitlib briefings --level`: the municipality's note, one per service area and one per
unit, through the same batch, index and manifest."""

from __future__ import annotations

import json
import re

import pytest

from kitlib import batch
from kitlib.analysis.scorecard import result_units
from kitlib.batch.outputs import note_stems
from kitlib.batch.plan import AREA_NOTE, MUNICIPALITY_NOTE, UNIT_NOTE
from kitlib.batch.run import make_plan
from kitlib.cli.main import main
from kitlib.errors import BriefingError, DataValidationError


def levels(plan) -> list[str]:
    return [job.level for job in plan.units]


def test_all_levels_by_default_the_municipality_first_then_areas_then_units(sample_data):
    plan = make_plan()
    units = result_units(sample_data)
    areas = list(dict.fromkeys(units["service_area"]))
    assert levels(plan) == [MUNICIPALITY_NOTE] + [AREA_NOTE] * len(areas) + [UNIT_NOTE] * len(units)
    assert [job.name for job in plan.units[1 : 1 + len(areas)]] == areas
    stems = [job.stem for job in plan.units]
    assert len({s.lower() for s in stems}) == len(stems)
    assert plan.units[0].stem == "municipality" and plan.units[1].stem == "area-" + areas[0].lower()
    assert plan.area_notebook.name == "service_area.ipynb"
    assert plan.municipality_notebook.name == "municipality.ipynb"


def test_named_units_make_unit_notes_only_and_an_area_its_units_and_its_note(sample_data):
    assert set(levels(make_plan(units=["skole-sentrum"]))) == {UNIT_NOTE}
    plan = make_plan(service_area="Skole")
    assert [(j.level, j.service_area) for j in plan.units if j.level != UNIT_NOTE] == [(AREA_NOTE, "Skole")]
    assert {j.service_area for j in plan.units} == {"Skole"}
    only = make_plan(level=AREA_NOTE)
    assert set(levels(only)) == {AREA_NOTE} and only.municipality_notebook is None


def test_an_unknown_level_is_refused_with_the_choices():
    with pytest.raises(BriefingError, match="unknown level 'kommune'; choose one of: unit, service-area"):
        make_plan(level="kommune")


def test_a_unit_id_named_like_the_municipality_s_note_is_refused_by_validation(sample_copy):
    for name in ("units.csv", "values.csv", "comments.csv", "targets.csv"):
        path = sample_copy / name
        path.write_text(path.read_text(encoding="utf-8").replace("bhg-solsikken,", "Municipality,"), "utf-8")
    with pytest.raises(DataValidationError, match="Municipality"):
        make_plan(sample_copy)


def test_no_unit_takes_the_file_name_of_the_municipality_an_area_or_a_pack():
    """Defence in depth: the batch's names stay apart even for ids validation would let through."""
    units, areas = note_stems(["Municipality", "area-skole", "samlet-skole", "lia"], ["Skole"])
    assert areas == {"Skole": "area-skole"}
    assert units["lia"] == "lia"
    taken = {"municipality", "area-skole", "samlet-skole"}
    for unit_id in ("Municipality", "area-skole", "samlet-skole"):
        assert units[unit_id].casefold() not in taken, units
        assert units[unit_id].startswith(unit_id)  # still recognisable, with a hash after it


@pytest.mark.slow
def test_one_run_links_the_municipality_the_areas_and_the_units_from_one_index(tmp_path, sample_data):
    """One area (its note, its units) and the municipality: the index links each page."""
    out = tmp_path / "notes"
    code = main(["briefings", "--service-area", "Byggesak", "--out", str(out), "--jobs", "2"])
    assert code == 0
    assert (out / "area-byggesak.html").is_file()
    again = batch.make_briefings(out=out, level=MUNICIPALITY_NOTE, jobs=1)
    assert again.exit_code == 0, [r.error for r in again.failed]
    index = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"#]+)"', index)
    assert "municipality.html" in links and "area-byggesak.html" in links
    byggesak = result_units(sample_data).query("service_area == 'Byggesak'")["unit_id"]
    assert all(f"{u}.html" in links for u in byggesak)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["units"]["municipality"]["level"] == MUNICIPALITY_NOTE
    assert manifest["units"]["service-area:Byggesak"]["html"] == "area-byggesak.html"
    page = (out / "area-byggesak.html").read_text(encoding="utf-8")
    assert "Byggesak" in page and "<pre" not in page and "Traceback" not in page
