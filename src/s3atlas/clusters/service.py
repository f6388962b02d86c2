"""Cluster initiatives in the store: find and create them, members, phase assessments and criteria
scores.

A cluster initiative is an ecosystem actor of kind ``cluster_organisation``
(:mod:`s3atlas.ecosystem`). :func:`find_cluster` finds it by name in the
``clu_clusters`` table or, the first time, among the cluster-organisation
actors of the region's latest round, and registers it by the actor's
``key`` (its identity in every round). Phase assessments and criteria scores
are written into a mapping round of the cluster's region: the round must be
open (:func:`s3atlas.store.rounds.guard_open`), every change goes into
the ecosystem audit log in the same :meth:`~s3atlas.store.Store.transaction`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from s3atlas.clusters.criteria import Criteria, load_criteria
from s3atlas.clusters.models import (
    ASSESSORS,
    Cluster,
    CriterionScore,
    Member,
    PhaseAssessment,
    Respondent,
)
from s3atlas.clusters.phases import PhaseModel, assessor_label, load_phase_model
from s3atlas.ecosystem.store.actors import normalise_name
from s3atlas.ecosystem.store.models import Actor
from s3atlas.ecosystem.store.vocabulary import resolve_term
from s3atlas.errors import InputError, NotFoundError
from s3atlas.i18n import gettext
from s3atlas.store import Store, audit
from s3atlas.store.rounds import find_region, find_round, guard_open
from s3atlas.store.tables import Region, Round

__all__ = [
    "CLUSTER_KIND",
    "add_member",
    "clusters_frame",
    "create_cluster",
    "criteria_frame",
    "find_cluster",
    "members_frame",
    "phase_frame",
    "region_code",
    "set_phase",
    "set_score",
]

CLUSTER_KIND = "cluster_organisation"
"""The ecosystem actor kind of cluster initiatives."""


def region_code(text: str) -> str:
    """Return the county code of a region as people type it ("17", "Värmland"), else the text
    itself."""
    from s3atlas.classifications import find_region as find_county
    from s3atlas.errors import ClassificationError

    try:
        return find_county(str(text)).code
    except ClassificationError:
        return str(text).strip()


def _latest_cluster_actors(
    session: Session, region: Region | None = None
) -> list[tuple[Region, Actor]]:
    latest = (
        select(Round.region_id, func.max(Round.seq).label("seq"))
        .group_by(Round.region_id)
        .subquery()
    )
    query = (
        select(Region, Actor)
        .join(Round, Round.region_id == Region.id)
        .join(latest, (latest.c.region_id == Round.region_id) & (latest.c.seq == Round.seq))
        .join(Actor, Actor.round_id == Round.id)
        .where(Actor.kind == CLUSTER_KIND)
    )
    if region is not None:
        query = query.where(Region.id == region.id)
    return [(r, a) for r, a in session.execute(query.order_by(Region.code, Actor.name)).all()]


def _unsaved(region: Region, actor: Actor) -> Cluster:
    """The cluster of a cluster-organisation actor not registered yet, as it would be stored
    (not added to the session: it has no id, members, phases or answers)."""
    return Cluster(
        region_id=region.id,
        actor_key=actor.key,
        name=actor.name,
        name_norm=normalise_name(actor.name),
    )


def _register(session: Session, region: Region, actor: Actor) -> Cluster:
    found = session.scalar(
        select(Cluster).where(Cluster.region_id == region.id, Cluster.actor_key == actor.key)
    )
    if found is None:
        found = _unsaved(region, actor)
        session.add(found)
        session.flush()
    return found


def _unregistered(session: Session, region: Region | None = None) -> list[tuple[Region, Actor]]:
    """The cluster-organisation actors of the latest rounds that are not registered yet."""
    known = {(r, k) for r, k in session.execute(select(Cluster.region_id, Cluster.actor_key))}
    return [
        (r, a) for r, a in _latest_cluster_actors(session, region) if (r.id, a.key) not in known
    ]


def find_cluster(
    session: Session, name: str, region_code: str | None = None, *, register: bool = True
) -> Cluster:
    """Return the cluster called *name* (in *region_code* when given), registering its actor on
    first use.

    With ``register=False`` (every read) nothing is written: an actor not registered yet comes
    back as an unsaved cluster without id, which has no members, phases or answers.

    Raises
    ------
    NotFoundError
        No cluster or cluster-organisation actor has that name.
    InputError
        The name is used in several regions and no region was given.
    """
    wanted = normalise_name(name)
    region = find_region(session, region_code) if region_code else None
    query = select(Cluster).where(Cluster.name_norm == wanted)
    found = list(
        session.scalars(query if region is None else query.where(Cluster.region_id == region.id))
    )
    if not found:
        keep = _register if register else (lambda _session, r, a: _unsaved(r, a))
        found = [
            keep(session, r, a)
            for r, a in _latest_cluster_actors(session, region)
            if normalise_name(a.name) == wanted
        ]
    if len(found) > 1:
        raise InputError(
            gettext("several regions have a cluster with this name; give the region"),
            column="cluster",
            value=name,
        )
    if not found:
        raise NotFoundError(
            gettext("no such cluster initiative (an actor of kind cluster organisation)"),
            column="cluster",
            value=name,
        )
    return found[0]


def create_cluster(session: Session, region_code: str, name: str, *, user: str) -> Cluster:
    """Add *name* as a cluster-organisation actor in the region's latest (open) round and register
    it."""
    round_ = find_round(session, find_region(session, region_code))
    guard_open(session, round_)
    text = " ".join(str(name).split())
    actor = Actor(round_id=round_.id, name=text, name_norm=normalise_name(text), kind=CLUSTER_KIND)
    session.add(actor)
    session.flush()
    audit.record(
        session,
        user=user,
        action="create",
        entity="actor",
        round_=round_,
        key=actor.key,
        after=actor,
    )
    return _register(session, round_.region, actor)


def _assessor(value: str) -> str:
    text = str(value or "").strip().casefold()
    aliases = {
        "self": "self",
        "själv": "self",
        "självskattning": "self",
        "independent": "independent",
        "oberoende": "independent",
    }
    if text not in aliases:
        raise InputError(
            gettext("the assessor type must be one of {types}", types=", ".join(ASSESSORS)),
            column="assessor_type",
            value=value,
        )
    return aliases[text]


def _round_for(session: Session, cluster: Cluster, round_name: str | None) -> Round:
    region = session.get(Region, cluster.region_id)
    round_ = find_round(session, region, round_name)  # type: ignore[arg-type]
    guard_open(session, round_)
    return round_


def set_phase(
    store: Store,
    cluster: str,
    phase: str,
    *,
    user: str,
    assessor_type: str = "independent",
    round_name: str | None = None,
    region: str | None = None,
    assessor: str | None = None,
    note: str | None = None,
    model: PhaseModel | None = None,
) -> dict[str, Any]:
    """Record the cluster's development phase in a round (replacing that assessor type's earlier
    one)."""
    code = (model or load_phase_model()).resolve(phase)
    kind = _assessor(assessor_type)
    with store.transaction() as session:
        clu = find_cluster(session, cluster, region)
        round_ = _round_for(session, clu, round_name)
        row = session.scalar(
            select(PhaseAssessment).where(
                PhaseAssessment.cluster_id == clu.id,
                PhaseAssessment.round_id == round_.id,
                PhaseAssessment.assessor_type == kind,
            )
        )
        before = audit.snapshot_of(row)
        row = row or PhaseAssessment(cluster_id=clu.id, round_id=round_.id, assessor_type=kind)
        row.phase, row.assessor, row.note = code, assessor, note
        return _save(session, user, clu, round_, row, before, "cluster_phase")


def _save(
    session: Session,
    user: str,
    clu: Cluster,
    round_: Round,
    row: Any,
    before: str | None,
    entity: str,
) -> dict[str, Any]:
    """Store *row* (new, or changed from *before*) with its audit row; return it as a dict."""
    session.add(row)
    session.flush()
    audit.record(
        session,
        user=user,
        action="update" if before else "create",
        entity=entity,
        round_=round_,
        key=clu.actor_key,
        before=before,
        after=row,
    )
    return audit.row_dict(row)


def set_score(
    store: Store,
    cluster: str,
    criterion: str,
    score: Any,
    *,
    user: str,
    assessor_type: str = "independent",
    round_name: str | None = None,
    region: str | None = None,
    criteria: Criteria | None = None,
) -> dict[str, Any]:
    """Record one horizontal-criterion score of the cluster in a round (replacing an earlier
    one)."""
    crit = criteria or load_criteria()
    code, value, kind = crit.resolve(criterion), crit.check_score(score), _assessor(assessor_type)
    with store.transaction() as session:
        clu = find_cluster(session, cluster, region)
        round_ = _round_for(session, clu, round_name)
        row = session.scalar(
            select(CriterionScore).where(
                CriterionScore.cluster_id == clu.id,
                CriterionScore.round_id == round_.id,
                CriterionScore.criterion == code,
                CriterionScore.assessor_type == kind,
            )
        )
        before = audit.snapshot_of(row)
        row = row or CriterionScore(
            cluster_id=clu.id, round_id=round_.id, criterion=code, assessor_type=kind
        )
        row.score = value
        return _save(session, user, clu, round_, row, before, "cluster_score")


def add_member(
    store: Store,
    cluster: str,
    name: str,
    *,
    user: str,
    kind: str = "firm",
    region: str | None = None,
    org_number: str | None = None,
) -> dict[str, Any]:
    """Add a member (a firm by default; any ecosystem actor kind) to the cluster."""
    text = " ".join(str(name or "").split())
    if not text:
        raise InputError(gettext("a member needs a name"), column="name", value=name)
    with store.transaction() as session:
        clu = find_cluster(session, cluster, region)
        code = resolve_term(session, "actor_kind", kind)
        _refuse_member_twice(session, clu, text)
        member = Member(
            cluster_id=clu.id,
            name=text,
            name_norm=normalise_name(text),
            kind=code,
            org_number=org_number,
        )
        session.add(member)
        session.flush()
        audit.record(
            session,
            user=user,
            action="create",
            entity="cluster_member",
            region_id=clu.region_id,
            key=clu.actor_key,
            after=member,
        )
        return audit.row_dict(member)


def _refuse_member_twice(session: Session, clu: Cluster, name: str) -> None:
    """Refuse *name* when the cluster already has a member of that (normalised) name."""
    if session.scalar(
        select(Member.id).where(
            Member.cluster_id == clu.id, Member.name_norm == normalise_name(name)
        )
    ):
        raise InputError(
            gettext(
                "{actor} is already a member of {cluster}", actor=repr(name), cluster=repr(clu.name)
            ),
            column="name",
            value=name,
        )


def clusters_frame(store: Store, region: str | None = None, lang: str = "sv") -> pd.DataFrame:
    """One row per cluster: cluster, region, region_name, members, phase (latest independent, else
    self), respondents."""
    model = load_phase_model()
    code = region_code(region) if region else None
    with store.read() as session:  # a read writes nothing: actors not registered are listed
        query = select(Cluster, Region).join(Region, Region.id == Cluster.region_id)
        if code:
            query = query.where(Region.code == code)
        rows = [(c, r) for c, r in session.execute(query).all()]
        rows += [(_unsaved(r, a), r) for r, a in _unregistered(session) if code in (None, r.code)]
        rows.sort(key=lambda pair: (pair[1].code, pair[0].name))
        members = _count_by_cluster(session, Member.cluster_id)
        answered = _count_by_cluster(session, Respondent.cluster_id)
        phases = {c.id: _latest_phase(session, c.id) for c, _r in rows if c.id is not None}
    data = []
    for c, r in rows:
        phase, assessed_by, round_name = phases.get(c.id, (None, None, None))
        data.append(
            {
                "cluster": c.name,
                "region": r.code,
                "region_name": r.name,
                "members": int(members.get(c.id, 0)),
                "phase": model.name(phase, lang) if phase else None,
                "assessed_by": assessor_label(assessed_by, lang) if assessed_by else None,
                "round": round_name,
                "respondents": int(answered.get(c.id, 0)),
            }
        )
    return pd.DataFrame(data, columns=_CLUSTER_COLUMNS)


_CLUSTER_COLUMNS = [
    "cluster",
    "region",
    "region_name",
    "members",
    "phase",
    "assessed_by",
    "round",
    "respondents",
]


def _count_by_cluster(session: Session, cluster_id: Any) -> dict[int, int]:
    """How many rows each cluster has in the table of the column *cluster_id*."""
    counted = session.execute(select(cluster_id, func.count()).group_by(cluster_id)).all()
    return {int(c): int(n) for c, n in counted}


def _latest_phase(session: Session, cluster_id: int) -> tuple[str | None, str | None, str | None]:
    row = session.execute(
        select(PhaseAssessment.phase, PhaseAssessment.assessor_type, Round.name)
        .join(Round, Round.id == PhaseAssessment.round_id)
        .where(PhaseAssessment.cluster_id == cluster_id)
        .order_by(
            Round.seq.desc(), PhaseAssessment.assessor_type
        )  # "independent" sorts before "self"
        .limit(1)
    ).first()
    return (row[0], row[1], row[2]) if row else (None, None, None)


def phase_frame(
    store: Store, cluster: str, region: str | None = None, lang: str = "sv"
) -> pd.DataFrame:
    """Every phase assessment of the cluster: round, seq, assessor_type (and who that is in
    words, assessed_by), phase, phase_name, position, assessor, note."""
    model = load_phase_model()
    positions = dict(zip(model.phases["code"], model.phases["position"], strict=True))
    with store.transaction() as session:
        clu = find_cluster(session, cluster, region, register=False)
        rows = session.execute(
            select(
                Round.name,
                Round.seq,
                PhaseAssessment.assessor_type,
                PhaseAssessment.phase,
                PhaseAssessment.assessor,
                PhaseAssessment.note,
            )
            .join(Round, Round.id == PhaseAssessment.round_id)
            .where(PhaseAssessment.cluster_id == clu.id)
            .order_by(Round.seq, PhaseAssessment.assessor_type)
        ).all()
    data = [
        {
            "round": r,
            "seq": s,
            "assessor_type": t,
            "assessed_by": assessor_label(t, lang),
            "phase": p,
            "phase_name": model.name(p, lang),
            "position": positions.get(p),
            "assessor": a,
            "note": n,
        }
        for r, s, t, p, a, n in rows
    ]
    return pd.DataFrame(data, columns=_PHASE_COLUMNS)


_PHASE_COLUMNS = [
    "round",
    "seq",
    "assessor_type",
    "assessed_by",
    "phase",
    "phase_name",
    "position",
    "assessor",
    "note",
]


def criteria_frame(store: Store, cluster: str, region: str | None = None) -> pd.DataFrame:
    """Every criterion score of the cluster: round, criterion, assessor_type, score."""
    with store.transaction() as session:
        clu = find_cluster(session, cluster, region, register=False)
        rows = session.execute(
            select(
                Round.name,
                CriterionScore.criterion,
                CriterionScore.assessor_type,
                CriterionScore.score,
            )
            .join(Round, Round.id == CriterionScore.round_id)
            .where(CriterionScore.cluster_id == clu.id)
            .order_by(Round.seq, CriterionScore.criterion, CriterionScore.assessor_type)
        ).all()
    return pd.DataFrame(
        [tuple(r) for r in rows], columns=["round", "criterion", "assessor_type", "score"]
    )


def members_frame(store: Store, cluster: str, region: str | None = None) -> pd.DataFrame:
    """The members of a cluster: name, kind, org_number."""
    with store.transaction() as session:
        clu = find_cluster(session, cluster, region, register=False)
        rows = session.execute(
            select(Member.name, Member.kind, Member.org_number)
            .where(Member.cluster_id == clu.id)
            .order_by(Member.name)
        ).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=["name", "kind", "org_number"])
