"""kitlib fetch-ssb against a loopback server replaying the real PxWebApi 07221 answer."""

from __future__ import annotations

import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from folder_rows import REAL, rows

import kitlib
from kitlib.data.importers import FetchError, Limits, PxWebClient, fetch_ssb
from kitlib.data.importers.pxweb import Selection, split_query

FIXTURE = json.loads((REAL / "ssb_07221_pxwebapi_jsonstat2.json").read_text(encoding="utf-8"))


def subset(doc: dict, selection: list[dict]) -> dict:
    """The fixture cut down to the selected categories, as PxWebApi would answer."""
    wanted = {s["variableCode"]: s["valueCodes"] for s in selection}
    dims = doc["id"]
    codes = {}
    for d in dims:
        index = doc["dimension"][d]["category"]["index"]
        all_codes = sorted(index, key=index.get)
        codes[d] = [c for c in all_codes if c in wanted.get(d, all_codes)]
    full = {
        d: sorted(doc["dimension"][d]["category"]["index"], key=doc["dimension"][d]["category"]["index"].get)
        for d in dims
    }
    values, status = [], {}
    for combo in itertools.product(*(codes[d] for d in dims)):
        flat = 0
        for d, code in zip(dims, combo):
            flat = flat * len(full[d]) + full[d].index(code)
        if str(flat) in doc["status"]:
            status[str(len(values))] = doc["status"][str(flat)]
        values.append(doc["value"][flat])
    out = json.loads(json.dumps(doc))
    out["size"] = [len(codes[d]) for d in dims]
    out["value"], out["status"] = values, status
    for d in dims:
        cat = out["dimension"][d]["category"]
        cat["index"] = {c: i for i, c in enumerate(codes[d])}
        cat["label"] = {c: cat["label"][c] for c in codes[d]}
    return out


class Replay(BaseHTTPRequestHandler):
    calls: list = []
    throttle_first = 0

    def log_message(self, *args):  # keep pytest output clean
        pass

    def _send(self, code: int, body: dict, headers=None):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        Replay.calls.append(("GET", self.path, None))
        if self.path.startswith("/v2/tables/07221/metadata"):
            self._send(200, FIXTURE)
        else:
            self._send(404, {"title": "Not found"})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Replay.calls.append(("POST", self.path, body))
        if Replay.throttle_first > 0:
            Replay.throttle_first -= 1
            self._send(429, {"title": "Too many requests"}, {"Retry-After": "7"})
        elif self.path == "/v2/tables/07221/data?lang=no&outputFormat=json-stat2":
            self._send(200, subset(FIXTURE, body["selection"]))
        else:
            self._send(400, {"title": "Bad request", "detail": "Unknown table"})


@pytest.fixture
def server():
    Replay.calls, Replay.throttle_first = [], 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Replay)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v2"
    httpd.shutdown()
    httpd.server_close()


class FakeTime:
    def __init__(self):
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def query(tmp_path: Path, selection: list[dict]) -> Path:
    path = tmp_path / "query.json"
    path.write_text(json.dumps({"selection": selection}), encoding="utf-8")
    return path


ALL = [
    {"variableCode": "Region", "valueCodes": ["*"]},
    {"variableCode": "Boligtype", "valueCodes": ["01", "02", "03"]},
    {"variableCode": "ContentsCode", "valueCodes": ["Boligindeks"]},
    {"variableCode": "Tid", "valueCodes": ["top(8)"]},
]


def test_fetch_splits_and_paces_requests(server, tmp_path):
    clock = FakeTime()
    client = PxWebClient(
        base=server, limits=Limits(max_cells=50, queries_per_minute=3), clock=clock.clock, sleep=clock.sleep
    )
    out = tmp_path / "data"
    result = fetch_ssb("07221", query(tmp_path, ALL), out, client=client)
    assert kitlib.check_folder(out)[2] == []
    posts = [c for c in Replay.calls if c[0] == "POST"]
    # 12 regions x 3 types x 8 quarters = 288 cells; at most 50 per request
    cells = [
        len(b["selection"][0]["valueCodes"]) * len(b["selection"][1]["valueCodes"]) * 8 for _, _, b in posts
    ]
    assert all(c <= 50 for c in cells) and sum(cells) == 288
    assert len(posts) == 6  # 2 regions (48 cells) per request
    # 1 metadata GET + 6 POSTs at 3 per minute: the 4th and 7th request wait a minute each
    assert 2 * 60 <= clock.now - 1000.0 < 3 * 60
    assert result.values_added == 264 and result.table_id == "07221"
    missing = [
        r
        for r in rows(out, "values.csv")
        if (r["unit_id"], r["indicator_id"], r["period"])
        == ("007", "07221:Boligindeks:Boligtype=02", "2022K1")
    ]
    assert missing[0]["status"] == ".."
    assert rows(out, "provenance.csv")[0]["source"] == f"{server}/tables/07221/data"


def test_fetch_retries_after_429(server, tmp_path):
    Replay.throttle_first = 2
    clock = FakeTime()
    client = PxWebClient(base=server, clock=clock.clock, sleep=clock.sleep)
    sel = [
        {"variableCode": "Region", "valueCodes": ["001", "002"]},
        {"variableCode": "Boligtype", "valueCodes": ["01"]},
        {"variableCode": "ContentsCode", "valueCodes": ["Boligindeks"]},
        {"variableCode": "Tid", "valueCodes": ["2023K4"]},
    ]
    result = fetch_ssb("07221", query(tmp_path, sel), tmp_path / "data", client=client)
    assert clock.sleeps == [7.0, 7.0]
    assert result.values_added == 2
    assert len(Replay.calls) == 3


def test_fetch_errors_are_clear(server, tmp_path, monkeypatch):
    clock = FakeTime()
    client = PxWebClient(base=server, clock=clock.clock, sleep=clock.sleep)
    with pytest.raises(FetchError, match="HTTP 400.*Unknown table"):
        fetch_ssb("99999", query(tmp_path, ALL[1:3]), tmp_path / "data", client=client)
    monkeypatch.setenv("KITLIB_SSB_BASE_URL", "http://127.0.0.1:9/v2")
    with pytest.raises(FetchError, match="cannot reach"):
        fetch_ssb("07221", query(tmp_path, ALL[1:3]), tmp_path / "data", limits=Limits(timeout=2))


def test_split_query_never_exceeds_the_limit():
    sel = [
        Selection("Region", [str(i) for i in range(357)]),
        Selection("Tid", ["1", "2", "3"]),
        Selection("ContentsCode", ["a", "b"]),
    ]
    parts = split_query(sel, 100)
    sizes = [len(p[0].values) * len(p[1].values) * len(p[2].values) for p in parts]
    assert max(sizes) <= 100 and sum(sizes) == 357 * 6
    tiny = split_query(sel, 4)  # one region is 6 cells: split further along Tid
    assert max(len(p[0].values) * len(p[1].values) * len(p[2].values) for p in tiny) <= 4
