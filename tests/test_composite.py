"""Composite score, weights, quadrant classes and reasons."""

import numpy as np
import pandas as pd
import pytest

from s3atlas.analysis.composite import checked_weights, composite_scores, quadrant, reason
from s3atlas.errors import InputError

M = pd.DataFrame({"A": [50.0, 10.0, 10.0, 10.0], "B": [50.0, 90.0, 90.0, 90.0]}, index=list("pqrs"))


def test_score_is_weighted_mean_of_percentile_ranks():
    # p, A is highest of four in LQ, size and focus → every percentile 1.0 → score 1.0
    out = composite_scores(M).set_index(["region", "industry"])
    assert out.loc[("p", "A"), "score"] == pytest.approx(1.0)
    # q, A ties with r, s at ranks 1–3 → average rank 2 of 4 = 0.5 in every component
    assert out.loc[("q", "A"), "score"] == pytest.approx(0.5)


def test_weights_are_visible_and_rescaled_without_growth():
    out = composite_scores(M, weights={"lq": 2, "size": 1, "focus": 1, "growth": 4})
    assert out.weights.iloc[0] == "lq 0.50, size 0.25, focus 0.25"


def test_bad_weights_are_refused():
    with pytest.raises(InputError, match="unknown weight"):
        checked_weights({"jobs": 1.0}, ["lq"])
    with pytest.raises(InputError, match="not negative"):
        checked_weights({"lq": -1.0}, ["lq"])


def test_quadrants_with_growth():
    start = M.copy()
    end = M.copy()
    end.loc["p", "A"] = 60.0  # p grows in A while the rest stand still
    out = composite_scores(end, start).set_index(["region", "industry"])
    assert out.loc[("p", "A"), "class"] == "specialised_growing"
    assert out.loc[("q", "A"), "class"] == "weak"
    assert quadrant(np.array([0.5]), np.array([0.2]))[0] == "emerging"


def test_reason_in_swedish_and_english():
    row = {
        "lq": 2.31,
        "lq_rank": 2,
        "regions": 21,
        "growth": 0.04,
        "national_growth": 0.01,
        "focus": 0.1,
    }
    assert (
        reason(row, "counties", "Sweden", lang="sv")
        == "LQ 2,3 (topp 10\xa0% av länen); sysselsättning +4\xa0% medan Sverige +1\xa0%"
    )
    assert (
        reason(row, "counties", "Sweden", lang="en")
        == "LQ 2.3 (top 10% of the counties); employment +4% while Sweden +1%"
    )
