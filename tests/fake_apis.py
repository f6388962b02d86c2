"""In-process fakes of SCB's PxWebApi 2, Kolada v3 and Eurostat, answering in their formats.

The formats follow the services' published documentation and the JSON-stat
2.0 specification (https://json-stat.org/full/): a dataset lists its
dimensions in ``id`` with sizes in ``size``; ``value`` runs row-major over
``id`` (the last dimension fastest); ``status`` marks cells by position.
Each fake is a plain function ``httpx.Request -> httpx.Response`` for
``httpx.MockTransport``; :func:`serve` puts one behind a real HTTP server on
127.0.0.1 for tests that go through the command line.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

Handler = Callable[[httpx.Request], httpx.Response]


@dataclass
class FakeTable:
    """A PxWebApi 2 table: variables (code → {value code: label}) and its cells."""

    label: str
    variables: dict[str, dict[str, str]]
    cells: dict[tuple[str, ...], float | None]
    status: dict[tuple[str, ...], str] = field(default_factory=dict)
    elimination: set[str] = field(default_factory=set)
    roles: dict[str, list[str]] = field(default_factory=dict)

    def metadata(self) -> dict[str, Any]:
        ids = list(self.variables)
        return {
            "version": "2.0",
            "class": "dataset",
            "label": self.label,
            "source": "SCB",
            "updated": "2026-11-19T07:00:00Z",
            "id": ids,
            "size": [len(self.variables[v]) for v in ids],
            "role": self.roles,
            "dimension": {
                v: {
                    "label": v.lower(),
                    "category": {
                        "index": {c: i for i, c in enumerate(self.variables[v])},
                        "label": self.variables[v],
                    },
                    "extension": {"elimination": v in self.elimination},
                }
                for v in ids
            },
        }

    def data(self, selection: dict[str, list[str]]) -> dict[str, Any]:
        """Answer like SCB: variables left out are summed over (elimination)."""
        ids = [v for v in self.variables if v in selection]
        values: list[float | None] = []
        status: dict[str, str] = {}
        for position, shown in enumerate(itertools.product(*(selection[v] for v in ids))):
            fixed = dict(zip(ids, shown, strict=True))
            axes = [
                [fixed[v]] if v in fixed else list(codes) for v, codes in self.variables.items()
            ]
            keys = list(itertools.product(*axes))
            numbers = [self.cells.get(key) for key in keys]
            values.append(None if None in numbers else float(sum(n or 0.0 for n in numbers)))
            flag = next((self.status[k] for k in keys if k in self.status), None)
            if flag:
                status[str(position)] = flag
        doc = self.metadata()
        doc["id"], doc["size"] = ids, [len(selection[v]) for v in ids]
        doc["dimension"] = {
            v: {
                "label": v.lower(),
                "category": {
                    "index": {c: i for i, c in enumerate(selection[v])},
                    "label": {c: self.variables[v][c] for c in selection[v]},
                },
            }
            for v in ids
        }
        doc["value"], doc["status"] = values, status
        return doc


class FakePxWeb2:
    """PxWebApi 2 at ``http://scb.test/api/v2``; ``failures`` are answered first, in order."""

    def __init__(self, tables: dict[str, FakeTable]) -> None:
        self.tables = tables
        self.requests: list[httpx.Request] = []
        self.failures: list[httpx.Response] = []

    def data_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path.endswith("/data")]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.failures:
            return self.failures.pop(0)
        parts = request.url.path.split("/tables")
        rest = parts[1].strip("/").split("/") if len(parts) > 1 else []
        if rest == [""] or not rest:
            return self._search(request.url.params.get("query", ""))
        table = self.tables.get(rest[0])
        if table is None:
            return httpx.Response(404, json={"title": "Not found", "status": 404})
        if rest[1:] == ["metadata"]:
            return httpx.Response(200, json=table.metadata())
        return httpx.Response(200, json=table.data(self._selection(request)))

    def _search(self, query: str) -> httpx.Response:
        words = query.casefold().split()
        hits = [
            {"type": "Table", "id": tid, "label": t.label, "firstPeriod": "", "lastPeriod": ""}
            for tid, t in self.tables.items()
            if all(w in t.label.casefold() for w in words)
        ]
        return httpx.Response(200, json={"language": "sv", "tables": hits, "page": {}})

    def _selection(self, request: httpx.Request) -> dict[str, list[str]]:
        if request.method == "POST":
            body = json.loads(request.content)
            return {s["variableCode"]: s["valueCodes"] for s in body["selection"]}
        return {
            key[len("valueCodes[") : -1]: value.split(",")
            for key, value in request.url.params.items()
            if key.startswith("valueCodes[")
        }


@contextmanager
def serve(handler: Handler) -> Iterator[str]:
    """Serve *handler* over real HTTP on 127.0.0.1 and yield the base URL."""

    class Adapter(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            request = httpx.Request(
                self.command,
                f"http://{self.headers.get('Host', '127.0.0.1')}{self.path}",
                headers=dict(self.headers),
                content=body,
            )
            response = handler(request)
            content = response.read()
            self.send_response(response.status_code)
            for key, value in response.headers.items():
                if key.lower() not in ("content-length", "transfer-encoding"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = _answer

    server = ThreadingHTTPServer(("127.0.0.1", 0), Adapter)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def employment_tables() -> dict[str, FakeTable]:
    """RAMS (TAB900), RAMS new method (TAB5837) and BAS (TAB3204) for county 24, two groups.

    RAMS 2016 numbers are SCB's (AM0207, Västerbotten); the 2019–2021 numbers
    are made up for the tests, chosen so sums are easy to check by hand.
    """
    regions = {"00": "Riket", "24": "Västerbottens län", "2480": "Umeå"}
    rams_sni = {"A": "jordbruk, skogsbruk och fiske", "B+C": "tillverkning och utvinning"}
    sex = {"1": "män", "2": "kvinnor"}
    roles = {"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["Region"]}
    rams = FakeTable(
        "Förvärvsarbetande 16+ år (dagbefolkning) efter region, näringsgren SNI 2007, kön och år",
        {
            "Region": regions,
            "SNI2007": {**rams_sni, "US": "uppgift saknas"},
            "Kon": sex,
            "ContentsCode": {"AM0207J8": "Förvärvsarbetande (dagbef)"},
            "Tid": {"2015": "2015", "2016": "2016"},
        },
        {
            ("24", "A", "1", "AM0207J8", "2016"): 3422.0,
            ("24", "A", "2", "AM0207J8", "2016"): 997.0,
            ("24", "B+C", "1", "AM0207J8", "2016"): 12293.0,
            ("24", "B+C", "2", "AM0207J8", "2016"): 2797.0,
        },
        elimination={"Region", "SNI2007", "Kon"},
        roles=roles,
    )
    rams_2019 = FakeTable(
        "Förvärvsarbetande 16+ år (dagbefolkning), ny tidsserie",
        {
            "Region": regions,
            "SNI2007": rams_sni,
            "Kon": sex,
            "ContentsCode": {"AM0207N1": "Förvärvsarbetande (dagbef)"},
            "Tid": {"2019": "2019", "2020": "2020", "2021": "2021"},
        },
        {
            ("24", s, k, "AM0207N1", t): float(v)
            for t, base in (("2019", 1000), ("2020", 1100), ("2021", 1200))
            for (s, k), v in {
                ("A", "1"): base,
                ("A", "2"): base // 2,
                ("B+C", "1"): 2 * base,
                ("B+C", "2"): base,
            }.items()
        },
        elimination={"Region", "SNI2007", "Kon"},
        roles=roles,
    )
    bas = FakeTable(
        "Sysselsatta efter arbetsställets region, näringsgren SNI 2007, kön och födelseregion",
        {
            "Region": regions,
            "SNI2007": {**rams_sni, "US": "okänt", "A-U+US": "totalt"},
            "Kon": {"1": "män", "2": "kvinnor", "1+2": "totalt"},
            "Fodelseregion": {"tot": "totalt", "SE": "född i Sverige"},
            "ContentsCode": {
                "000002XH": "Sysselsatta efter arbetsställe",
                "000002XI": "Sysselsatta efter bostad",
            },
            "Tid": {"2020": "2020", "2021": "2021"},
        },
        {
            ("24", s, k, "tot", "000002XH", t): float(v)
            for t, base in (("2020", 1000), ("2021", 1300))
            for (s, k), v in {
                ("A", "1"): base,
                ("A", "2"): base // 2,
                ("A", "1+2"): base + base // 2,
                ("B+C", "1"): 2 * base,
                ("B+C", "2"): base,
                ("B+C", "1+2"): 3 * base,
            }.items()
        },
        elimination={"Region", "SNI2007"},
        roles=roles,
    )
    return {"TAB900": rams, "TAB5837": rams_2019, "TAB3204": bas}


def kolada(request: httpx.Request) -> httpx.Response:
    """Kolada v3: /kpi/{id} and /data/kpi/{id}/municipality/{ids}/year/{years}, two pages."""
    path = request.url.path
    if path == "/v3/kpi/N03937":
        kpi = {
            "id": "N03937",
            "title": "Arbetslöshet 16-64 år, andel (%)",
            "is_divided_by_gender": 1,
        }
        return httpx.Response(200, json={"count": 1, "values": [kpi], "next_url": None})
    if path == "/v3/data/kpi/N03937/municipality/0024,0025/year/2022,2023":
        if request.url.params.get("page") == "2":
            rows = [row("0025", 2023, 6.1, 5.9, 6.3)]
            return httpx.Response(200, json={"count": 1, "values": rows, "next_url": None})
        rows = [
            row("0024", 2022, 5.2, 4.8, 5.6),
            row("0024", 2023, 5.5, None, 5.8),
            row("0025", 2022, 6.0, 5.7, 6.2),
        ]
        return httpx.Response(
            200, json={"count": 3, "values": rows, "next_url": f"{request.url}?page=2"}
        )
    return httpx.Response(404, json={"error": "not found"})


def row(region: str, year: int, total: float, women: float | None, men: float) -> dict[str, Any]:
    status = "" if women is not None else "Missing"
    return {
        "kpi": "N03937",
        "municipality": region,
        "period": year,
        "values": [
            {"gender": "T", "value": total, "status": "", "count": 1},
            {"gender": "K", "value": women, "status": status, "count": 1},
            {"gender": "M", "value": men, "status": "", "count": 1},
        ],
    }


def eurostat(request: httpx.Request) -> httpx.Response:
    """A JSON-stat 2.0 answer shaped like Eurostat's: sparse values, status flags."""
    assert request.url.params["format"] == "JSON" and request.url.params["unit"] == "NR"
    geo = request.url.params.get_list("geo")
    doc = {
        "version": "2.0",
        "class": "dataset",
        "label": "Trade mark applications by NUTS 3 regions",
        "source": "ESTAT",
        "updated": "2026-06-01T23:00:00+0200",
        "id": ["freq", "unit", "geo", "time"],
        "size": [1, 1, len(geo), 2],
        "dimension": {
            "freq": {"category": {"index": {"A": 0}, "label": {"A": "Annual"}}},
            "unit": {"category": {"index": {"NR": 0}, "label": {"NR": "Number"}}},
            "geo": {"category": {"index": {g: i for i, g in enumerate(geo)}}},
            "time": {"category": {"index": {"2021": 0, "2022": 1}}},
        },
        # geo-major: SE331 2021, SE331 2022, SE332 2021, SE332 2022
        "value": {"0": 120, "1": 131, "2": 88},
        "status": {"1": "p", "2": "e", "3": ":"},
        "extension": {"status": {"label": {"e": "estimated", "p": "provisional"}}},
    }
    return httpx.Response(200, json=doc)
