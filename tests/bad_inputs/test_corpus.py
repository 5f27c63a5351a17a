"""The bad-input corpus: every broken or hostile input kitlib must refuse, or accept safely.

Each case is a folder ``cases/<NN-short-name>/`` holding ``case.toml`` and only the files
that differ from the small valid folder ``base/`` (2 schools and a kindergarten, four
indicators, 2022-2024). The test copies ``base/``, removes and overrides files as the case
says, runs the case's command in-process and compares what it prints, exactly.

case.toml:

    about = "what is broken"                    # one line, required
    command = "validate"                        # or "load", "import <kind> <args>", "briefing <unit> <year>"
    exit = 2                                    # validate and import: the exit code (0 or 2)
    expected = ["units.csv, line 3, ..."]       # the message lines, exactly (see below)
    remove = ["targets.csv"]                    # files of base/ to delete
    [[write]]                                   # files made here: other encodings, control
    file = "units.csv"                          # characters, huge fields (TOML escapes
    text = "unit_id,name\\nx\\u0000y,..."       # such as \\u0000 write any character)
    encoding = "utf-16-le"                      # default utf-8
    repeat = ["N", 200000]                      # "<<REPEAT>>" in text becomes "N" * 200000
    [written]                                   # after an accepted import: lines the data
    "units.csv" = ["'=SUM(A1),..."]             # folder's files must hold, exactly
    [page]                                      # briefing: text the note's HTML must not /
    absent = ["<script>"]                       # must hold (the data's markup, escaped)
    present = ["&lt;script&gt;"]

`expected` is, for `validate`, the problems as `kitlib validate` prints them (each line
``file, line N, column 'c': message``; an empty list for a folder it accepts); for `load`,
the lines of the DataValidationError; for `import`, the lines of the error message after
``kitlib import <kind>: ``. ``{data}`` stands for the data folder, ``{current_year}`` for
this year and ``{current_year+5}`` for the last year a target may be for. To add a case, copy a similar folder, change it, and run this test.
"""

from __future__ import annotations

import contextlib
import io
import shlex
import shutil
import tomllib
from pathlib import Path

import pytest

from kitlib import prepare_briefing
from kitlib.cli.main import main
from kitlib.data.load import load_data
from kitlib.data.validate import this_year
from kitlib.errors import DataValidationError

HERE = Path(__file__).resolve().parent
BASE = HERE / "base"
CASES = sorted(p for p in (HERE / "cases").iterdir() if (p / "case.toml").exists())
KEYS = {"about", "command", "exit", "expected", "remove", "write", "written", "page"}


def read_case(case: Path) -> dict:
    spec = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    unknown = set(spec) - KEYS
    assert not unknown, f"{case.name}/case.toml: unknown keys {sorted(unknown)}; known are {sorted(KEYS)}"
    assert spec.get("about"), f"{case.name}/case.toml: say what is broken in 'about'"
    return spec


def build_folder(case: Path, spec: dict, tmp_path: Path) -> Path:
    """base/ with the case's files removed, replaced and written."""
    data = Path(shutil.copytree(BASE, tmp_path / "data"))
    for name in spec.get("remove", []):
        (data / name).unlink()
    for path in case.iterdir():
        if path.name != "case.toml":
            shutil.copyfile(path, data / path.name)
    for item in spec.get("write", []):
        text = item["text"]
        if "repeat" in item:
            char, count = item["repeat"]
            text = text.replace("<<REPEAT>>", char * count)
        (data / item["file"]).write_bytes(text.encode(item.get("encoding", "utf-8")))
    return data


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def fill(lines: list[str], data: Path) -> list[str]:
    year = this_year()
    places = {"{data}": str(data), "{current_year}": str(year), "{current_year+5}": str(year + 5)}
    for place, text in places.items():
        lines = [line.replace(place, text) for line in lines]
    return lines


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path, tmp_path: Path) -> None:
    spec = read_case(case)
    data = build_folder(case, spec, tmp_path)
    command = shlex.split(spec["command"].replace("{data}", str(data)))
    expected = fill(spec.get("expected", []), data)

    if command[0] == "validate":
        code, out, err = run_cli(["validate", str(data)])
        if not expected:
            assert (code, err) == (0, ""), err
            assert out.startswith(f"OK {data}: ")
        else:
            head = f"{data}: {len(expected)} problem(s). Fix them (see data/README.md) and run again."
            assert err.splitlines() == [head, *(f"  {line}" for line in expected)]
            assert (code, out) == (2, "")
        assert code == spec.get("exit", 2 if expected else 0)

    elif command[0] == "load":
        with pytest.raises(DataValidationError) as info:
            load_data(data)
        assert str(info.value).splitlines() == expected

    elif command[0] == "import":
        code, out, err = run_cli([*command, "--out", str(data)])
        assert code == spec["exit"], err or out
        if code:
            prefix = f"kitlib import {command[1]}: "
            assert err.startswith(prefix)
            assert err.removeprefix(prefix).splitlines() == expected
        for name, lines in spec.get("written", {}).items():
            held = (data / name).read_text(encoding="utf-8").splitlines()
            for line in lines:
                assert line in held, f"{name} lacks {line!r}; it holds:\n" + "\n".join(held)

    elif command[0] == "briefing":
        # markup is data, not page: the folder is valid, and its note shows the text escaped
        code, _, err = run_cli(["validate", str(data)])
        assert code == 0, err
        unit, year = command[1], int(command[2])
        page = "".join(section.html for section in prepare_briefing(data, unit, year, "nb").sections())
        for text in spec["page"].get("absent", []):
            assert text not in page
        for text in spec["page"]["present"]:
            assert text in page, text

    else:
        pytest.fail(f"{case.name}: unknown command {command[0]!r}")


def test_the_corpus_is_large_and_its_base_is_valid():
    assert len(CASES) >= 60
    assert [p for p in (HERE / "cases").iterdir() if p not in CASES] == []  # no folder without case.toml
    code, out, err = run_cli(["validate", str(BASE)])
    assert (code, err) == (0, ""), err
