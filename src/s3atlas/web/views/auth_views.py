"""Sign in, sign out and the account page (with the publish switch of the regions one edits)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse, Response

from s3atlas.accounts import (
    Principal,
    authenticate,
    end_session,
    set_published,
    start_session,
)
from s3atlas.classifications import counties
from s3atlas.i18n import gettext
from s3atlas.web.deps import get_context, published, render, require_editor, require_user
from s3atlas.web.page_cache import shared_page
from s3atlas.web.security import SESSION_KEY, TooManyRequests, csrf_token

__all__ = ["router", "safe_next"]

router = APIRouter()


def safe_next(target: str | None) -> str:
    """Return *target* when it is a path on this site, else ``/`` (no open redirects).

    >>> safe_next("/region/24"), safe_next("//evil.example"), safe_next("https://evil.example")
    ('/region/24', '/', '/')
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _client(request: Request, username: str) -> str:
    host = request.client.host if request.client else "unknown"
    return f"{host}|{username.strip().lower()}"


def _end(request: Request) -> None:
    token = request.session.get(SESSION_KEY)
    if isinstance(token, str) and token:
        end_session(get_context(request).store, token)


@router.get("/login", name="login", dependencies=[Depends(shared_page)])
def login_page(request: Request, next: str = "/") -> Response:
    """The sign-in form."""
    return render(request, "login.html", next=safe_next(next), username="", failed=False)


@router.post("/login")
def login(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    next: str = Form("/"),
) -> Response:
    """Check the password; at most 5 failures per 5 minutes per client and user name (then 429)."""
    context = get_context(request)
    key = _client(request, username)
    wait = context.limiter.reserve(key)  # counted before the check: concurrency cannot beat it
    if wait:
        raise TooManyRequests(
            gettext("Too many failed sign-ins. Try again in {seconds} seconds.", seconds=wait),
            retry_after=wait,
        )
    user = authenticate(context.store, username, password) if username and password else None
    if user is None:
        return render(
            request,
            "login.html",
            status_code=401,
            next=safe_next(next),
            username=username,
            failed=True,
        )
    context.limiter.reset(key)
    _end(request)
    request.session.clear()  # a fresh session (and CSRF token) after sign-in: no session fixation
    request.session[SESSION_KEY] = start_session(context.store, user.id)
    csrf_token(request)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout", name="logout")
def logout(request: Request) -> Response:
    """Sign out: the server-side session ends, so a saved copy of the cookie is worthless."""
    _end(request)
    request.session.clear()
    return RedirectResponse("/", status_code=303)


@router.get("/account", name="account")
def account_page(request: Request, user: Principal = Depends(require_user)) -> Response:
    """Who you are, what you may edit, and which of your regions are open to everyone."""
    open_regions = published(request)
    regions = [
        {"code": r.county_code, "name": r.name, "published": r.county_code in open_regions}
        for r in counties().itertuples(index=False)
        if user.can_edit(str(r.county_code))
    ]
    return render(request, "account.html", regions=regions)


@router.post("/account/regions/{region_code}/published", dependencies=[Depends(require_editor)])
def toggle_published(
    request: Request,
    region_code: str,
    published_value: str = Form("0", alias="published"),
) -> Response:
    """Open a region to anonymous visitors (or close it): admins and the region's editors."""
    set_published(get_context(request).store, region_code, published_value == "1")
    return RedirectResponse("/account", status_code=303)
