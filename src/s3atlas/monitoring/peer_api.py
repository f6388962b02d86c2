"""Peers of a region at the county or the NUTS 2 level: the one entry point for CLI, web and API."""

from __future__ import annotations

import pandas as pd

from s3atlas.classifications import find_region
from s3atlas.errors import InputError
from s3atlas.i18n import gettext
from s3atlas.monitoring.peer_data import NUTS2_DATASET, county_features, nuts2_features
from s3atlas.monitoring.peers import SIMILAR, peers

__all__ = ["LEVELS", "region_peers"]

LEVELS = ("county", "nuts2")


def _nuts2_code(region: str) -> str:
    text = str(region).strip()
    if len(text) == 4 and text[:2].isalpha() and not text.startswith("SE"):
        return text.upper()  # another country's NUTS 2 region, taken as given
    found = find_region(text)
    code = found.nuts_code or ""
    if len(code) < 4:
        raise InputError(
            gettext("The region is wider than a NUTS 2 region."), column="region", value=region
        )
    return code[:4]


def region_peers(
    region: str,
    *,
    k: int = 5,
    level: str = "county",
    dataset: str | None = None,
    similar: float = SIMILAR,
) -> tuple[str, pd.DataFrame, str]:
    """Return (the region's code at *level*, its peers, the data's source)."""
    if level not in LEVELS:
        raise InputError(gettext("level must be county or nuts2"), column="level", value=level)
    if level == "county":
        from s3atlas.monitoring.framework import county_code

        code = county_code(region)
        features, dimensions = county_features(dataset) if dataset else county_features()
        source = "SCB RAMS; Kolada (RKA/SCB); Tillväxtanalys; © European Union, Eurostat"
    else:
        from s3atlas.stats import load_dataset

        code = _nuts2_code(region)
        data = load_dataset(dataset or NUTS2_DATASET)
        features, dimensions = nuts2_features(data)
        source = data.meta.source
    return code, peers(features, dimensions, code, k=k, similar=similar), source
