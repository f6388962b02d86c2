"""A region's monitoring framework: its indicators and all their values, from every way in.

The framework of a county is, in this order:

1. the built-in context indicators (:data:`s3atlas.monitoring.catalogue.CONTEXT`);
2. employment and specialisation in each declared priority's industries;
3. for Dalarna (county 20), Region Dalarna's own follow-up indicators of
   *Dalastrategin 2030* (bundled, three goals, no targets): each either
   served by a context indicator or shown without data, naming the source it
   needs;
4. the indicators stored in the workspace (imported or set in the browser);
   a stored indicator with the code of one above replaces its definition and
   adds its baseline and target.

Values come from the bundled data (computed), and from the store (imported
or fetched); a stored value replaces a computed one for the same indicator
and year.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import pandas as pd
import yaml

from s3atlas.classifications import find_region
from s3atlas.errors import InputError
from s3atlas.i18n import gettext
from s3atlas.monitoring.catalogue import CONTEXT, Indicator, context_indicator
from s3atlas.monitoring.context import VALUE_COLUMNS, context_values
from s3atlas.monitoring.priority_context import (
    priority_indicators,
    priority_values,
    region_priorities,
)
from s3atlas.monitoring.store import stored_indicators, stored_values

__all__ = ["county_code", "dalarna_framework", "framework_indicators", "framework_values"]

DALARNA = "20"


def county_code(region: str) -> str:
    """Return the county code of *region* (code or name); other region kinds are refused.

    >>> county_code("Västerbotten")
    '24'
    """
    found = find_region(str(region))
    if found.scheme != "county" or found.county_code is None:
        raise InputError(
            gettext("Monitoring is kept per county (one of the 21 regions)."),
            column="region",
            value=region,
        )
    return found.county_code


@cache
def _dalarna_files() -> tuple[dict[str, Any], dict[str, Any]]:
    root = files("s3atlas.data")
    with root.joinpath("seed/dalastrategin_indicators.yaml").open(encoding="utf-8") as handle:
        seed = yaml.safe_load(handle)
    with root.joinpath("monitoring/dalarna_sources.yaml").open(encoding="utf-8") as handle:
        sources = yaml.safe_load(handle)
    return seed, sources


def dalarna_framework() -> list[Indicator]:
    """Return Region Dalarna's follow-up indicators (Dalastrategin 2030), without targets.

    >>> items = dalarna_framework()
    >>> len(items), items[0].goal, sum(bool(i.serves) for i in items)
    (35, 'Klimatsmart', 3)
    """
    seed, sources = _dalarna_files()
    out = []
    number = 0
    for goal, names in seed["goals"].items():
        for name in names:
            number += 1
            info = sources.get(name, {})
            served = context_indicator(info.get("serves", "")) or Indicator("", "", "", "")
            out.append(
                Indicator(
                    f"dalarna_{number:02d}",
                    "result",
                    name,
                    info.get("en", name),
                    unit=served.unit,
                    source="Region Dalarna, Dalastrategin 2030 (uppföljning)",
                    definition=served.definition,
                    direction=info.get("direction", served.direction),
                    statistic=served.statistic,
                    goal=goal,
                    needs=info.get("needs", served.needs),
                    serves=info.get("serves", ""),
                )
            )
    return out


def framework_indicators(
    county: str, store: Any = None, priorities: pd.DataFrame | None = None
) -> list[Indicator]:
    """Return the county's indicators in the order of the module docstring."""
    priorities = region_priorities(county, store) if priorities is None else priorities
    items = list(CONTEXT) + priority_indicators(priorities)
    if county == DALARNA:
        items += dalarna_framework()
    by_code = {item.code: item for item in items}
    for stored in stored_indicators(store, county):
        known = by_code.get(stored.code)
        if known is not None:
            stored = _merged(known, stored)
        by_code[stored.code] = stored
    return list(by_code.values())


def _merged(known: Indicator, stored: Indicator) -> Indicator:
    from dataclasses import replace

    return replace(stored, needs=known.needs, serves=known.serves)


def framework_values(
    county: str,
    indicators: list[Indicator],
    store: Any = None,
    priorities: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return every value of the county's indicators (computed, then stored on top)."""
    priorities = region_priorities(county, store) if priorities is None else priorities
    computed = pd.concat(
        [context_values(county), priority_values(county, priorities)], ignore_index=True
    )
    stored = stored_values(store, county)
    frame = pd.concat([computed, stored], ignore_index=True)
    frame = frame.drop_duplicates(["indicator", "year"], keep="last")
    served = [
        frame[frame.indicator == item.serves].assign(indicator=item.code)
        for item in indicators
        if item.serves
    ]
    frame = pd.concat([frame, *served], ignore_index=True)
    return frame.reindex(columns=VALUE_COLUMNS).sort_values(["indicator", "year"])
