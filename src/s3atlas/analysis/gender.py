"""Gender perspective: share of women and location quotients by sex, where the data has sex.

Share of women = e_ri(women) / (e_ri(women) + e_ri(men)); LQ by sex is the
ordinary LQ (:func:`~s3atlas.analysis.specialisation.location_quotients`)
computed on the women's and the men's matrices separately, so LQ_women
compares the region's women with the nation's women.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from s3atlas.analysis._validate import as_matrix, safe_divide
from s3atlas.analysis.specialisation import location_quotients
from s3atlas.errors import InputError
from s3atlas.i18n import gettext

__all__ = ["lq_by_sex", "share_of_women"]


def _sex_matrices(table: Any, measure: str, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    if "sex" not in table.frame.columns or not {"women", "men"} <= set(table.frame.sex.unique()):
        raise InputError(
            gettext(
                "the data has no sex dimension (women and men); "
                "the share of women and LQ by sex need it"
            ),
            column="sex",
        )
    women, men = table.matrix(measure, year, sex="women"), table.matrix(measure, year, sex="men")
    return as_matrix(women, "women"), as_matrix(men, "men").reindex(
        index=women.index, columns=women.columns
    )


def share_of_women(women: pd.DataFrame, men: pd.DataFrame) -> pd.DataFrame:
    """Return the share of women per region × industry (NaN where nobody works).

    >>> share_of_women(pd.DataFrame({"A": [30, 0]}), pd.DataFrame({"A": [70, 0]}))["A"].tolist()
    [0.3, nan]
    """
    w, m = (
        as_matrix(women, "women"),
        as_matrix(men, "men").reindex(index=women.index, columns=women.columns),
    )
    return pd.DataFrame(
        safe_divide(w.to_numpy(), w.to_numpy() + m.to_numpy()), index=w.index, columns=w.columns
    )


def lq_by_sex(table: Any, measure: str = "employed", year: int | None = None) -> pd.DataFrame:
    """Return a long table: region, industry, share_women, lq_women, lq_men.

    Raises
    ------
    InputError
        When the table has no ``sex`` column with women and men.
    """
    year = int(year) if year is not None else table.years[-1]
    women, men = _sex_matrices(table, measure, year)
    share = share_of_women(women, men)
    lq_w, lq_m = location_quotients(women), location_quotients(men)
    n_r, n_i = women.shape
    return pd.DataFrame(
        {
            "region": np.repeat(women.index.astype(str).to_numpy(), n_i),
            "industry": np.tile(women.columns.astype(str).to_numpy(), n_r),
            "share_women": share.to_numpy().ravel(),
            "lq_women": lq_w.to_numpy().ravel(),
            "lq_men": lq_m.to_numpy().ravel(),
        }
    )
