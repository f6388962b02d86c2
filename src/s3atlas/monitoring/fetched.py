"""Indicator values fetched from Kolada (or taken from any workspace dataset).

:func:`fetch_kolada` asks Kolada for one KPI through the project's Kolada client
(:class:`s3atlas.io.kolada.KoladaClient`), keeps the county totals and stores them as
the values of one indicator, with Kolada's source text and the retrieval date. The
indicator must be in each county's framework (built in, imported or stored), so a
fetched number always belongs somewhere. Storing is one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from s3atlas.errors import InputError
from s3atlas.i18n import gettext
from s3atlas.monitoring.framework import framework_indicators
from s3atlas.monitoring.store import save_values
from s3atlas.stats import Dataset
from s3atlas.store import Store

if TYPE_CHECKING:
    from s3atlas.io.kolada import KoladaClient

__all__ = ["dataset_values", "fetch_kolada"]

#: Cell flags of a dataset → flags of a monitoring value (empty cells are left out).
_FLAGS = {"ok": "ok", "estimated": "estimated", "definition_differs": "break"}


def dataset_values(dataset: Dataset, indicator: str, measure: str | None = None) -> pd.DataFrame:
    """Return the county totals of *dataset* as monitoring values of *indicator*.

    Rows: county_code, indicator, year, value, flag, source, retrieved. Only
    counties (two-digit codes), the industry total and the sex total are kept.
    """
    frame = dataset.table.frame
    if measure is not None:
        frame = frame[frame.measure == measure]
    if "sex" in frame.columns:
        frame = frame[frame.sex == "total"]
    frame = frame[(frame.industry == "TOTAL") & frame.region.str.fullmatch(r"\d\d")]
    frame = frame[frame.region != "00"].dropna(subset=["value"])
    return pd.DataFrame(
        {
            "county_code": frame.region,
            "indicator": indicator,
            "year": frame.year.astype(int),
            "value": frame.value.astype(float),
            "flag": frame.flag.map(_FLAGS).fillna("ok"),
            "source": dataset.meta.source or dataset.name,
            "retrieved": dataset.meta.retrieved[:10],
        }
    ).reset_index(drop=True)


def _check_known(store: Store, values: pd.DataFrame, indicator: str) -> None:
    for county in sorted(set(values.county_code)):
        if indicator not in {i.code for i in framework_indicators(county, store)}:
            raise InputError(
                gettext("no such indicator in the region's framework or in the file"),
                column="indicator",
                value=f"{county}: {indicator}",
            )


def fetch_kolada(
    store: Store,
    client: KoladaClient,
    kpi: str,
    indicator: str,
    regions: Sequence[str],
    years: Sequence[str] | None = None,
    *,
    refresh: bool = False,
) -> pd.DataFrame:
    """Fetch *kpi* for the counties *regions* and store it as *indicator*'s values."""
    dataset = client.fetch_dataset(
        kpi, name=kpi.lower(), regions=list(regions), years=years, refresh=refresh
    )
    values = dataset_values(dataset, indicator)
    if values.empty:
        raise InputError(gettext("Kolada gave no county totals for this KPI"), value=kpi)
    _check_known(store, values, indicator)
    save_values(store, values)
    return values
