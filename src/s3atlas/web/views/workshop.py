"""Workshop pages (*Bikupa*): the facilitator's page with the join code, URL and QR code, the
live board, and the participants' page that needs no account.

The facilitator's pages need an editor of the region (or an admin); every
form carries the session's CSRF token (checked for the whole app). The
board is polled by htmx every few seconds and answers with its fragment
only. Participants open ``/w/{code}`` on their phones; they see the
questions and their own form, never what others sent. Their submissions go
through :func:`s3atlas.workshop.submit` with its size and store-backed rate
limits.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from s3atlas.classifications import find_region
from s3atlas.errors import InputError, S3AtlasError
from s3atlas.i18n import gettext
from s3atlas.store.limits import is_whole_number
from s3atlas.viz.downloads import MEDIA_TYPES, download_name
from s3atlas.viz.network import kind_choices
from s3atlas.web.auth import Principal
from s3atlas.web.deps import get_store, render, require_editor
from s3atlas.web.i18n import language_of
from s3atlas.workshop import (
    DEFAULT_LIMITS,
    Limits,
    WorkshopRateLimited,
    accept_submission,
    board_groups,
    close_workshop,
    edit_submission,
    function_names,
    get_workshop,
    list_workshops,
    merge_submissions,
    open_workshop,
    parse_questions,
    reject_submission,
    submissions_frame,
    submit,
    summary_xlsx,
)
from s3atlas.workshop.limits import FormTooLarge
from s3atlas.workshop.qr import qr_svg
from s3atlas.workshop.workshops import DEFAULT_QUESTIONS, find_by_code, form_choices

__all__ = ["LIMITS", "join_url", "qr_svg", "router"]

router = APIRouter()
LIMITS: list[Limits] = [DEFAULT_LIMITS]
"""The limits participants' submissions get (a list so a test or a deployment can swap them)."""

_ACTIONS = ("accept", "reject", "edit", "merge")
_CLIENT_KEY = "ws_client"


def join_url(request: Request, code: str) -> str:
    """Return the URL participants open: this site's ``/w/{code}``."""
    return f"{str(request.base_url).rstrip('/')}/w/{code}"


def _editors_workshop(
    request: Request,
    region_code: str,
    workshop_id: str,
    _editor: Principal = Depends(require_editor),
) -> dict[str, Any]:
    """The workshop the path names, for an editor of its region (the facilitator's routes)."""
    return get_workshop(get_store(request), workshop_id, find_region(region_code).code)


EditorsWorkshop = Annotated[dict[str, Any], Depends(_editors_workshop)]


# --- the facilitator -----------------------------------------------------------------


@router.get("/region/{region_code}/workshops", name="workshops")
def workshops_page(
    request: Request, region_code: str, _editor: Principal = Depends(require_editor)
) -> Response:
    """The region's workshops and the form that opens a new one."""
    return _workshops(request, region_code)


def _workshops(
    request: Request,
    region_code: str,
    error: str | None = None,
    status: int = 200,
    form: FormData | None = None,
) -> Response:
    region = find_region(region_code)
    frame = list_workshops(get_store(request), region.code)
    return render(
        request,
        "workshops.html",
        status_code=status,
        region=region,
        workshops=frame.to_dict("records"),
        defaults=DEFAULT_QUESTIONS,
        error=error,
        form=form or {},
    )


@router.post("/region/{region_code}/workshops", name="workshop_open")
async def workshop_open(
    request: Request, region_code: str, editor: Principal = Depends(require_editor)
) -> Response:
    """Open a workshop; on to its facilitator page, or the form again with the reason."""
    form = await request.form()
    region = find_region(region_code)
    try:
        hours = _hours(form.get("hours"))
        questions = parse_questions(
            str(form.get("questions_sv") or ""), str(form.get("questions_en") or "")
        )
        created = open_workshop(
            get_store(request),
            region.code,
            str(form.get("title") or ""),
            user=editor.username,
            round_name=str(form.get("round") or "") or None,
            questions=questions,
            hours=hours,
        )
    except S3AtlasError as error:
        return _workshops(request, region.code, error.detail, error.status, form)
    return RedirectResponse(f"/region/{region.code}/workshop/{created['id']}", status_code=303)


def _hours(value: Any) -> float:
    text = str(value or "3").strip().replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise InputError(
            gettext("Give the hours as a number."), column="hours", value=text[:20]
        ) from None


def _board_values(request: Request, info: dict[str, Any]) -> dict[str, Any]:
    lang = language_of(request)
    store = get_store(request)
    frame = submissions_frame(store, info["id"])
    pending = frame[frame["status"] == "pending"]
    return {
        "workshop": info,
        "groups": board_groups(frame, lang, function_names(store, lang)),
        "counts": frame["status"].value_counts().to_dict(),
        "total": len(frame),
        "pending_ids": pending["id"].tolist(),
        "choices": form_choices(get_store(request), info["id"], lang),
        "kinds": kind_choices(lang),
    }


@router.get("/region/{region_code}/workshop/{workshop_id}", name="workshop_page")
def workshop_page(request: Request, info: EditorsWorkshop) -> Response:
    """The facilitator's page: join code, join URL, QR code and the live board."""
    return _facilitator(request, info)


def _facilitator(
    request: Request, info: dict[str, Any], error: str | None = None, status: int = 200
) -> Response:
    url = join_url(request, info["join_code"])
    return render(
        request,
        "workshop.html",
        status_code=status,
        region=find_region(info["region"]),
        join=url,
        qr=qr_svg(url),
        error=error,
        **_board_values(request, info),
    )


@router.get("/region/{region_code}/workshop/{workshop_id}/board", name="workshop_board")
def workshop_board(request: Request, info: EditorsWorkshop) -> Response:
    """The board alone (what htmx polls); a direct visit gets the whole facilitator's page."""
    if not request.headers.get("hx-request"):
        return _facilitator(request, info)
    return render(
        request, "partials/workshop_board.html", error=None, **_board_values(request, info)
    )


@router.post("/region/{region_code}/workshop/{workshop_id}/close", name="workshop_close")
def workshop_close(
    request: Request, info: EditorsWorkshop, editor: Principal = Depends(require_editor)
) -> Response:
    """Close the workshop now; its join code stops working."""
    close_workshop(get_store(request), info["id"], user=editor.username)
    return RedirectResponse(f"/region/{info['region']}/workshop/{info['id']}", status_code=303)


def _act(
    store: Any, info: dict[str, Any], sid: str, action: str, form: FormData, user: str
) -> None:
    wid = info["id"]
    if action == "accept":
        accept_submission(store, wid, sid, user=user, kind=str(form.get("kind") or "other"))
    elif action == "reject":
        reject_submission(store, wid, sid, user=user)
    elif action == "merge":
        merge_submissions(store, wid, str(form.get("into") or ""), sid, user=user)
    else:
        changes: dict[str, Any] = {
            name: form.get(name)
            for name in ("text", "function", "actor_name", "home_region", "borrowable")
            if name in form
        }
        changes["areas"] = form.getlist("areas")
        edit_submission(store, wid, sid, changes, user=user)


@router.post(
    "/region/{region_code}/workshop/{workshop_id}/submission/{submission_id}/{action}",
    name="workshop_act",
)
async def workshop_act(
    request: Request,
    info: EditorsWorkshop,
    submission_id: str,
    action: str,
    editor: Principal = Depends(require_editor),
) -> Response:
    """Accept, reject, edit or merge a submission; answer with the board (htmx) or the page."""
    form = await request.form()
    error = None
    status = 200
    try:
        if action not in _ACTIONS:
            raise InputError(gettext("Unknown action."), column="action", value=action[:20])
        _act(get_store(request), info, submission_id, action, form, editor.username)
    except S3AtlasError as caught:
        error, status = caught.detail, caught.status
    if request.headers.get("hx-request"):
        values = _board_values(request, info)
        return render(request, "partials/workshop_board.html", error=error, **values)
    if error:
        return _facilitator(request, info, error, status)
    return RedirectResponse(f"/region/{info['region']}/workshop/{info['id']}", status_code=303)


@router.get("/region/{region_code}/workshop/{workshop_id}/summary.xlsx", name="workshop_summary")
def workshop_summary(request: Request, info: EditorsWorkshop) -> Response:
    """The workshop summary (what was submitted, what was accepted) as Excel."""
    body = summary_xlsx(get_store(request), info["id"], language_of(request))
    name = download_name(f"workshop {info['title']}", "xlsx")
    return Response(
        body,
        media_type=MEDIA_TYPES["xlsx"],
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


# --- participants ----------------------------------------------------------------------


@router.get("/w", name="workshop_code")
def workshop_code(request: Request, code: str | None = None) -> Response:
    """Where a participant types the join code."""
    if code:
        cleaned = "".join(ch for ch in code.upper() if ch.isalnum())[:12]
        return RedirectResponse(f"/w/{cleaned}", status_code=303)
    return render(request, "workshop_code.html", error=None)


def _participant(
    request: Request,
    code: str,
    *,
    error: S3AtlasError | None = None,
    sent: bool = False,
    form: FormData | None = None,
) -> Response:
    store = get_store(request)
    with store.read() as session:
        workshop = find_by_code(session, code)
        wid, closes_at = workshop.id, workshop.closes_at
    info = get_workshop(store, wid)
    response = render(
        request,
        "workshop_join.html",
        status_code=error.status if error else 200,
        workshop=info,
        choices=form_choices(store, wid, language_of(request)),
        error=error,
        sent=sent,
        form=form or {},
        closes_at=closes_at,
        chosen=form.getlist("areas") if form else [],
    )
    if isinstance(error, WorkshopRateLimited):
        response.headers["retry-after"] = str(error.retry_after)
    response.headers["cache-control"] = "no-store"
    return response


@router.get("/w/{code}", name="workshop_join")
def workshop_join(request: Request, code: str, sent: int = 0) -> Response:
    """The participant's page: the questions and the form (no account needed)."""
    try:
        return _participant(request, code, sent=bool(sent))
    except S3AtlasError as error:
        return render(request, "workshop_code.html", status_code=error.status, error=error.detail)


def _client(request: Request) -> str:
    token = request.session.get(_CLIENT_KEY)
    if not token:
        token = request.session[_CLIENT_KEY] = secrets.token_urlsafe(16)
    return str(token)


@router.post("/w/{code}", name="workshop_submit")
async def workshop_submit(request: Request, code: str) -> Response:
    """Store the participant's submission; back to an empty form that says it was sent."""
    limits = LIMITS[0]
    size = request.headers.get("content-length", "")
    if is_whole_number(size, 2**62) and int(size) > limits.max_body:
        error = FormTooLarge(
            gettext("The form is too large; shorten the text and send again."), column="text"
        )
        return _participant(request, code, error=error)
    form = await request.form()
    values: dict[str, Any] = {k: form.get(k) for k in form if k != "areas"}
    values["areas"] = form.getlist("areas")
    address = request.client.host if request.client else "unknown"
    try:
        submit(
            get_store(request),
            code,
            values,
            client=_client(request),
            address=address,
            limits=limits,
        )
    except S3AtlasError as caught:
        try:
            return _participant(request, code, error=caught, form=form)
        except S3AtlasError as closed:
            return render(
                request, "workshop_code.html", status_code=closed.status, error=closed.detail
            )
    return RedirectResponse(f"/w/{code}?sent=1", status_code=303)
