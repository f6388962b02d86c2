"""Example targets for a demonstration, made by a stated rule and marked as examples.

s3atlas invents no targets: a region sets its own (import or the page). To show how
the status works before a region has done so, :func:`example_targets` gives each
computed context indicator with at least two years of values an **example** target:

* baseline = the indicator's value in its first year;
* target year = the last year with data + 5;
* target value = Sweden's value in the baseline year where the data have it (catch up
  with Sweden's starting point), else the baseline moved 10 % in the better direction.

Every such target is stored with ``example`` set, so every view says "exempel".
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from s3atlas.monitoring.catalogue import CONTEXT, Indicator
from s3atlas.monitoring.context import context_values
from s3atlas.monitoring.store import save_indicators
from s3atlas.store import Store

__all__ = ["EXAMPLE_SOURCE", "example_target", "example_targets", "store_example_targets"]

EXAMPLE_SOURCE = "s3atlas example rule (not the region's target)"
#: The improvement an example target asks for where Sweden's value is not in the data.
_STEP = 0.10


def example_target(item: Indicator, series: pd.DataFrame) -> Indicator | None:
    """Return *item* with an example baseline and target from *series* (None if too short).

    >>> series = pd.DataFrame({"year": [2010, 2018], "value": [8.0, 9.0],
    ...                        "sweden_value": [10.0, 11.0]})
    >>> made = example_target(CONTEXT[4], series)
    >>> (made.baseline_year, made.baseline_value, made.target_year, made.target_value)
    (2010, 8.0, 2023, 10.0)
    """
    known = series.dropna(subset=["value"]).sort_values("year")
    if len(known) < 2:
        return None
    first = known.iloc[0]
    sweden = first.get("sweden_value")
    sign = 1.0 if item.direction == "higher" else -1.0
    target = float(sweden) if pd.notna(sweden) else float(first.value) * (1 + sign * _STEP)
    return replace(
        item,
        baseline_year=int(first.year),
        baseline_value=float(first.value),
        target_year=int(known.year.iloc[-1]) + 5,
        target_value=target,
        example=True,
        source=f"{item.source}; {EXAMPLE_SOURCE}",
    )


def example_targets(county: str) -> list[Indicator]:
    """Return example targets for the county's computed context indicators."""
    values = context_values(county)
    made = (example_target(item, values[values.indicator == item.code]) for item in CONTEXT)
    return [item for item in made if item is not None]


def store_example_targets(store: Store, county: str) -> int:
    """Store the example targets of *county*; return how many."""
    return save_indicators(store, county, example_targets(county))
