"""Mapping rounds (*kartläggningsomgångar*): open, copy forward, close, and guard edits.

Design: copy-on-new-round
-------------------------
Each round holds its own complete copy of the region's map — strength areas
(with SNI codes), actors, provisions (with phases), links and insights. A new
round starts as a copy of the latest round; every copied row keeps its
``key``, the identity of "the same actor" (area, link, …) across rounds.
Edits change only the rows of the open round they belong to.

Why this and not validity intervals (``valid_from_round``/``valid_to_round``):

* the state of a round is simply "the rows with that ``round_id``" — no
  interval arithmetic in any query, so readers (snapshot, web, exports) can
  never mix up two rounds;
* a closed round is immutable by construction: no edit touches another
  round's rows, and :func:`guard_open` refuses every write to a closed round;
* references stay inside one round (a provision points at the actor row of
  its own round), so foreign keys keep the map consistent;
* comparing rounds is a join on ``key`` (:mod:`s3atlas.ecosystem.store.diff`).

The cost is storage: one copy per round. A region's map is hundreds of rows
and rounds are quarterly, so this is small.

Concurrency: every write transaction first runs
:func:`~s3atlas.store.rounds.guard_open`, an
``UPDATE`` of the round row that only succeeds while the round is open. It
takes the round's write lock (a row lock in PostgreSQL, the database write
lock in SQLite), so writers in one round take turns, a round cannot close
under a running edit, and checks for duplicates see every committed row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from s3atlas.ecosystem.store.models import (
    Actor,
    AreaIndustry,
    AreaMember,
    Insight,
    Link,
    Provision,
    ProvisionPhase,
    StrengthArea,
)
from s3atlas.errors import ConflictError, InputError
from s3atlas.i18n import gettext
from s3atlas.store import Store, audit
from s3atlas.store.rounds import find_region, find_round, guard_open
from s3atlas.store.tables import Round, utcnow

__all__ = [
    "close_round",
    "create_round",
    "open_round",
    "rounds_frame",
]


def open_round(
    store: Store, region_code: str, name: str, *, user: str, source: str | None = None
) -> dict[str, Any]:
    """Open a new round of *region_code* as a copy of its latest round; return its summary.

    *source* says where the round's content comes from (e.g. a CORDIS file).

    Raises
    ------
    ConflictError
        When the region already has a round with that name.
    """
    with store.transaction() as session:
        new, copied = create_round(session, region_code, name, user=user, source=source)
        return {"region": new.region.code, "round": new.name, "seq": new.seq, "copied_rows": copied}


def create_round(
    session: Session, region_code: str, name: str, *, user: str, source: str | None = None
) -> tuple[Round, int]:
    """Add the next round of *region_code* to *session* (a copy of the latest round) and log it.

    The transaction is the caller's, so an import can open its round and fill it in one
    transaction. Returns the round and the number of rows copied into it.
    """
    name = str(name).strip()
    if not name:
        raise InputError(
            gettext("a round needs a name, e.g. '2025 Q1'"),
            column="round",
            field=gettext("Round"),
            value=name,
        )
    region = find_region(session, region_code)
    if session.scalar(select(Round.id).where(Round.region_id == region.id, Round.name == name)):
        raise ConflictError(
            gettext("region {region} already has a round of that name", region=region.name),
            column="round",
            field=gettext("Round"),
            value=name,
        )
    previous = session.scalar(
        select(Round).where(Round.region_id == region.id).order_by(Round.seq.desc())
    )
    seq = (previous.seq + 1) if previous is not None else 1
    new = Round(region_id=region.id, name=name, seq=seq, source=source)
    session.add(new)
    session.flush()
    copied = _copy_round(session, previous, new) if previous is not None else 0
    audit.record(
        session,
        user=user,
        action="open",
        entity="round",
        round_=new,
        after={
            "name": name,
            "seq": seq,
            "copied_from": previous.name if previous else None,
            "rows": copied,
            "source": source,
        },
    )
    return new, copied


def close_round(store: Store, region_code: str, name: str, *, user: str) -> None:
    """Close a round for good; later edits to it raise :class:`ConflictError`."""
    with store.transaction() as session:
        round_ = find_round(session, find_region(session, region_code), name)
        guard_open(session, round_)
        session.execute(
            update(Round)
            .where(Round.id == round_.id)
            .values(closed_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        audit.record(
            session, user=user, action="close", entity="round", round_=round_, after={"name": name}
        )


def rounds_frame(store: Store, region_code: str) -> pd.DataFrame:
    """Return the rounds of a region in order: round, seq, opened_at, closed_at, actors, source
    (where an imported round's content came from, else NA)."""
    with store.read() as session:
        region = find_region(session, region_code)
        actors = (
            select(Actor.round_id, func.count(Actor.id).label("n"))
            .group_by(Actor.round_id)
            .subquery()
        )
        rows = session.execute(
            select(
                Round.name,
                Round.seq,
                Round.opened_at,
                Round.closed_at,
                func.coalesce(actors.c.n, 0),
                Round.source,
            )
            .outerjoin(actors, actors.c.round_id == Round.id)
            .where(Round.region_id == region.id)
            .order_by(Round.seq)
        ).all()
    return pd.DataFrame(
        [tuple(r) for r in rows],
        columns=["round", "seq", "opened_at", "closed_at", "actors", "source"],
    )


def _clone(row: Any, round_id: int, **changes: Any) -> Any:
    skip = {"id", "round_id", "version", "industries", "phases"}
    values = {c.key: getattr(row, c.key) for c in row.__mapper__.column_attrs if c.key not in skip}
    values.update(changes)
    return type(row)(round_id=round_id, **values)


@dataclass(frozen=True)
class _Moved:
    """Old id → new id of a copied round's areas and actors, for the rows that refer to them."""

    areas: dict[int, int]
    actors: dict[int, int]

    def provision(self, prov: Any) -> dict[str, Any]:
        """A copied provision's actor, area and phases."""
        return {
            "actor_id": self.actors.get(prov.actor_id) if prov.actor_id is not None else None,
            "area_id": self.areas.get(prov.area_id) if prov.area_id is not None else None,
            "phases": [ProvisionPhase(phase=p.phase) for p in prov.phases],
        }

    def link(self, link: Any) -> dict[str, Any]:
        """A copied link's two actors."""
        return {"source_id": self.actors[link.source_id], "target_id": self.actors[link.target_id]}

    def insight(self, insight: Any) -> dict[str, Any]:
        """A copied insight's area."""
        area_id = self.areas.get(insight.area_id) if insight.area_id is not None else None
        return {"area_id": area_id}

    def member(self, member: Any, round_id: int) -> AreaMember:
        """A copied membership of an actor in an area."""
        return AreaMember(
            round_id=round_id,
            area_id=self.areas[member.area_id],
            actor_id=self.actors[member.actor_id],
            is_demo=member.is_demo,
        )


def _copy_round(session: Session, old: Round, new: Round) -> int:
    """Copy every row of *old* into *new*, keeping keys; return the number of rows copied."""
    moved = _Moved(
        areas=_copy_with_ids(session, StrengthArea, old, new, _area_industries),
        actors=_copy_with_ids(session, Actor, old, new),
    )
    count = len(moved.areas) + len(moved.actors)
    count += _copy_rows(session, Provision, old, new, moved.provision)
    count += _copy_rows(session, Link, old, new, moved.link)
    count += _copy_rows(session, Insight, old, new, moved.insight)
    for member in session.scalars(select(AreaMember).where(AreaMember.round_id == old.id)):
        session.add(moved.member(member, new.id))
        count += 1
    session.flush()
    return count


def _area_industries(area: Any) -> dict[str, Any]:
    """A copied strength area's industries."""
    return {"industries": [AreaIndustry(sni_code=i.sni_code) for i in area.industries]}


def _copy_with_ids(
    session: Session,
    model: Any,
    old: Round,
    new: Round,
    changes: Callable[[Any], dict[str, Any]] | None = None,
) -> dict[int, int]:
    """Copy the *model* rows of *old* into *new* one by one; return old id → new id."""
    ids: dict[int, int] = {}
    for row in session.scalars(select(model).where(model.round_id == old.id)):
        copy = _clone(row, new.id, **(changes(row) if changes else {}))
        session.add(copy)
        session.flush()
        ids[row.id] = copy.id
    return ids


def _copy_rows(
    session: Session, model: Any, old: Round, new: Round, changes: Callable[[Any], dict[str, Any]]
) -> int:
    """Copy the *model* rows of *old* into *new* with *changes* of each; return how many."""
    count = 0
    for row in session.scalars(select(model).where(model.round_id == old.id)):
        session.add(_clone(row, new.id, **changes(row)))
        count += 1
    return count
