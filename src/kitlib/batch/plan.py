"""The records of a briefing run (its plan and unit results), shared by the batch modules."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kitlib.batch.outputs import UnitFiles


@dataclass(frozen=True)
class UnitJob:
    unit_id: str
    name: str
    service_area: str
    stem: str  # file name stem in the output folder (the unit id, made safe for file names)

    @property
    def files(self) -> UnitFiles:
        return UnitFiles(self.stem)


@dataclass(frozen=True)
class Plan:
    """Everything a worker needs; picklable, so that spawned workers get it whole."""

    data_dir: Path
    year: int
    lang: str
    municipality: str
    out: Path
    notebook: Path
    template_dir: Path
    units: tuple[UnitJob, ...]
    chromium: str | None = None  # path of the browser when PDFs are wanted
    warm_kernel: bool = True
    # every result unit of the folder, in units.csv's order: a run of a few units into a
    # folder that holds the others' notes keeps them in the index and manifest
    all_units: tuple[UnitJob, ...] = ()


@dataclass
class UnitResult:
    unit_id: str
    status: str = "ok"  # ok or failed
    seconds: float = 0.0
    error: str = ""
    failed_cell: int | None = None  # index in the notebook's cell list, counting from 0
    counts: dict[str, int] = field(default_factory=dict)  # scorecard statuses: met, near, not_met, ...


@dataclass
class BatchResult:
    plan: Plan
    results: list[UnitResult]
    seconds: float

    @property
    def failed(self) -> list[UnitResult]:
        return [r for r in self.results if r.status != "ok"]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0
