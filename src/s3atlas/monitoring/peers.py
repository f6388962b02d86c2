"""Peer regions by structural similarity: a standardised distance, dimension by dimension.

Following Navarro et al. (2014), *Regional benchmarking in the smart
specialisation process: identification of reference regions based on
structural similarity* (S3 Working Paper 03/2014, JRC), reference regions are
found from *structural* conditions only (not performance), each variable is
standardised across the regions compared, distances are taken within groups
of variables of the same nature (dimensions) and combined into one index:

1. z_rj = (x_rj − mean_j) / sd_j over all regions compared (sd with n in
   the denominator); a variable with no spread is left out.
2. Within dimension k with variables J_k:
   d_k(r, p) = sqrt( mean_{j ∈ J_k} (z_rj − z_pj)² ), over the variables both
   regions have.
3. D(r, p) = the mean of d_k over the dimensions both regions have, so each
   dimension weighs the same however many variables it holds (68 industry
   shares do not swamp one size variable).
4. The k regions with the smallest D are the peers; a peer is *similar on*
   each dimension where its d_k lies among the nearest quarter of all regions
   compared on that dimension (d_k ≤ the 25th percentile of d_k over every
   other region), so the words stay informative whether a dimension holds one
   variable or 68.

Examples
--------
>>> features = pd.DataFrame({"a": [0.0, 1.0, 2.0, 10.0]}, index=list("pqrs"))
>>> peers(features, {"size": ["a"]}, "p", k=2).region.tolist()
['q', 'r']
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from s3atlas.errors import InputError, NotFoundError
from s3atlas.i18n import gettext

__all__ = [
    "DIMENSION_NAMES",
    "SIMILAR",
    "dimension_distances",
    "peers",
    "standardise",
]

#: A peer is similar on a dimension when it is among this share of the nearest regions on it.
SIMILAR = 0.25
#: Dimension code → English name (the catalogue gives the Swedish one).
DIMENSION_NAMES = {
    "industry": "industry structure",
    "size": "size",
    "rd": "R&D intensity",
    "technology": "patenting",
    "entrepreneurship": "new firms",
}


def standardise(features: pd.DataFrame) -> pd.DataFrame:
    """Return z-scores per column (population sd); columns without spread are dropped.

    >>> standardise(pd.DataFrame({"a": [1.0, 3.0], "b": [2.0, 2.0]})).to_dict("list")
    {'a': [-1.0, 1.0]}
    """
    x = features.astype(float)
    sd = x.std(ddof=0)
    keep = sd[(sd > 0) & sd.notna()].index
    return (x[keep] - x[keep].mean()) / sd[keep]


def dimension_distances(
    z: pd.DataFrame, dimensions: Mapping[str, list[str]], region: str
) -> pd.DataFrame:
    """Return d_k(region, p) for every other region p (rows) and dimension k (columns)."""
    out = {}
    for name, columns in dimensions.items():
        cols = [c for c in columns if c in z.columns]
        if not cols:
            continue
        diff = z[cols].sub(z.loc[region, cols], axis=1) ** 2
        out[name] = np.sqrt(diff.mean(axis=1, skipna=True))
    frame = pd.DataFrame(out, index=z.index)
    return frame.drop(index=region)


def _check(features: pd.DataFrame, region: str, k: int) -> None:
    if region not in features.index:
        raise NotFoundError(
            gettext("The region is not in the data used to find peers."), value=region
        )
    if k < 1:
        raise InputError(gettext("k must be at least 1"), column="k", value=k)


def peers(
    features: pd.DataFrame,
    dimensions: Mapping[str, list[str]],
    region: str,
    *,
    k: int = 5,
    similar: float = SIMILAR,
) -> pd.DataFrame:
    """Return the *k* regions nearest to *region*: rank, region, distance, ``d_<dimension>`` and
    ``similar_on`` (the dimensions where the peer is among the *similar* share of nearest
    regions), nearest first."""
    _check(features, region, k)
    distances = dimension_distances(standardise(features), dimensions, region)
    total = distances.mean(axis=1, skipna=True).dropna().sort_values(kind="stable")
    nearest = total.head(k)
    frame = distances.loc[nearest.index].add_prefix("d_")
    frame.insert(0, "distance", nearest)
    bounds = distances.quantile(similar)
    frame["similar_on"] = [
        [str(name) for name, d in distances.loc[code].items() if float(d) <= float(bounds[name])]
        for code in nearest.index
    ]
    frame = frame.rename_axis("region").reset_index()
    frame.insert(0, "rank", range(1, len(frame) + 1))
    return frame
