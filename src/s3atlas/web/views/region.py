"""The region page (ranked strengths, bubble chart, priority fit, strength areas) and its log.

``GET /region/{region_code}`` accepts the region as people type it ("24",
"Västerbotten", "SE331") and redirects to the county code. Strengths and
priority fit come from :mod:`s3atlas.analysis` (``region_strengths``,
``priority_fit``) over a bundled or workspace dataset (``?dataset=``); the
strength areas and the activity log from the ecosystem store.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from fastapi import APIRouter, Depends, Request
from starlette.responses import RedirectResponse, Response

from s3atlas.accounts.publishing import Part, may_read
from s3atlas.analysis.labels import label
from s3atlas.analysis.profile import region_strengths
from s3atlas.analysis.sectors import SECTOR_CLASSES
from s3atlas.classifications import find_region
from s3atlas.ecosystem.store.queries import build_snapshot
from s3atlas.errors import NotFoundError, S3AtlasError
from s3atlas.i18n import gettext
from s3atlas.present.memo import memoised
from s3atlas.present.priorities import region_fit, with_headers
from s3atlas.present.region import (
    DATASET_TITLES,
    DATASETS,
    bubble_key,
    class_labels,
    dataset_for,
    dynamics_chart,
    dynamics_frame,
    region_dynamics_shown,
    strength_bars,
    strengths_bubble,
    strengths_table,
)
from s3atlas.present.region_areas import declared_beside_measured
from s3atlas.stats import DEFAULT_DATASET
from s3atlas.store import Store
from s3atlas.store.audit import audit_log, audit_words
from s3atlas.viz.bubble_labels import slide_tier
from s3atlas.viz.slides import SLIDE_WIDTH, describe, source_text
from s3atlas.web.cache import request_fingerprint
from s3atlas.web.deps import (
    current_user,
    get_store,
    hidden_priority_lists,
    published,
    render,
    require_region_reader,
    require_user,
)
from s3atlas.web.i18n import language_of
from s3atlas.web.page_cache import shared_page
from s3atlas.web.views.downloads import (
    LINKS,
    Table,
    chart,
    hidden_lists,
    table,
    table_response,
)

__all__ = ["router"]

router = APIRouter()


def _areas(store: Store, code: str, fingerprint: tuple[Any, ...]) -> pd.DataFrame | None:
    return memoised(("region_areas", fingerprint, code), lambda: _load_areas(store, code))


def _declared(
    store: Store, name: str, region: Any, lang: str, fingerprint: tuple[Any, ...]
) -> dict[str, Any] | None:
    """The declared strength areas beside the measured industries (None without areas)."""
    areas = _areas(store, region.code, fingerprint)
    if areas is None or not len(areas):
        return None

    def build() -> dict[str, Any] | None:
        data = dataset_for(name)
        strengths = region_strengths(data, region.code, lang=lang)
        try:
            return declared_beside_measured(data, region.code, areas, strengths, lang)
        except S3AtlasError:
            return None

    return memoised(("region_declared", fingerprint, name, region.code, lang), build)


def _load_areas(store: Store, code: str) -> pd.DataFrame | None:
    try:
        return build_snapshot(store, code).areas
    except NotFoundError:
        return None


@router.get("/region/{region_code}", name="region_page", dependencies=[Depends(shared_page)])
def region_page(
    request: Request,
    region_code: str,
    dataset: str | None = None,
    _reader: Any = Depends(require_region_reader),
) -> Response:
    """The region's strengths, the bubble chart, priority fit and links to its strength areas."""
    region = find_region(region_code)
    if region.code != region_code:
        url = request.url_for("region_page", region_code=region.code)
        return RedirectResponse(
            str(url.include_query_params(**request.query_params)), status_code=307
        )
    lang = language_of(request)
    map_open = may_read(current_user(request), region.code, Part.ECOSYSTEM_MAP, published(request))
    name = dataset or DEFAULT_DATASET
    store = get_store(request)
    hidden = hidden_priority_lists(request)
    fingerprint = request_fingerprint(request, store)
    content = memoised(
        ("region", name, region.code, lang, fingerprint.priorities, hidden),
        lambda: _content(store, name, region, lang, hidden),
    )
    return render(
        request,
        "region.html",
        region=region,
        class_labels=class_labels(lang),
        sector_labels={code: label("sector", code, lang) for code in SECTOR_CLASSES},
        declared=_declared(store, name, region, lang, fingerprint.ecosystem) if map_open else None,
        map_open=map_open,
        dataset=name,
        datasets=DATASETS,
        dataset_titles=DATASET_TITLES,
        params={"dataset": name},
        **content,
        **memoised(("region-dynamics", region.code, lang), lambda: _dynamics(region, lang)),
        **LINKS,
    )


def _dynamics(region: Any, lang: str) -> dict[str, Any]:
    """The page's dynamics: a chart per indicator by name, and the notes."""
    shown = region_dynamics_shown(region, lang)
    if shown is None:
        return {"dynamics": None}
    return {"dynamics": shown["charts"], "dynamics_notes": shown["notes"]}


def _findings(
    region: Any, strengths: pd.DataFrame, fit: pd.DataFrame | None, lang: str
) -> list[str]:
    """The written-out findings shown above the charts (the report has the same)."""
    from s3atlas.analysis.findings import region_findings

    try:
        dynamics: pd.DataFrame | None = dynamics_frame(region.code)
    except S3AtlasError:
        dynamics = None
    return region_findings(region.short_name, strengths, lang, fit=fit, dynamics=dynamics)


def _content(
    store: Store, name: str, region: Any, lang: str, hidden: frozenset[str]
) -> dict[str, Any]:
    """The analyses and charts of a region page: pure in (dataset, region, language, lists)."""
    data = dataset_for(name)
    strengths = region_strengths(data, region.code, lang=lang)
    try:
        fit = region_fit(store, lang, name, region.code, hidden)
    except S3AtlasError:
        fit = None
    bubble = strengths_bubble(
        strengths, lang, gettext("Strengths of {region}", lang, region=region.name)
    )
    return {
        "findings": _findings(region, strengths, fit, lang),
        "strengths": strengths[strengths.ranked].to_dict("records"),
        "others": strengths[~strengths.ranked].to_dict("records"),
        "fit": None if fit is None else fit.to_dict("records"),
        "bubble": bubble,
        "bubble_key": bubble_key(bubble, lang),
        "bars": strength_bars(strengths, lang),
        "meta": data.meta,
        "source_line": source_text(data.meta.source or "", lang),
        "year": strengths["year"].iloc[0] if len(strengths) else None,
        "base_year": strengths["base_year"].iloc[0] if len(strengths) else None,
        "growth_end_year": strengths["growth_end_year"].iloc[0] if len(strengths) else None,
    }


@router.get("/region/{region_code}/activity", name="activity_page")
def activity_page(
    request: Request, region_code: str, limit: int = 200, _user: Any = Depends(require_user)
) -> Response:
    """Who changed what in the region's ecosystem map, newest first (signed-in users)."""
    region = find_region(region_code)
    log = audit_log(get_store(request), region.code, limit=max(1, min(limit, 2000)))
    lang = language_of(request)
    log = log.assign(
        action=[audit_words(a, lang) for a in log.action],
        entity=[audit_words(e, lang) for e in log.entity],
    )
    return render(request, "activity.html", region=region, log=log.to_dict("records"), **LINKS)


@router.get("/region/{region_code}/activity.{fmt}", name="activity_download")
def activity_download(
    request: Request, region_code: str, fmt: str, _user: Any = Depends(require_user)
) -> Response:
    """The activity log as CSV or Excel (signed-in users: it names who changed what)."""
    region = find_region(region_code)
    lang = language_of(request)
    found = Table(
        audit_log(get_store(request), region.code),
        gettext("Activity", lang),
        gettext("Audit log of the ecosystem map of {region}", lang, region=region.name),
    )
    return table_response(found, region, fmt, lang)


# --- downloads -----------------------------------------------------------------------


@table("strengths", Part.STATISTICS)
def _strengths_download(_store: Store, code: str, params: dict[str, str], lang: str) -> Table:
    data = dataset_for(params.get("dataset"))
    return Table(
        strengths_table(region_strengths(data, code, lang=lang), lang),
        gettext("Strengths", lang),
        f"{data.meta.source}. {data.meta.title}",
        percent=(gettext("Growth", lang), gettext("National growth", lang)),
    )


@table("priority-fit", Part.STATISTICS)
def _fit_download(store: Store, code: str, params: dict[str, str], lang: str) -> Table:
    name = params.get("dataset") or DEFAULT_DATASET
    data = dataset_for(name)
    fit = with_headers(region_fit(store, lang, name, code, hidden_lists(params)), lang)
    return Table(fit, gettext("Priority fit", lang), f"{data.meta.source}. {data.meta.title}")


@table("dynamics", Part.STATISTICS)
def _dynamics_download(_store: Store, code: str, _params: dict[str, str], lang: str) -> Table:
    from s3atlas.analysis.dynamics import INDICATORS

    frame = dynamics_frame(code)
    shown = pd.DataFrame(
        {
            gettext("Indicator", lang): [
                gettext(INDICATORS[str(i)], lang) for i in frame.indicator
            ],
            gettext("Year", lang): frame.year,
            gettext("Region", lang): frame.region_value,
            gettext("Sweden", lang): frame.sweden_value,
            gettext("Ratio to Sweden", lang): frame.ratio,
            gettext("Series break", lang): frame.series_break,
        }
    )
    return Table(shown, gettext("Dynamics", lang), "; ".join(sorted(set(frame.source.dropna()))))


def _dynamics_spec(code: str, lang: str, indicator: str) -> dict[str, Any]:
    frame = dynamics_frame(code)
    spec = dynamics_chart(frame, indicator, find_region(code), lang)
    years = frame.year[frame.indicator == indicator] if len(frame) else frame.year
    return describe(
        spec,
        period=f"{years.min()}–{years.max()}" if len(years) else None,
        source="; ".join(sorted(set(frame.source[frame.indicator == indicator].dropna()))),
    )


@chart("new-firms", Part.STATISTICS)
def _new_firms_download(
    _store: Store, code: str, _params: dict[str, str], lang: str
) -> dict[str, Any]:
    return _dynamics_spec(code, lang, "new_firms_per_1000_employed")


@chart("patents", Part.STATISTICS)
def _patents_download(
    _store: Store, code: str, _params: dict[str, str], lang: str
) -> dict[str, Any]:
    return _dynamics_spec(code, lang, "patent_applications_per_million_inhabitants")


def _strength_facts(data: Any, strengths: pd.DataFrame, lang: str) -> dict[str, Any]:
    """What a strengths chart shows, for its slide: indicator, unit, period and source."""
    first: Any = strengths.iloc[0] if len(strengths) else {}
    year, base = first.get("year"), first.get("base_year")
    period = f"{year}" + (f" ({gettext('growth', lang)} {base}–{year})" if base else "")
    return {
        "indicator": data.meta.title,
        "unit": data.meta.unit or gettext("Employed", lang),
        "period": period if year else None,
        "source": data.meta.source,
    }


@chart("bubble", Part.STATISTICS)
def _bubble_download(_store: Store, code: str, params: dict[str, str], lang: str) -> dict[str, Any]:
    data = dataset_for(params.get("dataset"))
    strengths = region_strengths(data, code, lang=lang)
    spec = strengths_bubble(
        strengths, lang, gettext("Strengths of {region}", lang, region=find_region(code).name)
    )
    tier = slide_tier(SLIDE_WIDTH)
    pairs = spec["usermeta"]["s3atlas"].get("abbreviations") or []
    codes = "; ".join(f"{c} {n}" for c, n, tiers in pairs if tier in tiers)
    return describe(spec, codes=codes, **_strength_facts(data, strengths, lang))


@chart("ranked", Part.STATISTICS)
def _ranked_download(_store: Store, code: str, params: dict[str, str], lang: str) -> dict[str, Any]:
    data = dataset_for(params.get("dataset"))
    strengths = region_strengths(data, code, lang=lang)
    spec = strength_bars(
        strengths, lang, gettext("Strengths of {region}", lang, region=find_region(code).name)
    )
    return describe(spec, **_strength_facts(data, strengths, lang))
