"""Agreement with the reference implementation, PyPI ``ecomplexity`` 0.5.3, under its conventions.

Every measure (rca, mcp, density, eci, pci, coi, cog) must agree to 1e-9 on
real tables (Eurostat NUTS 3 employment of Sweden; US Cluster Mapping
Project metro clusters) and on generated ones.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from importlib.resources import files
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from s3atlas.complexity import complexity
from s3atlas.complexity.select import LeftOutNote

ecomplexity = pytest.importorskip("ecomplexity").ecomplexity

MEASURES = ["rca", "mcp", "density", "eci", "pci", "coi", "cog"]
GROUPS = ["A", "B-E", "F", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U"]
KEYS = ["year", "region", "industry"]


def reference(frame: pd.DataFrame) -> pd.DataFrame:
    cols = {"time": "year", "loc": "region", "prod": "industry", "val": "value"}
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        return ecomplexity(frame, cols, verbose=False)


def assert_agrees(frame: pd.DataFrame, atol: float = 1e-9, **options) -> None:
    """Every measure agrees with ecomplexity on every row (ecomplexity writes the full grid
    and treats every code as a region, so those are the options unless *options* say else)."""
    ref = reference(frame)
    options = {"full_grid": True, "keep_extra_regio": True, **options}
    ours = complexity(frame, "ecomplexity", **options).astype({"region": str, "industry": str})
    both = ref.merge(ours, on=KEYS, suffixes=("_ref", ""), validate="one_to_one")
    assert len(both) == len(ours)
    if options["full_grid"]:
        assert len(both) == len(ref)
    for name in MEASURES:
        expected, got = both[f"{name}_ref"].to_numpy(float), both[name].to_numpy(float)
        np.testing.assert_array_equal(np.isnan(got), np.isnan(expected), err_msg=name)
        np.testing.assert_allclose(got, expected, rtol=0, atol=atol, equal_nan=True, err_msg=name)


def eurostat_nuts3() -> pd.DataFrame:
    path = files("s3atlas") / "data" / "bundle" / "eurostat_nama_10r_3empers_SE.csv"
    raw = pd.read_csv(str(path), dtype={"nuts_code": str, "nace_group": str})
    keep = (raw.nuts_level == 3) & raw.nace_group.isin(GROUPS) & raw.year.between(2000, 2017)
    table = raw[keep].rename(
        columns={"nuts_code": "region", "nace_group": "industry", "employed_persons": "value"}
    )
    return table[["year", "region", "industry", "value"]].reset_index(drop=True)


def test_agrees_on_eurostat_nuts3_employment_of_sweden_2000_2017():
    frame = eurostat_nuts3()
    assert frame.year.nunique() == 18 and frame.region.nunique() >= 21
    assert_agrees(frame)


def test_method_of_reflections_agrees_with_ecomplexity_signs_included():
    # ecomplexity has only the eigenvector method; the reflections converge to it
    # (the third eigenvalue is close to the second here, so many orders are needed)
    assert_agrees(eurostat_nuts3(), method="reflections", iterations=400)


@pytest.mark.shared
def test_agrees_on_us_cluster_mapping_metro_traded_clusters_2016(shared_dir: Path):
    raw = pd.read_csv(
        shared_dir / "data" / "reference" / "cmp_2016_msa_clusters.csv",
        dtype=str,
        usecols=["year_t", "region_code_t", "cluster_code_t", "traded_b", "emp_tl"],
    )
    raw = raw[raw.traded_b == "TRUE"]
    frame = pd.DataFrame(
        {
            "year": raw.year_t.astype(int),
            "region": raw.region_code_t,
            "industry": raw.cluster_code_t,
            "value": raw.emp_tl.astype(float),
        }
    )
    assert_agrees(frame)


@pytest.mark.parametrize(
    ("seed", "regions", "industries"),
    [
        (1, 60, 20),  # small: the dense eigensolver
        (2, 60, 20),
        # more than 64 industries: the partial solver on the industry side
        pytest.param(3, 150, 100, marks=pytest.mark.slow),
        # more industries than regions: the partial solver on the region side
        pytest.param(4, 90, 200, marks=pytest.mark.slow),
    ],
)
def test_agrees_on_generated_skewed_tables_with_zeros(seed, regions, industries):
    rng = np.random.default_rng(seed)
    years = 2
    size = rng.lognormal(0, 1, (regions, 1)) * rng.lognormal(0, 1.2, (1, industries))
    values = np.floor(size * rng.lognormal(3, 1, (years, regions, industries)))
    values *= rng.random(values.shape) > 0.3
    frame = pd.DataFrame(
        {
            "year": np.repeat(np.arange(2015, 2015 + years), regions * industries),
            "region": np.tile(np.repeat([f"R{i:02d}" for i in range(regions)], industries), years),
            "industry": np.tile([f"{j:04d}" for j in range(industries)], regions * years),
            "value": values.ravel(),
        }
    )
    frame = frame.sample(frac=0.95, random_state=seed)  # rows absent, not only zero
    assert_agrees(frame)


def test_agrees_when_a_region_is_all_zero_in_one_year():
    rng = np.random.default_rng(9)
    frame = pd.DataFrame(
        {
            "year": np.repeat([2019, 2020], 40 * 12),
            "region": np.tile(np.repeat([f"r{i}" for i in range(40)], 12), 2),
            "industry": np.tile([f"i{j}" for j in range(12)], 80),
            "value": rng.lognormal(2, 1, 960),
        }
    )
    frame.loc[(frame.year == 2020) & (frame.region == "r3"), "value"] = 0.0
    ref = reference(frame)
    ours = complexity(frame, "ecomplexity").astype({"region": str, "industry": str})
    both = ref.merge(ours, on=KEYS, suffixes=("_ref", ""))
    empty = (both.year == 2020) & (both.region == "r3")
    for name in MEASURES:
        np.testing.assert_allclose(
            both[name][~empty], both[f"{name}_ref"][~empty], atol=1e-9, rtol=0
        )
    # documented difference: ecomplexity blanks every column of the empty region's rows;
    # s3atlas blanks the region's measures but still shows each industry's PCI there
    assert both.loc[empty, ["rca", "mcp", "density", "cog", "eci", "coi"]].isna().all().all()
    np.testing.assert_allclose(
        both.pci[empty], both.pci[(both.year == 2020) & (both.region == "r0")]
    )


def test_extra_regio_is_left_out_by_default_and_moves_eci_by_up_to_0_14_when_kept():
    # SEZZZ has one row a year (O-Q, 1,000 persons). Left out (the default), the result is
    # ecomplexity's on the table without it; kept as a region, it moves the ECI of
    # Västmanland county (SE125) by up to 0.14 (2011).
    frame = eurostat_nuts3()
    assert (frame.region == "SEZZZ").sum() == 18
    with pytest.warns(LeftOutNote, match="18"):
        default = complexity(frame, "ecomplexity", full_grid=True)
    assert "SEZZZ" not in set(default.region)
    assert_agrees(frame[frame.region != "SEZZZ"], keep_extra_regio=False)
    kept = complexity(frame, "ecomplexity", full_grid=True, keep_extra_regio=True)
    both = default.astype({"region": str}).merge(kept.astype({"region": str}), on=KEYS)
    assert len(both) == len(default) == len(kept) - 18 * 10  # SEZZZ × 10 groups × 18 years
    shift = (both.eci_x - both.eci_y).abs()
    assert shift.max() == pytest.approx(0.145, abs=0.001)
    assert both.region[shift.idxmax()] == "SE125" and both.year[shift.idxmax()] == 2011


def test_default_output_has_the_input_rows_and_agrees_with_ecomplexity_on_them():
    rng = np.random.default_rng(6)
    regions, industries = 40, 15
    frame = pd.DataFrame(
        {
            "year": 2020,
            "region": np.repeat([f"R{i:02d}" for i in range(regions)], industries),
            "industry": np.tile([f"{j:03d}" for j in range(industries)], regions),
            "value": np.floor(rng.lognormal(2, 1.5, regions * industries)),
        }
    ).sample(frac=0.8, random_state=6)  # a fifth of the pairs have no row
    ours = complexity(frame, "ecomplexity")
    assert len(ours) == len(frame)
    assert_agrees(frame, full_grid=False)
    assert_agrees(frame, method="reflections", iterations=600, atol=1e-8)
