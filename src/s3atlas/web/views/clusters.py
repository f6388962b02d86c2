"""Cluster-mapping pages: all cluster initiatives of a region, and one cluster.

``GET /region/{region_code}/clusters`` lists the region's clusters;
``GET /region/{region_code}/clusters/{cluster}`` shows one cluster: its
development phase per round, horizontal criteria (self vs independent), the
firm survey as 100 % stacked bars per wave (items answered by fewer than 5
firms are flagged, not hidden), the interaction network (actor groups or
actors, drawn with Cytoscape beside its link table), the members and linked
strength areas, and the innovation gaps. Every table is downloadable as
CSV/Excel and every chart as PNG/SVG through the registry of :mod:`s3atlas.web.views.downloads`.
"""

from __future__ import annotations

from typing import Any, Literal

import altair as alt
import pandas as pd
from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from s3atlas.classifications import find_region
from s3atlas.clusters import load_criteria, load_phase_model, load_survey_items
from s3atlas.clusters.criteria import compare_assessors
from s3atlas.clusters.interaction import build_network
from s3atlas.clusters.links import areas_table, members_table
from s3atlas.clusters.phases import assessor_label
from s3atlas.clusters.service import clusters_frame, criteria_frame, phase_frame
from s3atlas.clusters.survey_store import cluster_gaps, cluster_network, survey_summary
from s3atlas.i18n import format_words, gettext
from s3atlas.store import Store
from s3atlas.viz.charts import LABEL_BREAK, stacked_shares
from s3atlas.viz.cluster_network import cluster_network_elements
from s3atlas.viz.network import kind_label
from s3atlas.viz.slides import describe
from s3atlas.viz.spec import finish_spec
from s3atlas.web.deps import get_store, render, require_map_reader
from s3atlas.web.i18n import language_of
from s3atlas.web.page_cache import shared_page
from s3atlas.web.views.downloads import LINKS, Table, chart, table

__all__ = ["router"]

router = APIRouter()
_SOURCE = "s3atlas cluster mapping (klusterkartering)"


def _name(params: dict[str, str]) -> str:
    return params.get("cluster", "")


@table("clusters")
def clusters_table(store: Store, region: str, _params: dict[str, str], lang: str) -> Table:
    """The region's cluster initiatives with phase, members and survey respondents."""
    frame = clusters_frame(store, region, lang).drop(columns=["region", "region_name"])
    frame.columns = [gettext(c.replace("_", " ").capitalize(), lang) for c in frame.columns]
    return Table(frame, gettext("Cluster initiatives", lang), _SOURCE)


@table("cluster-phases")
def phases_table(store: Store, region: str, params: dict[str, str], lang: str) -> Table:
    """Phase assessments of one cluster per round and assessor."""
    frame = phase_frame(store, _name(params), region, lang)[
        ["round", "assessed_by", "phase_name", "assessor"]
    ]
    frame.columns = [gettext(c, lang) for c in ("Round", "Assessed by", "Phase", "Assessor")]
    return Table(frame, gettext("Development phase", lang), load_phase_model().source)


def _criteria(store: Store, region: str, params: dict[str, str], lang: str) -> pd.DataFrame:
    names = load_criteria().criteria.set_index("code")[f"name_{lang}"]
    frame = compare_assessors(criteria_frame(store, _name(params), region))
    return frame.assign(criterion=frame["criterion"].map(names).fillna(frame["criterion"]))


@table("cluster-criteria")
def criteria_table(store: Store, region: str, params: dict[str, str], lang: str) -> Table:
    """Horizontal-criteria scores, self against independent, with the gap."""
    frame = _criteria(store, region, params, lang)
    frame.columns = [
        gettext(c, lang)
        for c in ("Round", "Criterion", "Self-assessment", "Independent assessment", "Difference")
    ]
    return Table(frame, gettext("Horizontal criteria", lang), load_criteria().source)


@chart("cluster-criteria")
def criteria_chart(store: Store, region: str, params: dict[str, str], lang: str) -> dict[str, Any]:
    """Grouped bars: each criterion's self-assessed and independent score in the latest round."""
    frame = _criteria(store, region, params, lang)
    if len(frame):
        frame = frame.loc[frame["round"] == frame["round"].iloc[-1]]
    long = frame.melt(
        id_vars=["criterion"], value_vars=["self", "independent"], var_name="by", value_name="score"
    )
    long["by"] = long["by"].map(lambda t: assessor_label(t, lang))
    crit = load_criteria()
    spec = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("criterion:N", title=None),
            yOffset="by:N",
            x=alt.X(
                "score:Q", title=gettext("Score", lang), scale=alt.Scale(domain=[0, crit.high])
            ),
            color=alt.Color("by:N", title=gettext("Assessed by", lang)),
            tooltip=["criterion:N", "by:N", "score:Q"],
        )
        .properties(width="container")
    )
    description = gettext(
        "Horizontal criteria: self-assessment and independent assessment per criterion.", lang
    )
    return describe(
        finish_spec(spec, name="criteria", description=description, lang=lang, legend_columns=None),
        indicator=gettext("Horizontal criteria", lang),
        source=crit.source,
    )


def _survey(store: Store, region: str, params: dict[str, str], lang: str) -> pd.DataFrame:
    items = load_survey_items()
    frame = survey_summary(
        store, _name(params), params.get("wave") or None, region=region, items=items
    )
    return frame.assign(
        item=frame["item"].map(lambda c: items.label("item", c, lang)),
        answer=frame["answer"].map(lambda c: items.label("answer", c, lang)),
        warning=frame["warning"].map(lambda w: gettext("fewer than 5 answered", lang) if w else ""),
    )


@table("cluster-survey")
def survey_table(store: Store, region: str, params: dict[str, str], lang: str) -> Table:
    """The firm survey: answer counts and shares per wave and item, with small-group warnings."""
    frame = _survey(store, region, params, lang)[
        ["wave", "item", "answer", "n", "share", "answered", "warning"]
    ]
    frame.columns = [
        gettext(c, lang)
        for c in ("Wave", "Question", "Answer", "Answers", "Share", "Answered", "Warning")
    ]
    return Table(frame, gettext("Firm survey", lang), _SOURCE, percent=(gettext("Share", lang),))


@chart("cluster-survey")
def survey_chart(store: Store, region: str, params: dict[str, str], lang: str) -> dict[str, Any]:
    """100 % stacked bars as the seed's survey chart: each question per wave, the baseline first."""
    frame = survey_by_wave(_survey(store, region, params, lang), lang)
    items = load_survey_items()
    spec = stacked_shares(
        frame,
        category="question_wave",
        response_order=list(items.answers[f"label_{lang}"]),
        lang=lang,
        title=items.question_sv if lang == "sv" else items.question_en,
    )
    waves = sorted(set(frame["wave"].astype(str))) if len(frame) else []
    return describe(
        spec,
        indicator=gettext("Firm survey", lang),
        unit=gettext("Share of answers", lang),
        period=", ".join(waves),
        source=_SOURCE,
    )


def survey_by_wave(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The survey rows with a bar label "question · wave, answers", each question's waves
    together.

    The earliest wave is the baseline the later ones are read against. The label says how
    many firms answered the question that wave: a bar of 4 answers looks as sure as one of
    40, and a wave nobody answered would be an empty row with no reason.

    >>> rows = pd.DataFrame({"wave": ["2018", "2017", "2016"], "item": ["Q", "Q", "Q"],
    ...                      "answered": [0, 7, 4], "warning": ["few", "", "few"]})
    >>> survey_by_wave(rows, "en")["question_wave"].tolist()
    ['Q · 2016 (baseline), only 4 answers', 'Q · 2017, 7 answers', 'Q · 2018, no answers']
    """
    if frame.empty:
        return frame.assign(question_wave=pd.Series(dtype=str))
    baseline = str(min(frame["wave"].astype(str)))
    small = frame["warning"].astype(bool)  # the survey summary's flag: fewer than 5 answered
    waves = [
        _wave_words(str(wave), baseline, int(answered), bool(few), lang)
        for wave, answered, few in zip(frame["wave"], frame["answered"], small, strict=True)
    ]
    items = list(dict.fromkeys(frame["item"]))
    out = frame.assign(
        question_wave=frame["item"].astype(str) + LABEL_BREAK + pd.Series(waves, frame.index),
        _item=frame["item"].map(items.index),
        _wave=frame["wave"].astype(str),
    )
    return out.sort_values(["_item", "_wave"], kind="stable").drop(columns=["_item", "_wave"])


def _wave_words(wave: str, baseline: str, answered: int, few: bool, lang: str) -> str:
    named = gettext("{wave} (baseline)", lang, wave=wave) if wave == baseline else wave
    if not answered:
        return gettext("{wave}, no answers", lang, wave=named)
    if few:
        return gettext("{wave}, only {count} answers", lang, wave=named, count=int(answered))
    return gettext("{wave}, {count} answers", lang, wave=named, count=int(answered))


def drawn_links(actors: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """The edges the actor network draws: each member's membership, then the interaction links.

    >>> actors = pd.DataFrame({"id": ["cluster", "m1"], "name": ["K", "F"], "kind": ["x", "y"]})
    >>> links = pd.DataFrame({"source": ["m1"], "target": ["cluster"], "weight": [2.0]})
    >>> drawn_links(actors, links)[["source", "target", "kind"]].values.tolist()
    [['cluster', 'm1', 'membership'], ['m1', 'cluster', 'interaction']]
    """
    members = actors.loc[actors["id"] != "cluster", "id"]
    membership = pd.DataFrame(
        {"source": "cluster", "target": members, "weight": 1.0, "kind": "membership"}
    )
    interaction = links.assign(kind="interaction")[["source", "target", "weight", "kind"]]
    return pd.concat([membership, interaction], ignore_index=True)


@table("cluster-links")
def links_table(store: Store, region: str, params: dict[str, str], lang: str) -> Table:
    """Every edge of the actor network: who is a member, and who works with whom."""
    actors, links = cluster_network(store, _name(params), region)
    names = actors.set_index("id")["name"]
    drawn = drawn_links(actors, links)
    kinds = {"membership": gettext("Member", lang), "interaction": gettext("Interaction", lang)}
    frame = pd.DataFrame(
        {
            gettext("From", lang): drawn["source"].map(names),
            gettext("To", lang): drawn["target"].map(names),
            gettext("Kind of link", lang): drawn["kind"].map(kinds),
            gettext("Weight", lang): drawn["weight"],
        }
    )
    return Table(frame, gettext("Links in the network", lang), _SOURCE)


def network_elements(
    store: Store, region: str, params: dict[str, str], lang: str, by: Literal["actor", "group"]
) -> dict[str, Any]:
    """Cytoscape elements of the cluster's network: by actor (membership and interaction links,
    as the links table lists them) or by actor group (the gaps between groups)."""
    actors, links = cluster_network(store, _name(params), region)
    elements = cluster_network_elements(build_network(actors, links), by=by, lang=lang)
    if by == "actor":
        members = drawn_links(actors, links).query("kind == 'membership'")
        elements["edges"] = [
            {
                "data": {
                    "id": f"mb:{target}",
                    "source": f"a:{source}",
                    "target": f"a:{target}",
                    "type": "membership",
                    "label": gettext("Member", lang),
                },
                "classes": "member",
            }
            for source, target in zip(members["source"], members["target"], strict=True)
        ] + elements["edges"]
        elements["legend"] = {**elements["legend"], "gaps": []}  # gaps are drawn by group only
    return elements


@table("cluster-members")
def cluster_members_table(store: Store, region: str, params: dict[str, str], lang: str) -> Table:
    """The cluster's members with their actor kind and organisation number."""
    frame = members_table(store, _name(params), region)
    out = pd.DataFrame(
        {
            gettext("Name", lang): frame["name"],
            gettext("Kind", lang): frame["kind"].map(lambda k: kind_label(k, lang)),
            gettext("Organisation number", lang): frame["org_number"],
        }
    )
    return Table(out, gettext("Members", lang), _SOURCE)


@table("cluster-areas")
def cluster_areas_table(store: Store, region: str, params: dict[str, str], lang: str) -> Table:
    """The strength areas the cluster works in."""
    frame = areas_table(store, _name(params), region)
    out = pd.DataFrame({gettext("Strength area", lang): frame["area"]})
    return Table(out, gettext("Linked strength areas", lang), _SOURCE)


_GROUPS = {
    "firms": "Firms",
    "academia": "Academia",
    "public_sector": "Public sector",
    "support": "Support organisations",
}
_STATUS = {
    "ok": "Present",
    "weak": "Weak",
    "missing": "Missing",
    "absent": "Group absent",
    "too_few": "Only one actor",
}


@table("cluster-gaps")
def gaps_table(store: Store, region: str, params: dict[str, str], lang: str) -> Table:
    """Innovation gaps between actor groups, from links and from the survey."""
    return _gaps_words(_gaps(store, region, params), lang)


def _gaps(store: Store, region: str, params: dict[str, str]) -> pd.DataFrame:
    return cluster_gaps(store, _name(params), params.get("wave") or None, region=region)


def _gaps_words(frame: pd.DataFrame, lang: str) -> Table:
    out = pd.DataFrame(
        {
            gettext("Group", lang): frame["group_a"].map(lambda g: gettext(_GROUPS[g], lang)),
            gettext("With", lang): frame["group_b"].map(lambda g: gettext(_GROUPS[g], lang)),
            gettext("Evidence", lang): frame["evidence"].map(lambda e: _evidence(e, lang)),
            gettext("Strength", lang): frame["strength"].astype(float).round(3),
            gettext("Status", lang): frame["status"].map(lambda s: gettext(_STATUS[s], lang)),
        }
    )
    return Table(out, gettext("Innovation gaps", lang), _SOURCE)


def _evidence(code: str, lang: str) -> str:
    return gettext("Links" if code == "links" else "Survey", lang)


def _present_by(evidence: str, lang: str) -> str:
    if evidence == "survey":
        return gettext("but the firm survey says it is there", lang)
    return gettext("but the recorded links show it", lang)


def gap_findings(frame: pd.DataFrame, lang: str) -> dict[str, Any]:
    """What the gap table says, in sentences: each weak or missing pair of groups, and the
    groups the cluster has no actor in (their pairs cannot be judged).

    >>> frame = pd.DataFrame({"group_a": ["firms", "firms"], "group_b": ["support", "academia"],
    ...     "evidence": ["links", "links"], "status": ["missing", "absent"],
    ...     "actors_a": [3, 3], "actors_b": [1, 0]})
    >>> found = gap_findings(frame, "en")
    >>> found["gaps"], found["absent"]
    (['Firms – Support organisations (links): Missing'], 'Academia and Public sector')
    """
    absent = _groups_without_actors(frame, lang)
    return {"gaps": _gap_lines(frame, lang), "absent": format_words(absent, lang) if absent else ""}


def _gap_lines(frame: pd.DataFrame, lang: str) -> list[str]:
    """One line per weak or missing pair, with the other evidence where it says otherwise (the
    links and the survey can disagree)."""
    gaps = frame[frame["status"].isin(["missing", "weak"])]
    ok = frame[frame["status"] == "ok"]
    elsewhere = {
        (str(a), str(b)): str(e)
        for a, b, e in zip(ok.group_a, ok.group_b, ok.evidence, strict=True)
    }
    lines = []
    for a, b, e, s in zip(gaps.group_a, gaps.group_b, gaps.evidence, gaps.status, strict=True):
        line = (
            f"{gettext(_GROUPS[str(a)], lang)} – {gettext(_GROUPS[str(b)], lang)} "
            f"({_evidence(str(e), lang).lower()}): {gettext(_STATUS[str(s)], lang)}"
        )
        other = elsewhere.get((str(a), str(b)))
        if other and other != e:
            line += "; " + _present_by(other, lang)
        lines.append(line)
    return lines


def _groups_without_actors(frame: pd.DataFrame, lang: str) -> list[str]:
    links = frame[frame["evidence"] == "links"]
    present = set(links.loc[links["actors_a"] > 0, "group_a"])
    present |= set(links.loc[links["actors_b"].fillna(0).astype(int) > 0, "group_b"])
    return [gettext(_GROUPS[g], lang) for g in _GROUPS if g not in present]


@router.get(
    "/region/{region_code}/clusters",
    name="clusters_region",
    dependencies=[Depends(shared_page)],
)
def clusters_region(
    request: Request, region_code: str, _reader: Any = Depends(require_map_reader)
) -> Response:
    """All cluster initiatives of a region."""
    region = find_region(region_code)
    lang = language_of(request)
    found = clusters_table(get_store(request), region.code, {}, lang)
    names = list(clusters_frame(get_store(request), region.code, lang)["cluster"])
    return render(request, "clusters_region.html", region=region, table=found, names=names, **LINKS)


@router.get(
    "/region/{region_code}/clusters/{cluster}",
    name="cluster_page",
    dependencies=[Depends(shared_page)],
)
def cluster_page(
    request: Request,
    region_code: str,
    cluster: str,
    wave: str | None = None,
    by: Literal["group", "actor"] = "actor",
    _reader: Any = Depends(require_map_reader),
) -> Response:
    """One cluster initiative: phase, criteria, survey, interaction network, members and gaps."""
    region = find_region(region_code)
    store, lang = get_store(request), language_of(request)
    params = {"cluster": cluster, **({"wave": wave} if wave else {})}
    tables = {
        name: builder(store, region.code, params, lang)
        for name, builder in (
            ("cluster-phases", phases_table),
            ("cluster-criteria", criteria_table),
            ("cluster-survey", survey_table),
            ("cluster-links", links_table),
            ("cluster-members", cluster_members_table),
            ("cluster-areas", cluster_areas_table),
        )
    }
    gaps = _gaps(store, region.code, params)
    tables["cluster-gaps"] = _gaps_words(gaps, lang)
    charts = {
        "cluster-criteria": criteria_chart(store, region.code, params, lang),
        "cluster-survey": survey_chart(store, region.code, params, lang),
    }
    return render(
        request,
        "clusters_cluster.html",
        region=region,
        cluster=cluster,
        params=params,
        tables=tables,
        charts=charts,
        network=network_elements(store, region.code, params, lang, by),
        gap_findings=gap_findings(gaps, lang),
        by=by,
        **LINKS,
    )
