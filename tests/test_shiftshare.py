"""Shift-share decomposition, by hand."""

import numpy as np
import pandas as pd
import pytest

from s3atlas.analysis.shiftshare import growth, shift_share
from s3atlas.errors import InputError

E0 = pd.DataFrame({"A": [100.0, 100.0], "B": [100.0, 100.0]}, index=["r1", "r2"])
E1 = pd.DataFrame({"A": [130.0, 110.0], "B": [100.0, 100.0]}, index=["r1", "r2"])


def test_components_by_hand():
    # g = 40/400 = 0.10; g_A = 40/200 = 0.20; g_r1A = 0.30
    # NS = 100·0.1 = 10; IM = 100·(0.2 − 0.1) = 10; RS = 100·(0.3 − 0.2) = 10
    row = shift_share(E0, E1).set_index(["region", "industry"]).loc[("r1", "A")]
    assert (row.national, row.industry_mix, row.regional_share) == pytest.approx((10.0, 10.0, 10.0))
    # r1, B: NS 10, IM 100·(0 − 0.1) = −10, RS 0
    row = shift_share(E0, E1).set_index(["region", "industry"]).loc[("r1", "B")]
    assert (row.national, row.industry_mix, row.regional_share) == pytest.approx((10.0, -10.0, 0.0))


def test_components_add_up_to_change():
    out = shift_share(E0, E1)
    assert np.allclose(out.national + out.industry_mix + out.regional_share, out.change)


def test_start_from_zero_is_all_regional_share():
    e0 = pd.DataFrame({"A": [0.0, 10.0]})
    e1 = pd.DataFrame({"A": [5.0, 10.0]})
    row = shift_share(e0, e1).iloc[0]
    assert np.isnan(row.growth) and row.regional_share == pytest.approx(5.0 - 0.5 * 0 - 0)
    assert growth(e0, e1)["A"].isna().iloc[0]


def test_mismatched_tables_are_refused():
    with pytest.raises(InputError, match="samma regioner"):
        shift_share(E0, E1.drop(columns="B"))
