"""One region seen from two more angles: women and men, and the shift-share of its growth.

Both take the same data and region as :func:`s3atlas.analysis.profile.region_strengths`
and choose their years by the same rules: the gender perspective uses the latest
year that has women and men (RAMS 2016 in the default data, whose 2018 table has
both sexes only together); shift-share uses the growth years (2008–2016).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from s3atlas.analysis.gender import lq_by_sex
from s3atlas.analysis.profile import analysis_frames, resolve_region
from s3atlas.analysis.shiftshare import shift_share
from s3atlas.errors import InputError
from s3atlas.i18n import gettext

__all__ = ["region_gender", "region_shift_share"]


def _table(dataset: Any) -> Any:
    return getattr(dataset, "table", dataset)


def _latest_year_with_sexes(table: Any, measure: str) -> int:
    if not table.has_sex:
        raise InputError(gettext("the data have no women and men"), column="sex")
    part = table.select(measure=measure, sex=["women", "men"]).frame
    if part.empty:
        raise InputError(gettext("the data have no women and men"), column="sex")
    return int(part.year.max())


def region_gender(dataset: Any, region: str, measure: str = "employed") -> pd.DataFrame:
    """Return share of women and LQ by sex of the region's industries in the latest such year.

    >>> from s3atlas.stats import load_dataset
    >>> out = region_gender(load_dataset("scb_rams"), "24").set_index("industry")
    >>> int(out.year.iloc[0]), round(float(out.loc["Q", "share_women"]), 2)
    (2016, 0.77)
    """
    table = _table(dataset)
    year = _latest_year_with_sexes(table, measure)
    code = resolve_region(table, region)
    industries = list(analysis_frames(table, year, measure)["end"].columns)
    frame = lq_by_sex(table.select(industry=industries), measure, year)
    return frame[frame.region == code].assign(year=year).reset_index(drop=True)


def region_shift_share(dataset: Any, region: str, measure: str | None = None) -> pd.DataFrame:
    """Return the shift-share of the region's industries over the growth years.

    >>> from s3atlas.stats import load_dataset
    >>> out = region_shift_share(load_dataset("scb_rams"), "24")
    >>> (int(out.base_year.iloc[0]), int(out.end_year.iloc[0]))
    (2008, 2016)
    """
    frames = analysis_frames(dataset, measure=measure)
    if frames["start"] is None:
        raise InputError(gettext("the data have only one year: no growth to split"), column="year")
    code = resolve_region(frames["table"], region)
    frame = shift_share(frames["start"], frames["growth_end"])
    mine = frame[frame.region == code]
    return mine.assign(
        base_year=frames["base_year"], end_year=frames["growth_end_year"]
    ).reset_index(drop=True)
