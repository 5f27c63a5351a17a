"""Statistikkbanken exports (CSV and XLSX) -> Batch.

Both are read into a grid of text cells with their line (CSV) or row (XLSX) numbers
(grid.py), then one parser handles the layout Statistikkbanken writes:

    13135: Utvalgte nøkkeltall for kultur, etter region, ...     <- title (table id)
                                                                  <- blank
    ;Barn 6-15 år i kommunens kulturskole  (prosent)              <- header rows: the
    ;2015;2016;...                                                   statistics variable
    3801 Horten;.;.;5,1                                           <- data rows
                                                                  <- first blank row
    ... footer: Måleenhet, Sist endret, Intern referansekode ...  <- read for metadata

Layouts: years as columns (the year alone, or merged into the header as in 11616's
`Sysselsatte personer bosatt i regionen 2021`), or long (a column named år/kvartal/måned/
tid and one value column). Anything else is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kitlib.data.importers._base import Batch, ImportOptions, IndicatorInfo, Observation, SourceFormatError
from kitlib.data.importers._cells import (
    clean,
    measure_word,
    normalise_period,
    parse_value,
    sha256_of,
    slug,
    split_region,
    unit_of_measure,
)
from kitlib.data.importers._figures import add_figure, default_status, is_total, municipality_of
from kitlib.data.importers.grid import Row, read_csv_grid, read_xlsx_grid
from kitlib.data.periods import PeriodError

_PERIOD_HEADERS = {
    "år",
    "ar",
    "year",
    "tid",
    "time",
    "kvartal",
    "måned",
    "maned",
    "month",
    "tertial",
    "periode",
    "period",
    "skoleår",
    "år/kvartal",
}
_UNIT_HEADERS = re.compile(r"region|kommune|bydel|fylke|municipality|enhet", re.IGNORECASE)
_INDICATOR_HEADERS = {"statistikkvariabel", "contents", "contentscode", "variabel"}
_PERIOD_TAIL = re.compile(r"^(?P<head>.*?)\s*(?P<period>\d{4}(?:[KTM]\d{1,2}|\s*[-/]\s*\d{2,4})?)$")
_FOOTER_SECTIONS = {"intern referansekode": "code", "måleenhet": "unit", "sist endret": "updated"}


@dataclass
class _Footer:
    codes: dict[str, str] = field(default_factory=dict)  # contents label -> ContentsCode
    units: dict[str, str] = field(default_factory=dict)
    updated: dict[str, str] = field(default_factory=dict)


def _trim(rows: list[Row]) -> list[Row]:
    width = max((max((i + 1 for i, c in enumerate(r.cells) if c), default=0) for r in rows), default=0)
    return [Row(r.line, (r.cells + [""] * width)[:width]) for r in rows]


def _period_split(header: str) -> tuple[str, str] | None:
    """`2015` -> ('', '2015'); `Sysselsatte ... 2021` -> ('Sysselsatte ...', '2021')."""
    match = _PERIOD_TAIL.match(header)
    if not match:
        return None
    try:
        period = normalise_period(match["period"])
    except PeriodError:
        return None
    return match["head"].strip(), period


def _is_period_header(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return bool(filled) and all(_period_split(c) for c in filled)


def parse_statbank_grid(rows: list[Row], path: Path, kind: str, options: ImportOptions) -> Batch:
    rows = _trim(rows)
    pos = 0
    while pos < len(rows) and rows[pos].blank:
        pos += 1
    if pos == len(rows):
        raise SourceFormatError(path, "no rows with content")
    title = ""
    first = rows[pos]
    if (
        sum(1 for c in first.cells if c) == 1
        and first.cells[0]
        and (pos + 1 < len(rows) and rows[pos + 1].blank or re.match(r"^\d{5}:", first.cells[0]))
    ):
        title = first.cells[0]
        pos += 1
    while pos < len(rows) and rows[pos].blank:
        pos += 1
    header_rows = [rows[pos]] if pos < len(rows) else []
    pos += 1
    # more header rows follow while the stub cell is empty (multi-line headers) or the row
    # is a row of periods (the years under the statistics variable)
    while (
        pos < len(rows)
        and not rows[pos].blank
        and (
            not rows[pos].cells[0]
            or (_is_period_header(rows[pos].cells[1:]) and not split_region(rows[pos].cells[0])[0])
        )
    ):
        header_rows.append(rows[pos])
        pos += 1
    data = []
    while pos < len(rows) and not rows[pos].blank:
        data.append(rows[pos])
        pos += 1
    if not header_rows or not data:
        raise SourceFormatError(
            path,
            "found no header row followed by data rows; expected a "
            "Statistikkbanken table (title, header, data)",
        )
    footer = _read_footer(rows[pos:])
    table_match = re.match(r"^(\d{5})\s*:", title)
    batch = Batch(kind=kind, source=str(path), table_id=table_match[1] if table_match else "")
    context = _Context(path, batch, options, title, footer)
    last = header_rows[-1].cells
    lowered = [c.lower() for c in last]
    if any(c in _PERIOD_HEADERS for c in lowered):
        _read_long(context, header_rows[-1], data)
    else:
        _read_wide(context, header_rows, data)
    if not batch.values and not batch.benchmarks:
        raise SourceFormatError(path, "no figures found in the data rows")
    return batch


def _read_footer(rows: list[Row]) -> _Footer:
    footer = _Footer()
    targets = {"code": footer.codes, "unit": footer.units, "updated": footer.updated}
    section, label = None, ""
    for row in rows:
        text = row.cells[0] if row.cells else ""
        if not text:
            continue
        if text.endswith(":") and text[:-1].strip().lower() in _FOOTER_SECTIONS:
            section, label = _FOOTER_SECTIONS[text[:-1].strip().lower()], ""
            continue
        if text.endswith(":") and text[:-1].strip().lower() in {
            "kilde",
            "kontakt",
            "målemetode",
            "referansetid",
            "database",
        }:
            section = None
            continue
        if section is None:
            continue
        if text.endswith(":"):
            label = clean(text[:-1])
            continue
        targets[section].setdefault(label, text)
    return footer


class _Context:
    """What the layout readers share: source, batch, options, title and footer."""

    def __init__(self, path: Path, batch: Batch, options: ImportOptions, title: str, footer: _Footer):
        self.path, self.batch, self.options, self.title, self.footer = (path, batch, options, title, footer)
        self.empty_cells = 0
        self.label_ids: list[str] = []  # indicator ids made from labels, not SSB codes

    def indicator(self, contents: str, extras: list[str]) -> str:
        """Id for a statistics variable (plus folded stub values); registers its metadata."""
        contents = clean(contents)
        code = self.footer.codes.get(contents)
        if code is None and len(self.footer.codes) == 1:
            code = next(iter(self.footer.codes.values()))  # one variable, one code
        base = code or slug(re.sub(r"\s*\([^()]*\)\s*$", "", contents) or self.title)
        parts = ([self.batch.table_id] if self.batch.table_id else []) + [base]
        parts += [slug(e) for e in extras]
        ind_id = ":".join(parts)
        if ind_id not in self.batch.indicators:
            unit = measure_word(self.footer.units.get(contents, "")) or unit_of_measure(contents)
            name = (
                re.sub(r"\s*\((prosent|antall|kr|kroner|1000 kr|prosentpoeng)\)\s*$", "", contents)
                or self.title
            )
            self.batch.indicators[ind_id] = IndicatorInfo(
                name=", ".join([name, *extras]),
                definition=self.title or contents,
                source="SSB Statistikkbanken",
                unit=unit,
                data_date=_date(self.footer.updated.get(contents, "")),
            )
            if code is None:
                self.label_ids.append(ind_id)
        return ind_id

    def add(self, row: Row, column: str, unit_label: str, ind_id: str, period: str, text: str) -> None:
        try:
            value, status = parse_value(text)
        except ValueError:
            raise SourceFormatError(
                self.path,
                f"'{text}' is not a number or one of the symbols '..', '.', ':'",
                line=row.line,
                column=column,
            ) from None
        status, empty = default_status(value, status)
        self.empty_cells += empty
        code, name = split_region(unit_label)
        obs = Observation(code or name, ind_id, period, value, status, where=f"line {row.line}")
        municipality = municipality_of(code, name)
        add_figure(
            self.batch, obs, self.options, name=name, municipality=municipality, total=is_total(code, name)
        )

    def finish(self) -> None:
        if self.label_ids:
            self.batch.notes.append(
                f"{len(self.label_ids)} indicator id(s) were made from labels because the file "
                "has no 'Intern referansekode' footer; rename them in all files if you like"
            )
        if self.empty_cells:
            self.batch.notes.append(f"{self.empty_cells} empty cell(s) read as '..' (not yet available)")


def _date(text: str) -> str:
    match = re.match(r"^(\d{4})(\d{2})(\d{2})", text)
    return f"{match[1]}-{match[2]}-{match[3]}" if match else ""


def _unit_column(headers: list[str], data: list[Row], stub: range) -> int:
    for j in stub:
        if _UNIT_HEADERS.search(headers[j] or ""):
            return j
    for j in stub:
        if any(split_region(r.cells[j])[0] for r in data):
            return j
    return stub.start


def _fill_down(data: list[Row], columns: range) -> list[list[str]]:
    """Stub labels as Statistikkbanken leaves them: repeated labels are left empty."""
    filled, last = [], [""] * len(columns)
    for row in data:
        current = []
        for k, j in enumerate(columns):
            last[k] = row.cells[j] or last[k]
            current.append(last[k])
        filled.append(current)
    return filled


def _read_wide(ctx: _Context, header_rows: list[Row], data: list[Row]) -> None:
    last = header_rows[-1].cells
    stub_width = 0
    while stub_width < len(last) and not (last[stub_width] and _period_split(last[stub_width])):
        stub_width += 1
    value_cols = range(stub_width, len(last))
    if stub_width == 0 or not value_cols or not all(_period_split(last[j]) for j in value_cols):
        raise SourceFormatError(
            ctx.path,
            "unknown layout: expected label column(s) followed by one column per "
            "period (2015;2016 or 'Variable 2021'), or a long table with a column named "
            f"år/kvartal/måned; found the header {';'.join(last)}",
            line=header_rows[-1].line,
        )
    upper = [_fill_right(r.cells) for r in header_rows[:-1]]
    stub = range(0, stub_width)
    unit_col = _unit_column(last, data, stub)
    stubs = _fill_down(data, stub)
    columns = []
    for j in value_cols:
        head, period = _period_split(last[j])
        labels = [u[j] for u in upper if u[j]] + ([head] if head else [])
        contents = labels[0] if labels else _title_contents(ctx.title)
        columns.append((j, contents, labels[1:], period))
    for row, stub_values in zip(data, stubs):
        unit_label = stub_values[unit_col]
        if not unit_label:
            raise SourceFormatError(
                ctx.path, "the row has no unit label", line=row.line, column=last[unit_col] or "1"
            )
        extras = [v for k, v in enumerate(stub_values) if k != unit_col and v]
        for j, contents, more, period in columns:
            ind_id = ctx.indicator(contents, [*more, *extras])
            ctx.add(row, last[j], unit_label, ind_id, period, row.cells[j])
    ctx.finish()


def _fill_right(cells: list[str]) -> list[str]:
    """A label over several columns is written once, in its first column."""
    out, last = [], ""
    for i, c in enumerate(cells):
        if i == 0:
            out.append(c)
            continue
        last = c or last
        out.append(last)
    return out


def _title_contents(title: str) -> str:
    """`13135: Utvalgte nøkkeltall for kultur, etter region, ...` -> `Utvalgte nøkkeltall ...`."""
    text = re.sub(r"^\d{5}\s*:\s*", "", title)
    return re.split(r",\s*etter\s", text)[0].strip() or title


def _read_long(ctx: _Context, header: Row, data: list[Row]) -> None:
    names = [c.lower() for c in header.cells]
    period_col = next(j for j, c in enumerate(names) if c in _PERIOD_HEADERS)
    value_col = len(names) - 1
    if value_col == period_col:
        raise SourceFormatError(
            ctx.path,
            "long layout: the last column should hold the figures, but it is the period column",
            line=header.line,
        )
    others = [j for j in range(len(names)) if j not in (period_col, value_col)]
    if not others:
        raise SourceFormatError(ctx.path, "long layout: no column for the region/unit", line=header.line)
    unit_col = _unit_column(header.cells, data, range(min(others), max(others) + 1))
    ind_col = next((j for j in others if names[j] in _INDICATOR_HEADERS), None)
    extra_cols = [j for j in others if j not in (unit_col, ind_col)]
    for row in data:
        try:
            period = normalise_period(row.cells[period_col])
        except PeriodError as exc:
            raise SourceFormatError(
                ctx.path, str(exc), line=row.line, column=header.cells[period_col]
            ) from None
        contents = row.cells[ind_col] if ind_col is not None else _title_contents(ctx.title)
        ind_id = ctx.indicator(contents, [row.cells[j] for j in extra_cols if row.cells[j]])
        ctx.add(row, header.cells[value_col], row.cells[unit_col], ind_id, period, row.cells[value_col])
    ctx.finish()


def batch_from_ssb_csv(
    path: Path, options: ImportOptions, *, encoding: str | None = None, sep: str | None = None
) -> Batch:
    rows, data = read_csv_grid(path, encoding, sep)
    batch = parse_statbank_grid(rows, path, "ssb-csv", options)
    batch.sha256 = sha256_of(data)
    return batch


def batch_from_ssb_xlsx(path: Path, options: ImportOptions, *, sheet: str | None = None) -> Batch:
    rows, data = read_xlsx_grid(path, sheet)
    batch = parse_statbank_grid(rows, path, "ssb-xlsx", options)
    batch.sha256 = sha256_of(data)
    return batch
