"""A region's indicators with their latest values, targets and status: what the CLI, pages and
API show.

For each indicator: the latest value up to the year asked for (default: the
latest there is), the baseline and target, the status and its reason
(:func:`s3atlas.monitoring.status.judge`), and the trend against Sweden where
the data give a national value: the region's value as a share of Sweden's in
the first and the last year.

The result holds codes and numbers: the reason is a code of
:data:`s3atlas.monitoring.status.REASONS` with the numbers it needs, the trend
the two shares of Sweden's value. :mod:`s3atlas.monitoring.sentences` puts them
into words for the command line, the pages and the report. An indicator's two
names (``name_sv``, ``name_en``) are the framework's own data, as imported.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import pandas as pd

from s3atlas.monitoring.catalogue import Indicator
from s3atlas.monitoring.framework import county_code, framework_indicators, framework_values
from s3atlas.monitoring.status import DEFAULT_TOLERANCE, Judgement, judge
from s3atlas.monitoring.store import format_milestones

__all__ = ["DECIMALS", "REPORT_COLUMNS", "region_report", "sweden_trend", "values_table"]

#: Columns of :func:`sweden_trend`.
TREND_COLUMNS = ["trend_first_year", "trend_first_share", "trend_last_year", "trend_last_share"]

REPORT_COLUMNS = [
    "region",
    "code",
    "kind",
    "goal",
    "objective",
    "name_sv",
    "name_en",
    "unit",
    "direction",
    "year",
    "value",
    "sweden_value",
    "peer_value",
    "flag",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "milestones",
    "example",
    "status",
    "reason",
    "judged_year",
    "expected",
    "gap",
    "tolerance",
    "wider_group",
    *TREND_COLUMNS,
    "source",
    "needs",
]


def sweden_trend(series: pd.DataFrame) -> dict[str, Any]:
    """Return the region's value as a share of Sweden's in the first and the last year both
    have (:data:`TREND_COLUMNS`; empty when fewer than two years have both).

    >>> frame = pd.DataFrame({"year": [2010, 2018], "value": [8.0, 9.0],
    ...                       "sweden_value": [10.0, 10.0]})
    >>> sweden_trend(frame)
    {'trend_first_year': 2010, 'trend_first_share': 0.8, 'trend_last_year': 2018, 'trend_last_share': 0.9}
    """  # noqa: E501 - a doctest's output is one line
    both = series.dropna(subset=["value", "sweden_value"])
    both = both[both.sweden_value != 0]
    if len(both) < 2:
        return {}
    first, last = both.iloc[0], both.iloc[-1]
    return {
        "trend_first_year": int(first.year),
        "trend_first_share": float(first.value / first.sweden_value),
        "trend_last_year": int(last.year),
        "trend_last_share": float(last.value / last.sweden_value),
    }


#: Decimals shown per unit (default 1).
DECIMALS = {"persons": 0, "SEK per inhabitant": 0, "LQ": 2}


def _wider_group(latest: Any) -> str:
    """The wider industry group measured instead of a priority's own industries ("" if none)."""
    if latest is None or not latest.note or not str(latest.indicator).startswith("priority_"):
        return ""
    return str(latest.note)


def _point(year: int | None, value: float | None) -> tuple[int, float] | None:
    """A (year, value) pair of the framework, or None when either half is missing."""
    return (year, value) if year is not None and value is not None else None


def _judge(item: Indicator, latest: Any, when: int | None, tolerance: float) -> Judgement:
    """The indicator's status at its latest value (:func:`judge` with the framework's terms)."""
    return judge(
        None if latest is None else float(latest.value),
        when,
        baseline=_point(item.baseline_year, item.baseline_value),
        target=_point(item.target_year, item.target_value),
        milestones=item.milestones,
        direction=item.direction,
        tolerance=tolerance,
        needs=item.needs,
        decimals=DECIMALS.get(item.unit, 1),
    )


def _row(
    item: Indicator, series: pd.DataFrame, year: int | None, tolerance: float, region: str
) -> dict[str, Any]:
    shown = series if year is None else series[series.year <= year]
    shown = shown.dropna(subset=["value"])
    latest = shown.iloc[-1] if len(shown) else None
    when = int(latest.year) if latest is not None else year
    verdict = _judge(item, latest, when, tolerance)
    fields = asdict(item)
    return {
        **{k: fields[k] for k in REPORT_COLUMNS if k in fields},
        "region": region,
        "milestones": format_milestones(item.milestones),
        "year": None if latest is None else when,
        "value": None if latest is None else float(latest.value),
        "sweden_value": None if latest is None else latest.sweden_value,
        "flag": "" if latest is None else latest.flag,
        "source": (latest.source if latest is not None and latest.source else item.source),
        "status": verdict.status,
        "reason": verdict.reason,
        "judged_year": when,
        "expected": verdict.expected,
        "gap": verdict.gap,
        "tolerance": tolerance,
        "wider_group": _wider_group(latest),
        **sweden_trend(shown),
    }


def region_report(
    region: str,
    store: Any = None,
    *,
    year: int | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
) -> pd.DataFrame:
    """Return one row per indicator of *region*'s framework: :data:`REPORT_COLUMNS`.

    >>> report = region_report("24").set_index("code")
    >>> int(report.loc["new_firms_per_1000_employed", "year"])
    2018
    >>> report.loc["new_firms_per_1000_employed", "status"]
    'no_target'
    >>> report.loc["higher_education_share", "status"]
    'no_data'
    """
    county = county_code(region)
    from s3atlas.monitoring.priority_context import region_priorities

    priorities = region_priorities(county, store)
    items = framework_indicators(county, store, priorities)
    values = framework_values(county, items, store, priorities)
    groups = {code: part for code, part in values.groupby("indicator")}
    empty = values.iloc[0:0]
    rows = [_row(i, groups.get(i.code, empty), year, tolerance, county) for i in items]
    frame = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    for column in ("year", "judged_year", "baseline_year", "target_year", *TREND_COLUMNS[::2]):
        frame[column] = frame[column].astype("Int64")
    return _with_peers(frame.assign(serves=[i.serves for i in items]), county)


def _with_peers(frame: pd.DataFrame, county: str) -> pd.DataFrame:
    """Add the peers' average in the year of the latest value (``peer_value``)."""
    from s3atlas.monitoring.peer_trend import peer_values

    return frame.assign(peer_value=peer_values(county, frame)).drop(columns=["serves"])


def values_table(region: str, store: Any = None) -> pd.DataFrame:
    """Return every value of *region*'s framework (for sparklines and downloads)."""
    county = county_code(region)
    items = framework_indicators(county, store)
    return framework_values(county, items, store)
