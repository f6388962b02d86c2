"""Page render latency under load: 20 concurrent clients against the demo on 127.0.0.1.

Starts the server the way ``s3atlas serve`` does (in its own process, ``--workers``
as given) over a fresh demo workspace, warms every page up in both languages,
then runs a bounded number of requests per client with httpx's async client
and reports p50/p95/max per page. The clients are anonymous visitors, like
most readers of the published pages. The target is p95 < 100 ms.

    .venv/bin/python benchmarks/bench_web.py [--clients 20] [--requests 25] [--workers 1]
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


_SERVER = "import sys; from s3atlas.cli.main import main; sys.exit(main())"


def _start(root: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    """Serve the demo with ``s3atlas serve`` in its own process (apart from the load generator)."""
    prepare_demo(resolve_workspace(root))
    port = _free_port()
    command = ["serve", "--workspace", str(root), "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen([sys.executable, "-c", _SERVER, *command], stdout=subprocess.DEVNULL)
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


async def _warm_up(base: str) -> None:
    """Ask for every page in both languages (``/?lang=en`` switches a client to English)."""
    for lang in ("sv", "en"):
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            await client.get(f"/?lang={lang}")
            for _ in range(3):
                for path in PAGES:
                    if "lang=" not in path:
                        (await client.get(path)).raise_for_status()


async def _run(base: str, clients: int, requests: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {path: [] for path in PAGES}
    await _warm_up(base)
    await asyncio.gather(*(_client(base, requests, i, timings) for i in range(clients)))
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="requests per client")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        server, base = _start(Path(folder), args.workers)
        started = time.perf_counter()
        timings = asyncio.run(_run(base, args.clients, args.requests))
        elapsed = time.perf_counter() - started
        server.terminate()
        server.wait(timeout=10)
    everything = [value for values in timings.values() for value in values]
    print(
        f"{args.clients} clients × {args.requests} requests = {len(everything)} "
        f"in {elapsed:.1f} s, {args.workers} worker(s) "
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
        f"p95 {overall:.1f} ms – target {TARGET_P95_MS:.0f} ms: "
        f"{'OK' if overall < TARGET_P95_MS else 'MISSED'}"
    )
    return 0 if overall < TARGET_P95_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
