"""The JSON API base (mounted at ``/api``; OpenAPI at ``/api/openapi.json``).

The same permissions as the pages (the session cookie, and the CSRF token in
``X-CSRF-Token`` for writes) and one error shape
(``{"error": code, "message": ..., "detail": ...}``).
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Any, NamedTuple

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, StrictBool

from s3atlas import __version__
from s3atlas.accounts import Principal, set_published
from s3atlas.accounts.publishing import Part, may_read
from s3atlas.analysis.national import INDICATORS, indicator_values
from s3atlas.classifications import counties, find_region
from s3atlas.i18n import gettext
from s3atlas.io.jsonable import records
from s3atlas.priorities import overrides, priority_themes
from s3atlas.store import Store
from s3atlas.web.deps import (
    check_editor,
    current_user,
    get_store,
    hidden_priority_lists,
    published,
)
from s3atlas.web.i18n import language_of
from s3atlas.web.page_cache import shared_page
from s3atlas.web.security import csrf_token
from s3atlas.web.views.national import _current_priorities

__all__ = ["router"]

router = APIRouter()

RegionCode = StrEnum(  # type: ignore[misc]
    "RegionCode", {f"county_{c}": str(c) for c in counties().county_code}
)
"""The county codes the API accepts in a path (documented as an enum in the OpenAPI)."""
IndicatorKey = StrEnum("IndicatorKey", {k: k for k in INDICATORS})  # type: ignore[misc]


class PublishedIn(BaseModel):
    """Whether anonymous visitors may read the region."""

    published: StrictBool


def _number(value: Any) -> float | None:
    return (
        None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)
    )


@router.get("/", summary="What the API offers", dependencies=[Depends(shared_page)])
def api_index() -> dict[str, Any]:
    return {
        "name": "s3atlas",
        "version": __version__,
        "openapi": "/api/openapi.json",
        "links": {
            "me": "/api/me",
            "regions": "/api/regions",
            "indicators": "/api/indicators",
            "priorities": "/api/priorities",
            "themes": "/api/priorities/themes",
        },
    }


@router.get("/me", summary="The signed-in user (or null) and the CSRF token for writes")
def me(request: Request, user: Principal | None = Depends(current_user)) -> dict[str, Any]:
    return {"user": user.to_dict() if user else None, "csrf_token": csrf_token(request)}


@router.get(
    "/regions",
    summary="The 21 counties, whether they are published and whether you may read their map",
    dependencies=[Depends(shared_page)],
)
def regions(
    request: Request,
    user: Principal | None = Depends(current_user),
    store: Store = Depends(get_store),
) -> list[dict[str, Any]]:
    open_regions = published(request)
    counts = (
        _current_priorities(store, hidden_priority_lists(request)).groupby("county_code").size()
    )
    return [
        {
            "code": r.county_code,
            "name": r.name,
            "short_name": r.short_name,
            "nuts_code": r.nuts3,
            "published": r.county_code in open_regions,
            "readable": True,  # statistics are public for every region
            "map_readable": may_read(user, str(r.county_code), Part.ECOSYSTEM_MAP, open_regions),
            "editable": bool(user and user.can_edit(str(r.county_code))),
            "priorities": int(counts.get(r.county_code, 0)),
        }
        for r in counties().itertuples(index=False)
    ]


@router.get(
    "/regions/{region_code}",
    summary="One region: its indicators and declared priorities",
    dependencies=[Depends(shared_page)],
)
def region(
    request: Request,
    region_code: RegionCode,
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    found = find_region(region_code)
    priorities = _current_priorities(store, hidden_priority_lists(request))
    mine = priorities[priorities.county_code == found.code]
    return {
        "code": found.code,
        "name": found.name,
        "nuts_code": found.nuts_code,
        "published": found.code in published(request),
        "indicators": {
            key: _number(indicator_values(key, priorities).get(found.code)) for key in INDICATORS
        },
        "priorities": mine.priority.tolist(),
    }


class CountyData(NamedTuple):
    """The county a path names and the dataset a query names, both checked."""

    code: str
    dataset: str
    data: Any


def county_data(region_code: RegionCode, dataset: str | None = None) -> CountyData:
    """The county of the path and the dataset of ``?dataset=`` (default: the default dataset)."""
    from s3atlas.present.region import dataset_for
    from s3atlas.stats import DEFAULT_DATASET

    name = dataset or DEFAULT_DATASET
    data = dataset_for(name)
    return CountyData(find_region(region_code).code, name, data)


@router.get(
    "/regions/{region_code}/strengths",
    summary="The region's industries: the traded ones ranked, with LQ, growth, class and reason",
    dependencies=[Depends(shared_page)],
)
def strengths(request: Request, chosen: CountyData = Depends(county_data)) -> list[dict[str, Any]]:
    from s3atlas.analysis.profile import region_strengths

    frame = region_strengths(chosen.data, chosen.code, lang=language_of(request))
    return records(frame.assign(rank=frame["rank"].astype(object)))


@router.get(
    "/regions/{region_code}/fit",
    summary="The region's declared priorities set against the statistics (priority fit)",
    dependencies=[Depends(shared_page)],
)
def fit(
    request: Request,
    chosen: CountyData = Depends(county_data),
    store: Store = Depends(get_store),
) -> list[dict[str, Any]]:
    from s3atlas.present.priorities import region_fit

    hidden = hidden_priority_lists(request)
    lang = language_of(request)
    return records(region_fit(store, lang, chosen.dataset, chosen.code, hidden))


@router.put(
    "/regions/{region_code}/published",
    summary="Open a region to anonymous visitors (editors, admins)",
)
def put_published(
    region_code: RegionCode,
    body: PublishedIn,
    user: Principal | None = Depends(current_user),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    check_editor(user, region_code)
    set_published(store, region_code, body.published)
    return {"code": find_region(region_code).code, "published": body.published}


@router.get(
    "/indicators",
    summary="The county indicators of the national map",
    dependencies=[Depends(shared_page)],
)
def indicators(request: Request) -> list[dict[str, Any]]:
    lang = language_of(request)
    return [
        {
            "key": i.key,
            "label": gettext(i.label, lang=lang),
            "source": i.source,
            "percent": i.percent,
        }
        for i in INDICATORS.values()
    ]


@router.get(
    "/indicators/{key}",
    summary="One indicator for every county",
    dependencies=[Depends(shared_page)],
)
def indicator(
    request: Request, key: IndicatorKey, store: Store = Depends(get_store)
) -> list[dict[str, Any]]:
    values = indicator_values(key, _current_priorities(store, hidden_priority_lists(request)))
    return [
        {"code": r.county_code, "name": r.name, "value": _number(values.get(r.county_code))}
        for r in counties().itertuples(index=False)
    ]


@router.get(
    "/priorities",
    summary="Every region's declared priorities (current lists)",
    dependencies=[Depends(shared_page)],
)
def priorities(request: Request, store: Store = Depends(get_store)) -> list[dict[str, Any]]:
    frame = _current_priorities(store, hidden_priority_lists(request))
    return [
        {"county_code": r.county_code, "region": r.region, "priority": r.priority}
        for r in frame.itertuples(index=False)
    ]


@router.get(
    "/priorities/themes",
    summary="Shared themes of the declared priorities and the regions behind them",
    dependencies=[Depends(shared_page)],
)
def themes(request: Request, store: Store = Depends(get_store)) -> list[dict[str, Any]]:
    current = _current_priorities(store, hidden_priority_lists(request))
    frame = priority_themes(current, language_of(request), overrides(store))
    return [
        {
            "theme": r["theme"],
            "name": r["name"],
            "kind": r["kind"],
            "regions": int(r["regions"]),
            "region_names": str(r["region_names"]).split(", "),
        }
        for r in frame.to_dict(orient="records")
    ]
