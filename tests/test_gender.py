"""Share of women and LQ by sex."""

import pandas as pd
import pytest

from s3atlas.analysis.gender import lq_by_sex, share_of_women
from s3atlas.errors import InputError
from s3atlas.stats import StatTable, load_dataset


def test_share_of_women_by_hand():
    women = pd.DataFrame({"A": [30.0, 0.0]})
    men = pd.DataFrame({"A": [70.0, 0.0]})
    assert share_of_women(women, men)["A"].iloc[0] == pytest.approx(0.3)


def test_lq_by_sex_by_hand():
    rows = []
    for region, sex, a, b in [
        ("01", "women", 10, 90),
        ("03", "women", 30, 70),
        ("01", "men", 50, 50),
        ("03", "men", 50, 50),
    ]:
        rows += [
            {
                "region": region,
                "industry": "A",
                "year": 2018,
                "measure": "employed",
                "value": float(a),
                "sex": sex,
            },
            {
                "region": region,
                "industry": "F",
                "year": 2018,
                "measure": "employed",
                "value": float(b),
                "sex": sex,
            },
        ]
    table = StatTable.build(pd.DataFrame(rows), "county", "sni2007")
    out = lq_by_sex(table).set_index(["region", "industry"])
    assert out.loc[("03", "A"), "lq_women"] == pytest.approx((30 / 100) / (40 / 200))
    assert out.loc[("03", "A"), "lq_men"] == pytest.approx(1.0)
    assert out.loc[("01", "A"), "share_women"] == pytest.approx(10 / 60)


def test_data_without_sex_is_refused():
    with pytest.raises(InputError, match="saknar uppdelning på kön"):
        lq_by_sex(load_dataset("scb_rams_2018").table)
