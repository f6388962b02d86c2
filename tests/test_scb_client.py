"""The SCB PxWeb client against a local PxWeb-like server on 127.0.0.1 (never the internet).

The server answers like SCB's API v1: ``GET`` on a table gives its variables,
``POST`` with a query gives a JSON-stat 2.0 dataset built from the bundled
RAMS 2018 numbers for exactly the values asked for.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pandas as pd
import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app
from s3atlas.errors import InputError, NotFoundError
from s3atlas.i18n import use_language
from s3atlas.io.scb import ScbClient, build_query, split_selection
from s3atlas.io.transport import Limits, RateLimiter, Transport
from s3atlas.stats import load_dataset
from s3atlas.workspace import resolve_workspace


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English; restores the language ``--lang`` sets for the process."""
    with use_language("en"):
        yield


RAMS = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "s3atlas"
    / "data"
    / "bundle"
    / "scb_rams_2018_county_industry.csv"
)
TABLE = "AM/AM0207/AM0207Z/DagSni07KonKN"


def _bundle() -> pd.DataFrame:
    return pd.read_csv(RAMS, dtype=str)


def metadata_doc() -> dict[str, Any]:
    rows = _bundle()
    regions = dict(zip(rows.county_code, rows.county_name, strict=False))
    groups = dict(zip(rows.sni_group, rows.sni_group_label_en, strict=False))
    return {
        "title": "Förvärvsarbetande 16+ år (dagbefolkning) efter region, "
        "näringsgren SNI 2007 och år",
        "variables": [
            {
                "code": "Region",
                "text": "region",
                "values": ["00", *regions],
                "valueTexts": ["Riket", *regions.values()],
                "elimination": True,
            },
            {
                "code": "SNI2007",
                "text": "näringsgren SNI 2007",
                "values": list(groups),
                "valueTexts": [f"{k} {v}" for k, v in groups.items()],
                "elimination": True,
            },
            {
                "code": "ContentsCode",
                "text": "tabellinnehåll",
                "values": ["AM0207J8"],
                "valueTexts": ["Förvärvsarbetande 16+ år (dagbefolkning)"],
            },
            {"code": "Tid", "text": "år", "values": ["2018"], "valueTexts": ["2018"], "time": True},
        ],
    }


def dataset_doc(query: dict[str, Any]) -> dict[str, Any]:
    """Answer a PxWeb v1 query with JSON-stat 2.0 in SCB's shape (row-major over id)."""
    rows = _bundle().set_index(["county_code", "sni_group"]).employed.astype(int)
    asked = {q["code"]: q["selection"]["values"] for q in query["query"]}
    meta = {v["code"]: v for v in metadata_doc()["variables"]}
    ids = ["Region", "SNI2007", "ContentsCode", "Tid"]
    values = []
    for region in asked["Region"]:
        for group in asked["SNI2007"]:
            national = int(rows.xs(group, level="sni_group").sum())
            values.append(national if region == "00" else int(rows[(region, group)]))
    dimension = {}
    for dim in ids:
        texts = dict(zip(meta[dim]["values"], meta[dim]["valueTexts"], strict=True))
        codes = asked[dim]
        dimension[dim] = {
            "label": meta[dim]["text"],
            "category": {
                "index": {c: i for i, c in enumerate(codes)},
                "label": {c: texts[c] for c in codes},
            },
        }
    return {
        "class": "dataset",
        "label": metadata_doc()["title"],
        "source": "SCB",
        "updated": "2019-11-19T09:30:00Z",
        "id": ids,
        "size": [len(asked[d]) for d in ids],
        "dimension": dimension,
        "value": values,
        "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
        "version": "2.0",
    }


class PxWebServer:
    """A PxWeb v1 look-alike; ``fail_first`` answers that many POSTs with 429 first."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, Any]] = []
        self.fail_first = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(
                self, status: int, payload: Any, headers: dict[str, str] | None = None
            ) -> None:
                body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                outer.requests.append(("GET", self.path, None))
                if not self.path.endswith(TABLE):
                    self._send(404, {"error": "not found"})
                else:
                    self._send(200, metadata_doc())

            def do_POST(self) -> None:
                query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append(("POST", self.path, query))
                if outer.fail_first > 0:
                    outer.fail_first -= 1
                    self._send(429, {"error": "Too many requests"}, {"Retry-After": "1"})
                else:
                    self._send(200, dataset_doc(query))

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/OV0104/v1/doris/sv/ssd"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def posts(self) -> list[Any]:
        return [body for method, _, body in self.requests if method == "POST"]


@pytest.fixture
def server() -> Iterator[PxWebServer]:
    srv = PxWebServer()
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


def client(
    server: PxWebServer,
    tmp_path: Path,
    sleeps: list[float],
    max_cells: int = 150_000,
    **limits: Any,
) -> ScbClient:
    transport = Transport(
        "SCB", limits=Limits(**limits), cache_dir=tmp_path / "cache", sleep=sleeps.append
    )
    return ScbClient(server.url, transport=transport, max_cells=max_cells, progress=False)


def test_whole_table_arrives_with_the_published_total(server: PxWebServer, tmp_path: Path) -> None:
    dataset = client(server, tmp_path, []).fetch_dataset(TABLE, name="rams", measure="employed")
    frame = dataset.table.frame
    assert (len(frame), frame.value.sum()) == (315, 4_920_748)
    assert "Riket" in dataset.meta.notes  # the national row was asked for (all values) and left out
    assert dataset.meta.licence == "CC0 1.0" and dataset.meta.url.endswith(TABLE)


def test_query_over_the_cell_limit_is_split_and_reassembled(
    server: PxWebServer, tmp_path: Path
) -> None:
    dataset = client(server, tmp_path, [], max_cells=50).fetch_dataset(
        TABLE, name="rams", measure="employed"
    )
    posts = server.posts()
    cells = [
        len(q["query"][0]["selection"]["values"]) * len(q["query"][1]["selection"]["values"])
        for q in posts
    ]
    # 22 regions (21 counties + Riket) × 15 groups = 330 cells;
    # 50 // 15 = 3 regions a request → ceil(22 / 3) = 8 requests
    assert len(posts) == 8 and max(cells) <= 50 and sum(cells) == 22 * 15
    assert dataset.table.frame.value.sum() == 4_920_748


def test_rate_limit_429_is_retried_after_backing_off(server: PxWebServer, tmp_path: Path) -> None:
    server.fail_first = 2
    sleeps: list[float] = []
    dataset = client(server, tmp_path, sleeps, backoff_seconds=0.5).fetch_dataset(
        TABLE, name="rams", region=["24"], industry=["A", "B+C"], measure="employed"
    )
    assert len(server.posts()) == 3
    assert sleeps == [1.0, 1.0]  # the server's Retry-After wins over 0.5 and 1.0
    assert dataset.table.matrix("employed", 2018).loc["24", "B+C"] == 15336


def test_back_off_doubles_without_retry_after() -> None:
    answers = iter([503, 503, 503, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(next(answers), json={"variables": []})

    sleeps: list[float] = []
    transport = Transport(
        "SCB",
        limits=Limits(backoff_seconds=0.5),
        network=httpx.MockTransport(handler),
        sleep=sleeps.append,
    )
    assert transport.get("http://scb.test/table").doc == {"variables": []}
    assert sleeps == [0.5, 1.0, 2.0]


def test_cached_answers_are_not_asked_for_again(server: PxWebServer, tmp_path: Path) -> None:
    first = client(server, tmp_path, []).fetch_dataset(
        TABLE, name="a", region=["01", "03"], measure="employed"
    )
    sent = len(server.requests)
    second = client(server, tmp_path, []).fetch_dataset(
        TABLE, name="a", region=["01", "03"], measure="employed"
    )
    assert sent == 2 and len(server.requests) == sent  # metadata + one POST, then nothing
    pd.testing.assert_frame_equal(first.table.frame, second.table.frame)
    client(server, tmp_path, []).fetch_dataset(
        TABLE, name="a", region=["01", "03"], measure="employed", refresh=True
    )
    assert len(server.requests) == sent + 2


def test_unknown_region_value_is_refused_before_any_data_request(
    server: PxWebServer, tmp_path: Path
) -> None:
    with pytest.raises(InputError, match="not a value of Region") as caught:
        client(server, tmp_path, []).fetch_dataset(TABLE, name="a", region=["99"])
    assert caught.value.value == "99" and server.posts() == []


def test_unknown_table_is_not_found(server: PxWebServer, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        client(server, tmp_path, []).metadata("AM/NOPE")


def test_rate_limiter_waits_for_the_window() -> None:
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(3, 10.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(4):
        limiter.wait()
        now[0] += 1.0
    assert waits == [7.0]  # the fourth start waits until 10 s after the first


def test_split_covers_every_cell_exactly_once() -> None:
    selection = {
        "Region": [f"{i:02d}" for i in range(22)],
        "SNI2007": list("ABCDEFGHIJ"),
        "Tid": ["2017", "2018"],
    }
    parts = split_selection(selection, 30)
    seen = [(r, s, t) for p in parts for r in p["Region"] for s in p["SNI2007"] for t in p["Tid"]]
    assert len(seen) == len(set(seen)) == 22 * 10 * 2
    assert all(len(p["Region"]) * len(p["SNI2007"]) * len(p["Tid"]) <= 30 for p in parts)


def test_query_body_asks_for_jsonstat2() -> None:
    assert build_query({"Region": ["01"]}) == {
        "query": [{"code": "Region", "selection": {"filter": "item", "values": ["01"]}}],
        "response": {"format": "json-stat2"},
    }


def test_fetch_command_saves_the_dataset(server: PxWebServer, workspace: Path) -> None:
    _register_all()
    result = CliRunner().invoke(
        app,
        [
            "--lang",
            "en",
            "fetch",
            "scb",
            TABLE,
            "--name",
            "north",
            "--region",
            "24,25",
            "--years",
            "2018",
            "--measure",
            "employed",
            "--base-url",
            server.url,
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["cells"] == 30
    table = load_dataset("north", resolve_workspace(workspace)).table
    assert table.matrix("employed", 2018).loc["25", "J"] == 2690
    assert (workspace / "cache" / "http.sqlite").exists()


def test_fetch_command_failure_leaves_no_dataset(server: PxWebServer, workspace: Path) -> None:
    _register_all()
    result = CliRunner().invoke(
        app,
        [
            "--lang",
            "en",
            "fetch",
            "scb",
            TABLE,
            "--name",
            "north",
            "--region",
            "27",
            "--base-url",
            server.url,
        ],
    )
    assert result.exit_code == 1 and "'27'" in result.output + result.stderr
    assert not (workspace / "datasets" / "north.parquet").exists()
