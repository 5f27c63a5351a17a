"""`kitlib import ...` and `kitlib fetch-ssb`: command-line front of kitlib.data.importers.

`add_import_commands(subparsers)` adds the commands; each sets `func`, a handler taking
the parsed args and returning the exit code (0 ok, 2 when kitlib refuses the input).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from kitlib.data import importers as kio
from kitlib.data.importers._base import DEFAULT_INDICATOR_TYPE, DEFAULT_SERVICE_AREA, TOTALS_CHOICES
from kitlib.errors import KitlibError, printable


def _meta(args) -> dict:
    return {
        "service_area": args.service_area,
        "perspective": args.perspective,
        "indicator_type": args.indicator_type,
        "totals": args.totals,
    }


def _run(action: Callable[[argparse.Namespace], kio.ImportResult]):
    def handler(args: argparse.Namespace) -> int:
        try:
            result = action(args)
        except KitlibError as exc:  # its text is printable: control characters escaped
            print(f"kitlib {args.command_name}: {exc}", file=sys.stderr)
            return 2
        print(printable(result.summary(), keep="\n"))
        return 0

    return handler


def _common(p: argparse.ArgumentParser, *, metadata: bool = True) -> None:
    """The shared options: --out, and (with metadata) what new units and indicators get."""
    p.add_argument("--out", required=True, metavar="DIR", help="data folder to create or update")
    if not metadata:
        return
    p.add_argument(
        "--service-area",
        default=DEFAULT_SERVICE_AREA,
        help=f"service area of new units (default: {DEFAULT_SERVICE_AREA})",
    )
    p.add_argument(
        "--perspective",
        default=None,
        help="perspective of new indicators (default: tjenester, or kit.toml's first)",
    )
    p.add_argument(
        "--indicator-type",
        default=DEFAULT_INDICATOR_TYPE,
        help=f"indicator_type of new indicators (default: {DEFAULT_INDICATOR_TYPE})",
    )
    p.add_argument(
        "--totals",
        choices=TOTALS_CHOICES,
        default="benchmarks",
        help="rows such as Hele landet / I alt / KOSTRA groups: benchmarks.csv "
        "(default), ordinary units, or drop them",
    )


def _dims(p: argparse.ArgumentParser) -> None:
    p.add_argument("--unit-dim", help="dimension holding the units (default: role geo / Region)")
    p.add_argument(
        "--indicator-dim", help="dimension holding the indicators (default: role metric / ContentsCode)"
    )
    p.add_argument("--period-dim", help="dimension holding the periods (default: role time / Tid)")


def add_import_commands(subparsers) -> None:
    imp = subparsers.add_parser(
        "import",
        help="import SSB, Kolada, long tables or a scorecard into a data folder",
        description="Read a source and write or update a data folder (see docs/import.md).",
    )
    sub = imp.add_subparsers(dest="import_kind", metavar="SOURCE", required=True)
    for add in (_add_jsonstat, _add_ssb_csv, _add_ssb_xlsx, _add_kolada, _add_long, _add_targets):
        add(sub)
    _add_fetch_ssb(subparsers)


def _source_command(
    sub, name: str, summary: str, action, *, metadata: bool = True
) -> argparse.ArgumentParser:
    """`import NAME FILE --out DIR ...`: the parser, with the arguments every import takes."""
    p = sub.add_parser(name, help=summary)
    p.add_argument("file")
    _common(p, metadata=metadata)
    p.set_defaults(command_name=f"import {name}", func=_run(action))
    return p


def _add_jsonstat(sub) -> None:
    p = _source_command(
        sub,
        "jsonstat",
        "JSON-stat 2.0 from PxWebApi or Statistikkbanken",
        lambda a: kio.import_jsonstat(
            a.file,
            a.out,
            unit_dim=a.unit_dim,
            indicator_dim=a.indicator_dim,
            period_dim=a.period_dim,
            filters=a.filter,
            school_year=a.school_year,
            **_meta(a),
        ),
    )
    _dims(p)
    p.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="DIM=CODE[,CODE]",
        help="keep only these categories of a dimension (repeatable); every other "
        "dimension is folded into the indicator id as DIM=CODE",
    )
    p.add_argument("--school-year", choices=("first", "second"), default="first")


def _add_ssb_csv(sub) -> None:
    p = _source_command(
        sub,
        "ssb-csv",
        "CSV saved from Statistikkbanken",
        lambda a: kio.import_ssb_csv(a.file, a.out, encoding=a.encoding, sep=a.sep, **_meta(a)),
    )
    p.add_argument("--encoding", help="default: detect UTF-8 (with/without BOM) or ISO-8859-1")
    p.add_argument("--sep", help="default: detect ';' or ','")


def _add_ssb_xlsx(sub) -> None:
    p = _source_command(
        sub,
        "ssb-xlsx",
        "Excel file saved from Statistikkbanken",
        lambda a: kio.import_ssb_xlsx(a.file, a.out, sheet=a.sheet, **_meta(a)),
    )
    p.add_argument("--sheet", help="default: the first sheet")


def _add_kolada(sub) -> None:
    p = _source_command(
        sub,
        "kolada",
        "Kolada value data (API JSON or CSV)",
        lambda a: kio.import_kolada(a.file, a.out, gender=a.gender, **_meta(a)),
    )
    p.add_argument(
        "--gender",
        choices=("T", "K", "M", "*"),
        default="T",
        help="T total (default), K women, M men, * all (ids get :K / :M)",
    )


def _add_long(sub) -> None:
    p = _source_command(
        sub,
        "long",
        "any long table (CSV or .xlsx), one figure per row",
        lambda a: kio.import_long(
            a.file,
            a.out,
            unit=a.unit,
            indicator=a.indicator,
            period=a.period,
            value=a.value,
            n=a.n,
            population=a.population,
            unit_name=a.unit_name,
            indicator_name=a.indicator_name,
            filters=a.filter,
            sep=a.sep,
            encoding=a.encoding,
            sheet=a.sheet,
            school_year=a.school_year,
            **_meta(a),
        ),
    )
    for name in ("unit", "indicator", "period", "value"):
        p.add_argument(f"--{name}", required=True, metavar="COL", help=f"column with the {name}")
    p.add_argument("--n", metavar="COL", help="column with the number of respondents")
    p.add_argument("--population", metavar="COL", help="column with the number of people asked")
    p.add_argument("--unit-name", metavar="COL", help="column with the unit's name")
    p.add_argument("--indicator-name", metavar="COL", help="column with the indicator's name")
    p.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="COL=VALUE",
        help="keep only rows where COL is VALUE (repeatable)",
    )
    p.add_argument("--sep", help="CSV separator (default: detect)")
    p.add_argument("--encoding", help="CSV encoding (default: detect)")
    p.add_argument("--sheet", help="Excel sheet (default: the first)")
    p.add_argument(
        "--school-year",
        choices=("first", "second"),
        default="first",
        help="which year a school year such as 2019-2020 counts as",
    )


def _add_targets(sub) -> None:
    p = _source_command(
        sub,
        "targets",
        "targets from a scorecard sheet (målekart)",
        lambda a: kio.import_targets(
            a.file,
            a.out,
            unit=a.unit,
            indicator_col=a.indicator_col,
            target_cols=_pairs(a.target_col, "--target-col"),
            year=a.year,
            sheet=a.sheet,
        ),
        metadata=False,
    )
    p.add_argument(
        "--unit",
        default="*",
        help="unit the targets are for (default: * = every unit of the indicator's service area)",
    )
    p.add_argument(
        "--indicator-col", help="header of the indicator column (default: Måleindikator/Indikator)"
    )
    p.add_argument(
        "--target-col",
        action="append",
        default=[],
        metavar="COL=PERIOD",
        help="a target column and its period (default: headers like 'Mål 2025')",
    )
    p.add_argument("--year", help="period of a column headed just 'Mål'")
    p.add_argument("--sheet", help="Excel sheet (default: the first)")


def _add_fetch_ssb(subparsers) -> None:
    p = subparsers.add_parser(
        "fetch-ssb",
        help="query SSB's PxWebApi v2 and import the answer",
        description="POST a PxWebApi v2 query for TABLE and import the JSON-stat 2.0 answer, "
        "splitting it and pacing requests within the API's limits.",
    )
    p.add_argument("table", help="table id, e.g. 07459")
    p.add_argument(
        "--query",
        required=True,
        metavar="FILE",
        help='JSON query: {"selection": [...]} (v2) or {"query": [...]} (v1)',
    )
    _common(p)
    _dims(p)
    p.add_argument(
        "--base-url", help=f"API base (default: ${kio.pxweb.BASE_URL_ENV} or {kio.pxweb.DEFAULT_BASE_URL})"
    )
    p.add_argument(
        "--max-cells", type=int, default=kio.Limits.max_cells, help="cells per request (default: %(default)s)"
    )
    p.add_argument(
        "--queries-per-minute",
        type=int,
        default=kio.Limits.queries_per_minute,
        help="requests per minute (default: %(default)s)",
    )
    p.set_defaults(
        command_name="fetch-ssb",
        func=_run(
            lambda a: kio.fetch_ssb(
                a.table,
                a.query,
                a.out,
                base=a.base_url,
                limits=kio.Limits(max_cells=a.max_cells, queries_per_minute=a.queries_per_minute),
                unit_dim=a.unit_dim,
                indicator_dim=a.indicator_dim,
                period_dim=a.period_dim,
                **_meta(a),
            )
        ),
    )


def _pairs(items: list[str], option: str) -> dict[str, str]:
    out = {}
    for item in items:
        key, sep, value = item.rpartition("=")
        if not sep or not key.strip() or not value.strip():
            raise KitlibError(f"{option} '{item}': write COLUMN=PERIOD, e.g. 'Mål 2025=2025'")
        out[key.strip()] = value.strip()
    return out
