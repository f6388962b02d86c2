"""Boundary checks shared by the analysis functions: one matrix in, clear errors out."""

from __future__ import annotations

import numpy as np
import pandas as pd

from s3atlas.errors import InputError
from s3atlas.i18n import gettext

__all__ = ["as_matrix", "safe_divide"]


def as_matrix(
    matrix: pd.DataFrame, name: str = "matrix", *, allow_negative: bool = False
) -> pd.DataFrame:
    """Return *matrix* as floats after checking it is a non-empty regions × industries table.

    NaN cells are allowed (suppressed or missing data); they are left out of
    sums and give NaN results in their own cell. Negative values are refused
    unless *allow_negative* (counts can never be negative).

    >>> as_matrix(pd.DataFrame({"A": [1, 2]}, index=["r1", "r2"])).dtypes.iloc[0]
    dtype('float64')
    """
    if not isinstance(matrix, pd.DataFrame):
        raise InputError(
            f"{name} must be a DataFrame of regions × industries",
            column=name,
            value=type(matrix).__name__,
        )
    if matrix.shape[0] == 0 or matrix.shape[1] == 0:
        raise InputError(
            gettext("the table is empty: expected at least one region and one industry"),
            column=name,
        )
    try:
        out = matrix.astype(float)
    except (TypeError, ValueError) as error:
        raise InputError(
            gettext("the table has values that are not numbers ({problem})", problem=error),
            column=name,
        ) from error
    values = out.to_numpy()
    if np.isinf(values).any():
        raise InputError(gettext("the table has infinite values"), column=name)
    if not allow_negative and (values < 0).any():
        row, col = np.argwhere(values < 0)[0]
        raise InputError(
            gettext(
                "the table has a negative value for region {region}, industry {industry}; "
                "counts cannot be negative",
                region=repr(out.index[row]),
                industry=repr(out.columns[col]),
            ),
            column=name,
            value=float(values[row, col]),
        )
    return out


def safe_divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """Divide element-wise, giving NaN (not inf or a warning) where the denominator is 0 or NaN.

    >>> safe_divide(np.array([1.0, 1.0]), np.array([2.0, 0.0]))
    array([0.5, nan])
    """
    numerator, denominator = np.broadcast_arrays(
        np.asarray(numerator, float), np.asarray(denominator, float)
    )
    out = np.full(numerator.shape, np.nan)
    ok = (denominator != 0) & ~np.isnan(denominator)
    np.divide(numerator, denominator, out=out, where=ok)
    return out
