"""`kitlib briefings --resume`: only the notes whose files are missing, failed or older than
their inputs are made again, and the index and manifest still describe every note."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tiny_notebook import UNITS, tiny_notebook

from kitlib import batch
from kitlib.batch import run_report
from kitlib.batch.run import make_plan
from kitlib.cli.main import main
from kitlib.data.resources import sample_folder


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_a_notes_fingerprint_changes_with_each_of_its_inputs(tmp_path, monkeypatch):
    data = Path(shutil.copytree(sample_folder(), tmp_path / "data"))
    notebook = tiny_notebook(tmp_path)

    def prints(**changes):
        plan = make_plan(data, units=UNITS[:2], notebook=notebook, **changes)
        return run_report.note_fingerprints(plan)

    before = prints()
    assert before == prints()  # the same inputs, the same fingerprint
    assert len(set(before.values())) == 1  # the two unit notes share every input
    assert prints(lang="en") != before
    assert prints(year=2024) != before
    with (data / "kit.toml").open("a", encoding="utf-8") as handle:
        handle.write("# edited\n")
    assert prints() != before
    changed_data = prints()
    notebook.write_text(notebook.read_text(encoding="utf-8").replace("A tiny note", "A small note"))
    assert prints() != changed_data
    changed_notebook = prints()
    monkeypatch.setattr(run_report, "_version", lambda package: "99.0")
    assert prints() != changed_notebook


@pytest.mark.slow
def test_resume_makes_the_missing_the_failed_and_the_out_of_date_notes_only(tmp_path):
    data = Path(shutil.copytree(sample_folder(), tmp_path / "data"))
    notebook = tiny_notebook(tmp_path)
    out = tmp_path / "out"

    def resume():
        return batch.make_briefings(
            data, out=out, units=UNITS, level="unit", jobs=1, notebook=notebook, resume=True
        )

    first = resume()  # nothing there yet: all three
    assert [r.unit_id for r in first.results] == UNITS and first.exit_code == 0
    kept = out / f"{UNITS[2]}.html"
    kept_stamp = kept.stat().st_mtime_ns

    (out / f"{UNITS[0]}.html").unlink()  # a page deleted
    record = manifest(out)
    record["units"][UNITS[1]]["status"] = "failed"  # a note that failed
    (out / "manifest.json").write_text(json.dumps(record), encoding="utf-8")
    second = resume()
    assert [r.unit_id for r in second.results] == UNITS[:2]
    assert second.kept == 1 and second.exit_code == 0
    assert kept.stat().st_mtime_ns == kept_stamp  # not made again
    assert {u: e["status"] for u, e in manifest(out)["units"].items()} == dict.fromkeys(UNITS, "ok")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{unit}.html"' in index for unit in UNITS)  # every note, not the two made

    nothing = resume()  # all up to date
    assert nothing.results == [] and nothing.kept == 3 and nothing.exit_code == 0
    assert set(manifest(out)["units"]) == set(UNITS)

    with (data / "kit.toml").open("a", encoding="utf-8") as handle:
        handle.write("# the data changed\n")
    third = resume()
    assert [r.unit_id for r in third.results] == UNITS  # every note depends on the data
    assert kept.stat().st_mtime_ns != kept_stamp


def test_a_timeout_of_0_is_refused_before_anything_runs(tmp_path, capsys):
    assert main(["briefings", "--resume", "--timeout", "0", "--out", str(tmp_path / "out")]) == 2
    assert "--timeout must be a number of seconds above 0" in capsys.readouterr().err
