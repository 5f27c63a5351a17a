"""`kitlib briefings`: pages without code or network, CSVs from the library, failures
reported unit by unit, identical bytes on a second run, nothing written on bad input.

The notebook runs are slow (seconds each), so one module-wide run of three units is
shared by most checks; the other runs hold one or two units.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
import shutil
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from kitlib import batch
from kitlib.analysis.scorecard import scorecard
from kitlib.batch import kernel, run_report
from kitlib.batch.outputs import file_stem
from kitlib.batch.run import _with_earlier_notes
from kitlib.cli.main import main
from kitlib.data.resources import bundled, sample_folder
from kitlib.report.formatting import format_text

EXTERNAL = re.compile(r"""(src|href)\s*=\s*["']?\s*(https?:)?//|@import|url\(\s*["']?\s*(https?:)?//""", re.I)
MARKUP_NAME = """Lia <b>&"' barnehage"""


def first_units(data, areas: int) -> list[str]:
    """The first unit of each of the first `areas` service areas: different notebooks paths."""
    firsts = data.units.drop_duplicates("service_area")
    return list(firsts["unit_id"].head(areas))


@pytest.fixture(scope="module")
def run(tmp_path_factory, sample_data):
    out = tmp_path_factory.mktemp("briefings")
    units = first_units(sample_data, 3)
    result = batch.make_briefings(out=out, units=units, jobs=2)
    return result, out, units


def page(out: Path, unit_id: str) -> str:
    return (out / f"{unit_id}.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_every_unit_succeeds_and_the_run_exits_0(run):
    result, out, units = run
    assert [r.unit_id for r in result.results] == units
    assert [r.status for r in result.results] == ["ok"] * len(units), [r.error for r in result.failed]
    assert result.exit_code == 0
    for unit in units:
        assert (out / f"{unit}.html").is_file()
        assert not (out / f"{unit}.failed.ipynb").exists()
    assert not list(out.glob(".*")), "temporary files left behind"


@pytest.mark.slow
def test_pages_hold_no_code_prompts_or_network_references(run):
    _, out, units = run
    for name in [f"{u}.html" for u in units] + ["index.html"]:
        text = (out / name).read_text(encoding="utf-8")
        assert "jp-InputArea" not in text and "input_area" not in text
        assert "In [" not in text and "In&nbsp;[" not in text
        assert not EXTERNAL.search(text), EXTERNAL.search(text)
        policy = 'http-equiv="Content-Security-Policy"'  # the page's CSP, the one 'http' allowed
        assert "http" not in re.sub(r"data:[\w/+.-]+;base64,[^\"')\s]+", "", text.replace(policy, "")).lower()
        assert "<script" not in text.lower()


@pytest.mark.slow
def test_page_holds_header_language_title_and_the_unit_scorecard(run, sample_data):
    result, out, units = run
    year = result.plan.year
    for unit in units:
        text = page(out, unit)
        name = sample_data.unit(unit)["name"]
        assert '<html lang="nb">' in text
        assert f"<title>{html.escape(name)} {year}</title>" in text
        assert html.escape(sample_data.config.municipality) in text
        assert "@page" in text and "size: A4" in text
        for indicator in scorecard(sample_data, unit, year)["name"]:
            assert html.escape(format_text(indicator, "nb")) in text, indicator  # "1–5 år" as shown


@pytest.mark.slow
def test_scorecard_csv_is_the_library_scorecard(run, sample_data):
    result, out, units = run
    for unit in units:
        raw = (out / f"{unit}.scorecard.csv").read_bytes()
        assert b"\r\n" not in raw and not raw.startswith(b"\xef\xbb\xbf")
        written = pd.read_csv(out / f"{unit}.scorecard.csv", dtype={"period": str})
        expected = scorecard(sample_data, unit, result.plan.year)
        assert list(written.columns) == list(expected.columns)
        assert list(written["indicator_id"]) == list(expected["indicator_id"])
        assert list(written["period"]) == list(expected["period"].astype(str))
        for column in ("status", "trend"):
            assert list(written[column]) == list(expected[column])
        for column in ("value", "target"):
            np.testing.assert_allclose(written[column].astype(float), expected[column].astype(float))


@pytest.mark.slow
def test_index_lists_every_unit_with_link_and_counts(run, sample_data):
    result, out, units = run
    text = (out / "index.html").read_text(encoding="utf-8")
    assert html.escape(sample_data.config.municipality) in text
    assert str(result.plan.year) in text
    for unit in units:
        row = re.search(rf'<tr data-unit="{re.escape(unit)}">(.*?)</tr>', text, re.S)
        assert row, unit
        assert f'href="{unit}.html"' in row.group(1)
        card = scorecard(sample_data, unit, result.plan.year)
        own = (card["level"] == "enhet") & (card["indicator_type"] != "kontekst")
        counts = card.loc[own, "status"].value_counts()
        cells = re.findall(r'<td class="num">(\d+)</td>', row.group(1))
        codes = ("met", "near", "uncertain", "not_met", "no_data", "no_target")
        assert cells == [str(counts.get(code, 0)) for code in codes]
        assert f'href="{unit}.scorecard.xlsx"' in row.group(1)
        area = sample_data.unit(unit)["service_area"]
        assert f"<h2>{html.escape(area)} " in text


@pytest.mark.slow
def test_manifest_records_inputs_versions_and_units(run):
    result, out, units = run
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files = {f["path"]: f["sha256"] for f in manifest["inputs"]["files"]}
    for path in sample_folder().iterdir():
        assert files[path.name] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (
        manifest["inputs"]["notebook"]["sha256"]
        == hashlib.sha256(bundled("notebooks/briefing.ipynb").read_bytes()).hexdigest()
    )
    for package in ("kitlib", "pandas", "matplotlib", "papermill", "nbconvert", "python"):
        assert manifest["versions"][package]
    assert sorted(manifest["units"]) == sorted(units)
    assert all(u["status"] == "ok" for u in manifest["units"].values())
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))  # times: not in the manifest
    assert all(run["seconds_per_note"][unit] > 0 for unit in units)
    text = (out / "manifest.json").read_text(encoding="utf-8")
    assert text == json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.slow
def test_cli_run_gives_identical_bytes(run, tmp_path):
    """A second run, through the CLI, in this process (--jobs 1): the same bytes as the pool's."""
    result, out, units = run
    again = tmp_path / "again"
    assert main(["briefings", "--units", units[0], "--out", str(again), "--jobs", "1"]) == 0
    for name in (f"{units[0]}.html", f"{units[0]}.scorecard.csv"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


@pytest.mark.slow
def test_index_is_identical_on_a_second_run(run, tmp_path):
    result, out, _ = run
    again = run_report.render_index(result.plan, result.results)
    assert again.encode("utf-8") == (out / "index.html").read_bytes()


def failing_notebook(folder: Path, unit_id: str) -> tuple[Path, int]:
    """A copy of the briefing notebook with a cell, right after the parameters, that raises for one unit."""
    nb = nbformat.read(bundled("notebooks/briefing.ipynb"), as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])) + 1
    nb.cells.insert(
        at,
        nbformat.v4.new_code_cell(f"if unit_id == {unit_id!r}:\n    raise ValueError('boom for the test')"),
    )
    path = folder / "briefing_failing.ipynb"
    nbformat.write(nb, path)
    return path, at


@pytest.mark.slow
def test_one_failing_unit_is_reported_and_the_others_are_made(tmp_path, monkeypatch):
    """Also: names with markup stay text; a stale .failed.ipynb of a unit that now works goes."""
    data = Path(shutil.copytree(sample_folder(), tmp_path / "data"))
    rows = list(csv.reader((data / "units.csv").open(encoding="utf-8", newline="")))
    good, bad = rows[1][0], rows[2][0]
    rows[1][1] = MARKUP_NAME
    with (data / "units.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    notebook, cell = failing_notebook(tmp_path, bad)
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{good}.failed.ipynb").write_text("{}", encoding="utf-8")
    (out / f"{bad}.html").write_text("last year's page", encoding="utf-8")
    monkeypatch.setattr(kernel, "RESTART_EVERY", 1)  # exercise the kernel restart too (jobs=1: this process)

    result = batch.make_briefings(data, out=out, units=[good, bad], jobs=1, notebook=notebook)

    assert result.exit_code == 1
    status = {r.unit_id: r for r in result.results}
    assert status[good].status == "ok"
    assert status[bad].status == "failed"
    assert status[bad].failed_cell == cell
    assert "ValueError: boom for the test" in status[bad].error
    assert (out / f"{good}.html").is_file() and not (out / f"{good}.failed.ipynb").exists()
    assert not (out / f"{bad}.html").exists()
    kept = nbformat.read(out / f"{bad}.failed.ipynb", as_version=4)
    assert "An Exception was encountered" in kept.cells[0].source

    index = (out / "index.html").read_text(encoding="utf-8")
    row = re.search(rf'<tr data-unit="{re.escape(bad)}" class="failed">(.*?)</tr>', index, re.S).group(1)
    assert f"{bad}.failed.ipynb" in row and f"celle {cell}" in row and "boom for the test" in row
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["units"][bad]["status"] == "failed"
    assert manifest["units"][bad]["failed_cell"] == cell
    assert manifest["units"][good]["status"] == "ok"

    for text in (index, (out / f"{good}.html").read_text(encoding="utf-8")):
        assert MARKUP_NAME not in text and "<b>&" not in text
        assert "Lia &lt;b&gt;&amp;" in text


def test_invalid_input_exits_2_lists_problems_and_writes_nothing(sample_copy, tmp_path, capsys):
    values = sample_copy / "values.csv"
    lines = values.read_text(encoding="utf-8").splitlines()
    parts = lines[1].split(",")
    parts[3] = "lots"
    lines[1] = ",".join(parts)
    values.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["briefings", "--data", str(sample_copy), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "values.csv, line 2, column 'value'" in err and "'lots'" in err
    assert not out.exists()


def test_unknown_unit_or_area_exits_2_before_running(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["briefings", "--units", "no-such-unit", "--out", str(out)]) == 2
    assert "no-such-unit" in capsys.readouterr().err
    assert main(["briefings", "--service-area", "Romfart", "--out", str(out)]) == 2
    assert "Romfart" in capsys.readouterr().err
    assert not out.exists()


def test_pdf_without_chromium_says_how_to_install_and_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    out = tmp_path / "out"
    assert main(["briefings", "--pdf", "--out", str(out)]) == 2
    assert "apt-get install -y chromium" in capsys.readouterr().err
    assert not out.exists()


def test_unit_ids_become_safe_file_names():
    assert file_stem("bhg-lia") == "bhg-lia"
    assert file_stem("../etc/passwd") == "_etc_passwd"
    assert file_stem("skole æ/ø") == "skole_æ_ø"


@pytest.mark.slow
def test_a_subset_run_updates_its_units_and_keeps_the_others(tmp_path):
    out = tmp_path / "notes"
    first = batch.make_briefings(out=out, units=["bhg-lia", "skole-lia"], jobs=1)
    assert first.exit_code == 0
    (out / "bhg-lia.html").write_text("stale", encoding="utf-8")
    again = batch.make_briefings(out=out, units=["bhg-lia"], jobs=1)
    assert again.exit_code == 0 and [r.unit_id for r in again.results] == ["bhg-lia"]
    assert (out / "bhg-lia.html").read_text(encoding="utf-8") != "stale"  # updated
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="bhg-lia.html"' in index and 'href="skole-lia.html"' in index  # the other is kept
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["units"]) == {"bhg-lia", "skole-lia"}
    # a note whose page is gone is not linked from the next index
    (out / "skole-lia.html").unlink()
    shown, _results = _with_earlier_notes(again.plan, again.results)
    assert [job.unit_id for job in shown.units] == ["bhg-lia"]
