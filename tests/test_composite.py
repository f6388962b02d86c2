"""Composite score, weights that act as printed, honest growth, classes and reasons."""

import numpy as np
import pandas as pd
import pytest

from s3atlas.analysis.composite import (
    checked_weights,
    composite_scores,
    growth_components,
    lq_text,
    quadrant,
    reason,
)
from s3atlas.errors import InputError

M = pd.DataFrame({"A": [50.0, 10.0, 10.0, 10.0], "B": [50.0, 90.0, 90.0, 90.0]}, index=list("pqrs"))


def test_score_is_weighted_mean_of_percentile_ranks():
    # p, A is highest of four in LQ and size → both percentiles 1.0 → score 1.0
    out = composite_scores(M).set_index(["region", "industry"])
    assert out.loc[("p", "A"), "score"] == pytest.approx(1.0)
    # q, A ties with r, s at ranks 1–3 → average rank 2 of 4 = 0.5 in both components
    assert out.loc[("q", "A"), "score"] == pytest.approx(0.5)


def test_every_printed_weight_is_the_weight_that_acts():
    # Four regions of different size, so LQ, size and growth rank the regions differently in A.
    start = pd.DataFrame(
        {"A": [10.0, 40.0, 30.0, 5.0], "B": [90.0, 960.0, 270.0, 45.0]}, index=list("pqrs")
    )
    end = pd.DataFrame(
        {"A": [20.0, 44.0, 30.0, 6.0], "B": [80.0, 956.0, 270.0, 44.0]}, index=list("pqrs")
    )
    weights = {"lq": 0.6, "size": 0.3, "growth": 0.1}
    out = composite_scores(end, start, weights).set_index(["region", "industry"])
    assert out.weights.iloc[0] == "lq 0.60, size 0.30, growth 0.10"
    # By hand, industry A in the end year:
    #   LQ: p (20/100)/(100/1450) = 2.90, q (44/1000)/(…) = 0.638, r (30/300)/(…) = 1.45,
    #       s (6/50)/(…) = 1.74 → ranks of four: p 4, s 3, r 2, q 1 → pct 1.0, 0.75, 0.5, 0.25
    #   size: p 20/100 = .20, q .44, r .30, s .06 → pct p 0.5, q 1.0, r 0.75, s 0.25
    #   growth: nation A 85 → 100 = +17.6 %; p +100 %, q +10 %, r 0 %, s +20 %
    #       → relative p +.82, q −.08, r −.18, s +.02 → pct p 1.0, q 0.5, r 0.25, s 0.75
    expected = {
        "p": 0.6 * 1.0 + 0.3 * 0.5 + 0.1 * 1.0,
        "q": 0.6 * 0.25 + 0.3 * 1.0 + 0.1 * 0.5,
        "r": 0.6 * 0.5 + 0.3 * 0.75 + 0.1 * 0.25,
        "s": 0.6 * 0.75 + 0.3 * 0.25 + 0.1 * 0.75,
    }
    for region, score in expected.items():
        assert out.loc[(region, "A"), "score"] == pytest.approx(score)
        assert out.loc[(region, "A"), "components"] == "lq, size, growth"


def test_focus_is_shown_but_is_not_a_component():
    # Within one industry focus = LQ × the industry's national share: same ranks as LQ.
    out = composite_scores(M)
    assert "focus_pct" not in out and out.weights.iloc[0] == "lq 0.67, size 0.33"
    a = out[out.industry == "A"]
    assert a.focus.rank().tolist() == a.lq.rank().tolist()


def test_weights_are_visible_and_rescaled_without_growth():
    out = composite_scores(M, weights={"lq": 2, "size": 2, "growth": 4})
    assert out.weights.iloc[0] == "lq 0.50, size 0.50"


def test_bad_weights_are_refused():
    with pytest.raises(InputError, match="okänd vikt"):
        checked_weights({"focus": 1.0}, ["lq"])
    with pytest.raises(InputError, match="inte negativa"):
        checked_weights({"lq": -1.0}, ["lq"])


def test_a_suppressed_cell_gives_no_growth_not_minus_100_percent():
    e0 = pd.DataFrame({"A": [100.0, 200.0]}, index=["p", "q"])
    e1 = pd.DataFrame({"A": [np.nan, 220.0]}, index=["p", "q"])
    out = growth_components(e0, e1)
    assert np.isnan(out["growth"][0, 0]) and out["trend"][0, 0] == "unknown"
    # National growth only over regions with both years: q 200 → 220 = +10 %.
    assert out["national_growth"][1, 0] == pytest.approx(0.10)


def test_growth_within_eurostat_rounding_is_uncertain_and_kept_out_of_score_and_class():
    # Values in whole thousands: 5 000 → 6 000 may be 5 499 → 5 500.
    start = pd.DataFrame(
        {"A": [5000.0, 50000.0, 20000.0], "B": [95000.0, 50000.0, 80000.0]}, index=list("pqr")
    )
    end = start.copy()
    end.loc["p", "A"] = 6000.0
    end.loc["q", "A"] = 60000.0
    out = composite_scores(end, start, precision=1000).set_index(["region", "industry"])
    p = out.loc[("p", "A")]
    assert p.trend == "uncertain" and np.isnan(p.relative_growth)
    assert p["class"] == "not_specialised" and p.components == "lq, size"
    assert out.loc[("q", "A"), "trend"] == "growing"


def test_classes_say_ahead_or_behind_and_growth_is_its_own_trend():
    # Specialised, grew +6 % while the nation grew +10 %: trailing, but not shrinking.
    start = pd.DataFrame({"A": [50.0, 10.0], "B": [50.0, 90.0]}, index=["p", "q"])
    end = pd.DataFrame({"A": [53.0, 13.0], "B": [50.0, 90.0]}, index=["p", "q"])
    out = composite_scores(end, start).set_index(["region", "industry"]).loc[("p", "A")]
    assert out["class"] == "specialised_trailing" and out.trend == "growing"
    assert quadrant(np.array([0.5]), np.array([0.2]))[0] == "outpacing"


def test_lq_is_rounded_on_the_same_side_of_1_as_its_class():
    assert lq_text(0.97, "sv") == "0,97"
    assert lq_text(0.996, "sv") == "0,996"
    assert lq_text(1.04, "sv") == "1,0"
    assert lq_text(1.76, "en") == "1.8"


def test_reason_in_swedish_and_english():
    row = {
        "lq": 2.31,
        "lq_rank": 2,
        "regions": 21,
        "growth": 0.04,
        "national_growth": 0.01,
        "focus": 0.1,
        "trend": "growing",
    }
    context = {"regions": "counties", "nation": "Sweden", "period": "2008–2016"}
    assert reason(row, context, lang="sv") == (
        "LQ 2,3 (topp 10\xa0% av länen); sysselsättningen +4\xa0% 2008–2016, Sverige +1\xa0%"
    )
    assert reason(row, context, lang="en") == (
        "LQ 2.3 (top 10% of the counties); employment +4% 2008–2016 while Sweden +1%"
    )


def test_reason_words_the_comparison_after_the_regions_in_the_data():
    row = {
        "lq": 0.97,
        "lq_rank": 1,
        "regions": 3,
        "growth": 0.2,
        "national_growth": 0.1,
        "focus": 0.1,
        "trend": "growing",
    }
    context = {"regions": "regions", "nation": "all regions in the data", "period": "2010–2015"}
    assert reason(row, context, lang="sv") == (
        "LQ 0,97 (plats 1 av 3 regioner); "
        "sysselsättningen +20\xa0% 2010–2015, alla regioner i data +10\xa0%"
    )
