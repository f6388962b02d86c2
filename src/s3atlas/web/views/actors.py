"""Actor pages: what an actor provides and to whom, and the edit forms for the region's editors.

Reading (``GET /region/{code}/actor/{id}``) follows the region's read rule.
Every write is a POST that needs an editor of that region (or an admin) and
the session's CSRF token (checked for the whole app), and goes through
:mod:`s3atlas.ecosystem.store.actors` / :mod:`s3atlas.ecosystem.store.service`: one
transaction with its audit row, refused in a closed round and when someone
else changed the actor since the form was opened (``version``). A refused
write shows the form again with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

import pandas as pd
from fastapi import APIRouter, Depends, Request
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from s3atlas.accounts import Principal
from s3atlas.classifications import find_region
from s3atlas.ecosystem.store.actors import add_actor, update_actor
from s3atlas.ecosystem.store.queries import actors_frame, build_snapshot, provisions_frame
from s3atlas.ecosystem.store.rounds import rounds_frame
from s3atlas.ecosystem.store.service import add_provision, remove_provision, update_provision
from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot
from s3atlas.errors import ConflictError, NotFoundError, S3AtlasError
from s3atlas.i18n import gettext
from s3atlas.present.memo import memoised
from s3atlas.store import Store
from s3atlas.store.limits import is_whole_number
from s3atlas.viz.network import kind_choices, kind_label
from s3atlas.web.cache import request_fingerprint
from s3atlas.web.deps import current_user, get_store, render, require_editor, require_map_reader
from s3atlas.web.i18n import language_of
from s3atlas.web.page_cache import shared_page
from s3atlas.web.params import RowId, form_int
from s3atlas.web.views.downloads import LINKS

__all__ = ["actor_provisions", "router"]

router = APIRouter()
T = TypeVar("T")
_TEXT_FIELDS = ("name", "kind", "org_number", "sni_code", "municipality", "website", "description")


def actor_provisions(snapshot: EcosystemSnapshot, actor_id: str, lang: str) -> pd.DataFrame:
    """One row per stored provision of the actor: id, function, area and phases in words."""
    prov = snapshot.provisions[snapshot.provisions.actor_id == actor_id].copy()
    prov["id"] = prov.provision_id.str.split(":").str[0]
    fn_col, ph_col = ("name_sv", "name_sv") if lang == "sv" else ("name_en", "name_en")
    functions = dict(zip(snapshot.functions.code, snapshot.functions[fn_col], strict=True))
    phases = dict(zip(snapshot.phases.code, snapshot.phases[ph_col], strict=True))
    areas = snapshot.area_names()
    rows = []
    for pid, group in prov.groupby("id", sort=False):
        first = group.iloc[0]
        codes = [p for p in group.phase_code if p is not None]
        rows.append(
            {
                "id": pid,
                "function": functions.get(first.function_code, first.function_code),
                "area": areas.get(first.area_id, gettext("every strength area", lang))
                if first.area_id
                else gettext("every strength area", lang),
                "phases": ", ".join(phases.get(p, p) for p in codes)
                if codes
                else gettext("every phase", lang),
            }
        )
    return pd.DataFrame(rows, columns=["id", "function", "area", "phases"])


def _kept(request: Request, name: str, compute: Callable[[], T], *key: Hashable) -> T:
    """*compute* once per state of the map (the ecosystem part of the data fingerprint, read
    once a request).

    Reading the map (a snapshot costs tens of milliseconds) dominated the actor page;
    the values are shared, so callers only read them.
    """
    fingerprint = request_fingerprint(request, get_store(request)).ecosystem
    return memoised((name, fingerprint, *key), compute)


def _with_answers(rows: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """Add each provision's answer to "can other regions borrow it?" (and its terms)."""
    answers = stored.assign(id=stored.id.astype(str))[["id", "borrowable", "borrow_terms"]]
    merged = rows.merge(answers, on="id", how="left")
    return merged.astype(object).where(merged.notna(), None)


def _round_state(request: Request, code: str, round_name: str | None) -> tuple[str, bool]:
    store = get_store(request)
    rounds = _kept(request, "rounds", lambda: rounds_frame(store, code), code)
    if rounds.empty:
        raise NotFoundError(
            gettext("Region {region} has no mapping round yet.", region=code), value=code
        )
    row = rounds[rounds["round"] == round_name] if round_name else rounds.tail(1)
    if row.empty:
        raise NotFoundError(
            gettext("There is no round {round}.", round=round_name), value=round_name
        )
    return str(row["round"].iloc[0]), bool(pd.notna(row["closed_at"].iloc[0]))


def _stored_actor(request: Request, code: str, actor_id: int, round_name: str) -> dict[str, Any]:
    store = get_store(request)
    frame = _kept(
        request, "actors", lambda: actors_frame(store, code, round_name), code, round_name
    )
    found = frame[frame["id"].astype(str) == str(actor_id)]
    if found.empty:
        raise NotFoundError(
            gettext(
                "There is no actor {actor} in round {round}.", actor=actor_id, round=round_name
            ),
            value=actor_id,
        )
    record = found.iloc[0].to_dict()
    return {
        str(k): (None if (v is pd.NA or (isinstance(v, float) and v != v)) else v)
        for k, v in record.items()
    }


def _partners(snapshot: EcosystemSnapshot, actor_id: str) -> list[dict[str, Any]]:
    """The actors linked with *actor_id*, either way: id, name and the kind of link."""
    names = snapshot.actor_names()
    links = snapshot.links
    mine = links[(links.source_id == actor_id) | (links.target_id == actor_id)]
    partners = []
    for source, target, kind in mine.itertuples(index=False):
        other = target if source == actor_id else source
        partners.append({"id": other, "name": names.get(other, "?"), "kind": kind})
    return partners


def _member_of(snapshot: EcosystemSnapshot, actor_id: str) -> list[dict[str, str]]:
    """The strength areas *actor_id* is a member of: id and name."""
    members = snapshot.members
    ids = set(members.area_id[members.actor_id.astype(str) == actor_id].astype(str))
    areas = snapshot.areas
    chosen = areas[areas.area_id.astype(str).isin(ids)]
    return [
        {"id": str(a), "name": str(n)} for a, n in zip(chosen.area_id, chosen.name, strict=True)
    ]


def _page_values(
    request: Request, code: str, actor_id: int, round_name: str | None
) -> dict[str, Any]:
    region = find_region(code)
    lang = language_of(request)
    current, closed = _round_state(request, region.code, round_name)
    store = get_store(request)
    snapshot = _kept(
        request,
        "snapshot",
        lambda: build_snapshot(store, region.code, current),
        region.code,
        current,
    )
    actor = _stored_actor(request, region.code, actor_id, current)
    partners = _partners(snapshot, str(actor_id))
    user: Principal | None = current_user(request)
    return {
        "region": region,
        "round": current,
        "round_closed": closed,
        "actor": actor,
        "kind_name": kind_label(str(actor["kind"]), lang),
        "provisions": _with_answers(
            actor_provisions(snapshot, str(actor_id), lang),
            provisions_frame(get_store(request), region.code, current),
        ),
        "partners": partners,
        "member_of": _member_of(snapshot, str(actor_id)),
        "snapshot": snapshot,
        "kinds": kind_choices(lang),
        "can_edit": bool(user and user.can_edit(region.code)),
        **LINKS,
    }


@router.get(
    "/region/{region_code}/actor/{actor_id}",
    name="actor_page",
    dependencies=[Depends(shared_page)],
)
def actor_page(
    request: Request,
    region_code: str,
    actor_id: RowId,
    round: str | None = None,
    _reader: Any = Depends(require_map_reader),
) -> Response:
    """An actor: its facts, the functions it provides (area × phases) and its links."""
    return render(request, "actor.html", **_page_values(request, region_code, actor_id, round))


@router.get("/region/{region_code}/actor/{actor_id}/edit", name="actor_edit")
def actor_edit(
    request: Request,
    region_code: str,
    actor_id: RowId,
    round: str | None = None,
    _editor: Principal = Depends(require_editor),
) -> Response:
    """The edit form (editors of the region)."""
    return render(
        request,
        "actor_form.html",
        mode="edit",
        error=None,
        **_page_values(request, region_code, actor_id, round),
    )


def _fields(form: FormData) -> dict[str, Any]:
    values: dict[str, Any] = {
        f: (str(form.get(f) or "").strip() or None) for f in _TEXT_FIELDS if f in form
    }
    values["borrowable"] = form.get("borrowable") in ("on", "1", "true")
    for grid in ("interest", "influence"):
        if grid in form:
            raw = str(form.get(grid) or "").strip()
            # Not a small whole number: the core refuses the text with the field named.
            values[grid] = int(raw) if is_whole_number(raw, 99) else (raw or None)
    return values


def _refused(
    request: Request, code: str, actor_id: int, round_name: str, error: S3AtlasError, form: FormData
) -> Response:
    values = _page_values(request, code, actor_id, round_name)
    values["actor"] = {**values["actor"], **_fields(form)}
    message = _closed_message(error) or error.message()
    return render(
        request, "actor_form.html", status_code=error.status, mode="edit", error=message, **values
    )


def _closed_message(error: S3AtlasError) -> str | None:
    """A closed round's refusal as it reads alone (it names the round; no field to point at)."""
    if isinstance(error, ConflictError) and error.column == "round":
        return error.detail
    return None


def _version(form: FormData) -> int | None:
    return form_int(form.get("version"), "version")


def _saved(code: str, actor_id: int | str, round_name: str) -> RedirectResponse:
    """Back to the actor page, which says the change was saved."""
    return RedirectResponse(
        f"/region/{code}/actor/{actor_id}?round={round_name}&saved=1", status_code=303
    )


@dataclass(frozen=True)
class _Edit:
    """One form an editor sent: the form, the store, the region's code, the round, the editor."""

    form: FormData
    store: Store
    code: str
    round: str
    user: str


@dataclass(frozen=True)
class _ActorPost:
    """An editor's post to the actor a path names (what the actor's write routes share)."""

    request: Request
    region_code: str
    actor_id: int
    editor: Principal

    async def save(self, write: Callable[[_Edit], object]) -> Response:
        """Read the form and *write* it in the round it names; back to the actor page, or the
        form again with the reason."""
        form = await self.request.form()
        region = find_region(self.region_code)
        current, _closed = _round_state(self.request, region.code, _form_round(form))
        edit = _Edit(form, get_store(self.request), region.code, current, self.editor.username)
        try:
            write(edit)
        except S3AtlasError as error:
            return _refused(self.request, region.code, self.actor_id, current, error, form)
        return _saved(region.code, self.actor_id, current)


def _actor_post(
    request: Request, region_code: str, actor_id: RowId, editor: Principal = Depends(require_editor)
) -> _ActorPost:
    return _ActorPost(request, region_code, actor_id, editor)


ActorPost = Annotated[_ActorPost, Depends(_actor_post)]


def _form_round(form: FormData) -> str | None:
    return str(form.get("round") or "") or None


def _text_or_none(form: FormData, name: str) -> str | None:
    return str(form.get(name) or "") or None


@router.post("/region/{region_code}/actor/{actor_id}", name="actor_update")
async def actor_update(post: ActorPost) -> Response:
    """Save the edit form; back to the actor page, or the form again with the reason."""
    return await post.save(
        lambda e: update_actor(
            e.store,
            e.code,
            post.actor_id,
            user=e.user,
            expected_version=_version(e.form),
            round_name=e.round,
            **_fields(e.form),
        )
    )


@router.post("/region/{region_code}/actor/{actor_id}/provisions", name="provision_add")
async def provision_add(post: ActorPost) -> Response:
    """Record that the actor provides a function to an area (or all) in some phases (or all)."""
    return await post.save(
        lambda e: add_provision(
            e.store,
            e.code,
            str(e.form.get("function") or ""),
            user=e.user,
            actor_id=post.actor_id,
            area_id=form_int(e.form.get("area_id"), "area_id"),
            phases=[str(p) for p in e.form.getlist("phases")] or None,
            borrowable=_text_or_none(e.form, "borrowable"),
            borrow_terms=_text_or_none(e.form, "borrow_terms"),
            round_name=e.round,
        )
    )


@router.post(
    "/region/{region_code}/actor/{actor_id}/provisions/{provision_id}/borrowable",
    name="provision_borrowable",
)
async def provision_borrowable(post: ActorPost, provision_id: RowId) -> Response:
    """Record whether other regions may borrow the capacity of one provision of the actor."""
    return await post.save(
        lambda e: update_provision(
            e.store,
            e.code,
            provision_id,
            user=e.user,
            round_name=e.round,
            borrowable=_text_or_none(e.form, "borrowable"),
            borrow_terms=_text_or_none(e.form, "borrow_terms"),
        )
    )


@router.post(
    "/region/{region_code}/actor/{actor_id}/provisions/{provision_id}/delete",
    name="provision_remove",
)
async def provision_remove(post: ActorPost, provision_id: RowId) -> Response:
    """Remove one provision of the actor."""
    return await post.save(
        lambda e: remove_provision(e.store, e.code, provision_id, user=e.user, round_name=e.round)
    )


@router.get("/region/{region_code}/actors/new", name="actor_new")
def actor_new(
    request: Request,
    region_code: str,
    round: str | None = None,
    area: str | None = None,
    _editor: Principal = Depends(require_editor),
) -> Response:
    """The form for a new actor."""
    region = find_region(region_code)
    current, closed = _round_state(request, region.code, round)
    return render(
        request,
        "actor_form.html",
        mode="new",
        error=None,
        region=region,
        round=current,
        round_closed=closed,
        actor={"kind": "firm", "version": None},
        kinds=kind_choices(language_of(request)),
        area=area or "",
        **LINKS,
    )


@router.post("/region/{region_code}/actors", name="actor_create")
async def actor_create(
    request: Request, region_code: str, editor: Principal = Depends(require_editor)
) -> Response:
    """Add the actor; on to its page, or the form again with the reason."""
    form = await request.form()
    region = find_region(region_code)
    current, closed = _round_state(request, region.code, _form_round(form))
    values = _fields(form)
    try:
        row = add_actor(
            get_store(request),
            region.code,
            values.pop("name", None) or "",
            values.pop("kind", None) or "",
            user=editor.username,
            round_name=current,
            **values,
        )
    except S3AtlasError as error:
        message = _closed_message(error) or error.message()
        return render(
            request,
            "actor_form.html",
            status_code=error.status,
            mode="new",
            error=message,
            region=region,
            round=current,
            round_closed=closed,
            actor=_fields(form),
            kinds=kind_choices(language_of(request)),
            area=str(form.get("area") or ""),
            **LINKS,
        )
    return _saved(region.code, row["id"], current)
