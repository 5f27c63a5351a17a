"""Fail when a committed notebook carries outputs or execution counts (strip them first)."""

import json
import sys
from pathlib import Path

bad = []
for path in sorted(Path("notebooks").rglob("*.ipynb")):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for number, cell in enumerate(notebook["cells"], start=1):
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count")):
            fix = f"jupyter nbconvert --clear-output --inplace {path}"
            bad.append(f"{path}: cell {number} has outputs; run `{fix}`")
print("\n".join(bad) or "notebooks: committed without outputs")
sys.exit(1 if bad else 0)
