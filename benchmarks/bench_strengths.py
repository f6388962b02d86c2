"""Benchmark: the bundled 21-county strength analysis should answer in well under 100 ms.

Runs ``region_strengths`` for every county on SCB RAMS 2018 and the Eurostat
series, and prints the median and worst time per region.

    .venv/bin/python benchmarks/bench_strengths.py
"""

from __future__ import annotations

import statistics
import time

from s3atlas.analysis.profile import region_strengths
from s3atlas.classifications import counties
from s3atlas.stats import load_dataset


def _time(dataset, region: str, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        region_strengths(dataset, region)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    for name in ("scb_rams_2018", "eurostat_employment_se"):
        dataset = load_dataset(name)
        codes = (
            counties().county_code if dataset.table.region_scheme == "county" else counties().nuts3
        )
        region_strengths(dataset, codes.iloc[0])  # warm caches
        times = [_time(dataset, code) for code in codes]
        print(
            f"{name:24s} median {statistics.median(times) * 1000:6.1f} ms"
            f"   worst {max(times) * 1000:6.1f} ms"
            f"   target < 100 ms: {'ok' if max(times) < 0.1 else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
