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


def _copy_round(session: Session, old: Round, new: Round) -> int:
    """Copy every row of *old* into *new*, keeping keys; return the number of rows copied."""
    count = 0
    area_ids: dict[int, int] = {}
    for area in session.scalars(select(StrengthArea).where(StrengthArea.round_id == old.id)):
        copy = _clone(
            area, new.id, industries=[AreaIndustry(sni_code=i.sni_code) for i in area.industries]
        )
        session.add(copy)
        session.flush()
        area_ids[area.id] = copy.id
        count += 1
    actor_ids: dict[int, int] = {}
    for actor in session.scalars(select(Actor).where(Actor.round_id == old.id)):
        copy = _clone(actor, new.id)
        session.add(copy)
        session.flush()
        actor_ids[actor.id] = copy.id
        count += 1
    for prov in session.scalars(select(Provision).where(Provision.round_id == old.id)):
        session.add(
            _clone(
                prov,
                new.id,
                actor_id=actor_ids.get(prov.actor_id) if prov.actor_id is not None else None,
                area_id=area_ids.get(prov.area_id) if prov.area_id is not None else None,
                phases=[ProvisionPhase(phase=p.phase) for p in prov.phases],
            )
        )
        count += 1
    for link in session.scalars(select(Link).where(Link.round_id == old.id)):
        session.add(
            _clone(
                link,
                new.id,
                source_id=actor_ids[link.source_id],
                target_id=actor_ids[link.target_id],
            )
        )
        count += 1
    for insight in session.scalars(select(Insight).where(Insight.round_id == old.id)):
        area_id = area_ids.get(insight.area_id) if insight.area_id is not None else None
        session.add(_clone(insight, new.id, area_id=area_id))
        count += 1
    for member in session.scalars(select(AreaMember).where(AreaMember.round_id == old.id)):
        session.add(
            AreaMember(
                round_id=new.id,
                area_id=area_ids[member.area_id],
                actor_id=actor_ids[member.actor_id],
                is_demo=member.is_demo,
            )
        )
        count += 1
    session.flush()
    return count
