"""Location quotients and shares, checked against hand calculations."""

import numpy as np
import pandas as pd
import pytest

from s3atlas.analysis.specialisation import location_quotients, national_share, region_share
from s3atlas.errors import InputError

M = pd.DataFrame({"A": [10.0, 30.0], "B": [90.0, 70.0]}, index=["r1", "r2"])


def test_lq_by_hand():
    # r2, A: (30/100) / (40/200) = 1.5; r1, B: (90/100) / (160/200) = 1.125
    lq = location_quotients(M)
    assert lq.loc["r2", "A"] == pytest.approx(1.5)
    assert lq.loc["r1", "B"] == pytest.approx(1.125)


def test_lq_is_one_when_region_mirrors_nation():
    m = pd.DataFrame({"A": [1.0, 2.0], "B": [3.0, 6.0]})
    assert np.allclose(location_quotients(m), 1.0)


def test_traded_only_denominator():
    # Denominator A only: every region's A share is 1, so LQ of A is 1; B: (90/10) / (160/40) = 2.25
    lq = location_quotients(M, denominator=["A"])
    assert lq.loc["r1", "A"] == pytest.approx(1.0)
    assert lq.loc["r1", "B"] == pytest.approx(2.25)


def test_national_totals_from_outside_the_table():
    lq = location_quotients(M, national=pd.Series({"A": 100.0, "B": 900.0}))
    assert lq.loc["r2", "A"] == pytest.approx((30 / 100) / (100 / 1000))


def test_all_zero_row_gives_nan_and_nan_cells_stay_nan():
    m = pd.DataFrame({"A": [0.0, 10.0, np.nan], "B": [0.0, 10.0, 5.0]}, index=["zero", "r", "gap"])
    lq = location_quotients(m)
    assert lq.loc["zero"].isna().all()
    assert np.isnan(lq.loc["gap", "A"]) and lq.loc["gap", "B"] == pytest.approx((5 / 5) / (15 / 25))


def test_single_region_gives_one():
    assert location_quotients(pd.DataFrame({"A": [3.0], "B": [1.0]})).iloc[0].tolist() == [1.0, 1.0]


def test_empty_and_negative_input_are_refused():
    with pytest.raises(InputError, match="tom"):
        location_quotients(pd.DataFrame())
    with pytest.raises(InputError, match="negativt"):
        location_quotients(pd.DataFrame({"A": [1.0, -2.0]}))
    with pytest.raises(InputError, match="finns inte i tabellen"):
        location_quotients(M, denominator=["X"])


def test_shares():
    assert region_share(M).loc["r1", "A"] == pytest.approx(0.1)
    assert national_share(M).loc["r1", "A"] == pytest.approx(0.25)
