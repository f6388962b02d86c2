"""A cluster initiative's links in the workspace: its member actors and its strength areas.

Issue 7 asks for cluster initiatives as actors of the ecosystem store,
linked to the strength areas they work in and to their member firms. The
links live in ``clu_members`` (``actor_key`` set: the member is an ecosystem
actor) and ``clu_cluster_areas`` (by the area's ``key``), so they hold across
mapping rounds the way actors and areas keep their key from round to round.

Actors and areas are named as the ecosystem store addresses rows: by their
``id`` in the round, by their ``key`` or by name (actor names compared in
:func:`~s3atlas.ecosystem.store.actors.normalise_name` form, so "Testfirma Ett AB"
finds "Testfirma Ett"). An unknown value raises
:class:`~s3atlas.errors.InputError` naming it and suggesting the nearest
names (:func:`difflib.get_close_matches`).

Every change of :func:`update_members` and :func:`update_areas` is one
:meth:`~s3atlas.store.Store.transaction`: it takes the write lock of the
region's round (a closed round raises :class:`~s3atlas.errors.ConflictError`),
and each added or removed link writes its audit row beside it. One bad value
saves nothing.

Examples
--------
>>> suggest("Testfirma Et", ["Testfirma Ett", "Testuniversitetet"])
"; menade du 'Testfirma Ett'?"
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from s3atlas.clusters.models import Cluster, ClusterArea, Member
from s3atlas.clusters.service import find_cluster
from s3atlas.ecosystem.store.actors import normalise_name
from s3atlas.ecosystem.store.models import Actor, StrengthArea
from s3atlas.errors import InputError
from s3atlas.i18n import gettext
from s3atlas.store import Store, audit
from s3atlas.store.limits import is_whole_number
from s3atlas.store.rounds import find_round, guard_open
from s3atlas.store.tables import Region, Round

__all__ = [
    "AREA_COLUMNS",
    "MEMBER_COLUMNS",
    "areas_table",
    "find_actor",
    "find_area",
    "members_table",
    "suggest",
    "update_areas",
    "update_members",
]

_Change = Callable[[Session, Cluster, Round, str, str], None]
"""Add or remove one member or area: ``(session, cluster, round, value, user)``."""

MEMBER_COLUMNS = ["name", "kind", "org_number", "actor_id", "actor_key"]
"""Columns of :func:`members_table` (``actor_id``: the actor's id in the latest round)."""

AREA_COLUMNS = ["area", "area_key", "area_id"]
"""Columns of :func:`areas_table` (``area_id``: the area's id in the latest round)."""


def suggest(value: str, names: Iterable[str]) -> str:
    """Return "; did you mean …?" with up to three names near *value*, or ``""``.

    >>> suggest("xyz", ["Testfirma Ett"])
    ''
    """
    pool = {normalise_name(n): n for n in names}
    near = difflib.get_close_matches(normalise_name(value), list(pool), n=3, cutoff=0.6)
    names_near = ", ".join(repr(pool[n]) for n in near)
    return "; " + gettext("did you mean {label}?", label=names_near) if near else ""


def _by_id_key_or_name(rows: Sequence[Any], value: str) -> Any | None:
    text = str(value).strip()
    if is_whole_number(text):
        found = next((r for r in rows if r.id == int(text)), None)
        if found is not None:
            return found
    wanted = normalise_name(text)
    return next(
        (r for r in rows if r.key == text or normalise_name(r.name) == wanted),
        None,
    )


def find_actor(session: Session, round_: Round, value: str) -> Actor:
    """Return the actor of *round_* with this id, key or name; else :class:`InputError`."""
    actors = list(session.scalars(select(Actor).where(Actor.round_id == round_.id)))
    found = _by_id_key_or_name(actors, value)
    if found is None:
        raise InputError(
            gettext("no such actor in the round {round}", round=repr(round_.name))
            + suggest(value, [a.name for a in actors]),
            column="actor",
            value=value,
        )
    return found


def find_area(session: Session, round_: Round, value: str) -> StrengthArea:
    """Return the strength area of *round_* with this id, key or name; else :class:`InputError`."""
    areas = list(session.scalars(select(StrengthArea).where(StrengthArea.round_id == round_.id)))
    found = _by_id_key_or_name(areas, value)
    if found is None:
        raise InputError(
            gettext("no such strength area in the round {round}", round=repr(round_.name))
            + suggest(value, [a.name for a in areas]),
            column="area",
            value=value,
        )
    return found


def _open_round(session: Session, cluster: Cluster, round_name: str | None) -> Round:
    round_ = find_round(session, session.get(Region, cluster.region_id), round_name)  # type: ignore[arg-type]
    guard_open(session, round_)
    return round_


def _log(session: Session, user: str, action: str, entity: str, **kw: Any) -> None:
    session.flush()
    audit.record(session, user=user, action=action, entity=entity, **kw)


def _add_member(session: Session, clu: Cluster, round_: Round, value: str, user: str) -> None:
    actor = find_actor(session, round_, value)
    if actor.key == clu.actor_key:
        raise InputError(
            gettext("{cluster} cannot be a member of itself", cluster=repr(clu.name)),
            column="actor",
            value=value,
        )
    taken = session.scalar(
        select(Member.id).where(
            Member.cluster_id == clu.id,
            (Member.actor_key == actor.key) | (Member.name_norm == actor.name_norm),
        )
    )
    if taken is not None:
        raise InputError(
            gettext(
                "{actor} is already a member of {cluster}",
                actor=repr(actor.name),
                cluster=repr(clu.name),
            ),
            column="actor",
            value=value,
        )
    member = Member(
        cluster_id=clu.id,
        name=actor.name,
        name_norm=actor.name_norm,
        kind=actor.kind,
        actor_key=actor.key,
        org_number=actor.org_number,
    )
    session.add(member)
    _log(session, user, "create", "cluster_member", round_=round_, key=clu.actor_key, after=member)


def _delete(
    session: Session, user: str, row: Any, entity: str, round_: Round, clu: Cluster
) -> None:
    before = audit.snapshot_of(row)
    session.delete(row)
    _log(session, user, "delete", entity, round_=round_, key=clu.actor_key, before=before)


def _member_of(session: Session, clu: Cluster, round_: Round, value: str) -> Member:
    members = list(session.scalars(select(Member).where(Member.cluster_id == clu.id)))
    text, actors = str(value).strip(), set[str]()
    if is_whole_number(text):
        actor = session.get(Actor, int(text))
        actors = {actor.key} if actor is not None and actor.round_id == round_.id else set()
    wanted = normalise_name(text)
    found = next(
        (m for m in members if m.actor_key in actors | {text} or m.name_norm == wanted), None
    )
    if found is None:
        raise InputError(
            gettext("not a member of {cluster}", cluster=repr(clu.name))
            + suggest(value, [m.name for m in members]),
            column="actor",
            value=value,
        )
    return found


def _remove_member(session: Session, clu: Cluster, round_: Round, value: str, user: str) -> None:
    member = _member_of(session, clu, round_, value)
    _delete(session, user, member, "cluster_member", round_, clu)


def update_members(
    store: Store,
    cluster: str,
    *,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
    user: str,
    region: str | None = None,
    round_name: str | None = None,
) -> dict[str, int]:
    """Link actors to the cluster as members and unlink others, all in one transaction.

    Parameters
    ----------
    add, remove : sequence of str
        Actors by id, key or name in the round (default: the region's latest).
        Removal also accepts a member's name when it is not an ecosystem actor.

    Returns
    -------
    dict
        ``{"added": n, "removed": m}``.

    Raises
    ------
    InputError
        Unknown actor (with near names), already a member, or not a member.
    ConflictError
        The round is closed.
    """
    change = (_add_member, _remove_member)
    return _update_links(store, cluster, region, round_name, add, remove, user, change)


def _add_area(session: Session, clu: Cluster, round_: Round, value: str, user: str) -> None:
    area = find_area(session, round_, value)
    if session.get(ClusterArea, (clu.id, area.key)) is not None:
        raise InputError(
            gettext(
                "{cluster} is already linked to {area}",
                cluster=repr(clu.name),
                area=repr(area.name),
            ),
            column="area",
            value=value,
        )
    link = ClusterArea(cluster_id=clu.id, area_key=area.key, name=area.name)
    session.add(link)
    _log(session, user, "create", "cluster_area", round_=round_, key=clu.actor_key, after=link)


def _remove_area(session: Session, clu: Cluster, round_: Round, value: str, user: str) -> None:
    links = list(session.scalars(select(ClusterArea).where(ClusterArea.cluster_id == clu.id)))
    text = str(value).strip()
    keys = {text}
    if is_whole_number(text):
        area = session.get(StrengthArea, int(text))
        keys |= {area.key} if area is not None and area.round_id == round_.id else set()
    wanted = normalise_name(text)
    found = next((c for c in links if c.area_key in keys or normalise_name(c.name) == wanted), None)
    if found is None:
        raise InputError(
            gettext("{cluster} is not linked to this strength area", cluster=repr(clu.name))
            + suggest(value, [c.name for c in links]),
            column="area",
            value=value,
        )
    _delete(session, user, found, "cluster_area", round_, clu)


def update_areas(
    store: Store,
    cluster: str,
    *,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
    user: str,
    region: str | None = None,
    round_name: str | None = None,
) -> dict[str, int]:
    """Link the cluster to strength areas and unlink others, all in one transaction.

    Areas are named by id, key or name in the round (default: the region's
    latest). Raises :class:`InputError` for an unknown area (with near names)
    and :class:`ConflictError` when the round is closed.
    """
    change = (_add_area, _remove_area)
    return _update_links(store, cluster, region, round_name, add, remove, user, change)


def _update_links(
    store: Store,
    cluster: str,
    region: str | None,
    round_name: str | None,
    add: Sequence[str],
    remove: Sequence[str],
    user: str,
    change: tuple[_Change, _Change],
) -> dict[str, int]:
    """Remove, then add, each value with *change* (add one, remove one) in one transaction."""
    add_one, remove_one = change
    with store.transaction() as session:
        clu = find_cluster(session, cluster, region)
        round_ = _open_round(session, clu, round_name)
        for value in remove:
            remove_one(session, clu, round_, value, user)
        for value in add:
            add_one(session, clu, round_, value, user)
    return {"added": len(add), "removed": len(remove)}


def _latest_round(session: Session, clu: Cluster) -> Round | None:
    return session.scalar(
        select(Round).where(Round.region_id == clu.region_id).order_by(Round.seq.desc()).limit(1)
    )


def _ids_by_key(session: Session, model: type[Any], round_: Round | None) -> dict[str, int]:
    if round_ is None:
        return {}
    rows = session.execute(select(model.key, model.id).where(model.round_id == round_.id)).all()
    return {str(k): int(i) for k, i in rows}


def members_table(store: Store, cluster: str, region: str | None = None) -> pd.DataFrame:
    """The cluster's members: name, kind, org_number, actor_id (latest round), actor_key."""
    with store.transaction() as session:
        clu = find_cluster(session, cluster, region, register=False)
        ids = _ids_by_key(session, Actor, _latest_round(session, clu))
        members = session.scalars(
            select(Member).where(Member.cluster_id == clu.id).order_by(Member.name)
        ).all()
        rows = [
            (m.name, m.kind, m.org_number, ids.get(m.actor_key or ""), m.actor_key) for m in members
        ]
    frame = pd.DataFrame(rows, columns=MEMBER_COLUMNS)
    frame["actor_id"] = frame["actor_id"].astype("Int64")
    return frame


def areas_table(store: Store, cluster: str, region: str | None = None) -> pd.DataFrame:
    """The cluster's strength areas: area (name), area_key, area_id (latest round, else empty)."""
    with store.transaction() as session:
        clu = find_cluster(session, cluster, region, register=False)
        ids = _ids_by_key(session, StrengthArea, _latest_round(session, clu))
        links = session.scalars(
            select(ClusterArea).where(ClusterArea.cluster_id == clu.id).order_by(ClusterArea.name)
        ).all()
        rows = [(c.name, c.area_key, ids.get(c.area_key)) for c in links]
    frame = pd.DataFrame(rows, columns=AREA_COLUMNS)
    frame["area_id"] = frame["area_id"].astype("Int64")
    return frame
