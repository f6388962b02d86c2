"""The structural variables peers are found on: for the 21 counties, and for NUTS 2 regions.

Counties (bundled data): the industry structure (employment shares of SCB
RAMS's groups, latest year), size (log10 of employment), R&D intensity
(Kolada R&D expenditure per inhabitant, all sectors, latest year), patenting
(EPO applications per million, latest year) and new firms per 1 000 employed
(latest year).

NUTS 2 regions: any dataset whose region axis holds NUTS 2 codes (four
characters) and an ``employed`` measure by industry, by default
``eurostat_sbs_2015`` (SBS, NACE divisions, about 30 countries): the industry
shares of the known cells and the log10 of their sum. Suppressed cells are
left out of both; a share is then of the known employment.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from s3atlas.classifications import counties
from s3atlas.monitoring.context import context_values
from s3atlas.stats import DEFAULT_DATASET, Dataset, load_dataset

__all__ = ["NUTS2_DATASET", "county_features", "industry_features", "nuts2_features"]

NUTS2_DATASET = "eurostat_sbs_2015"


def industry_features(matrix: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Return employment shares (columns ``share_<code>``) and ``log_size`` of a region × industry
    matrix, and the share columns.

    >>> m = pd.DataFrame({"A": [10.0, 30.0], "B": [90.0, 70.0]}, index=["r", "s"])
    >>> frame, shares = industry_features(m)
    >>> frame.loc["r"].round(2).tolist(), shares
    ([0.1, 0.9, 2.0], ['share_A', 'share_B'])
    """
    total = matrix.sum(axis=1, min_count=1)
    shares = matrix.div(total, axis=0).add_prefix("share_")
    frame = shares.assign(log_size=np.log10(total.where(total > 0)))
    return frame, list(shares.columns)


def _latest(indicator: str) -> pd.Series:
    values = context_values()
    part = values[values.indicator == indicator].dropna(subset=["value"]).sort_values("year")
    return part.groupby("region").value.last()


def county_features(dataset: str = DEFAULT_DATASET) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Return the counties' structural variables and their dimensions."""
    from s3atlas.analysis.profile import analysis_frames

    end = analysis_frames(load_dataset(dataset))["end"]
    frame, shares = industry_features(end)
    frame = frame.assign(
        rd=_latest("rd_total"),
        technology=_latest("patents_per_million"),
        entrepreneurship=_latest("new_firms_per_1000_employed"),
    ).reindex(list(counties().county_code))
    dimensions = {
        "industry": shares,
        "size": ["log_size"],
        "rd": ["rd"],
        "technology": ["technology"],
        "entrepreneurship": ["entrepreneurship"],
    }
    return frame, dimensions


def nuts2_features(
    dataset: Dataset | str = NUTS2_DATASET, measure: str = "employed"
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Return the NUTS 2 regions' industry shares and size from *dataset*, and the dimensions."""
    data = load_dataset(dataset) if isinstance(dataset, str) else dataset
    table = data.table
    year = max(table.select(measure=measure).years)
    matrix = table.matrix(measure, year)
    matrix = matrix.loc[[r for r in matrix.index if len(str(r)) == 4]]
    matrix = matrix.drop(columns=[c for c in matrix.columns if c == "TOTAL"])
    frame, shares = industry_features(matrix)
    return frame, {"industry": shares, "size": ["log_size"]}
