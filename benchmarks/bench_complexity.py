"""Benchmark s3atlas.complexity against the PyPI ``ecomplexity`` package (0.5.3).

Generates a seeded long table (default 1,500 regions × 600 industries × 10
years, skewed values with about a quarter zeros) and measures, in one run:

(i)  compute: ``s3atlas.complexity.complexity(frame, "ecomplexity")`` against
     ``ecomplexity.ecomplexity(frame, ...)`` on the same in-memory DataFrame,
     and checks that the results agree;
(ii) end to end: ``s3atlas complexity FILE --out OUT --conventions ecomplexity``
     as a subprocess against a script that reads the same Parquet file, runs
     ``ecomplexity`` and writes its output, with each subprocess's peak RSS.

Usage::

    .venv/bin/python benchmarks/bench_complexity.py           # full size
    .venv/bin/python benchmarks/bench_complexity.py --small   # quick run
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

COLS = {"time": "year", "loc": "region", "prod": "industry", "val": "value"}

ECOMPLEXITY_SCRIPT = textwrap.dedent(
    """
    import sys, warnings
    import pandas as pd
    from ecomplexity import ecomplexity
    warnings.simplefilter("ignore")
    frame = pd.read_parquet(sys.argv[1])
    cols = {"time": "year", "loc": "region", "prod": "industry", "val": "value"}
    out = ecomplexity(frame, cols, verbose=False, check_logsupermodularity=False)
    out.to_parquet(sys.argv[2], index=False)
    """
)

# Runs a command and prints its wall time and the peak RSS of the command's process tree.
MEASURE_SCRIPT = textwrap.dedent(
    """
    import json, resource, subprocess, sys, time
    start = time.perf_counter()
    done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024, "rc": done.returncode,
                      "stderr": done.stderr[-2000:]}))
    """
)


def generate(regions: int, industries: int, years: int, seed: int = 2024) -> pd.DataFrame:
    """A long table with skewed region sizes, industry sizes and cell values, ~25 % zeros."""
    rng = np.random.default_rng(seed)
    scale = rng.lognormal(0, 1.0, (regions, 1)) * rng.lognormal(0, 1.2, (1, industries))
    base = rng.lognormal(0, 1.0, (regions, industries))
    values = np.stack(
        [
            np.floor(100 * scale * base * rng.lognormal(0, 0.2, (regions, industries)))
            * (rng.random((regions, industries)) > 0.25)
            for _ in range(years)
        ]
    )
    region_codes = np.array([f"R{i:04d}" for i in range(regions)], dtype=object)
    industry_codes = np.array([f"{j:04d}" for j in range(industries)], dtype=object)
    return pd.DataFrame(
        {
            "year": np.repeat(np.arange(2010, 2010 + years), regions * industries),
            "region": np.tile(np.repeat(region_codes, industries), years),
            "industry": np.tile(industry_codes, regions * years),
            "value": values.ravel(),
        }
    )


def run_ecomplexity(frame: pd.DataFrame) -> pd.DataFrame:
    from ecomplexity import ecomplexity

    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        return ecomplexity(frame, COLS, verbose=False, check_logsupermodularity=False)


def max_difference(ours: pd.DataFrame, ref: pd.DataFrame) -> dict[str, float]:
    """Largest absolute difference per measure over matching (year, region, industry)."""
    ours = ours.astype({"region": str, "industry": str})
    both = ref.merge(ours, on=["year", "region", "industry"], suffixes=("_ref", ""))
    out = {
        "rows_matched": float(len(both)),
        "rows_ref": float(len(ref)),
        "rows_ours": float(len(ours)),
    }
    for name in ("rca", "mcp", "density", "eci", "pci", "coi", "cog"):
        out[name] = float(
            np.nanmax(np.abs(both[name].to_numpy(float) - both[f"{name}_ref"].to_numpy(float)))
        )
    return out


def measure(command: list[str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE_SCRIPT, *command], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout)
    if result["rc"] != 0:
        raise RuntimeError(f"{command} failed: {result['stderr']}")
    return result


def compute_phase(frame: pd.DataFrame, repeats: int) -> dict[str, object]:
    from s3atlas.complexity import complexity

    times = []
    ours = None
    for _ in range(repeats):
        del ours  # one result in memory at a time
        start = time.perf_counter()
        ours = complexity(frame, "ecomplexity")
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    ref = run_ecomplexity(frame)
    ref_time = time.perf_counter() - start
    return {
        "s3atlas_s": min(times),
        "ecomplexity_s": ref_time,
        "ratio": ref_time / min(times),
        "max_abs_diff": max_difference(ours, ref),
    }


def end_to_end_phase(frame: pd.DataFrame, folder: Path) -> dict[str, object]:
    source = folder / "table.parquet"
    frame.to_parquet(source, index=False)
    script = folder / "run_ecomplexity.py"
    script.write_text(ECOMPLEXITY_SCRIPT)
    cli = [sys.executable, "-c", "from s3atlas.cli.main import main; main()"]
    ours = measure(
        [
            *cli,
            "complexity",
            str(source),
            "--out",
            str(folder / "s3atlas.parquet"),
            "--conventions",
            "ecomplexity",
        ]
    )
    ref = measure([sys.executable, str(script), str(source), str(folder / "ecomplexity.parquet")])
    return {
        "s3atlas": ours,
        "ecomplexity": ref,
        "ratio": float(ref["seconds"]) / float(ours["seconds"]),
    }  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--small", action="store_true", help="150 regions × 60 industries × 3 years"
    )
    parser.add_argument("--regions", type=int, default=1500)
    parser.add_argument("--industries", type=int, default=600)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument(
        "--repeats", type=int, default=3, help="s3atlas compute runs (best is kept)"
    )
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()
    if args.small:
        args.regions, args.industries, args.years = 150, 60, 3

    frame = generate(args.regions, args.industries, args.years)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    print(
        f"table: {args.regions} regions × {args.industries} industries × {args.years} years "
        f"= {len(frame):,} rows, {(frame.value == 0).mean():.0%} zeros",
        flush=True,
    )
    compute = compute_phase(frame, args.repeats)
    diff = compute["max_abs_diff"]
    print(
        f"(i) compute   s3atlas {compute['s3atlas_s']:.2f} s   "
        f"ecomplexity {compute['ecomplexity_s']:.2f} s"
        f"   ratio {compute['ratio']:.1f}×",
        flush=True,
    )
    print(
        "    max |difference|: "
        + ", ".join(
            f"{k} {v:.1e}"
            for k, v in diff.items()  # type: ignore[union-attr]
            if not k.startswith("rows")
        ),
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        e2e = end_to_end_phase(frame, Path(tmp))
    ours, ref = e2e["s3atlas"], e2e["ecomplexity"]
    print(
        f"(ii) end to end   s3atlas {ours['seconds']:.2f} s, peak {ours['peak_mib']:.0f} MiB   "  # type: ignore[index]
        f"ecomplexity {ref['seconds']:.2f} s, peak {ref['peak_mib']:.0f} MiB   "  # type: ignore[index]
        f"ratio {e2e['ratio']:.1f}×",
        flush=True,
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "args": vars(args) | {"json": str(args.json)},
                    "compute": compute,
                    "end_to_end": e2e,
                },
                indent=2,
                default=str,
            )
        )


if __name__ == "__main__":
    main()
