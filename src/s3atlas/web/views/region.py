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
from s3atlas.analysis.fit import priority_fit
from s3atlas.analysis.profile import region_strengths
from s3atlas.classifications import find_region
from s3atlas.ecosystem.audit import audit_log
from s3atlas.ecosystem.queries import build_snapshot
from s3atlas.errors import NotFoundError, S3AtlasError
from s3atlas.i18n import gettext
from s3atlas.stats import load_dataset
from s3atlas.store import Store
from s3atlas.viz.charts import bubble_chart, ranked_bars
from s3atlas.web.cache import memoised, store_generation
from s3atlas.web.deps import (
    current_user,
    get_store,
    published,
    render,
    require_region_reader,
    require_user,
)
from s3atlas.web.i18n import language_of
from s3atlas.web.page_cache import shared_page
from s3atlas.web.views.downloads import LINKS, Table, chart, table, table_response

__all__ = [
    "DATASETS",
    "DEFAULT_DATASET",
    "class_labels",
    "router",
    "strengths_bubble",
    "strengths_table",
]

router = APIRouter()

DEFAULT_DATASET = "eurostat_employment_se"
"""Employment by county and NACE section 2000–2017: it has the years growth needs."""
DATASETS = ("eurostat_employment_se", "scb_rams_2018")
"""Datasets offered on the region page (employment by region × industry)."""

_CLASSES = (
    "specialised_growing",
    "specialised_declining",
    "emerging",
    "weak",
    "specialised",
    "not_specialised",
)
_FIT = (
    "supported",
    "weakly_supported",
    "unsupported",
    "undetermined",
    "not_testable",
    "undeclared_strength",
)


def class_labels(lang: str) -> dict[str, str]:
    """Quadrant class code → words in the language."""
    words = {
        "specialised_growing": "Specialised and growing",
        "specialised_declining": "Specialised but declining",
        "emerging": "Emerging",
        "weak": "Not specialised",
        "specialised": "Specialised",
        "not_specialised": "Not specialised",
    }
    return {code: gettext(words[code], lang) for code in _CLASSES}


def fit_labels(lang: str) -> dict[str, str]:
    """Priority-fit status code → words in the language."""
    words = {
        "supported": "Supported by the data",
        "weakly_supported": "Weakly supported",
        "unsupported": "Not supported",
        "undetermined": "Data too coarse to tell",
        "not_testable": "Horizontal priority",
        "undeclared_strength": "Strength nobody declared",
    }
    return {code: gettext(words[code], lang) for code in _FIT}


def _dataset(name: str | None) -> Any:
    name = name or DEFAULT_DATASET
    if name not in DATASETS:
        raise NotFoundError(
            gettext("Unknown dataset; choose one of {names}.", names=", ".join(DATASETS)),
            value=name,
        )
    return load_dataset(name)


def strengths_table(strengths: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The ranked strengths as shown and downloaded, with readable column names."""
    labels = class_labels(lang)
    out = pd.DataFrame(
        {
            gettext("Rank", lang): strengths["rank"],
            gettext("Code", lang): strengths["industry"],
            gettext("Industry", lang): strengths["name"],
            gettext("Employed", lang): strengths["value"],
            "LQ": strengths["lq"].round(3),
            gettext("Growth", lang): strengths["growth"].round(4),
            gettext("National growth", lang): strengths["national_growth"].round(4),
            gettext("Score", lang): strengths["score"].round(3),
            gettext("Class", lang): strengths["class"].map(labels).fillna(strengths["class"]),
            gettext("Strong (CMP)", lang): strengths["cmp_strong"],
            gettext("Reason", lang): strengths["reason"],
        }
    )
    return out


def strengths_bubble(
    strengths: pd.DataFrame, lang: str, title: str | None = None
) -> dict[str, Any]:
    """Bubble chart of the strengths: LQ × growth relative to the industry nationally × employed."""
    frame = strengths.assign(relative=strengths["growth"] - strengths["national_growth"])
    return bubble_chart(
        frame,
        x="lq",
        y="relative",
        size="value",
        label="industry",
        color="class",
        color_labels=class_labels(lang),
        national_growth=0.0,
        lang=lang,
        title=title,
        y_title=gettext("Growth minus the industry's national growth", lang),
    )


def _areas(store: Store, code: str) -> pd.DataFrame | None:
    return memoised(
        ("region_areas", store_generation(store), code), lambda: _load_areas(store, code)
    )


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
    content = memoised(("region", name, region.code, lang), lambda: _content(name, region, lang))
    return render(
        request,
        "region.html",
        region=region,
        class_labels=class_labels(lang),
        fit_labels=fit_labels(lang),
        areas=_areas(get_store(request), region.code) if map_open else None,
        map_open=map_open,
        dataset=name,
        datasets=DATASETS,
        params={"dataset": name},
        **content,
        **LINKS,
    )


def _content(name: str, region: Any, lang: str) -> dict[str, Any]:
    """The analyses and charts of a region page: pure in (dataset, region, language)."""
    data = _dataset(name)
    strengths = region_strengths(data, region.code, lang=lang)
    try:
        fit = priority_fit(data, region.code, lang=lang)
    except S3AtlasError:
        fit = None
    return {
        "strengths": strengths.to_dict("records"),
        "fit": None if fit is None else fit.to_dict("records"),
        "bubble": strengths_bubble(
            strengths, lang, gettext("Strengths of {region}", lang, region=region.name)
        ),
        "bars": ranked_bars(
            strengths,
            label="name",
            value="score",
            color="class",
            color_labels=class_labels(lang),
            value_title=gettext("Composite score (0–1)", lang),
            lang=lang,
        ),
        "meta": data.meta,
        "year": strengths["year"].iloc[0] if len(strengths) else None,
        "base_year": strengths["base_year"].iloc[0] if len(strengths) else None,
    }


@router.get("/region/{region_code}/activity", name="activity_page")
def activity_page(
    request: Request, region_code: str, limit: int = 200, _user: Any = Depends(require_user)
) -> Response:
    """Who changed what in the region's ecosystem map, newest first (signed-in users)."""
    region = find_region(region_code)
    log = audit_log(get_store(request), region.code, limit=max(1, min(limit, 2000)))
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
def _strengths_download(store: Store, code: str, params: dict[str, str], lang: str) -> Table:
    data = _dataset(params.get("dataset"))
    return Table(
        strengths_table(region_strengths(data, code, lang=lang), lang),
        gettext("Strengths", lang),
        f"{data.meta.source}. {data.meta.title}",
    )


@table("priority-fit", Part.STATISTICS)
def _fit_download(store: Store, code: str, params: dict[str, str], lang: str) -> Table:
    data = _dataset(params.get("dataset"))
    fit = priority_fit(data, code, lang=lang)
    fit["status"] = fit["status"].map(fit_labels(lang)).fillna(fit["status"])
    return Table(fit, gettext("Priority fit", lang), f"{data.meta.source}. {data.meta.title}")


@chart("bubble", Part.STATISTICS)
def _bubble_download(store: Store, code: str, params: dict[str, str], lang: str) -> dict[str, Any]:
    strengths = region_strengths(_dataset(params.get("dataset")), code, lang=lang)
    return strengths_bubble(
        strengths, lang, gettext("Strengths of {region}", lang, region=find_region(code).name)
    )


@chart("ranked", Part.STATISTICS)
def _ranked_download(store: Store, code: str, params: dict[str, str], lang: str) -> dict[str, Any]:
    strengths = region_strengths(_dataset(params.get("dataset")), code, lang=lang)
    return ranked_bars(
        strengths,
        label="name",
        value="score",
        color="class",
        color_labels=class_labels(lang),
        value_title=gettext("Composite score (0–1)", lang),
        lang=lang,
        title=gettext("Strengths of {region}", lang, region=find_region(code).name),
    )
