"""A region's indicators with their latest values, targets and status: what the CLI, pages and
API show.

For each indicator: the latest value up to the year asked for (default: the
latest there is), the baseline and target, the status and its reason
(:func:`s3atlas.monitoring.status.judge`), and the trend against Sweden where
the data give a national value: the region's value as a share of Sweden's in
the first and the last year.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import pandas as pd

from s3atlas.i18n import format_number, gettext
from s3atlas.monitoring.catalogue import Indicator
from s3atlas.monitoring.framework import county_code, framework_indicators, framework_values
from s3atlas.monitoring.status import DEFAULT_TOLERANCE, judge
from s3atlas.monitoring.store import format_milestones

__all__ = ["DECIMALS", "REPORT_COLUMNS", "region_report", "sweden_trend", "values_table"]

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
    "reason_sv",
    "reason_en",
    "trend_sv",
    "trend_en",
    "source",
    "needs",
]


def sweden_trend(series: pd.DataFrame) -> tuple[str, str]:
    """Return the region's value as a share of Sweden's, first and last year, in sv and en.

    >>> frame = pd.DataFrame({"year": [2010, 2018], "value": [8.0, 9.0],
    ...                       "sweden_value": [10.0, 10.0]})
    >>> sweden_trend(frame)[1]
    'Against Sweden: 80 % in 2010, 90 % in 2018 (closer to Sweden).'
    """
    both = series.dropna(subset=["value", "sweden_value"])
    both = both[both.sweden_value != 0]
    if len(both) < 2:
        return "", ""
    first, last = both.iloc[0], both.iloc[-1]
    ratios = [float(r.value / r.sweden_value) for r in (first, last)]
    closer = abs(ratios[1] - 1) < abs(ratios[0] - 1)
    out = []
    for lang in ("sv", "en"):
        way = gettext("closer to Sweden", lang) if closer else gettext("further from Sweden", lang)
        out.append(
            gettext(
                "Against Sweden: {first} % in {first_year}, {last} % in {last_year} ({way}).",
                lang,
                first=format_number(ratios[0] * 100, 0, lang),
                first_year=int(first.year),
                last=format_number(ratios[1] * 100, 0, lang),
                last_year=int(last.year),
                way=way,
            )
        )
    return out[0], out[1]


#: Decimals shown per unit (default 1).
DECIMALS = {"persons": 0, "SEK per inhabitant": 0, "LQ": 2}


def _extra(latest: Any) -> tuple[list[str], list[str]]:
    """Sentences on a break in the series and on a wider industry group measured instead."""
    out: tuple[list[str], list[str]] = ([], [])
    if latest is None:
        return out
    for lang, sentences in zip(("sv", "en"), out, strict=True):
        if latest.flag == "break":
            sentences.append(gettext("The series breaks in {year}.", lang, year=int(latest.year)))
        if latest.note and str(latest.indicator).startswith("priority_"):
            sentences.append(
                gettext(
                    "Measured by the wider industry group {codes}, which holds more than the "
                    "priority's industries.",
                    lang,
                    codes=latest.note,
                )
            )
    return out


def _row(
    item: Indicator, series: pd.DataFrame, year: int | None, tolerance: float, region: str
) -> dict[str, Any]:
    shown = series if year is None else series[series.year <= year]
    shown = shown.dropna(subset=["value"])
    latest = shown.iloc[-1] if len(shown) else None
    when = int(latest.year) if latest is not None else year
    baseline = (
        (item.baseline_year, item.baseline_value)
        if item.baseline_year is not None and item.baseline_value is not None
        else None
    )
    target = (
        (item.target_year, item.target_value)
        if item.target_year is not None and item.target_value is not None
        else None
    )
    decimals = DECIMALS.get(item.unit, 1)
    verdict = judge(
        None if latest is None else float(latest.value),
        when,
        baseline=baseline,
        target=target,
        milestones=item.milestones,
        direction=item.direction,
        tolerance=tolerance,
        needs=item.needs,
        decimals=decimals,
    )
    trend = sweden_trend(shown)
    extra = _extra(latest)
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
        "reason_sv": " ".join([verdict.reason_sv, *extra[0]]),
        "reason_en": " ".join([verdict.reason_en, *extra[1]]),
        "trend_sv": trend[0],
        "trend_en": trend[1],
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
    for column in ("year", "baseline_year", "target_year"):
        frame[column] = frame[column].astype("Int64")
    return _with_peers(frame.assign(serves=[i.serves for i in items]), county)


def _with_peers(frame: pd.DataFrame, county: str) -> pd.DataFrame:
    """Add the peers' average to the trend sentences (and as ``peer_value``)."""
    from s3atlas.monitoring.peer_trend import peer_sentences

    peers = peer_sentences(county, frame, DECIMALS)
    for lang in ("sv", "en"):
        both = frame[f"trend_{lang}"].str.cat(peers[f"peer_{lang}"], sep=" ").str.strip()
        frame[f"trend_{lang}"] = both
    return frame.assign(peer_value=peers.peer_value).drop(columns=["serves"])


def values_table(region: str, store: Any = None) -> pd.DataFrame:
    """Return every value of *region*'s framework (for sparklines and downloads)."""
    county = county_code(region)
    items = framework_indicators(county, store)
    return framework_values(county, items, store)
