"""The intervention logic around the indicators: the strategy (name, period, version) and the
actions or instruments under each priority or goal (owner, budget, period).

Both come in through the import (sheets ``strategy`` and ``actions``) and are kept per
county: a new strategy row becomes the next version; an action is keyed by its goal
and name, so importing it again replaces it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from s3atlas.i18n import gettext
from s3atlas.monitoring.cells import Cell, number, region, year
from s3atlas.monitoring.models import Action, Strategy
from s3atlas.store import Store

__all__ = [
    "ACTION_COLUMNS",
    "STRATEGY_COLUMNS",
    "action_from_cells",
    "current_strategy",
    "save_logic",
    "stored_actions",
    "strategy_from_cells",
]

STRATEGY_COLUMNS = ["region", "name", "start_year", "end_year", "source"]
ACTION_COLUMNS = ["region", "goal", "name", "owner", "budget", "start_year", "end_year"]


def _period(cell: Callable[[str], Cell]) -> tuple[int | None, int | None]:
    start, end = year(cell("start_year")), year(cell("end_year"))
    if start is not None and end is not None and end < start:
        raise cell("end_year").fail(gettext("the period ends before it starts"))
    return start, end


def _named(cell: Callable[[str], Cell]) -> str:
    name = cell("name")
    if not name.value:
        raise name.fail(gettext("the name is empty"))
    return name.value


def strategy_from_cells(cell: Callable[[str], Cell]) -> dict[str, Any]:
    """Check one strategy row: region, name, start_year, end_year, source."""
    start, end = _period(cell)
    return {
        "county_code": region(cell("region")),
        "name": _named(cell),
        "start_year": start,
        "end_year": end,
        "source": cell("source").value,
    }


def action_from_cells(cell: Callable[[str], Cell]) -> dict[str, Any]:
    """Check one action row: region, goal, name, owner, budget (≥ 0), start_year, end_year."""
    start, end = _period(cell)
    budget = number(cell("budget"))
    if budget is not None and budget < 0:
        raise cell("budget").fail(gettext("a budget cannot be negative"))
    return {
        "county_code": region(cell("region")),
        "goal": cell("goal").value,
        "name": _named(cell),
        "owner": cell("owner").value,
        "budget": budget,
        "start_year": start,
        "end_year": end,
    }


def _add_strategy(session: Session, item: dict[str, Any], now: datetime) -> None:
    latest = session.scalar(
        select(func.max(Strategy.version)).where(Strategy.county_code == item["county_code"])
    )
    session.add(Strategy(**item, version=(latest or 0) + 1, created_at=now))


def _upsert_action(session: Session, item: dict[str, Any], now: datetime) -> None:
    row = session.scalar(
        select(Action).where(
            Action.county_code == item["county_code"],
            Action.goal == item["goal"],
            Action.name == item["name"],
        )
    )
    row = row or Action(county_code=item["county_code"], goal=item["goal"], name=item["name"])
    row.owner, row.budget = item["owner"], item["budget"]
    row.start_year, row.end_year = item["start_year"], item["end_year"]
    row.updated_at = now
    session.add(row)


def save_logic(
    session: Session,
    strategies: list[dict[str, Any]],
    actions: list[dict[str, Any]],
    now: datetime | None = None,
) -> None:
    """Add *strategies* (each a new version) and *actions* inside the caller's transaction,
    stamped *now* (default: the current time)."""
    now = now or datetime.now(UTC)
    for item in strategies:
        _add_strategy(session, item, now)
        session.flush()
    for item in actions:
        _upsert_action(session, item, now)


def current_strategy(store: Store | None, county: str) -> dict[str, Any] | None:
    """Return the county's newest strategy version, or None."""
    if store is None:
        return None
    with store.read() as session:
        row = session.scalar(
            select(Strategy)
            .where(Strategy.county_code == county)
            .order_by(Strategy.version.desc())
            .limit(1)
        )
    if row is None:
        return None
    keys = ("name", "start_year", "end_year", "version", "source")
    return {key: getattr(row, key) for key in keys}


def stored_actions(store: Store | None, county: str) -> pd.DataFrame:
    """Return the county's actions: goal, name, owner, budget, start_year, end_year."""
    columns = ACTION_COLUMNS[1:]
    if store is None:
        return pd.DataFrame(columns=columns)
    with store.read() as session:
        rows = session.scalars(
            select(Action).where(Action.county_code == county).order_by(Action.id)
        ).all()
    return pd.DataFrame([{c: getattr(r, c) for c in columns} for r in rows], columns=columns)
