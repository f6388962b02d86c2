"""Regional Innovation Scoreboard normalisation: outliers, skew transformation, min–max, unweighted
mean.

Following the European Commission's European and Regional Innovation
Scoreboard methodology (Hollanders et al., *Regional Innovation Scoreboard
2021 – Methodology Report*):

1. **Outliers**: values above mean + 2·SD or below mean − 2·SD (over all
   regions) are replaced by the largest / smallest value that is not an
   outlier.
2. **Skewness**: an indicator whose skewness is above 1 is transformed with
   a square root (all values must be ≥ 0).
3. **Min–max**: (x − min) / (max − min), so the best region scores 1 and
   the worst 0. A constant indicator has no spread and scores 0.5 everywhere.
4. **Composite**: the unweighted mean of the normalised indicators that a
   region has (missing indicators are left out of its mean).

The sample skewness here is the population (biased) moment coefficient
g1 = m3 / m2^1.5.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from s3atlas.errors import InputError
from s3atlas.i18n import gettext

__all__ = ["composite_index", "min_max", "normalise_indicator", "replace_outliers", "skewness"]


def replace_outliers(values: pd.Series, sd: float = 2.0) -> pd.Series:
    """Replace values beyond mean ± *sd* standard deviations by the nearest non-outlier value.

    >>> replace_outliers(pd.Series([1.0, 2.0, 2.0, 3.0, 2.0, 2.0, 1.0, 3.0, 2.0, 50.0])).max()
    np.float64(3.0)
    """
    x = values.astype(float)
    mean, std = x.mean(), x.std(ddof=1)
    if not np.isfinite(std) or std == 0:
        return x
    low, high = mean - sd * std, mean + sd * std
    inside = x[(x >= low) & (x <= high)]
    return x.clip(lower=inside.min(), upper=inside.max())


def skewness(values: pd.Series) -> float:
    """Return the moment coefficient of skewness g1 (NaN for fewer than 3 values or no spread).

    >>> round(skewness(pd.Series([1.0, 2.0, 3.0])), 6)
    0.0
    """
    x = values.dropna().astype(float).to_numpy()
    if x.size < 3:
        return float("nan")
    dev = x - x.mean()
    m2 = (dev**2).mean()
    return float((dev**3).mean() / m2**1.5) if m2 > 0 else float("nan")


def min_max(values: pd.Series) -> pd.Series:
    """Rescale to 0–1 (0.5 everywhere when all values are equal).

    >>> min_max(pd.Series([2.0, 4.0, 6.0])).tolist()
    [0.0, 0.5, 1.0]
    """
    x = values.astype(float)
    low, high = x.min(), x.max()
    if not np.isfinite(high - low) or high == low:
        return x.where(x.isna(), 0.5)
    return (x - low) / (high - low)


def normalise_indicator(
    values: pd.Series, *, outlier_sd: float = 2.0, skew_limit: float = 1.0
) -> pd.Series:
    """Return one indicator normalised the RIS way: outliers, square root if skewed, min–max.

    Raises
    ------
    InputError
        When a skewed indicator has negative values (no square root).

    Examples
    --------
    >>> normalise_indicator(pd.Series([1.0, 4.0, 9.0, 16.0])).round(3).tolist()
    [0.0, 0.2, 0.533, 1.0]
    """
    x = replace_outliers(values, outlier_sd)
    if skewness(x) > skew_limit:
        if (x < 0).any():
            raise InputError(
                gettext(
                    "a skewed indicator has negative values: "
                    "the square-root transformation needs x ≥ 0"
                ),
                column=str(values.name),
            )
        x = np.sqrt(x)
    return min_max(x)


def composite_index(indicators: pd.DataFrame, **options: float) -> pd.Series:
    """Return the unweighted mean of the normalised indicators (columns) per region (rows).

    >>> frame = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [3.0, 2.0, 1.0]}, index=list("pqr"))
    >>> composite_index(frame).tolist()
    [0.5, 0.5, 0.5]
    """
    if indicators.empty:
        raise InputError(gettext("no indicators to combine"), column="indicators")
    normalised = indicators.apply(lambda column: normalise_indicator(column, **options))
    return normalised.mean(axis=1, skipna=True).rename("composite")
