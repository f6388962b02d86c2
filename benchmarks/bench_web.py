"""Page render latency under load: 20 concurrent clients against the demo on 127.0.0.1.

Starts uvicorn (one worker, in its own process) over a fresh demo workspace, warms
up, then runs a bounded number of requests per client with httpx's async
client and reports p50/p95/max per page. The target is p95 < 100 ms.

    .venv/bin/python benchmarks/bench_web.py [--clients 20] [--requests 25]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from s3atlas.cli.web import prepare_demo
from s3atlas.workspace import resolve_workspace

PAGES = [
    "/",
    "/?indicator=rd_total",
    "/?lang=en",
    "/login",
    "/api/regions",
    "/api/indicators/employed",
    "/region/24",
    "/region/24/area/Skoglig%20bioekonomi",
    "/priorities",
]
TARGET_P95_MS = 100.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


_SERVER = (
    "import sys, uvicorn; from pathlib import Path; from s3atlas.web import create_app; "
    "uvicorn.run(create_app(Path(sys.argv[1])), host='127.0.0.1', port=int(sys.argv[2]), log_level='warning')"
)


def _start(root: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Serve the demo from a separate process, so the load generator does not share its GIL."""
    prepare_demo(resolve_workspace(root))
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-c", _SERVER, str(root), str(port)])
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/login", timeout=2).status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("the benchmark server did not start within 60 s")


async def _client(base: str, requests: int, offset: int, timings: dict[str, list[float]]) -> None:
    async with httpx.AsyncClient(
        base_url=base, headers={"accept": "text/html"}, timeout=30
    ) as client:
        for number in range(requests):
            path = PAGES[(offset + number) % len(PAGES)]
            start = time.perf_counter()
            response = await client.get(path)
            timings[path].append((time.perf_counter() - start) * 1000)
            response.raise_for_status()


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


async def _run(base: str, clients: int, requests: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {path: [] for path in PAGES}
    await _client(
        base, len(PAGES) * 2, 0, {path: [] for path in PAGES}
    )  # warm-up: caches, templates
    await asyncio.gather(*(_client(base, requests, i, timings) for i in range(clients)))
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="requests per client")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        server, base = _start(Path(folder))
        started = time.perf_counter()
        timings = asyncio.run(_run(base, args.clients, args.requests))
        elapsed = time.perf_counter() - started
        server.terminate()
        server.wait(timeout=10)
    everything = [value for values in timings.values() for value in values]
    print(
        f"{args.clients} clients × {args.requests} requests = {len(everything)} in {elapsed:.1f} s "
        f"({len(everything) / elapsed:.0f} req/s)"
    )
    print(f"{'page':<28}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for path, values in timings.items():
        print(
            f"{path:<28}{len(values):>5}{statistics.median(values):>10.1f}{_p95(values):>10.1f}{max(values):>10.1f}"
        )
    overall = _p95(everything)
    print(
        f"{'all':<28}{len(everything):>5}{statistics.median(everything):>10.1f}{overall:>10.1f}"
        f"{max(everything):>10.1f}"
    )
    print(
        f"p95 {overall:.1f} ms – target {TARGET_P95_MS:.0f} ms: {'OK' if overall < TARGET_P95_MS else 'MISSED'}"
    )
    return 0 if overall < TARGET_P95_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
