"""Context indicators computed from the bundled datasets, for every county and year.

* R&D expenditure per inhabitant by sector (Kolada N85085–N85087, 2011–2021)
  and their sum (``rd_total``: NaN in a year where a sector is missing);
* new firms per 1 000 employed (Tillväxtanalys ÷ SCB RAMS, via
  :func:`s3atlas.analysis.dynamics.new_firm_rates`, with its series breaks);
* EPO patent applications per million inhabitants (Eurostat, to 2012, via
  :func:`s3atlas.analysis.dynamics.patent_rates`);
* per declared priority: employment in the priority's industries and their
  location quotient (SCB RAMS, via :func:`s3atlas.analysis.fit.declared_divisions`
  and :func:`s3atlas.analysis.fit.group_lq`).

Every function returns the long value table of :data:`VALUE_COLUMNS`.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from s3atlas.classifications import counties
from s3atlas.monitoring.catalogue import context_indicator
from s3atlas.stats import load_dataset

__all__ = ["VALUE_COLUMNS", "context_values", "dynamics_values", "rd_values"]

#: Columns of every value table: one row per indicator × region × year.
VALUE_COLUMNS = [
    "indicator",
    "region",
    "year",
    "value",
    "sweden_value",
    "flag",
    "source",
    "retrieved",
    "note",
]
_RD = ("rd_business", "rd_public", "rd_higher_education")


def _frame(rows: pd.DataFrame) -> pd.DataFrame:
    out = rows.reindex(columns=VALUE_COLUMNS)
    out["flag"] = out.flag.astype(object).fillna("ok")
    for column in ("source", "retrieved", "note"):
        out[column] = out[column].astype(object).fillna("")
    out["year"] = out.year.astype(int)
    return out.reset_index(drop=True)


def rd_values(dataset: str = "kolada_rd") -> pd.DataFrame:
    """Return R&D expenditure per inhabitant by sector and in total, per county and year.

    >>> frame = rd_values()
    >>> row = frame[(frame.indicator == "rd_total") & (frame.region == "01")].iloc[0]
    >>> int(row.year)
    2011
    """
    data = load_dataset(dataset)
    frame = data.table.frame
    wide = frame.pivot_table(index=["region", "year"], columns="measure", values="value")
    wide = wide.reindex(columns=list(_RD))
    wide["rd_total"] = wide[list(_RD)].sum(axis=1, min_count=len(_RD))
    long = wide.reset_index().melt(["region", "year"], var_name="indicator")
    long = long.dropna(subset=["value"])
    source = data.meta.source.removeprefix("Källa: ")
    return _frame(long.assign(source=source))


def _attribution(indicator: str) -> str:
    """The sources a person reads for a bundled indicator; a cell's own note (its year's
    footnote marker, a series break) stays in the ``note`` column for machines."""
    item = context_indicator(indicator)
    return item.source if item is not None else ""


def _dynamics_rows(code: str, nuts: str) -> list[pd.DataFrame]:
    from s3atlas.analysis.dynamics import (
        default_employment_dataset,
        new_firm_rates,
        patent_rates,
    )

    firms = new_firm_rates(
        load_dataset("tillvaxtanalys_new_firms"), load_dataset(default_employment_dataset()), nuts
    )
    patents = patent_rates(load_dataset("eurostat_patents_se"), nuts)
    out = []
    for indicator, part in (
        ("new_firms_per_1000_employed", firms),
        ("patents_per_million", patents),
    ):
        out.append(
            pd.DataFrame(
                {
                    "indicator": indicator,
                    "region": code,
                    "year": part.year,
                    "value": part.region_value,
                    "sweden_value": part.sweden_value,
                    "flag": np.where(part.series_break.astype(bool), "break", "ok"),
                    "source": _attribution(indicator),
                    "note": part.source,
                }
            )
        )
    return out


def dynamics_values() -> pd.DataFrame:
    """Return new firms per 1 000 employed and patents per million for every county and year.

    >>> frame = dynamics_values()
    >>> row = frame[(frame.indicator == "new_firms_per_1000_employed") & (frame.region == "24")
    ...             & (frame.year == 2018)].iloc[0]
    >>> round(float(row.value), 2)  # 1 313 new firms / 131 393 employed × 1 000
    9.99
    """
    parts: list[pd.DataFrame] = []
    for code, nuts in zip(counties().county_code, counties().nuts3, strict=True):
        parts += _dynamics_rows(str(code), str(nuts))
    return _frame(pd.concat(parts, ignore_index=True))


@cache
def _context_values() -> pd.DataFrame:
    return pd.concat([rd_values(), dynamics_values()], ignore_index=True)


def context_values(region: str | None = None) -> pd.DataFrame:
    """Return the context indicators computed from the bundled data (all counties or one).

    Where the data has no national value, ``sweden_value`` is NaN.
    """
    frame = _context_values()
    if region is not None:
        frame = frame[frame.region == region]
    return frame.reset_index(drop=True).copy()
