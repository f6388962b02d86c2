"""Reading the ecosystem store into plain DataFrames: the snapshot of one round, and listings.

:func:`build_snapshot` fills :class:`~s3atlas.ecosystem.store.snapshot.EcosystemSnapshot`
with exactly the columns ``snapshot.py`` documents. Identifiers are the
store's row ids as text (ids are per round; the identity of a row across
rounds is its ``key``, see :mod:`s3atlas.ecosystem.store.diff`). A provision
limited to several phases becomes one row per phase; a provision with no
phases is one row with ``phase_code`` NA (every phase).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from s3atlas.ecosystem.store.models import (
    ACTOR_FIELDS,
    PARTNER_FIELDS,
    Actor,
    AreaMember,
    Insight,
    Link,
    Phase,
    Provision,
    StrengthArea,
    SupportFunction,
)
from s3atlas.ecosystem.store.snapshot import COLUMNS, EcosystemSnapshot
from s3atlas.store import Store
from s3atlas.store.rounds import find_region, find_round
from s3atlas.store.tables import Region, Round

__all__ = ["actors_frame", "build_snapshot", "provisions_frame", "round_frames", "store_summary"]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _areas(session: Session, round_: Round) -> pd.DataFrame:
    rows = session.scalars(
        select(StrengthArea).where(StrengthArea.round_id == round_.id).order_by(StrengthArea.id)
    )
    data = [(str(a.id), a.name, ";".join(i.sni_code for i in a.industries)) for a in rows]
    return pd.DataFrame(data, columns=list(COLUMNS["areas"]))


def _actors(session: Session, round_: Round) -> pd.DataFrame:
    rows = session.scalars(select(Actor).where(Actor.round_id == round_.id).order_by(Actor.id))
    data = [
        (
            str(a.id),
            a.name,
            a.kind,
            a.org_number,
            a.sni_code,
            a.municipality,
            a.website,
            bool(a.borrowable),
            a.interest,
            a.influence,
            bool(a.is_demo),
            bool(a.external),
            a.home_region,
        )
        for a in rows
    ]
    return pd.DataFrame(data, columns=list(COLUMNS["actors"]))


def _provisions(session: Session, round_: Round) -> pd.DataFrame:
    rows = session.scalars(
        select(Provision).where(Provision.round_id == round_.id).order_by(Provision.id)
    )
    data = []
    for p in rows:
        phases: list[str | None] = [ph.phase for ph in p.phases]
        for phase in phases or [None]:
            pid = str(p.id) if phase is None or len(phases) == 1 else f"{p.id}:{phase}"
            data.append((pid, _text(p.actor_id), p.function, _text(p.area_id), phase))
    return pd.DataFrame(data, columns=list(COLUMNS["provisions"]))


def _links(session: Session, round_: Round) -> pd.DataFrame:
    rows = session.execute(
        select(Link.source_id, Link.target_id, Link.kind)
        .where(Link.round_id == round_.id)
        .order_by(Link.id)
    )
    return pd.DataFrame([(str(s), str(t), k) for s, t, k in rows], columns=list(COLUMNS["links"]))


def _area_members(session: Session, round_: Round) -> pd.DataFrame:
    rows = session.execute(
        select(AreaMember.area_id, AreaMember.actor_id)
        .where(AreaMember.round_id == round_.id)
        .order_by(AreaMember.area_id, AreaMember.actor_id)
    )
    return pd.DataFrame([(str(a), str(b)) for a, b in rows], columns=list(COLUMNS["members"]))


def _insights(session: Session, round_: Round) -> pd.DataFrame:
    rows = session.execute(
        select(Insight.area_id, Insight.text)
        .where(Insight.round_id == round_.id)
        .order_by(Insight.id)
    )
    return pd.DataFrame(
        [(_text(a), t, round_.name) for a, t in rows], columns=list(COLUMNS["insights"])
    )


def _vocabulary(session: Session) -> tuple[pd.DataFrame, pd.DataFrame]:
    functions = session.execute(
        select(SupportFunction.code, SupportFunction.name_sv, SupportFunction.name_en).order_by(
            SupportFunction.position
        )
    ).all()
    phases = session.execute(
        select(Phase.code, Phase.name_sv, Phase.name_en).order_by(Phase.position)
    ).all()
    phase_rows = [(code, order, sv, en) for order, (code, sv, en) in enumerate(phases, start=1)]
    return (
        pd.DataFrame([tuple(r) for r in functions], columns=list(COLUMNS["functions"])),
        pd.DataFrame(phase_rows, columns=list(COLUMNS["phases"])),
    )


def round_frames(session: Session, round_: Round) -> dict[str, pd.DataFrame]:
    """Return the snapshot frames of one round (areas, actors, functions, phases, provisions, links,
    members, insights)."""
    functions, phases = _vocabulary(session)
    return {
        "areas": _areas(session, round_),
        "actors": _actors(session, round_),
        "functions": functions,
        "phases": phases,
        "provisions": _provisions(session, round_),
        "links": _links(session, round_),
        "members": _area_members(session, round_),
        "insights": _insights(session, round_),
    }


def build_snapshot(
    store: Store, region_code: str, round_name: str | None = None
) -> EcosystemSnapshot:
    """Return the ecosystem of *region_code* in round *round_name* (None = the latest round).

    Raises
    ------
    NotFoundError
        When the region or the round is not in the store.
    """
    with store.read() as session:
        region = find_region(session, region_code)
        round_ = find_round(session, region, round_name)
        frames = round_frames(session, round_)
        return EcosystemSnapshot.from_frames(region.code, region.name, round_.name, **frames)


def actors_frame(store: Store, region_code: str, round_name: str | None = None) -> pd.DataFrame:
    """Return the actors of a round for editing: id, key, version and every field.

    ``external`` marks the partners of other regions that share a project with the region's
    actors (CORDIS imports); they are in the round's network but are not the region's own.
    """
    with store.read() as session:
        round_ = find_round(session, find_region(session, region_code), round_name)
        rows = session.scalars(
            select(Actor).where(Actor.round_id == round_.id).order_by(Actor.id)
        ).all()
        columns = ["id", "key", "version", *ACTOR_FIELDS, *PARTNER_FIELDS, "is_demo"]
        frame = pd.DataFrame([[getattr(a, c) for c in columns] for a in rows], columns=columns)
    for column in ("interest", "influence"):
        frame[column] = frame[column].astype("Int64")
    return frame


#: The rows :func:`store_summary` counts per round, by the word it reports them under.
_COUNTED: dict[str, type[StrengthArea | Actor | Provision | Link | Insight]] = {
    "areas": StrengthArea,
    "actors": Actor,
    "provisions": Provision,
    "links": Link,
    "insights": Insight,
}


def store_summary(store: Store) -> pd.DataFrame:
    """Return one row per region and round: region, name, round, seq, closed, counts of each kind of
    row, demo."""
    with store.read() as session:
        rounds = session.execute(
            select(
                Region.code,
                Region.name,
                Round.id,
                Round.name,
                Round.seq,
                Round.closed_at,
                Region.is_demo,
            )
            .join(Round, Round.region_id == Region.id)
            .order_by(Region.code, Round.seq)
        ).all()
        counts = _row_counts(session)
    rows = [
        {
            "region": code,
            "name": name,
            "round": rname,
            "seq": seq,
            "closed": closed is not None,
            **{label: int(counts[label].get(rid, 0)) for label in _COUNTED},
            "demo": bool(demo),
        }
        for code, name, rid, rname, seq, closed, demo in rounds
    ]
    columns = ["region", "name", "round", "seq", "closed", *_COUNTED, "demo"]
    return pd.DataFrame(rows, columns=columns)


def _row_counts(session: Session) -> dict[str, dict[int, int]]:
    """How many rows of each counted kind every round holds: {word: {round id: count}}."""
    return {
        label: dict(
            session.execute(select(model.round_id, func.count()).group_by(model.round_id)).all()
        )
        for label, model in _COUNTED.items()
    }


def provisions_frame(store: Store, region_code: str, round_name: str | None = None) -> pd.DataFrame:
    """Return the provisions of a round for editing: id, version, function, actor, area, phases,
    borrowable and borrow_terms (actor and area by name; empty = unnamed / every area)."""
    with store.read() as session:
        round_ = find_round(session, find_region(session, region_code), round_name)
        actors = dict(
            session.execute(select(Actor.id, Actor.name).where(Actor.round_id == round_.id)).all()
        )
        areas = dict(
            session.execute(
                select(StrengthArea.id, StrengthArea.name).where(StrengthArea.round_id == round_.id)
            ).all()
        )
        rows = [
            (
                p.id,
                p.version,
                p.function,
                actors.get(p.actor_id) if p.actor_id is not None else None,
                areas.get(p.area_id) if p.area_id is not None else None,
                ";".join(ph.phase for ph in p.phases),
                p.borrowable,
                p.borrow_terms,
            )
            for p in session.scalars(
                select(Provision).where(Provision.round_id == round_.id).order_by(Provision.id)
            )
        ]
    columns = ["id", "version", "function", "actor", "area", "phases", "borrowable", "borrow_terms"]
    return pd.DataFrame(rows, columns=columns)
