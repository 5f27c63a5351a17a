"""What every importer shares: its error, the records it produces and the result it reports.

A reader turns a source into a `Batch` (contract-shaped records plus what it knows about
new units and indicators); `folder.write_batch` merges the batch into a data folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kitlib.errors import KitlibError

DEFAULT_SERVICE_AREA = "Kommune"
DEFAULT_PERSPECTIVE = "tjenester"
# KOSTRA and most statistics tables do not say whether a figure is a priority, a coverage
# or a productivity measure; "measured quality" is the neutral choice and is always listed
# as needing completion so the analyst sets the right type.
DEFAULT_INDICATOR_TYPE = "malt_kvalitet"
TOTALS_CHOICES = ("benchmarks", "units", "drop")


class SourceFormatError(KitlibError):
    """A source file that kitlib cannot read; says where and what was expected."""

    def __init__(self, file: str | Path, message: str, *, line: int | None = None, column: str | None = None):
        self.file = str(file)
        self.line = line
        self.column = column
        self.reason = message
        where = self.file
        if line is not None:
            where += f", line {line}"
        if column:
            where += f", column '{column}'"
        super().__init__(f"{where}: {message}")


class ImportRefusedError(KitlibError):
    """The import would leave the data folder broken; nothing was written."""


@dataclass
class Observation:
    """One figure for values.csv (or, for a total row, benchmarks.csv)."""

    unit_id: str
    indicator_id: str
    period: str
    value: float | None
    status: str = ""
    n: int | None = None
    where: str = ""  # "line 12" etc., for duplicate-key messages
    population: int | None = None  # people asked, behind a survey figure's n


@dataclass
class UnitInfo:
    name: str
    municipality: str = ""


@dataclass
class IndicatorInfo:
    """What the source tells about an indicator; used only when the indicator is new."""

    name: str
    definition: str = ""
    source: str = ""
    unit: str = ""
    decimals: int | None = None
    data_date: str = ""


@dataclass
class TargetRow:
    unit_id: str
    indicator_id: str
    period: str
    target: float
    where: str = ""
    service_area: str = ""  # with unit_id `*`: the service area whose units the target is for


@dataclass
class Batch:
    """Everything one source contributes, in the contract's terms."""

    kind: str
    source: str
    table_id: str = ""
    values: list[Observation] = field(default_factory=list)
    # total rows (Hele landet, I alt, Riket, KOSTRA groups): group label -> observations,
    # the Observation's unit_id holding the group label
    benchmarks: list[Observation] = field(default_factory=list)
    targets: list[TargetRow] = field(default_factory=list)
    units: dict[str, UnitInfo] = field(default_factory=dict)
    indicators: dict[str, IndicatorInfo] = field(default_factory=dict)
    # fields to fill on existing indicators only where they are empty
    indicator_fill: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    sha256: str = ""


@dataclass
class ImportOptions:
    """Metadata for what is new to the folder; the analyst completes it afterwards."""

    service_area: str = DEFAULT_SERVICE_AREA
    perspective: str | None = None  # None: 'tjenester', or kit.toml's first perspective
    indicator_type: str = DEFAULT_INDICATOR_TYPE
    totals: str = "benchmarks"  # what to do with total rows: see TOTALS_CHOICES

    def __post_init__(self) -> None:
        if self.totals not in TOTALS_CHOICES:
            raise KitlibError(f"totals='{self.totals}': choose one of {', '.join(TOTALS_CHOICES)}")


@dataclass
class ImportResult:
    """What an import did to the folder, for the command's report and for tests."""

    folder: Path
    kind: str
    source: str
    table_id: str = ""
    values_added: int = 0
    values_replaced: int = 0  # keys that were already in values.csv
    values_changed: int = 0  # of those, how many got a different figure or status
    benchmarks_written: int = 0
    targets_written: int = 0
    targets_replaced: int = 0
    units_added: list[str] = field(default_factory=list)
    indicators_added: list[str] = field(default_factory=list)
    # indicator id -> fields the analyst must complete (direction, definition, ...)
    needs_completion: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"Imported {self.kind} {self.source} into {self.folder}"]
        if self.table_id:
            lines[0] += f" (table {self.table_id})"
        if self.values_added or self.values_replaced:
            lines.append(
                f"  values: {self.values_added} new, {self.values_replaced} replaced "
                f"({self.values_changed} with a different figure)"
            )
        if self.benchmarks_written:
            lines.append(f"  benchmarks: {self.benchmarks_written} rows written")
        if self.targets_written:
            lines.append(f"  targets: {self.targets_written} written, {self.targets_replaced} replaced")
        if self.units_added:
            lines.append(f"  units added: {len(self.units_added)} ({_preview(self.units_added)})")
        if self.indicators_added:
            lines.append(f"  indicators added: {', '.join(self.indicators_added)}")
        lines.extend(f"  note: {n}" for n in self.notes)
        if self.needs_completion:
            lines.append("Needing completion in indicators.csv (then run 'kitlib validate'):")
            for ind, fields in sorted(self.needs_completion.items()):
                lines.append(f"  - {ind}: {', '.join(fields)}")
        return "\n".join(lines)


def _preview(items: list[str], limit: int = 8) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f", ... ({len(items) - limit} more)" if len(items) > limit else "")
