"""One fingerprint of the stored data: the key of every cache that keeps what the data show.

A kept page, a memoised analysis or a classified priority list is valid while
:func:`data_fingerprint` returns the same value. It moves with every edit from
this process or any other (several web workers, the CLI), because it reads
what each product area writes when its data change:

* the ecosystem audit log (actors, links, provisions, areas, clusters, surveys,
  accepted workshop submissions: every edit adds an audit row) and the rounds
  (opened, closed, last edit);
* the stored priority list versions and the themes set by hand;
* the monitoring tables: indicators with their baselines and targets, values,
  actions (each row stamped when written) and strategy versions;
* the workshops and their submissions (sent, accepted, rejected, merged);
* the published regions (what anonymous visitors may read).

Signing in, signing out and failed sign-ins write only to their own tables, so
reading pages never moves it. It is one round trip of constant-time aggregates
over indexed columns, compiled once per dialect and run on the driver's
connection: about 25 µs on SQLite. (A workshop's submissions are counted without an
index on ``decided_at``: a few hundred rows at most.)
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sqlalchemy import Select, column, func, select, table

from s3atlas.store.db import Store

__all__ = ["FINGERPRINT_SOURCES", "Fingerprint", "data_fingerprint"]

FINGERPRINT_SOURCES: tuple[tuple[str, str, str], ...] = (
    ("eco_audit", "id", "max"),
    ("eco_rounds", "id", "count"),
    ("eco_rounds", "closed_at", "count"),
    ("eco_rounds", "last_edit_at", "max"),
    ("prio_list_versions", "id", "count"),
    ("prio_list_versions", "id", "max"),
    ("prio_theme_overrides", "id", "count"),
    ("prio_theme_overrides", "created_at", "max"),
    ("mon_indicators", "id", "count"),
    ("mon_indicators", "updated_at", "max"),
    ("mon_values", "id", "count"),
    ("mon_values", "updated_at", "max"),
    ("mon_actions", "id", "count"),
    ("mon_actions", "updated_at", "max"),
    ("mon_strategies", "id", "max"),
    ("ws_workshops", "id", "max"),
    ("ws_workshops", "closed_at", "count"),
    ("ws_submissions", "id", "count"),
    ("ws_submissions", "id", "max"),
    ("ws_submissions", "decided_at", "max"),
)
"""(table, column, aggregate) read by :func:`data_fingerprint`, besides the published regions."""


class Fingerprint(NamedTuple):
    """The state of the stored data: equal while nothing changed (a plain, hashable tuple)."""

    url: str
    audit: int | None
    rounds: int
    closed_rounds: int
    last_round_edit: Any
    priority_lists: int
    last_priority_list: int | None
    themes_by_hand: int
    last_theme_by_hand: Any
    monitoring_indicators: int
    last_monitoring_indicator: Any
    monitoring_values: int
    last_monitoring_value: Any
    monitoring_actions: int
    last_monitoring_action: Any
    last_strategy: int | None
    last_workshop: int | None
    closed_workshops: int
    submissions: int
    last_submission: int | None
    last_decision: Any
    published: tuple[str, ...]

    @property
    def priorities(self) -> tuple[Any, ...]:
        """The part the priority lists and their themes depend on (not the ecosystem map)."""
        return (self.url, *self[5:9])

    @property
    def monitoring(self) -> tuple[Any, ...]:
        """The part a region's monitoring depends on: its tables and the priority lists."""
        return (*self.priorities, *self[9:16])

    @property
    def ecosystem(self) -> tuple[Any, ...]:
        """The part the ecosystem map and its analyses depend on: the audit log and rounds,
        the priority lists and the published regions (not the monitoring tables)."""
        return (*self[:9], self.published)


_PUBLISHED = table("auth_published_regions", column("region_code"))
_SQL: dict[str, tuple[str, str]] = {}


def _statements() -> tuple[Select[Any], Select[Any]]:
    aggregates = [
        select(getattr(func, kind)(column(name))).select_from(table(source)).scalar_subquery()
        for source, name, kind in FINGERPRINT_SOURCES
    ]
    codes = _PUBLISHED.c.region_code
    return select(*aggregates), select(codes).order_by(codes)


def _compiled(store: Store) -> tuple[str, str]:
    dialect = store.engine.dialect
    if dialect.name not in _SQL:
        counters, published = _statements()
        _SQL[dialect.name] = (
            str(counters.compile(dialect=dialect)),
            str(published.compile(dialect=dialect)),
        )
    return _SQL[dialect.name]


def data_fingerprint(store: Store) -> Fingerprint:
    """Return a value that changes whenever data any page or analysis shows change.

    Parameters
    ----------
    store : Store
        The workspace store.

    Returns
    -------
    Fingerprint
        The store URL, the aggregates of :data:`FINGERPRINT_SOURCES` and the
        published region codes (sorted). Caches of the priority lists alone may
        key on :attr:`Fingerprint.priorities`, so an edit of the ecosystem map
        leaves them be.

    Examples
    --------
    >>> from s3atlas.store import Store
    >>> store = Store("sqlite://").migrate()
    >>> data_fingerprint(store) == data_fingerprint(store)
    True
    >>> data_fingerprint(store).priorities
    ('sqlite://', 0, None, 0, None)
    """
    counters_sql, published_sql = _compiled(store)
    connection = store.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(counters_sql)
        row: tuple[Any, ...] = tuple(cursor.fetchone() or ())
        cursor.execute(published_sql)
        codes = tuple(code for (code,) in cursor.fetchall())
        cursor.close()
    finally:
        connection.close()
    return Fingerprint._make((store.url, *row, codes))
