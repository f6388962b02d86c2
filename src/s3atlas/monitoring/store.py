"""Reading and writing a region's monitoring framework in the workspace store.

Indicators (with baselines and targets) are keyed by county and code: saving
an indicator that exists replaces its definition. Values are keyed by county,
indicator and year: a new value replaces the old one. Every save is one
transaction: all rows or none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, fields
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from s3atlas.monitoring.catalogue import Indicator
from s3atlas.monitoring.context import VALUE_COLUMNS
from s3atlas.monitoring.models import IndicatorRow, ValueRow
from s3atlas.store import Store

__all__ = [
    "format_milestones",
    "parse_milestones",
    "save_import",
    "save_indicators",
    "save_values",
    "stored_indicators",
    "stored_values",
]

_STORED = {f.name for f in fields(Indicator)} - {"needs", "serves", "milestones"}


def format_milestones(milestones: dict[int, float]) -> str:
    """Write milestones as ``year:value`` pairs.

    >>> format_milestones({2024: 1.5, 2022: 1.0})
    '2022:1.0; 2024:1.5'
    """
    return "; ".join(f"{year}:{value}" for year, value in sorted(milestones.items()))


def parse_milestones(text: str) -> dict[int, float]:
    """Read ``year:value`` pairs written by :func:`format_milestones`.

    >>> parse_milestones("2022:1.0; 2024:1.5")
    {2022: 1.0, 2024: 1.5}
    """
    out = {}
    for part in (p.strip() for p in text.split(";")):
        if part:
            year, value = part.split(":", 1)
            out[int(year)] = float(value)
    return out


def _upsert_indicator(session: Session, county: str, item: Indicator, now: datetime) -> None:
    row = session.scalar(
        select(IndicatorRow).where(
            IndicatorRow.county_code == county, IndicatorRow.code == item.code
        )
    )
    row = row or IndicatorRow(county_code=county, code=item.code)
    for key, value in asdict(item).items():
        if key in _STORED:
            setattr(row, key, value)
    row.milestones = format_milestones(item.milestones)
    row.updated_at = now
    session.add(row)


def save_indicators(store: Store, county: str, items: Iterable[Indicator]) -> int:
    """Store (or replace) *items* as *county*'s indicators in one transaction; return how many."""
    items = list(items)
    save_import(store, {county: items}, pd.DataFrame())
    return len(items)


def save_import(
    store: Store,
    indicators: Mapping[str, Iterable[Indicator]],
    values: pd.DataFrame,
    strategies: list[dict[str, Any]] | None = None,
    actions: list[dict[str, Any]] | None = None,
) -> None:
    """Store indicators (county → items), values, strategies and actions together: one
    transaction, all or nothing."""
    from s3atlas.monitoring.logic import save_logic

    now = datetime.now(UTC)
    with store.transaction() as session:
        save_logic(session, strategies or [], actions or [], now)
        for county, items in indicators.items():
            for item in items:
                _upsert_indicator(session, county, item, now)
        session.flush()
        for record in values.to_dict("records"):
            _upsert_value(session, {str(k): v for k, v in record.items()}, now)


def stored_indicators(store: Store | None, county: str) -> list[Indicator]:
    """Return *county*'s stored indicators, in the order they were first stored."""
    if store is None:
        return []
    with store.read() as session:
        rows = session.scalars(
            select(IndicatorRow).where(IndicatorRow.county_code == county).order_by(IndicatorRow.id)
        ).all()
    return [
        Indicator(
            **{key: getattr(row, key) for key in _STORED},
            milestones=parse_milestones(row.milestones),
        )
        for row in rows
    ]


def _upsert_value(session: Session, item: dict[str, Any], now: datetime) -> None:
    row = session.scalar(
        select(ValueRow).where(
            ValueRow.county_code == item["county_code"],
            ValueRow.indicator == item["indicator"],
            ValueRow.year == int(item["year"]),
        )
    )
    row = row or ValueRow(
        county_code=item["county_code"], indicator=item["indicator"], year=int(item["year"])
    )
    row.value = float(item["value"])
    row.flag = item.get("flag") or "ok"
    row.source = item.get("source") or ""
    row.retrieved = item.get("retrieved") or ""
    row.updated_at = now
    session.add(row)


def save_values(store: Store, frame: pd.DataFrame) -> int:
    """Store the rows of *frame* (county_code, indicator, year, value, flag, source, retrieved)."""
    save_import(store, {}, frame)
    return len(frame)


def stored_values(store: Store | None, county: str | None = None) -> pd.DataFrame:
    """Return stored values in the layout of :data:`s3atlas.monitoring.context.VALUE_COLUMNS`."""
    if store is None:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    query = select(ValueRow)
    if county is not None:
        query = query.where(ValueRow.county_code == county)
    with store.read() as session:
        rows = session.scalars(query).all()
    frame = pd.DataFrame(
        [
            {
                "indicator": r.indicator,
                "region": r.county_code,
                "year": r.year,
                "value": r.value,
                "flag": r.flag,
                "source": r.source,
                "retrieved": r.retrieved,
                "note": "",
            }
            for r in rows
        ],
        columns=VALUE_COLUMNS,
    )
    return frame
