"""Live queries against SSB's PxWebApi v2, within its published limits.

`fetch_batch` sends the query of a JSON file (v2 `{"selection": [...]}`, or a v1 query as
Statistikkbanken's "API-spørring" shows it) as POST
`{base}/tables/{TABLE}/data?lang=no&outputFormat=json-stat2` and reads the JSON-stat 2.0
answers with the jsonstat reader. The API refuses extracts above a number of cells
(800 000) and more than a number of queries per minute (30), so:
- a query above `max_cells` is split along its largest variable (recursively);
- requests are spaced so that no 60-second window holds more than `queries_per_minute`;
- HTTP 429 is retried after the `Retry-After` seconds the server gives.
The clock and sleep are injectable so tests run in milliseconds.
"""

from __future__ import annotations

import fnmatch
import json
import logging
import math
import os
import re
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kitlib.data.importers._base import Batch, ImportOptions, SourceFormatError
from kitlib.data.importers._cells import sha256_of
from kitlib.data.importers.jsonstat import DimensionChoice, batch_from_jsonstat
from kitlib.errors import KitlibError

log = logging.getLogger("kitlib")

DEFAULT_BASE_URL = "https://data.ssb.no/api/pxwebapi/v2"
BASE_URL_ENV = "KITLIB_SSB_BASE_URL"
_EXPRESSION = re.compile(r"^(top|bottom|from|to|range)\((.*)\)$", re.IGNORECASE)


class FetchError(KitlibError):
    """PxWebApi could not be reached or refused the query."""


@dataclass
class Limits:
    max_cells: int = 800_000
    queries_per_minute: int = 30
    max_retries: int = 5
    timeout: float = 60.0

    def __post_init__(self) -> None:
        if self.max_cells < 1 or self.queries_per_minute < 1:
            raise KitlibError("max_cells and queries_per_minute must be 1 or more")


@dataclass
class Selection:
    code: str
    values: list[str]
    codelist: str | None = None


def base_url(given: str | None = None) -> str:
    return (given or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).rstrip("/")


def read_query(path: Path) -> list[Selection]:
    """A v2 query (`selection`) or a v1 query (`query`) -> selections."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceFormatError(path, f"not a readable JSON query: {exc}") from exc
    if isinstance(doc, dict) and isinstance(doc.get("selection"), list):
        out = []
        for item in doc["selection"]:
            if "variableCode" not in item or not isinstance(item.get("valueCodes"), list):
                raise SourceFormatError(path, "each selection needs variableCode and valueCodes")
            out.append(
                Selection(
                    item["variableCode"],
                    [str(v) for v in item["valueCodes"]],
                    item.get("codelist") or item.get("codeList"),
                )
            )
        return out
    if isinstance(doc, dict) and isinstance(doc.get("query"), list):
        return [_from_v1(item, path) for item in doc["query"]]
    raise SourceFormatError(
        path,
        'expected a PxWebApi query: {"selection": [{"variableCode": '
        '..., "valueCodes": [...]}]} (v2) or {"query": [...]} (v1)',
    )


def _from_v1(item: dict, path: Path) -> Selection:
    sel = item.get("selection") or {}
    kind, values = str(sel.get("filter", "item")), [str(v) for v in sel.get("values", [])]
    if kind == "item":
        return Selection(item["code"], values)
    if kind == "all":
        return Selection(item["code"], values or ["*"])
    if kind == "top":
        return Selection(item["code"], [f"top({values[0]})"])
    if kind.startswith(("agg:", "vs:")):
        prefix, name = kind.split(":", 1)
        return Selection(item["code"], values, f"{prefix}_{name}")
    raise SourceFormatError(
        path, f"v1 filter '{kind}' for {item.get('code')} is not supported; write the query for PxWebApi v2"
    )


def _expand(values: list[str], codes: list[str]) -> list[str]:
    """Wildcards and v2 expressions -> the codes they select, in the table's order."""
    out: list[str] = []
    for value in values:
        match = _EXPRESSION.match(value)
        if match:
            kind, arg = match[1].lower(), [a.strip() for a in match[2].split(",")]
            if kind == "top":
                out += codes[-int(arg[0]) :]
            elif kind == "bottom":
                out += codes[: int(arg[0])]
            elif kind == "from":
                out += codes[codes.index(arg[0]) :] if arg[0] in codes else []
            elif kind == "to":
                out += codes[: codes.index(arg[0]) + 1] if arg[0] in codes else []
            elif arg[0] in codes and arg[-1] in codes:
                out += codes[codes.index(arg[0]) : codes.index(arg[-1]) + 1]
        elif any(ch in value for ch in "*?"):
            out += [c for c in codes if fnmatch.fnmatchcase(c, value)]
        else:
            out.append(value)
    return list(dict.fromkeys(out))


def split_query(selections: list[Selection], max_cells: int) -> list[list[Selection]]:
    """Queries of at most `max_cells` cells each, together covering `selections`."""
    cells = math.prod(len(s.values) for s in selections)
    if cells <= max_cells:
        return [selections]
    widest = max(range(len(selections)), key=lambda i: len(selections[i].values))
    chosen = selections[widest]
    if len(chosen.values) == 1:
        return [selections]  # nothing left to split; the server will say what it thinks
    others = cells // len(chosen.values)
    per = max(1, max_cells // others)
    out = []
    for start in range(0, len(chosen.values), per):
        part = Selection(chosen.code, chosen.values[start : start + per], chosen.codelist)
        out += split_query(selections[:widest] + [part] + selections[widest + 1 :], max_cells)
    return out


@dataclass
class PxWebClient:
    """HTTP with PxWebApi's limits; `clock`, `sleep` and `opener` can be replaced in tests."""

    base: str = DEFAULT_BASE_URL
    limits: Limits = field(default_factory=Limits)
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    opener: Callable = urllib.request.urlopen
    sent: deque = field(default_factory=deque)  # times of recent requests
    requests: int = 0

    def _wait_for_slot(self) -> None:
        window = 60.0
        while True:
            now = self.clock()
            while self.sent and now - self.sent[0] >= window:
                self.sent.popleft()
            if len(self.sent) < self.limits.queries_per_minute:
                return
            delay = window - (now - self.sent[0])
            log.info("PxWebApi: %d queries in the last minute, waiting %.1f s", len(self.sent), delay)
            self.sleep(max(delay, 0.01))

    def request(self, url: str, body: dict | None = None) -> bytes:
        data = None if body is None else json.dumps(body).encode("utf-8")
        for attempt in range(self.limits.max_retries + 1):
            self._wait_for_slot()
            self.sent.append(self.clock())
            self.requests += 1
            req = urllib.request.Request(
                url,
                data=data,
                method="GET" if data is None else "POST",
                headers={"Content-Type": "application/json", "Accept": "application/json"},
            )
            try:
                with self.opener(req, timeout=self.limits.timeout) as response:
                    return response.read()
            except urllib.error.HTTPError as exc:
                detail = _problem(exc)
                if exc.code == 429 and attempt < self.limits.max_retries:
                    delay = _retry_after(exc.headers.get("Retry-After"))
                    log.info("PxWebApi: 429 Too Many Requests, retrying in %s s", delay)
                    self.sleep(delay)
                    continue
                raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}{detail}") from None
            except urllib.error.URLError as exc:
                raise FetchError(
                    f"{url}: cannot reach PxWebApi ({exc.reason}); check the address or set {BASE_URL_ENV}"
                ) from None
        raise FetchError(f"{url}: still HTTP 429 after {self.limits.max_retries} retries")

    def metadata_codes(self, table: str) -> dict[str, list[str]]:
        url = f"{self.base}/tables/{table}/metadata?lang=no&outputFormat=json-stat2"
        doc = json.loads(self.request(url))
        out = {}
        for dim_id, dim in (doc.get("dimension") or {}).items():
            index = (dim.get("category") or {}).get("index") or {}
            out[dim_id] = sorted(index, key=index.get) if isinstance(index, dict) else list(index)
        return out


def _problem(exc: urllib.error.HTTPError) -> str:
    try:
        body = exc.read().decode("utf-8", "replace")
    except Exception:  # the body is only a courtesy
        return ""
    try:
        doc = json.loads(body)
        text = doc.get("detail") or doc.get("title") or body
    except (json.JSONDecodeError, AttributeError):
        text = body
    return f": {str(text)[:300]}" if text else ""


def _retry_after(header: str | None) -> float:
    try:
        return max(float(header), 0.0) if header else 60.0
    except ValueError:
        return 60.0  # an HTTP date: wait a full minute rather than parse it


def fetch_batch(
    table: str,
    selections: list[Selection],
    client: PxWebClient,
    choice: DimensionChoice,
    options: ImportOptions,
) -> Batch:
    if not re.fullmatch(r"[A-Za-z0-9_]+", table):
        raise FetchError(f"table id '{table}' should be letters and digits, e.g. 07459")
    needs_codes = any(
        s.codelist is None and any(_EXPRESSION.match(v) or set(v) & set("*?") for v in s.values)
        for s in selections
    )
    if needs_codes:
        codes = client.metadata_codes(table)
        selections = [
            Selection(s.code, _expand(s.values, codes.get(s.code, [])), s.codelist)
            if s.codelist is None
            else s
            for s in selections
        ]
    empty = [s.code for s in selections if not s.values]
    if empty:
        raise FetchError(
            f"table {table}: the query selects no codes for {', '.join(empty)} "
            "(check the codes and expressions against the table's metadata)"
        )
    queries = split_query(selections, client.limits.max_cells)
    url = f"{client.base}/tables/{table}/data?lang=no&outputFormat=json-stat2"
    bodies, combined = [], None
    for query in queries:
        body = {
            "selection": [
                {"variableCode": s.code, "valueCodes": s.values}
                | ({"codelist": s.codelist} if s.codelist else {})
                for s in query
            ]
        }
        raw = client.request(url, body)
        bodies.append(raw)
        try:
            doc = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise FetchError(f"{url}: the answer is not JSON ({exc.msg})") from None
        part = batch_from_jsonstat(
            doc, source=url.split("?")[0], choice=choice, options=options, kind="fetch-ssb"
        )
        combined = part if combined is None else _combine(combined, part)
    assert combined is not None
    combined.sha256 = sha256_of(b"".join(bodies))
    if len(queries) > 1:
        combined.notes.append(
            f"the query was split into {len(queries)} requests (at most {client.limits.max_cells} cells each)"
        )
    return combined


def _combine(a: Batch, b: Batch) -> Batch:
    a.values += b.values
    a.benchmarks += b.benchmarks
    for unit_id, info in b.units.items():
        a.units.setdefault(unit_id, info)
    for ind_id, info in b.indicators.items():
        a.indicators.setdefault(ind_id, info)
    a.notes += [n for n in b.notes if n not in a.notes]
    return a
