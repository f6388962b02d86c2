"""Editors add and remove links between the actors of a strength area's map, in the browser.

``POST /region/{code}/area/{area_id}/links`` adds a link (source, target,
kind) and ``POST …/links/{link_id}/delete`` removes one; both go through the
ecosystem's edit transaction (:func:`s3atlas.ecosystem.store.service.add_link`,
``remove_link``: open round, checks, audit row) and come back to the map.
CSRF is checked for every form post by the app; only editors of the region
get through :func:`~s3atlas.web.deps.require_editor`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pandas as pd
from fastapi import APIRouter, Depends, Request
from sqlalchemy import select
from starlette.responses import RedirectResponse, Response

from s3atlas.classifications import find_region
from s3atlas.ecosystem.store.models import Link
from s3atlas.ecosystem.store.service import add_link, remove_link
from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot
from s3atlas.ecosystem.store.vocabulary import DEFAULT_LINK_KINDS
from s3atlas.store import Store
from s3atlas.store.limits import is_whole_number
from s3atlas.store.rounds import find_region as find_eco_region
from s3atlas.store.rounds import find_round
from s3atlas.web.auth import Principal
from s3atlas.web.deps import get_store, require_editor

__all__ = ["area_links", "link_kinds", "router"]

router = APIRouter()


def link_kinds(lang: str) -> list[tuple[str, str]]:
    """The link kinds people choose from: (code, name in *lang*).

    >>> link_kinds("sv")[0]
    ('collaboration', 'Samverkan')
    """
    return [(code, sv if lang == "sv" else en) for code, sv, en in DEFAULT_LINK_KINDS]


def area_links(
    store: Store, snapshot: EcosystemSnapshot, actor_ids: set[str], lang: str
) -> list[dict[str, Any]]:
    """The links between actors drawn in the map, with their ids, names and kind, for editing."""
    with store.read() as session:
        round_ = find_round(session, find_eco_region(session, snapshot.region_code), snapshot.round)
        rows = session.execute(
            select(Link.id, Link.source_id, Link.target_id, Link.kind)
            .where(Link.round_id == round_.id)
            .order_by(Link.id)
        ).all()
    names = snapshot.actor_names()
    kinds = dict(link_kinds(lang))
    return [
        {
            "id": link_id,
            "source": names.get(str(source), str(source)),
            "target": names.get(str(target), str(target)),
            "kind": kinds.get(kind, kind),
        }
        for link_id, source, target, kind in rows
        if str(source) in actor_ids or str(target) in actor_ids
    ]


def _back(region_code: str, area_id: str, round_name: str) -> Response:
    url = f"/region/{region_code}/area/{area_id}?round={quote(round_name)}&saved=1#links-edit-h"
    return RedirectResponse(url, status_code=303)


def _number(value: Any) -> int:
    text = str(value or "").strip()
    return int(text) if is_whole_number(text) else -1


@router.post("/region/{region_code}/area/{area_id}/links", name="area_link_add")
async def area_link_add(
    request: Request, region_code: str, area_id: str, editor: Principal = Depends(require_editor)
) -> Response:
    """Link two actors of the map (an unknown actor or kind is refused, naming the field)."""
    form = await request.form()
    region = find_region(region_code)
    round_name = str(form.get("round") or "")
    add_link(
        get_store(request),
        region.code,
        _number(form.get("source_id")),
        _number(form.get("target_id")),
        str(form.get("kind") or ""),
        user=editor.username,
        round_name=round_name or None,
    )
    return _back(region.code, area_id, round_name)


@router.post("/region/{region_code}/area/{area_id}/links/{link_id}/delete", name="area_link_remove")
async def area_link_remove(
    request: Request,
    region_code: str,
    area_id: str,
    link_id: int,
    editor: Principal = Depends(require_editor),
) -> Response:
    """Remove one link from the map."""
    form = await request.form()
    region = find_region(region_code)
    round_name = str(form.get("round") or "")
    remove_link(
        get_store(request),
        region.code,
        link_id,
        user=editor.username,
        round_name=round_name or None,
    )
    return _back(region.code, area_id, round_name)


def editable_actors(elements: dict[str, Any]) -> pd.DataFrame:
    """The actors of a drawn map as (id, name), by name, for the link form's choices."""
    rows = [
        (n["data"]["actor_id"], n["data"]["label"])
        for n in elements["nodes"]
        if n["data"]["type"] == "actor"
    ]
    return pd.DataFrame(rows, columns=["id", "name"]).sort_values("name", kind="stable")
