"""Same inputs, same bytes: two runs of the same batch write identical files, manifest.json
included, also with a different number of jobs; what differs between runs (when, how long,
where, how many jobs) is in run.json only.

PDFs: Chromium's print to PDF stamps each file with /CreationDate and /ModDate; batch.pdf
overwrites both with a fixed time of the same length, so two prints of one page are the same
bytes (tested on one small page, with Chromium).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tiny_notebook import UNITS, tiny_notebook

from kitlib import batch
from kitlib.batch.pdf import find_chromium, print_pdf

# a note with figures from the data, a table and a chart: what a page holds
CELLS = (
    "from kitlib import load_data, scorecard\n"
    "card = scorecard(load_data(data_dir), unit_id, year)\n"
    "card[['indicator_id', 'value', 'target', 'status']]",
    "import matplotlib.pyplot as plt\nax = card['value'].plot(kind='bar')\nplt.show()",
)


def files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name != "run.json"}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("determinism")
    notebook = tiny_notebook(folder, *CELLS)
    outs = {}
    for jobs in (1, 2):
        outs[jobs] = folder / f"jobs{jobs}"
        result = batch.make_briefings(
            out=outs[jobs], units=UNITS[:2], level="unit", jobs=jobs, notebook=notebook
        )
        assert result.exit_code == 0, [r.error for r in result.failed]
    return notebook, outs


@pytest.mark.slow
def test_jobs_1_and_jobs_2_write_the_same_bytes(two_runs):
    _, outs = two_runs
    one, two = files(outs[1]), files(outs[2])
    assert sorted(one) == sorted(two)
    assert {"index.html", "manifest.json", f"{UNITS[0]}.html", f"{UNITS[0]}.scorecard.xlsx"} <= set(one)
    different = [name for name in one if one[name] != two[name]]
    assert not different


@pytest.mark.slow
def test_a_second_run_into_the_same_folder_writes_the_same_bytes(two_runs):
    notebook, outs = two_runs
    before = files(outs[1])
    batch.make_briefings(out=outs[1], units=UNITS[:2], level="unit", jobs=1, notebook=notebook)
    after = files(outs[1])
    assert [name for name in before if before[name] != after.get(name)] == []


@pytest.mark.slow
def test_run_times_jobs_and_host_are_in_run_json_only(two_runs):
    _, outs = two_runs
    manifest = (outs[2] / "manifest.json").read_text(encoding="utf-8")
    for key in ('"generated"', '"seconds"', '"jobs"', '"host"', '"finished"'):
        assert key not in manifest
    run = json.loads((outs[2] / "run.json").read_text(encoding="utf-8"))
    assert run["jobs"] == 2 and run["seconds"] > 0 and run["finished"]
    assert set(run["seconds_per_note"]) == set(UNITS[:2])
    assert run["host"]["cpus"]


@pytest.mark.browser
@pytest.mark.skipif(find_chromium() is None, reason="needs Debian's chromium")
def test_two_prints_of_one_page_are_the_same_pdf(tmp_path):
    import time

    page = tmp_path / "note.html"
    page.write_text("<!doctype html><title>Note</title><h1>Lia barnehage 2025</h1>", encoding="utf-8")
    print_pdf(find_chromium(), page, tmp_path / "first.pdf")
    time.sleep(1.1)  # a second later: a print time in the file would differ
    print_pdf(find_chromium(), page, tmp_path / "second.pdf")
    first, second = (tmp_path / "first.pdf").read_bytes(), (tmp_path / "second.pdf").read_bytes()
    assert b"/CreationDate" in first and first == second
