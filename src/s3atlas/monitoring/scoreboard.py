"""A Regional Innovation Scoreboard-style composite for the 21 counties, with every step shown.

The normalisation is the RIS method in :mod:`s3atlas.analysis.normalise`
(Hollanders et al., *Regional Innovation Scoreboard 2021 – Methodology
Report*): outliers beyond mean ± 2 sd replaced, a square root where the
skewness exceeds 1, min–max to 0–1, and the unweighted mean of a county's
normalised indicators as its composite.

**National average.** The bundled data have no national value for every
indicator, so the national average is the unweighted mean of the 21 county
composites. A county's *relative* score is its composite ÷ that average × 100.

**Performance groups** use the RIS thresholds, here against the national
average: ``leader`` above 125, ``strong`` from 100 to 125, ``moderate`` from
70 to below 100, ``emerging`` below 70.

**Strengths and weaknesses**: for each indicator, the county's normalised
score minus the mean normalised score of the counties; the two largest
positive differences are its strengths, the two most negative its weaknesses.

Examples
--------
>>> wide = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [1.0, 3.0, 2.0]}, index=["p", "q", "r"])
>>> score(wide).scores.composite.round(3).tolist()  # p: (0+0)/2, q: (0.5+1)/2, r: (1+0.5)/2
[0.0, 0.75, 0.75]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from s3atlas.analysis.normalise import min_max, replace_outliers, skewness
from s3atlas.errors import InputError, NotFoundError
from s3atlas.i18n import gettext
from s3atlas.monitoring.context import context_values

__all__ = [
    "GROUPS",
    "SCOREBOARD_INDICATORS",
    "Scoreboard",
    "county_indicators",
    "county_scoreboard",
    "performance_group",
    "score",
]

#: The context indicators the county scoreboard combines.
SCOREBOARD_INDICATORS = (
    "rd_business",
    "rd_public",
    "rd_higher_education",
    "patents_per_million",
    "new_firms_per_1000_employed",
)
#: Performance groups, best first.
GROUPS = ("leader", "strong", "moderate", "emerging")


def performance_group(relative: float) -> str:
    """Return the performance group of a relative score (national average = 100).

    >>> performance_group(130.0), performance_group(125.0), performance_group(69.9)
    ('leader', 'strong', 'emerging')
    """
    if relative > 125.0:
        return "leader"
    if relative >= 100.0:
        return "strong"
    return "moderate" if relative >= 70.0 else "emerging"


@dataclass(frozen=True)
class Scoreboard:
    """The composite per region and the normalisation of each indicator."""

    #: region, composite, relative, group, strengths, weaknesses.
    scores: pd.DataFrame
    #: regions × indicators, normalised 0–1.
    normalised: pd.DataFrame
    #: one row per indicator: mean, sd, outliers, low/high bounds, skewness, sqrt, min, max.
    steps: pd.DataFrame


def _steps(values: pd.Series) -> tuple[pd.Series, dict[str, object]]:
    clipped = replace_outliers(values)
    skew = skewness(clipped)
    root = bool(skew > 1.0)
    if root and (clipped < 0).any():
        raise InputError(
            gettext("a skewed indicator has negative values: no square root"),
            column=str(values.name),
        )
    shaped = np.sqrt(clipped) if root else clipped
    step = {
        "mean": values.mean(),
        "sd": values.std(ddof=1),
        "outliers": int((clipped != values).sum()),
        "skewness": skew,
        "square_root": root,
        "min": shaped.min(),
        "max": shaped.max(),
    }
    return min_max(shaped), step


def _extremes(diff: pd.Series, positive: bool) -> list[str]:
    part = diff[diff > 0] if positive else diff[diff < 0]
    ordered = part.sort_values(ascending=not positive)
    return [str(c) for c in ordered.index[:2]]


def score(wide: pd.DataFrame) -> Scoreboard:
    """Return the scoreboard of *wide* (regions × indicators, higher is better)."""
    if wide.empty or wide.shape[1] == 0:
        raise InputError(gettext("no indicators to combine"), column="indicators")
    normalised, steps = {}, {}
    for column in wide.columns:
        normalised[column], steps[column] = _steps(wide[column].astype(float).rename(column))
    norm = pd.DataFrame(normalised, index=wide.index)
    composite = norm.mean(axis=1, skipna=True)
    relative = composite / composite.mean() * 100
    diff = norm - norm.mean()
    scores = pd.DataFrame(
        {
            "composite": composite,
            "relative": relative,
            "group": relative.map(performance_group),
            "strengths": [_extremes(diff.loc[r].dropna(), True) for r in wide.index],
            "weaknesses": [_extremes(diff.loc[r].dropna(), False) for r in wide.index],
        }
    )
    scores = scores.rename_axis("region").reset_index()
    steps_frame = pd.DataFrame(steps).T.rename_axis("indicator").reset_index()
    return Scoreboard(scores, norm, steps_frame)


def county_indicators(year: int | None = None) -> tuple[pd.DataFrame, dict[str, int]]:
    """Return counties × scoreboard indicators, each in its latest year up to *year*, and the
    year used per indicator."""
    values = context_values()
    values = values[values.indicator.isin(SCOREBOARD_INDICATORS)].dropna(subset=["value"])
    if year is not None:
        values = values[values.year <= year]
    years = values.groupby("indicator").year.max()
    if values.empty:
        raise NotFoundError(gettext("no indicator has a value up to {year}", year=year), value=year)
    chosen = values[values.year == values.indicator.map(years)]
    wide = chosen.pivot(index="region", columns="indicator", values="value")
    order = [c for c in SCOREBOARD_INDICATORS if c in wide.columns]
    return wide[order], {str(k): int(v) for k, v in years.items()}


def county_scoreboard(year: int | None = None) -> tuple[Scoreboard, pd.DataFrame, dict[str, int]]:
    """Return the county scoreboard, the raw indicator values and the year of each indicator."""
    wide, years = county_indicators(year)
    board = score(wide)
    return board, wide, years
