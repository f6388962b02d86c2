"""Aggregation up the industry and region hierarchies, without double counting.

A table can be rolled up only if its codes do not overlap (``C`` and ``B-E``
in one table would count manufacturing twice) and every code fits inside one
target code (``B+C`` has no single section). Both cases are clear errors, as
is aggregating a classification s3atlas does not know the hierarchy of.

Flags combine conservatively: a sum with any suppressed part is suppressed,
else with any missing part missing (value unknown), else with any estimated
part estimated.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from s3atlas.classifications import find_industry, parent_code, region_parent
from s3atlas.errors import ClassificationError
from s3atlas.i18n import gettext
from s3atlas.stats.model import KEY, StatTable

__all__ = ["aggregate_industries", "aggregate_regions", "overlapping_industries"]

_FINE = {"division", "group", "class", "detail"}


def _overlap(a: str, b: str) -> bool:
    first, second = find_industry(a), find_industry(b)
    if first.level in _FINE and second.level in _FINE:
        return a.startswith(b) or b.startswith(a)
    return bool(first.divisions & second.divisions)


def overlapping_industries(codes: list[str]) -> list[tuple[str, str]]:
    """Return the pairs of SNI codes that cover some of the same activity.

    >>> overlapping_industries(["C", "B-E", "F"])
    [('C', 'B-E')]
    >>> overlapping_industries(["01110", "01120", "02"])
    []
    """
    return [(a, b) for a, b in combinations(codes, 2) if _overlap(a, b)]


def _combine(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    flags = frame.groupby(key, sort=True).flag.agg(set)
    grouped = frame.groupby(key, sort=True)
    out = grouped.value.sum(min_count=1).to_frame()
    out["source"] = grouped.source.agg(lambda s: "; ".join(sorted(set(filter(None, s)))))
    out["flag"] = [
        next(
            (f for f in ("suppressed", "missing", "estimated", "definition_differs") if f in fs),
            "ok",
        )
        for fs in flags
    ]
    out.loc[out.flag.isin(["suppressed", "missing"]), "value"] = np.nan
    return out.reset_index()


def aggregate_industries(table: StatTable, level: str) -> StatTable:
    """Sum *table* up to an SNI level: ``division``, ``scb_group``, ``section`` or ``total``.

    Raises
    ------
    ClassificationError
        For a non-SNI table, overlapping codes, or a code spanning several targets.

    Examples
    --------
    >>> frame = pd.DataFrame({"region": "24", "industry": ["16", "17", "A"], "year": 2018,
    ...                       "measure": "employed", "value": [10.0, 5.0, 1.0]})
    >>> agg = aggregate_industries(StatTable.build(frame, "county", "sni2007"), "scb_group")
    >>> agg.frame[["industry", "value"]].values.tolist()
    [['A', 1.0], ['B+C', 15.0]]
    """
    if table.industry_scheme != "sni2007":
        raise ClassificationError(
            gettext(
                "industries of the classification {scheme} cannot be added up "
                "the SNI 2007 hierarchy",
                scheme=table.industry_scheme,
            ),
            column="industry",
        )
    pairs = overlapping_industries(table.industries)
    if pairs:
        a, b = pairs[0]
        raise ClassificationError(
            gettext(
                "industries {a} and {b} overlap; select one level before adding up, "
                "or they are counted twice",
                a=a,
                b=b,
            ),
            column="industry",
            value=a,
        )
    mapping = {code: parent_code(code, level) for code in table.industries}
    frame = table.frame.assign(industry=table.frame.industry.map(mapping))
    key = KEY + (["sex"] if table.has_sex else [])
    return StatTable(
        _combine(frame, key)[table.frame.columns], table.region_scheme, table.industry_scheme
    )


def aggregate_regions(table: StatTable, level: str) -> StatTable:
    """Sum *table* up to a region level: ``county``, ``nuts3``, ``nuts2``, ``nuts1`` or ``country``.

    Examples
    --------
    >>> frame = pd.DataFrame({"region": ["24", "25"], "industry": "A", "year": 2018,
    ...                       "measure": "employed", "value": [2818.0, 2200.0]})
    >>> out = aggregate_regions(StatTable.build(frame, "county", "sni2007"), "nuts2")
    >>> out.frame[["region", "value"]].values.tolist()
    [['SE33', 5018.0]]
    """
    if table.region_scheme not in {"county", "municipality", "nuts"}:
        raise ClassificationError(
            gettext(
                "regions of the classification {scheme} cannot be added up to NUTS levels",
                scheme=table.region_scheme,
            ),
            column="region",
        )
    regions = table.regions
    if table.region_scheme == "nuts" and len({len(code) for code in regions}) > 1:
        raise ClassificationError(
            gettext(
                "the table mixes NUTS levels; select one level before adding up, "
                "or regions are counted twice"
            ),
            column="region",
            value=sorted(regions, key=len)[0],
        )
    mapping = {code: region_parent(code, table.region_scheme, level) for code in regions}
    frame = table.frame.assign(region=table.frame.region.map(mapping))
    key = KEY + (["sex"] if table.has_sex else [])
    scheme = "county" if level == "county" else "nuts"
    return StatTable(_combine(frame, key)[table.frame.columns], scheme, table.industry_scheme)
