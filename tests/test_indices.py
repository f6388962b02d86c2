"""Krugman, Hoover, Herfindahl and entropy, by hand."""

import math

import pandas as pd
import pytest

from s3atlas.analysis.indices import entropy, herfindahl, hoover, krugman, structure_indices

M = pd.DataFrame({"A": [10.0, 30.0], "B": [90.0, 70.0]}, index=["r1", "r2"])


def test_krugman_against_nation_and_rest():
    # nation shares 0.2/0.8; r1 0.1/0.9 → |0.1−0.2| + |0.9−0.8| = 0.2
    assert krugman(M)["r1"] == pytest.approx(0.2)
    # rest of nation for r1 is r2: 0.3/0.7 → 0.4, halved 0.2
    assert krugman(M, reference="rest")["r1"] == pytest.approx(0.4)
    assert krugman(M, halved=True, reference="rest")["r1"] == pytest.approx(0.2)


def test_krugman_is_two_when_nothing_in_common():
    m = pd.DataFrame({"A": [10.0, 0.0], "B": [0.0, 10.0]}, index=["r1", "r2"])
    assert krugman(m, reference="rest")["r1"] == pytest.approx(2.0)


def test_hoover_by_hand():
    # A: industry shares 0.25/0.75 vs employment shares 0.5/0.5 → ½(0.25 + 0.25) = 0.25
    assert hoover(M)["A"] == pytest.approx(0.25)


def test_herfindahl_and_entropy_by_hand():
    assert herfindahl(M)["r1"] == pytest.approx(0.1**2 + 0.9**2)
    assert entropy(M)["r1"] == pytest.approx(-(0.1 * math.log(0.1) + 0.9 * math.log(0.9)))


def test_all_zero_region_gives_nan():
    m = pd.DataFrame({"A": [0.0, 1.0], "B": [0.0, 1.0]}, index=["zero", "r"])
    out = structure_indices(m)
    assert out.loc["zero"].isna().all()
