"""Joining series across a break: both values of an overlap year kept, the break flagged."""

from __future__ import annotations

import pandas as pd
import pytest

from s3atlas.errors import InputError
from s3atlas.i18n import use_language
from s3atlas.stats.series import join_series


def series(values: dict[int, float], source: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region": "24",
            "industry": "62",
            "year": list(values),
            "measure": "employed",
            "value": list(values.values()),
            "flag": "ok",
            "source": source,
        }
    )


def test_overlap_year_keeps_both_values_and_flags_the_break() -> None:
    rams = series({2018: 4100.0, 2019: 4300.0}, "RAMS")
    bas = series({2019: 4000.0, 2020: 4200.0}, "BAS")
    joined = join_series([("rams", rams), ("bas", bas)], measure="employed")
    chained = joined.chained().set_index(["year", "measure"])
    assert chained.value.to_dict() == {
        (2018, "employed"): 4100.0,
        (2019, "employed"): 4000.0,  # the new series from its first year
        (2019, "employed_rams"): 4300.0,  # and the old one beside it, not dropped
        (2020, "employed"): 4200.0,
    }
    assert chained.loc[(2019, "employed_rams"), "source"] == "RAMS"
    flagged = joined.frame[joined.frame.series_break]
    assert flagged[["year", "series"]].values.tolist() == [[2019, "bas"]]
    assert [(b.year, b.before, b.after, b.overlap) for b in joined.breaks] == [
        (2019, "rams", "bas", [2019])
    ]


def test_a_break_without_overlap_is_still_flagged() -> None:
    joined = join_series(
        [("rams", series({2018: 1.0}, "a")), ("bas", series({2019: 2.0}, "b"))],
        measure="employed",
    )
    with use_language("en"):
        assert joined.describe() == "2019: rams → bas"
    assert joined.overlap_totals().empty
    assert set(joined.chained().measure) == {"employed"}


def test_series_need_distinct_names() -> None:
    part = series({2018: 1.0}, "a")
    with pytest.raises(InputError, match="series names must differ"), use_language("en"):
        join_series([("rams", part), ("rams", part)], measure="employed")
