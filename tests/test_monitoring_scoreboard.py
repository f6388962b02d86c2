"""The county scoreboard, checked against a hand calculation."""

import pandas as pd
import pytest

from s3atlas.monitoring.scoreboard import county_scoreboard, performance_group, score


def test_scoreboard_by_hand_on_four_regions():
    # a: 1, 2, 3, 4 and b: 10, 20, 30, 20 – no outliers (mean ± 2 sd holds all), skewness ≤ 1.
    wide = pd.DataFrame(
        {"a": [1.0, 2.0, 3.0, 4.0], "b": [10.0, 20.0, 30.0, 20.0]}, index=["p", "q", "r", "s"]
    )
    board = score(wide)
    # min–max: a → 0, 1/3, 2/3, 1; b → 0, 0.5, 1, 0.5
    assert board.normalised.a.tolist() == pytest.approx([0, 1 / 3, 2 / 3, 1])
    assert board.normalised.b.tolist() == pytest.approx([0, 0.5, 1, 0.5])
    # composite = mean: p 0, q 5/12, r 5/6, s 3/4; national average (mean) = 2/4 = 0.5
    scores = board.scores.set_index("region")
    assert scores.composite.tolist() == pytest.approx([0, 5 / 12, 5 / 6, 3 / 4])
    # relative = composite / 0.5 × 100: 0, 83.3, 166.7, 150
    assert scores.relative.tolist() == pytest.approx([0, 250 / 3, 500 / 3, 150])
    assert scores.group.tolist() == ["emerging", "moderate", "leader", "leader"]
    # s: a 1 − 0.5 = +0.5 and b 0.5 − 0.5 = 0 → strength a only, no weakness
    assert scores.loc["s", "strengths"] == ["a"] and scores.loc["s", "weaknesses"] == []
    assert scores.loc["p", "weaknesses"] == ["a", "b"]  # −0.5 and −0.5: ties keep column order
    steps = board.steps.set_index("indicator")
    assert not steps.loc["a", "square_root"] and steps.loc["a", "outliers"] == 0


def test_a_skewed_indicator_gets_a_square_root_and_an_outlier_is_replaced():
    # 0, 0, 0, 0, 0, 0, 0, 0, 0, 100: mean 10, sd 31.6 → 100 > 10 + 2 × 31.6 is an outlier,
    # replaced by the largest value inside (0): no spread left, so 0.5 everywhere
    wide = pd.DataFrame({"x": [0.0] * 9 + [100.0]}, index=list("abcdefghij"))
    board = score(wide)
    assert board.steps.outliers.iloc[0] == 1
    assert board.normalised.x.tolist() == [0.5] * 10


def test_performance_groups_follow_the_ris_thresholds():
    assert [performance_group(v) for v in (126.0, 125.0, 100.0, 99.9, 70.0, 69.0)] == [
        "leader",
        "strong",
        "strong",
        "moderate",
        "moderate",
        "emerging",
    ]


def test_county_scoreboard_covers_the_21_counties_with_each_indicators_year():
    board, wide, years = county_scoreboard()
    assert len(board.scores) == 21
    assert years == {
        "new_firms_per_1000_employed": 2018,
        "patents_per_million": 2012,
        "rd_business": 2021,
        "rd_higher_education": 2021,
        "rd_public": 2021,
    }
    # Kolada N85085, Dalarnas län 2021: 2 441.16413 SEK per inhabitant (bundled file)
    assert wide.loc["20", "rd_business"] == pytest.approx(2441.16413)
    assert board.scores.relative.mean() == pytest.approx(100.0)


def test_county_scoreboard_for_an_earlier_year_uses_each_indicators_latest_year_up_to_it():
    _board, _wide, years = county_scoreboard(2012)
    assert years["rd_business"] == 2011 and years["patents_per_million"] == 2012
