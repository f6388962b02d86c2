"""A county's context indicators against its peer regions: the peers' average in the same year.

The peers are the five counties nearest in structure (:func:`s3atlas.monitoring.region_peers`);
their average is the unweighted mean of the peers that have a value in the year of the
county's latest value.
"""

from __future__ import annotations

import pandas as pd

from s3atlas.monitoring.context import context_values

__all__ = ["PEERS_K", "peer_average", "peer_values"]

#: How many peers the comparison takes.
PEERS_K = 5


def peer_average(values: pd.DataFrame, indicator: str, year: int, peers: list[str]) -> float | None:
    """Return the mean of *indicator* in *year* over *peers* (None when none has a value).

    >>> frame = pd.DataFrame({"indicator": ["x"] * 3, "region": ["a", "b", "c"],
    ...                       "year": [2020] * 3, "value": [1.0, 3.0, 9.0]})
    >>> peer_average(frame, "x", 2020, ["a", "b"])
    2.0
    """
    part = values[
        (values.indicator == indicator) & (values.year == year) & values.region.isin(peers)
    ].value.dropna()
    return float(part.mean()) if len(part) else None


def peer_values(county: str, report: pd.DataFrame) -> pd.Series:
    """Return, per row of *report*, the peers' average in the year of the row's value (None
    where the indicator is not computed for every county or the row has no value)."""
    from s3atlas.monitoring.peer_api import region_peers

    _code, found, _source = region_peers(county, k=PEERS_K)
    peers = [str(p) for p in found.region]
    values = context_values()
    known = set(values.indicator)
    out: list[float | None] = []
    for record in report.to_dict("records"):
        code = str(record.get("serves") or record["code"])
        year = record["year"]
        known_here = pd.notna(year) and code in known
        out.append(peer_average(values, code, int(str(year)), peers) if known_here else None)
    return pd.Series(out, index=report.index, dtype=float)
