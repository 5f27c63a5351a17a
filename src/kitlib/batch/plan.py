"""The records of a briefing run (its plan and unit results), shared by the batch modules."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kitlib.batch.outputs import UnitFiles

# The levels of note a run makes (kitlib briefings --level): one per result unit, one per
# service area (all its units side by side), one for the municipality (the challenge note).
UNIT_NOTE, AREA_NOTE, MUNICIPALITY_NOTE = "unit", "service-area", "municipality"
NOTE_LEVELS = (UNIT_NOTE, AREA_NOTE, MUNICIPALITY_NOTE)
ALL_LEVELS = "all"

# How a note went: made, failed (its error says why), or not made because the run was
# stopped (Ctrl-C) before or while making it.
OK, FAILED, INTERRUPTED = "ok", "failed", "interrupted"
NOT_MADE = "not made: "  # starts the error of a note not tried because the output folder broke

DEFAULT_TIMEOUT = 300  # seconds one note may take (kitlib briefings --timeout); not per cell


@dataclass(frozen=True)
class UnitJob:
    """One note to make. For a unit, `unit_id` is its id; for a service area it is
    'service-area:<name>', for the municipality 'municipality' (ids a unit cannot have)."""

    unit_id: str
    name: str
    service_area: str  # "" for the municipality's note
    stem: str  # file name stem in the output folder (the unit id, made safe for file names)
    level: str = UNIT_NOTE

    @property
    def files(self) -> UnitFiles:
        return UnitFiles(self.stem)


@dataclass(frozen=True)
class Plan:
    """Everything a worker needs; picklable, so that the forked workers get it whole."""

    data_dir: Path
    year: int
    lang: str
    municipality: str
    out: Path
    notebook: Path
    template_dir: Path
    units: tuple[UnitJob, ...]
    chromium: str | None = None  # path of the browser when PDFs are wanted
    # the notebooks of the service-area and municipality notes (None: that level not run)
    area_notebook: Path | None = None
    municipality_notebook: Path | None = None
    warm_kernel: bool = True
    # every result unit of the folder, in units.csv's order: a run of a few units into a
    # folder that holds the others' notes keeps them in the index and manifest
    all_units: tuple[UnitJob, ...] = ()
    timeout: float = DEFAULT_TIMEOUT  # seconds one note's notebook may take, all its cells together

    def notebook_for(self, level: str) -> Path:
        return {AREA_NOTE: self.area_notebook, MUNICIPALITY_NOTE: self.municipality_notebook}.get(
            level, self.notebook
        )


@dataclass
class UnitResult:
    unit_id: str
    status: str = OK  # OK, FAILED or INTERRUPTED
    seconds: float = 0.0
    error: str = ""
    failed_cell: int | None = None  # index in the notebook's cell list, counting from 0
    counts: dict[str, int] = field(default_factory=dict)  # scorecard statuses: met, near, not_met, ...
    fingerprint: str = ""  # of the note's inputs when it was made (run.note_fingerprints)


@dataclass
class BatchResult:
    """What one run did. `results` are the notes this run tried (with --resume: only those
    that were not up to date); `kept` counts the notes it found up to date and left alone."""

    plan: Plan
    results: list[UnitResult]
    seconds: float
    kept: int = 0
    problem: str = ""  # the output folder could not be written (read-only, full, gone)
    unwritten: str = ""  # why index.html and manifest.json could not be written, if they could not

    @property
    def failed(self) -> list[UnitResult]:
        """The notes not made, whatever the reason (failed or interrupted)."""
        return [r for r in self.results if r.status != OK]

    @property
    def interrupted(self) -> list[UnitResult]:
        return [r for r in self.results if r.status == INTERRUPTED]

    @property
    def exit_code(self) -> int:
        """130 after Ctrl-C (as a shell reports SIGINT), 1 when a note failed, else 0."""
        if self.interrupted:
            return 130
        return 1 if self.failed or self.problem or self.unwritten else 0
