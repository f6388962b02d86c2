"""Plain JSON values from NumPy and pandas ones: one conversion for the API and the CLI."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["records", "to_jsonable"]


def to_jsonable(value: Any) -> Any:
    """Convert NumPy/pandas scalars and containers to plain JSON types.

    Missing values and non-finite numbers become ``None``: JSON has no NaN or
    infinity, and ``json.dumps`` would otherwise write ``NaN``, which is not JSON.

    >>> to_jsonable({"a": np.float64("nan"), "b": [np.int64(2)], "c": float("inf")})
    {'a': None, 'b': [2], 'c': None}
    >>> to_jsonable(pd.Timestamp("2026-12-05"))
    '2026-12-05T00:00:00'
    """
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [to_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of *frame* as JSON objects (column name → plain value).

    >>> records(pd.DataFrame({"lq": [1.5, np.nan], "n": [1, 2]}))
    [{'lq': 1.5, 'n': 1}, {'lq': None, 'n': 2}]
    """
    return list(to_jsonable(frame.to_dict("records")))
