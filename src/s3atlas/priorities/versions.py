"""Stored priority lists and manual themes: every import is a new version, old ones are kept.

A region's current list is its newest stored version, or the bundled 2018 list
(Tillväxtverket, *Smart specialisering i 21 regioner*) as version 0 when the
workspace has none. A manual theme (override) is keyed by county code and the
priority text, compared case-insensitively, and replaces the rules.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, mapped_column

from s3atlas.classifications import find_region
from s3atlas.errors import InputError
from s3atlas.i18n import gettext
from s3atlas.priorities.classify import normalise
from s3atlas.priorities.themes import UNCLASSIFIED, Taxonomy, load_taxonomy
from s3atlas.seeddata import declared_priorities
from s3atlas.store import Base, Store

__all__ = [
    "BUNDLED_SOURCE",
    "PriorityItem",
    "PriorityListVersion",
    "ThemeOverride",
    "clear_override",
    "current_priorities",
    "list_versions",
    "overrides",
    "replace_priorities",
    "set_override",
]

BUNDLED_SOURCE = "Tillväxtverket (2018), Smart specialisering i 21 regioner"


class PriorityListVersion(Base):
    """One version of a region's declared priority list."""

    __tablename__ = "prio_list_versions"
    __table_args__ = (
        UniqueConstraint("county_code", "version", name="uq_prio_list_versions_region_version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    county_code: Mapped[str] = mapped_column(String(2), index=True)
    version: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PriorityItem(Base):
    """One priority of a list version, in the order the region gave."""

    __tablename__ = "prio_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[int] = mapped_column(
        ForeignKey("prio_list_versions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(500))


class ThemeOverride(Base):
    """Themes set by hand for one priority of one region."""

    __tablename__ = "prio_theme_overrides"
    __table_args__ = (
        UniqueConstraint("county_code", "priority_key", name="uq_prio_theme_overrides_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    county_code: Mapped[str] = mapped_column(String(2))
    priority_key: Mapped[str] = mapped_column(String(500))
    priority: Mapped[str] = mapped_column(String(500))
    themes: Mapped[str] = mapped_column(String(500))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def _county_code(region: str) -> str:
    found = find_region(region)
    if found.scheme != "county" or found.county_code is None:
        raise InputError(
            gettext("not a county (one of the 21 regions)"), column="region", value=region
        )
    return found.county_code


def _region_names() -> dict[str, str]:
    from s3atlas.classifications import counties

    return dict(zip(counties().county_code, counties().short_name, strict=True))


def replace_priorities(store: Store, lists: dict[str, list[str]], source: str = "") -> pd.DataFrame:
    """Store each region's list in *lists* as its next version, in one transaction.

    Parameters
    ----------
    lists : dict
        County code → priority texts in order (already validated, see
        :func:`s3atlas.priorities.importing.read_priority_file`).
    source : str
        Where the list came from (a file name), kept with the version.

    Returns
    -------
    DataFrame
        county_code, version, priorities: one row per region stored.
    """
    now = datetime.now(UTC)
    rows = []
    with store.transaction() as session:
        for code, texts in lists.items():
            latest = session.scalar(
                select(func.max(PriorityListVersion.version)).where(
                    PriorityListVersion.county_code == code
                )
            )
            version = PriorityListVersion(
                county_code=code, version=(latest or 0) + 1, source=source, created_at=now
            )
            session.add(version)
            session.flush()
            session.add_all(
                PriorityItem(list_id=version.id, position=i, text=t) for i, t in enumerate(texts)
            )
            rows.append({"county_code": code, "version": version.version, "priorities": len(texts)})
    return pd.DataFrame(rows, columns=["county_code", "version", "priorities"])


def _stored(store: Store) -> pd.DataFrame:
    query = select(
        PriorityListVersion.county_code,
        PriorityListVersion.version,
        PriorityListVersion.source,
        PriorityItem.position,
        PriorityItem.text,
    ).join(PriorityItem, PriorityItem.list_id == PriorityListVersion.id)
    with store.read() as session:
        rows = session.execute(query).all()
    return pd.DataFrame(rows, columns=["county_code", "version", "source", "position", "priority"])


def current_priorities(
    store: Store | None = None, hidden: frozenset[str] = frozenset()
) -> pd.DataFrame:
    """Return every region's current list: county_code, region, priority, version, source.

    Regions without a stored list keep the bundled 2018 list (version 0), and so do
    the regions in *hidden*: those whose stored list the reader may not see yet (an
    unpublished region, for a visitor not signed in; see s3atlas.accounts.publishing).

    >>> current_priorities().groupby("version").size().to_dict()
    {0: 80}
    """
    bundled = declared_priorities().assign(version=0, source=BUNDLED_SOURCE)
    stored = (
        _stored(store) if store is not None else pd.DataFrame(columns=["county_code", "version"])
    )
    stored = stored[~stored.county_code.isin(hidden)]
    if stored.empty:
        return bundled[["county_code", "region", "priority", "version", "source"]].reset_index(
            drop=True
        )
    newest = stored.groupby("county_code").version.transform("max") == stored.version
    stored = stored[newest].sort_values(["county_code", "position"])
    stored = stored.assign(region=stored.county_code.map(_region_names()))
    kept = bundled[~bundled.county_code.isin(stored.county_code)]
    frame = pd.concat([kept, stored], ignore_index=True)
    return frame[["county_code", "region", "priority", "version", "source"]]


def list_versions(store: Store, region: str) -> pd.DataFrame:
    """Return every stored version of *region*'s list: version, source, created_at, priorities.

    Version 0 (the bundled list) is listed first.
    """
    code = _county_code(region)
    query = (
        select(
            PriorityListVersion.version,
            PriorityListVersion.source,
            PriorityListVersion.created_at,
            PriorityItem.text,
        )
        .join(PriorityItem, PriorityItem.list_id == PriorityListVersion.id)
        .where(PriorityListVersion.county_code == code)
        .order_by(PriorityListVersion.version, PriorityItem.position)
    )
    with store.read() as session:
        rows = session.execute(query).all()
    bundled = declared_priorities()
    first = {
        "version": 0,
        "source": BUNDLED_SOURCE,
        "created_at": None,
        "priorities": "; ".join(bundled[bundled.county_code == code].priority),
    }
    frame = pd.DataFrame(rows, columns=["version", "source", "created_at", "text"])
    grouped = [
        {
            "version": int(str(v)),
            "source": g.source.iloc[0],
            "created_at": g.created_at.iloc[0],
            "priorities": "; ".join(g.text),
        }
        for v, g in frame.groupby("version", sort=True)
    ]
    return pd.DataFrame(
        [first, *grouped], columns=["version", "source", "created_at", "priorities"]
    )


def set_override(
    store: Store,
    region: str,
    priority: str,
    themes: list[str],
    note: str = "",
    taxonomy: Taxonomy | None = None,
) -> None:
    """Set the themes of one priority by hand (replacing an earlier override).

    Raises
    ------
    InputError
        When the priority text is empty or no theme is given.
    ClassificationError
        When the region or a theme id is unknown.
    """
    code = _county_code(region)
    key = normalise(priority)
    if not key:
        raise InputError(gettext("the priority text is empty"), column="priority", value=priority)
    if not themes:
        raise InputError(gettext("give at least one theme (or unclassified)"), column="themes")
    taxonomy = taxonomy or load_taxonomy()
    for theme_id in themes:
        if theme_id != UNCLASSIFIED:
            taxonomy.get(theme_id)
    with store.transaction() as session:
        row = session.scalar(
            select(ThemeOverride).where(
                ThemeOverride.county_code == code, ThemeOverride.priority_key == key
            )
        )
        row = row or ThemeOverride(county_code=code, priority_key=key)
        row.priority, row.themes, row.note = priority.strip(), "; ".join(themes), note
        row.created_at = datetime.now(UTC)
        session.add(row)


def clear_override(store: Store, region: str, priority: str) -> bool:
    """Remove the manual themes of one priority; return whether there were any."""
    code = _county_code(region)
    with store.transaction() as session:
        row = session.scalar(
            select(ThemeOverride).where(
                ThemeOverride.county_code == code, ThemeOverride.priority_key == normalise(priority)
            )
        )
        if row is None:
            return False
        session.delete(row)
        return True


def overrides(store: Store | None) -> pd.DataFrame:
    """Return the manual themes: county_code, priority, themes (``"; "``-joined ids), note."""
    columns = ["county_code", "priority", "themes", "note"]
    if store is None:
        return pd.DataFrame(columns=columns)
    with store.read() as session:
        rows = session.execute(
            select(
                ThemeOverride.county_code,
                ThemeOverride.priority,
                ThemeOverride.themes,
                ThemeOverride.note,
            )
        ).all()
    return pd.DataFrame(rows, columns=columns)
