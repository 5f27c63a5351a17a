"""Import statistics and scorecards into a data folder (docs/import.md).

Each function reads one source, merges it into the data folder `out` (created if needed),
checks the merged folder with `kitlib.check_folder` before writing anything, appends a row
to `out/provenance.csv` and returns an `ImportResult`. Metadata the source lacks for new
indicators (direction, definition, ...) is listed in `result.needs_completion`.

The keyword arguments `service_area`, `perspective`, `indicator_type` and `totals` (see
`ImportOptions`) set what new units and indicators get, and where total rows go.
"""

from __future__ import annotations

from pathlib import Path

from kitlib.data.importers._base import (
    ImportOptions,
    ImportRefusedError,
    ImportResult,
    SourceFormatError,
)
from kitlib.data.importers.folder import write_batch
from kitlib.data.importers.jsonstat import DimensionChoice, import_batch_from_file, parse_filters
from kitlib.data.importers.kolada import batch_from_kolada
from kitlib.data.importers.long import LongColumns, batch_from_long
from kitlib.data.importers.pxweb import FetchError, Limits, PxWebClient, base_url, fetch_batch, read_query
from kitlib.data.importers.ssb import batch_from_ssb_csv, batch_from_ssb_xlsx
from kitlib.data.importers.targets import ScorecardColumns, batch_from_scorecard

__all__ = [
    "FetchError",
    "ImportOptions",
    "ImportRefusedError",
    "ImportResult",
    "Limits",
    "PxWebClient",
    "SourceFormatError",
    "fetch_ssb",
    "import_jsonstat",
    "import_kolada",
    "import_long",
    "import_ssb_csv",
    "import_ssb_xlsx",
    "import_targets",
]


def _source(path: Path | str) -> Path:
    path = Path(path)
    if not path.is_file():
        raise SourceFormatError(path, "no such file")
    return path


def import_jsonstat(
    path: Path | str,
    out: Path | str,
    *,
    unit_dim: str | None = None,
    indicator_dim: str | None = None,
    period_dim: str | None = None,
    filters: dict[str, list[str]] | list[str] | None = None,
    school_year: str = "first",
    **meta,
) -> ImportResult:
    """JSON-stat 2.0 (PxWebApi v0/v1/v2, or saved from Statistikkbanken)."""
    options = ImportOptions(**meta)
    if not isinstance(filters, dict):
        filters = parse_filters(filters)
    choice = DimensionChoice(unit_dim, indicator_dim, period_dim, filters, school_year)
    return write_batch(out, import_batch_from_file(_source(path), choice, options), options)


def import_ssb_csv(
    path: Path | str, out: Path | str, *, encoding: str | None = None, sep: str | None = None, **meta
) -> ImportResult:
    """A Statistikkbanken CSV export (any encoding/separator SSB writes)."""
    options = ImportOptions(**meta)
    batch = batch_from_ssb_csv(_source(path), options, encoding=encoding, sep=sep)
    return write_batch(out, batch, options)


def import_ssb_xlsx(path: Path | str, out: Path | str, *, sheet: str | None = None, **meta) -> ImportResult:
    """A Statistikkbanken Excel export."""
    options = ImportOptions(**meta)
    return write_batch(out, batch_from_ssb_xlsx(_source(path), options, sheet=sheet), options)


def import_kolada(path: Path | str, out: Path | str, *, gender: str = "T", **meta) -> ImportResult:
    """Kolada value data, JSON from the API or CSV with its value fields."""
    options = ImportOptions(**meta)
    return write_batch(out, batch_from_kolada(_source(path), options, gender=gender), options)


def import_long(
    path: Path | str,
    out: Path | str,
    *,
    unit: str,
    indicator: str,
    period: str,
    value: str,
    n: str | None = None,
    unit_name: str | None = None,
    indicator_name: str | None = None,
    filters: dict[str, list[str]] | list[str] | None = None,
    sep: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    school_year: str = "first",
    population: str | None = None,
    **meta,
) -> ImportResult:
    """Any long table (CSV or .xlsx) with one figure per row; columns named by the caller
    (`n`: respondents, `population`: the people asked, for survey figures)."""
    options = ImportOptions(**meta)
    if not isinstance(filters, dict):
        filters = parse_filters(filters)
    cols = LongColumns(
        unit, indicator, period, value, n, unit_name, indicator_name, filters, school_year, population
    )
    batch = batch_from_long(_source(path), cols, options, sep=sep, encoding=encoding, sheet=sheet)
    return write_batch(out, batch, options)


def import_targets(
    path: Path | str,
    out: Path | str,
    *,
    unit: str = "*",
    indicator_col: str | None = None,
    target_cols: dict[str, str] | None = None,
    year: str | None = None,
    sheet: str | None = None,
) -> ImportResult:
    """Targets from a scorecard sheet, for indicators already in `out`/indicators.csv."""
    cols = ScorecardColumns(indicator_col, dict(target_cols or {}), year, unit, sheet)
    return write_batch(out, batch_from_scorecard(_source(path), Path(out), cols))


def fetch_ssb(
    table: str,
    query: Path | str,
    out: Path | str,
    *,
    base: str | None = None,
    limits: Limits | None = None,
    client: PxWebClient | None = None,
    unit_dim: str | None = None,
    indicator_dim: str | None = None,
    period_dim: str | None = None,
    **meta,
) -> ImportResult:
    """Run a PxWebApi v2 query for `table` (split and paced within the API's limits)."""
    options = ImportOptions(**meta)
    client = client or PxWebClient(base=base_url(base), limits=limits or Limits())
    choice = DimensionChoice(unit_dim, indicator_dim, period_dim)
    batch = fetch_batch(table, read_query(_source(query)), client, choice, options)
    return write_batch(out, batch, options)
