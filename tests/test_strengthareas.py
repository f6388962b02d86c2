"""Strength areas at the data's granularity: exact, partial, coarser."""

import numpy as np
import pandas as pd
import pytest

from s3atlas.analysis.strengthareas import area_coverage, evaluate_areas, seed_areas
from s3atlas.stats import load_dataset


def test_division_inside_a_wider_group_is_reported_not_guessed():
    cov = area_coverage(["16"], ["A", "B+C", "F"])
    assert cov["exact"] == [] and cov["coarser"] == {"B+C": ["16"]}


def test_exact_area_is_summed_and_scored():
    m = pd.DataFrame({"I": [10.0, 30.0], "M+N": [90.0, 70.0]}, index=["r1", "r2"])
    out = evaluate_areas(m, {"Hotels": ["55", "56"]}, lang="en").set_index("region")
    assert out.loc["r2", "status"] == "exact"
    assert out.loc["r2", "lq"] == pytest.approx((30 / 100) / (40 / 200))


def test_vasterbotten_seed_areas_on_rams_say_the_data_are_too_coarse():
    rams = load_dataset("scb_rams_2018").table.matrix("employed", 2018)
    out = evaluate_areas(rams, seed_areas(), lang="sv")
    mine = out[out.region == "24"].set_index("area")
    assert mine.loc["Skoglig bioekonomi", "status"] == "coarser"
    assert "huvudgrupp 16, 17, 18, 20, 24, 31 ingår i B+C" in mine.loc["Skoglig bioekonomi", "note"]
    assert (
        mine.loc["Besöksnäring", "status"] == "partial"
    )  # 55–56 = I exactly, 79 in M+N, 93 in R+S+T+U
    assert np.isnan(mine.loc["Skoglig bioekonomi", "lq"])
    # 55 and 56 are measured (group I); 79 and 93 lie inside wider groups
    assert mine.loc["Besöksnäring", "covered"] == 2
    assert mine.loc["Skoglig bioekonomi", "covered"] == 0


def _three_regions():
    # r1: 16 = 10, 17 = 10, F = 80 (total 100); r2: 30, 10, 60 (100); r3: 16 suppressed, 5, 95
    return pd.DataFrame(
        {"16": [10.0, 30.0, np.nan], "17": [10.0, 10.0, 5.0], "F": [80.0, 60.0, 95.0]},
        index=["r1", "r2", "r3"],
    )


def test_division_outside_the_data_does_not_block_scoring_and_is_stated():
    out = evaluate_areas(_three_regions(), {"Wood": ["02", "16", "17"]}, lang="en")
    r1 = out.set_index("region").loc["r1"]
    assert r1.status == "partly_covered"
    assert (r1.covered, r1.n_divisions) == (2, 3)
    assert "scored on 2 of 3 divisions" in r1.note and "02 (section A)" in r1.note
    # Compared among r1 and r2 only (r3 has a suppressed cell):
    # area r1 = 10 + 10 = 20, r2 = 30 + 10 = 40; E_area = 60; E = 100 + 100 = 200
    # LQ r1 = (20 / 100) / (60 / 200) = 0.2 / 0.3 = 0.667
    assert r1.value == 20.0
    assert r1.lq == pytest.approx((20 / 100) / (60 / 200))
    assert r1.regions == 2 and r1.lq_rank == 2


def test_suppressed_cell_in_the_area_makes_the_region_undetermined_not_zero():
    out = evaluate_areas(_three_regions(), {"Wood": ["16", "17"]}, lang="en").set_index("region")
    r3 = out.loc["r3"]
    assert r3.status == "undetermined"
    assert np.isnan(r3.value) and np.isnan(r3.lq)
    assert "cannot be determined for r3: the cells of 16 are suppressed or missing" in r3.note
    # r3's 5 persons in 17 are not a partial sum in the benchmark: LQ r2 = (40/100) / (60/200)
    assert out.loc["r2", "lq"] == pytest.approx((40 / 100) / (60 / 200))
    assert out.loc["r2", "status"] == "exact"


def test_area_inside_wider_codes_and_outside_the_data_is_still_not_scored():
    m = pd.DataFrame({"B+C": [10.0, 20.0], "F": [90.0, 80.0]}, index=["r1", "r2"])
    out = evaluate_areas(m, {"Wood": ["02", "16"]}, lang="en")
    assert set(out.status) == {"coarser"}
    assert out.lq.isna().all()
    assert "not in the data: 02" in out.note.iloc[0]


def test_scoring_an_area_as_area_and_rest_gives_the_lq_it_has_next_to_every_industry():
    from s3atlas.analysis.specialisation import location_quotients

    m = load_dataset("eurostat_sbs_2015").table.matrix("employed", 2015)
    codes = ["26", "61", "62", "63"]
    complete = m[m[codes].notna().all(axis=1)]
    wide = complete.assign(area=complete[codes].sum(axis=1))
    reference = location_quotients(wide, denominator=list(m.columns))["area"]
    out = evaluate_areas(m, {"Digital": codes}).set_index("region")
    assert out.loc[reference.index, "lq"].to_numpy() == pytest.approx(reference.to_numpy())
