"""The documentation says what the code does: every contract column is in data/README.md."""

import re
from pathlib import Path

from kitlib.data import contract

ROOT = Path(__file__).resolve().parents[2]


def test_data_readme_documents_every_column_of_every_file():
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for spec in contract.FILES:
        section = text.split(f"### `{spec.name}`", 1)[1].split("###", 1)[0]
        documented = re.findall(r"^\| `(\w+)` \| (\w+) \| (yes|no) \|", section, flags=re.M)
        expected = [(c.name, c.kind, "yes" if c.required else "no") for c in spec.columns]
        assert documented == expected, spec.name


def test_readme_quick_start_matches_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = re.search(r"^python -m pytest.*$", readme, flags=re.M).group(0)
    assert test_command in ci
