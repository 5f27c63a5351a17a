"""The files a Dask worker reads for a run (the data folder, the notebooks, the template):
whether it sees them at the client's paths, and otherwise shipping them as bytes."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from kitlib.batch.plan import Plan


def _plan_inputs(plan: Plan) -> dict[str, Path]:
    """The folders and files a worker reads, by the name they get in a shipped copy."""
    paths = {"data": plan.data_dir, "notebook": plan.notebook, "template": plan.template_dir}
    if plan.area_notebook is not None:
        paths["area_notebook"] = plan.area_notebook
    if plan.municipality_notebook is not None:
        paths["municipality_notebook"] = plan.municipality_notebook
    return paths


def _missing_paths(paths: list[str]) -> list[str]:
    """On a worker: which of `paths` it cannot see."""
    return [p for p in paths if not os.path.exists(p)]


def _pack_inputs(plan: Plan, with_data: bool) -> dict[str, dict[str, bytes]]:
    """The files a worker reads (notebooks, template folder, and the data folder if
    `with_data`), as bytes by relative path; hidden files and folders are left out."""
    packed: dict[str, dict[str, bytes]] = {}
    for name, path in _plan_inputs(plan).items():
        if name == "data" and not with_data:
            continue
        if path.is_file():
            packed[name] = {path.name: path.read_bytes()}
            continue
        packed[name] = {
            file.relative_to(path).as_posix(): file.read_bytes()
            for file in sorted(path.rglob("*"))
            if file.is_file() and not any(part.startswith(".") for part in file.relative_to(path).parts)
        }
    return packed


def _unpack_inputs(plan: Plan, packed: dict[str, dict[str, bytes]], root: Path) -> Plan:
    """On a worker: write the shipped inputs under `root` and point a copy of the plan at them
    (and, with the data, at `root/out` for the outputs)."""
    places = {}
    for name, files in packed.items():
        for rel, content in files.items():
            target = root / name / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        places[name] = root / name
    original = _plan_inputs(plan)
    # a notebook keeps its file name, the template folder its name (nbconvert's template_name)
    notebooks = {k: places[k] / original[k].name for k in original if k.endswith("notebook")}
    template = root / "templates" / plan.template_dir.name
    template.parent.mkdir()
    places["template"].rename(template)
    plan = dataclasses.replace(plan, template_dir=template, **notebooks)
    if "data" not in places:
        return plan
    (root / "out").mkdir()
    return dataclasses.replace(plan, data_dir=places["data"], out=root / "out")
