"""The strength-area page: its ecosystem network, coverage and gaps, functions, insights and rounds.

``GET /region/{region_code}/area/{area_id}`` shows one strength area
(*styrkeområde*) of a region in one mapping round (``?round=``, default the
latest) and, with ``?compare=``, what changed since another round. The round
picker asks for the same URL with htmx, which gets only the page body back.

The numbers come from :mod:`s3atlas.ecosystem` (snapshot, coverage, gap
rules, function classes, network measures, diff); this module only arranges
them for the page and the downloads.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pandas as pd
from fastapi import APIRouter, Depends, Request
from starlette.responses import RedirectResponse, Response

from s3atlas.classifications import find_region
from s3atlas.ecosystem.analysis.coverage import (
    DEFAULT_GAP_RULES,
    coverage_by_phase,
    find_gaps,
    functions_in_phase,
)
from s3atlas.ecosystem.analysis.functions import classify_actors, classify_functions
from s3atlas.ecosystem.labels import actors_in_words, functions_in_words, gaps_in_words
from s3atlas.ecosystem.store.diff import diff
from s3atlas.ecosystem.store.queries import build_snapshot
from s3atlas.ecosystem.store.rounds import rounds_frame
from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot
from s3atlas.errors import NotFoundError
from s3atlas.i18n import gettext
from s3atlas.store import Store, data_fingerprint
from s3atlas.viz.charts import coverage_heatmap
from s3atlas.viz.network import add_gaps, kind_label, network_elements, network_table
from s3atlas.viz.slides import describe
from s3atlas.web.cache import memoised
from s3atlas.web.deps import current_user, get_store, render, require_map_reader
from s3atlas.web.i18n import language_of
from s3atlas.web.page_cache import shared_page
from s3atlas.web.views.downloads import LINKS, Table, chart, table

__all__ = ["AreaView", "area_view", "coverage_long", "router"]

router = APIRouter()


@dataclass
class AreaView:
    """Everything the strength-area page shows, for one area in one round.

    Each part is computed on first use and kept with the view; views are shared
    between requests (see :func:`area_view`) and never changed.
    """

    snapshot: EcosystemSnapshot
    area_id: str
    area_name: str
    lang: str

    @property
    def phase_names(self) -> list[str]:
        column = "name_sv" if self.lang == "sv" else "name_en"
        return list(
            self.snapshot.phases.sort_values("order")[column].fillna(self.snapshot.phases.code)
        )

    @cached_property
    def coverage(self) -> pd.DataFrame:
        return coverage_table(self.snapshot, self.lang)

    @cached_property
    def coverage_spec(self) -> dict[str, Any]:
        return coverage_heatmap(
            coverage_long(self.snapshot, self.lang),
            phase_order=self.phase_names,
            area_order=list(self.snapshot.areas.name),
            highlight=self.area_name,
            count_title=gettext("Functions", self.lang),
            lang=self.lang,
            title=gettext("Coverage: support functions per phase", self.lang),
        )

    @cached_property
    def gaps(self) -> pd.DataFrame:
        gaps = gaps_in_words(find_gaps(self.snapshot, area=self.area_id), self.snapshot, self.lang)
        out = gaps[["area", "rule", "phase_code", "gap", "evidence"]]
        pairs = zip(out.rule, out.phase_code, strict=True)
        return out.assign(counted=[self._counted(r, p) for r, p in pairs])

    def _gap_labels(self, gaps: pd.DataFrame) -> list[str]:
        """The gaps as the map draws them: several empty phases become one mark."""
        empty = gaps["rule"] == "empty_phase"
        labels = list(gaps.loc[~empty, "gap"])
        if empty.sum() > 2:
            return [
                gettext(
                    "no support functions in {count} of {total} phases",
                    self.lang,
                    count=int(empty.sum()),
                    total=len(self.snapshot.phases),
                ),
                *labels,
            ]
        return list(gaps.loc[empty, "gap"]) + labels

    def _counted(self, rule: str, phase_code: Any) -> str:
        """Why a gap holds in a phase whose matrix cell is not empty: what the cell counts."""
        rules = DEFAULT_GAP_RULES.set_index("rule")
        if isinstance(phase_code, str):
            phases = [phase_code]
        else:
            phases = str(rules.phases.get(rule, "")).split(";")[:1]
        phase = phases[0] if phases else ""
        codes = functions_in_phase(self.snapshot, self.area_id, phase) if phase else []
        if not codes:
            return ""
        column = "name_sv" if self.lang == "sv" else "name_en"
        functions = self.snapshot.functions
        names = dict(zip(functions.code, functions[column], strict=True))
        wanted = [c for c in str(rules.functions.get(rule, "")).split(";") if c]
        return gettext(
            "The matrix shows {count} in {phase}: {functions}. The gap asks for {wanted}, "
            "which none of them is, so it holds.",
            self.lang,
            count=len(codes),
            phase=_phase_name_map(self.snapshot, self.lang).get(phase, phase),
            functions=", ".join(names.get(c) or c for c in codes),
            wanted=" / ".join(names.get(c) or c for c in wanted) or "–",
        )

    @cached_property
    def functions(self) -> pd.DataFrame:
        """The region's functions with their class; ``here`` marks those serving this area."""
        frame = functions_in_words(classify_functions(self.snapshot), self.snapshot, self.lang)
        frame["here"] = frame.areas.fillna("").map(lambda s: self.area_name in s.split("; "))
        return frame

    def common_functions(self) -> pd.DataFrame:
        frame = self.functions
        return frame[frame["class"].isin(["common", "near_common"])]

    def unique_functions(self) -> pd.DataFrame:
        frame = self.functions
        return frame[(frame["class"] == "unique") & frame["here"]]

    @cached_property
    def actors(self) -> pd.DataFrame:
        frame = actors_in_words(classify_actors(self.snapshot), self.snapshot, self.lang)
        here = frame.areas.fillna("").map(lambda s: self.area_name in s.split("; "))
        here |= frame.actor_id.isin(self._member_ids())
        return frame[here].sort_values(["n_areas", "name"], ascending=[True, True], kind="stable")

    def _member_ids(self) -> set[str]:
        members = self.snapshot.members
        return set(members.actor_id[members.area_id == self.area_id])

    @cached_property
    def unattached(self) -> pd.DataFrame:
        """Actors of the region that neither provide a support function nor belong to an area."""
        frame = classify_actors(self.snapshot)
        loose = (frame["class"] == "absent") & ~frame.actor_id.isin(self.snapshot.members.actor_id)
        return frame[loose].sort_values("name", kind="stable")

    @cached_property
    def insights(self) -> list[str]:
        ins = self.snapshot.insights
        return list(ins.text[ins.area_id == self.area_id]) + list(ins.text[ins.area_id.isna()])

    @cached_property
    def network(self) -> dict[str, Any]:
        """The area's map: members, functions, links and its gaps drawn in the map itself."""
        gaps = self._gap_labels(self.gaps)
        return add_gaps(
            network_elements(self.snapshot, self.area_id, lang=self.lang),
            self.area_id,
            gaps,
            self.lang,
        )


def coverage_long(snapshot: EcosystemSnapshot, lang: str) -> pd.DataFrame:
    """The area × phase coverage as a long table with display names (area, phase, count)."""
    wide = coverage_by_phase(snapshot)
    names = _phase_name_map(snapshot, lang)
    long = wide.drop(columns="area_id").melt(id_vars="area", var_name="phase", value_name="count")
    long["phase"] = long.phase.map(names)
    return long


def coverage_table(snapshot: EcosystemSnapshot, lang: str) -> pd.DataFrame:
    """The area × phase coverage as people read it: one row per area, one column per phase."""
    wide = coverage_by_phase(snapshot).drop(columns="area_id")
    return wide.rename(
        columns={"area": gettext("Strength area", lang), **_phase_name_map(snapshot, lang)}
    )


def _phase_name_map(snapshot: EcosystemSnapshot, lang: str) -> dict[str, str]:
    column = "name_sv" if lang == "sv" else "name_en"
    return {c: (n or c) for c, n in zip(snapshot.phases.code, snapshot.phases[column], strict=True)}


def _find_area(snapshot: EcosystemSnapshot, area_id: str) -> str:
    names = snapshot.area_names()
    if area_id in names:
        return area_id
    by_name = {n.casefold(): i for i, n in names.items()}
    if area_id.casefold() in by_name:
        return by_name[area_id.casefold()]
    raise NotFoundError(
        gettext("There is no strength area {area} in this round.", area=area_id), value=area_id
    )


def area_view(
    store: Store, region_code: str, area_id: str, round_name: str | None, lang: str
) -> AreaView:
    """Load the snapshot of the round and pick the area (by id, or by name as people type it).

    Views are kept per state of the map (the ecosystem part of the data fingerprint), so an
    unchanged map is not recomputed.
    """
    fingerprint = data_fingerprint(store).ecosystem
    key = ("area_view", fingerprint, region_code, area_id, round_name or None, lang)
    return memoised(key, lambda: _load_view(store, region_code, area_id, round_name, lang))


def _load_view(
    store: Store, region_code: str, area_id: str, round_name: str | None, lang: str
) -> AreaView:
    snapshot = build_snapshot(store, region_code, round_name or None)
    found = _find_area(snapshot, area_id)
    return AreaView(snapshot, found, snapshot.area_names()[found], lang)


def _diff_rows(
    store: Store, code: str, old: str | None, new: str, lang: str
) -> pd.DataFrame | None:
    if not old or old == new:
        return None
    frame = diff(store, code, old, new)
    labels = {
        "added": gettext("added", lang),
        "removed": gettext("removed", lang),
        "changed": gettext("changed", lang),
    }
    entities = {e: gettext(e, lang) for e in ("area", "actor", "provision", "link", "insight")}
    return frame.assign(
        change_label=frame.change.map(labels), entity_label=frame.entity.map(entities)
    )


@router.get(
    "/region/{region_code}/area/{area_id}", name="area_page", dependencies=[Depends(shared_page)]
)
def area_page(
    request: Request,
    region_code: str,
    area_id: str,
    round: str | None = None,
    compare: str | None = None,
    _reader: Any = Depends(require_map_reader),
) -> Response:
    """The strength-area page (the body only when htmx asks for it)."""
    region = find_region(region_code)
    if region.code != region_code:
        url = request.url_for("area_page", region_code=region.code, area_id=area_id)
        return RedirectResponse(
            str(url.include_query_params(**request.query_params)), status_code=307
        )
    store = get_store(request)
    lang = language_of(request)
    view = area_view(store, region.code, area_id, round, lang)
    rounds = rounds_frame(store, region.code)
    current = view.snapshot.round or ""
    user = current_user(request)
    values: dict[str, Any] = {
        "region": region,
        "view": view,
        "rounds": rounds,
        "round": current,
        "compare": compare or "",
        "round_closed": _is_closed(rounds, current),
        "diff": _diff_rows(store, region.code, compare, current, lang),
        "can_edit": bool(user and user.can_edit(region.code)),
        "query": {"round": current, **({"compare": compare} if compare else {})},
        "kind_label": kind_label,
    }
    if values["can_edit"] and not values["round_closed"]:
        values["link_editor"] = _link_editor(store, view, lang)
    template = "partials/area_body.html" if request.headers.get("hx-request") else "area.html"
    return render(request, template, **values, **LINKS)


def _is_closed(rounds: pd.DataFrame, name: str) -> bool:
    """Whether round *name* of *rounds* is closed (a round that is not there is not)."""
    closed = rounds.loc[rounds["round"] == name, "closed_at"]
    return bool(len(closed) and pd.notna(closed.iloc[0]))


def _link_editor(store: Store, view: AreaView, lang: str) -> dict[str, Any]:
    """What the link editor draws: the area's actors, their links and the link kinds."""
    from s3atlas.web.views.area_links import area_links, editable_actors, link_kinds

    drawn = editable_actors(view.network)
    return {
        "actors": drawn.to_dict("records"),
        "links": area_links(store, view.snapshot, set(drawn.id), lang),
        "kinds": link_kinds(lang),
    }


# --- downloads -----------------------------------------------------------------------


def _view_of(store: Store, code: str, params: dict[str, str], lang: str) -> AreaView:
    if "area" not in params:
        raise NotFoundError(gettext("Say which strength area: ?area=…"), column="area")
    return area_view(store, code, params["area"], params.get("round"), lang)


@table("coverage")
def _coverage_table(store: Store, code: str, params: dict[str, str], lang: str) -> Table:
    snapshot = build_snapshot(store, code, params.get("round") or None)
    return Table(
        coverage_table(snapshot, lang),
        gettext("Coverage", lang),
        gettext(
            "Ecosystem map of region {region}, round {round}",
            lang,
            region=snapshot.region_name,
            round=snapshot.round or "–",
        ),
    )


@chart("coverage")
def _coverage_chart(store: Store, code: str, params: dict[str, str], lang: str) -> dict[str, Any]:
    view = _view_of(store, code, params, lang)
    spec = copy.deepcopy(view.coverage_spec)
    return describe(
        spec,
        indicator=gettext("Support functions per phase", lang),
        period=view.snapshot.round,
        source=_source(view, lang),
    )


@table("gaps")
def _gaps_table(store: Store, code: str, params: dict[str, str], lang: str) -> Table:
    view = _view_of(store, code, params, lang)
    return Table(view.gaps, gettext("Gaps", lang), _source(view, lang))


@table("functions")
def _functions_table(store: Store, code: str, params: dict[str, str], lang: str) -> Table:
    view = _view_of(store, code, params, lang)
    frame = view.functions
    frame = frame.assign(**{"class": frame.class_label})
    columns = ["function_code", "name", "n_areas", "share", "class", "areas", "actors"]
    return Table(frame[columns], gettext("Support functions", lang), _source(view, lang))


@table("network")
def _network_table(store: Store, code: str, params: dict[str, str], lang: str) -> Table:
    view = _view_of(store, code, params, lang)
    return Table(network_table(view.network, lang), gettext("Actors", lang), _source(view, lang))


@table("diff")
def _diff_table(store: Store, code: str, params: dict[str, str], lang: str) -> Table:
    old, new = params.get("compare"), params.get("round")
    if not old or not new:
        raise NotFoundError(
            gettext("Say which two rounds to compare: ?compare=…&round=…"), column="compare"
        )
    frame = diff(store, code, old, new)
    return Table(frame, gettext("Changes between rounds", lang), f"{code}: {old} → {new}")


def _source(view: AreaView, lang: str) -> str:
    return gettext(
        "Ecosystem map of region {region}, round {round}; strength area {area}",
        lang,
        region=view.snapshot.region_name,
        round=view.snapshot.round or "–",
        area=view.area_name,
    )
