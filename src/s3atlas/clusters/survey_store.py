"""Firm surveys in the store: atomic import, and the survey tables, summaries and gaps read back.

:func:`import_survey` checks everything a file says against the store first
— every cluster known (or, with ``create=True``, created as a new cluster
initiative in the given region), no respondent already stored for the same
cluster and wave — and then writes all respondents and answers in one
:meth:`~s3atlas.store.Store.transaction`. Any problem raises
:class:`~s3atlas.errors.InputError` naming the file, row and column, and
nothing is saved.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from s3atlas.clusters.interaction import build_network, network_gaps, survey_gaps
from s3atlas.clusters.models import Answer, Cluster, Member, Respondent, Wave
from s3atlas.clusters.service import create_cluster, find_cluster, region_code
from s3atlas.clusters.survey_import import ParsedSurvey
from s3atlas.clusters.survey_items import SurveyItems, load_survey_items
from s3atlas.clusters.survey_summary import response_rates, summarise
from s3atlas.ecosystem.store.models import Actor, Link
from s3atlas.errors import ConflictError, InputError, NotFoundError, S3AtlasError
from s3atlas.i18n import gettext
from s3atlas.store import Store, audit
from s3atlas.store.tables import Region, Round

__all__ = [
    "cluster_gaps",
    "cluster_network",
    "import_survey",
    "survey_summary",
    "survey_tables",
    "waves",
]


def _wave(session: Session, name: str) -> Wave:
    wave = session.scalar(select(Wave).where(Wave.name == name))
    if wave is None:
        seq = (session.scalar(select(func.max(Wave.seq))) or 0) + 1
        wave = Wave(name=name, seq=seq)
        session.add(wave)
        session.flush()
    return wave


def _clusters(
    session: Session, parsed: ParsedSurvey, create: bool, region: str | None, user: str
) -> dict[str, Cluster]:
    found: dict[str, Cluster] = {}
    for name, first in parsed.respondents.groupby("cluster", sort=False)["row"].min().items():
        try:
            found[str(name)] = find_cluster(session, str(name), region)
        except NotFoundError:
            if not create:
                raise InputError(
                    gettext(
                        "unknown cluster; run the import with --create to add it as a new "
                        "cluster initiative"
                    ),
                    file=parsed.file,
                    row=int(first),
                    column="cluster",
                    value=name,
                ) from None
            if not region:
                raise InputError(
                    gettext("--create needs --region: the region the new cluster belongs to"),
                    file=parsed.file,
                    row=int(first),
                    column="cluster",
                    value=name,
                ) from None
            found[str(name)] = create_cluster(session, region, str(name), user=user)
        except S3AtlasError as error:
            raise InputError(
                error.detail, file=parsed.file, row=int(first), column="cluster", value=name
            ) from None
    return found


def _check_stored(session: Session, parsed: ParsedSurvey, clusters: dict[str, Cluster]) -> None:
    row: Any  # an itertuples row of ParsedSurvey.respondents: int row, text wave/cluster/id
    for row in parsed.respondents.itertuples(index=False):
        stored = session.scalar(
            select(Respondent.id)
            .join(Wave, Wave.id == Respondent.wave_id)
            .where(
                Wave.name == row.wave,
                Respondent.cluster_id == clusters[row.cluster].id,
                Respondent.respondent_id == row.respondent_id,
            )
        )
        if stored is not None:
            raise InputError(
                gettext(
                    "this respondent of {cluster} is already stored for the wave {wave}",
                    cluster=repr(row.cluster),
                    wave=repr(row.wave),
                ),
                file=parsed.file,
                row=int(row.row),
                column="respondent_id",
                value=row.respondent_id,
            )


def import_survey(
    store: Store,
    parsed: ParsedSurvey,
    *,
    user: str,
    create: bool = False,
    region: str | None = None,
) -> dict[str, Any]:
    """Store a checked survey file in one transaction; return counts of what was stored."""
    try:
        with store.transaction() as session:
            clusters = _clusters(session, parsed, create, region, user)
            _check_stored(session, parsed, clusters)
            stored = _store_respondents(session, parsed, clusters)
            _audit_import(session, parsed, clusters, stored, user)
    except IntegrityError as error:
        raise ConflictError(
            gettext("another import stored the same respondents meanwhile; nothing was saved")
        ) from error
    return _import_counts(parsed, clusters)


def _store_respondents(
    session: Session, parsed: ParsedSurvey, clusters: dict[str, Cluster]
) -> dict[tuple[str, str], int]:
    """Add every respondent with its answers; return how many per (wave, cluster)."""
    answers = parsed.answers.groupby(["wave", "cluster", "respondent_id"], sort=False)
    stored: dict[tuple[str, str], int] = {}
    row: Any  # an itertuples row of ParsedSurvey.respondents: int row, text wave/cluster/id
    for row in parsed.respondents.itertuples(index=False):
        resp = Respondent(
            wave_id=_wave(session, row.wave).id,
            cluster_id=clusters[row.cluster].id,
            respondent_id=row.respondent_id,
            source=parsed.file,
        )
        session.add(resp)
        session.flush()
        key = (row.wave, row.cluster, row.respondent_id)
        given = answers.get_group(key) if key in answers.groups else parsed.answers.iloc[0:0]
        session.add_all(
            Answer(respondent_id=resp.id, item=a.item, answer=a.answer)
            for a in given.itertuples(index=False)
        )
        stored[(row.wave, row.cluster)] = stored.get((row.wave, row.cluster), 0) + 1
    return stored


def _audit_import(
    session: Session,
    parsed: ParsedSurvey,
    clusters: dict[str, Cluster],
    stored: dict[tuple[str, str], int],
    user: str,
) -> None:
    """One audit row per cluster and wave: the file and how many respondents it brought."""
    for (wave_name, name), count in stored.items():
        audit.record(
            session,
            user=user,
            action="import",
            entity="cluster_survey",
            region_id=clusters[name].region_id,
            key=clusters[name].actor_key,
            after={"file": parsed.file, "wave": wave_name, "respondents": count},
        )


def _import_counts(parsed: ParsedSurvey, clusters: dict[str, Cluster]) -> dict[str, Any]:
    return {
        "file": parsed.file,
        "layout": parsed.layout,
        "respondents": len(parsed.respondents),
        "answers": len(parsed.answers),
        "clusters": sorted(clusters),
        "waves": sorted(set(parsed.respondents["wave"])),
    }


def waves(store: Store) -> list[str]:
    """The survey waves in order (the first is the default baseline)."""
    with store.read() as session:
        return list(session.scalars(select(Wave.name).order_by(Wave.seq)))


def _respondents_query(
    session: Session, cluster: str | None, wave: str | None, region: str | None
) -> Any:
    """The respondents (row id, cluster, wave, respondent id), of one cluster, wave or region
    when named; an unknown wave is refused."""
    query = (
        select(Respondent.id, Cluster.name, Wave.name, Respondent.respondent_id)
        .join(Cluster, Cluster.id == Respondent.cluster_id)
        .join(Wave, Wave.id == Respondent.wave_id)
        .order_by(Wave.seq, Cluster.name, Respondent.id)
    )
    if cluster:
        query = query.where(Cluster.id == find_cluster(session, cluster, region, register=False).id)
    if region:
        query = query.join(Region, Region.id == Cluster.region_id).where(
            Region.code == region_code(region)
        )
    if wave:
        if session.scalar(select(Wave.id).where(Wave.name == wave)) is None:
            raise NotFoundError(gettext("no such survey wave"), column="wave", value=wave)
        query = query.where(Wave.name == wave)
    return query


def survey_tables(
    store: Store, cluster: str | None = None, wave: str | None = None, region: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return (respondents, answers, members) with cluster and wave names, optionally for one
    cluster/wave."""
    with store.transaction() as session:
        query = _respondents_query(session, cluster, wave, region)
        resp = pd.DataFrame(
            [tuple(r) for r in session.execute(query)],
            columns=["rid", "cluster", "wave", "respondent_id"],
        )
        rows = session.execute(
            select(Answer.respondent_id, Answer.item, Answer.answer).where(
                Answer.respondent_id.in_(resp["rid"].tolist())
            )
        ).all()
        members = session.execute(
            select(Cluster.name, func.count(Member.id))
            .join(Member, Member.cluster_id == Cluster.id)
            .group_by(Cluster.name)
        ).all()
    given = pd.DataFrame([tuple(r) for r in rows], columns=["rid", "item", "answer"])
    given = given.merge(resp, on="rid")[["cluster", "wave", "respondent_id", "item", "answer"]]
    return (
        resp.drop(columns="rid"),
        given,
        pd.DataFrame([tuple(r) for r in members], columns=["cluster", "members"]),
    )


def survey_summary(
    store: Store,
    cluster: str | None = None,
    wave: str | None = None,
    *,
    region: str | None = None,
    items: SurveyItems | None = None,
) -> pd.DataFrame:
    """Answer counts and shares per cluster, wave and item (see
    :func:`~.survey_summary.summarise`)."""
    items = items or load_survey_items()
    resp, given, _members = survey_tables(store, cluster, wave, region)
    return summarise(
        resp, given, items=list(items.items["code"]), answers=list(items.answers["code"])
    )


def survey_rates(store: Store, cluster: str | None = None, wave: str | None = None) -> pd.DataFrame:
    """Respondents per cluster and wave and the rate against registered members."""
    resp, _given, members = survey_tables(store, cluster, wave)
    return response_rates(resp, members)


def cluster_network(
    store: Store, cluster: str, region: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The cluster's actors (id, name, kind) and links (source, target, weight) from the store.

    Actors: the cluster organisation and its members; links: the ecosystem links
    of the region's latest round between those actors (membership links left
    out: they say who belongs, not who collaborates).
    """
    with store.transaction() as session:
        clu = find_cluster(session, cluster, region, register=False)
        round_id = _latest_round_id(session, clu.region_id)
        members = session.scalars(select(Member).where(Member.cluster_id == clu.id)).all()
        actors = session.scalars(select(Actor).where(Actor.round_id == round_id)).all()
        rows = _network_nodes(clu, members, actors)
        links = session.execute(
            select(Link.source_id, Link.target_id, Link.weight).where(
                Link.round_id == round_id, Link.kind != "membership"
            )
        ).all()
    return (
        pd.DataFrame(rows)[["id", "name", "kind"]],
        pd.DataFrame(_network_edges(rows, links), columns=["source", "target", "weight"]),
    )


def _latest_round_id(session: Session, region_id: int) -> int:
    """The id of the region's latest mapping round (-1, which no round has, when it has none)."""
    round_ = session.scalar(
        select(Round).where(Round.region_id == region_id).order_by(Round.seq.desc())
    )
    return round_.id if round_ else -1


def _network_nodes(clu: Cluster, members: Any, actors: Any) -> list[dict[str, Any]]:
    """The cluster organisation first, then its members; each with the actor it is in the map
    (by its normalised name, the organisation by its key), or None."""
    by_name = {a.name_norm: a for a in actors}
    own = next((a for a in actors if a.key == clu.actor_key), None)
    organisation = {
        "id": "cluster",
        "name": clu.name,
        "kind": "cluster_organisation",
        "actor": own.id if own else None,
    }
    return [organisation] + [
        {
            "id": f"m{m.id}",
            "name": m.name,
            "kind": m.kind,
            "actor": (by_name[m.name_norm].id if m.name_norm in by_name else None),
        }
        for m in members
    ]


def _network_edges(nodes: list[dict[str, Any]], links: Any) -> list[dict[str, Any]]:
    """The links between actors that are nodes, as node ids (an unweighted link weighs 1)."""
    ids = {r["actor"]: r["id"] for r in nodes if r["actor"] is not None}
    return [
        {"source": ids[s], "target": ids[t], "weight": w or 1.0}
        for s, t, w in links
        if s in ids and t in ids
    ]


def cluster_gaps(
    store: Store,
    cluster: str,
    wave: str | None = None,
    *,
    region: str | None = None,
    items: SurveyItems | None = None,
) -> pd.DataFrame:
    """Gaps between actor groups from the links and from the survey (latest wave unless *wave*)."""
    items = items or load_survey_items()
    actors, links = cluster_network(store, cluster, region)
    frames = [network_gaps(build_network(actors, links))]
    summary = survey_summary(store, cluster, wave, region=region, items=items)
    if not summary.empty:
        latest = wave or list(summary["wave"])[-1]
        groups = dict(zip(items.items["code"], items.items["partner_group"], strict=True))
        frames.append(
            survey_gaps(summary.loc[summary["wave"] == latest], groups, items.positive).assign(
                wave=latest
            )
        )
    out = pd.concat(frames, ignore_index=True)
    if "wave" not in out.columns:
        out["wave"] = None
    return out
