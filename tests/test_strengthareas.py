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
    assert "avdelning 16, 17, 18, 20, 24, 31 ingår i B+C" in mine.loc["Skoglig bioekonomi", "note"]
    assert (
        mine.loc["Besöksnäring", "status"] == "partial"
    )  # 55–56 = I exactly, 79 in M+N, 93 in R+S+T+U
    assert np.isnan(mine.loc["Skoglig bioekonomi", "lq"])
