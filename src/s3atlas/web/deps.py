"""FastAPI dependencies: the store, who is asking, and the permission checks of every view.

Use them in routes::

    @router.post("/region/{region_code}/actors", dependencies=[Depends(require_editor)])
    @router.get("/region/{region_code}")
    def page(region_code: str, user: Principal | None = Depends(require_region_reader)): ...

``require_editor``, ``require_region_reader`` (statistics: everyone) and
``require_map_reader`` (the ecosystem map: signed in, or the region published)
read ``region_code`` from the path (or the query string). When the region comes
from a form or JSON body, call :func:`check_editor` yourself; other parts go
through :func:`check_part`, the one publishing check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from s3atlas.accounts import (
    LoginLimiter,
    Principal,
    published_regions,
    session_principal,
)
from s3atlas.accounts.publishing import Part, hidden_regions, may_read
from s3atlas.classifications import counties, find_region
from s3atlas.errors import ClassificationError, NotFoundError, PermissionDenied
from s3atlas.i18n import gettext
from s3atlas.store import Store
from s3atlas.web.errors import NotAuthenticated, NotPublished
from s3atlas.web.i18n import language_of
from s3atlas.web.security import SESSION_KEY, csrf_token
from s3atlas.workspace import Workspace

__all__ = [
    "WebContext",
    "check_editor",
    "check_part",
    "current_user",
    "get_context",
    "get_store",
    "hidden_priority_lists",
    "is_published",
    "page_context",
    "published",
    "render",
    "require_admin",
    "require_editor",
    "require_map_reader",
    "require_region_reader",
    "require_user",
]


@dataclass
class WebContext:
    """What every request can reach: the workspace, its store, the templates, the login limiter."""

    workspace: Workspace
    store: Store
    templates: Jinja2Templates
    secure_cookies: bool = False
    limiter: LoginLimiter = field(init=False)

    def __post_init__(self) -> None:
        self.limiter = LoginLimiter(self.store)  # in the store: shared by every worker


def get_context(request: Request) -> WebContext:
    """Return the app's :class:`WebContext` (the same for pages and the mounted API)."""
    context: WebContext = request.app.state.context
    return context


def get_store(request: Request) -> Store:
    """Return the workspace store."""
    return get_context(request).store


def current_user(request: Request) -> Principal | None:
    """Return the signed-in user, or ``None`` for an anonymous visitor."""
    if "user" not in request.state._state:
        request.state.user = _session_user(request)
    user: Principal | None = request.state.user
    return user


def _session_user(request: Request) -> Principal | None:
    """The user of the cookie's server-side session, while that session lives."""
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str) or not token:
        return None
    return session_principal(get_store(request), token)


def published(request: Request) -> frozenset[str]:
    """Return the region codes anonymous visitors may read (once per request)."""
    if "published" not in request.state._state:
        request.state.published = published_regions(get_store(request))
    codes: frozenset[str] = request.state.published
    return codes


def is_published(request: Request, region_code: str) -> bool:
    """Return whether *region_code* is open to anonymous visitors."""
    return region_code in published(request)


def require_user(user: Principal | None = Depends(current_user)) -> Principal:
    """Refuse anonymous visitors (401; browsers are sent to the login page)."""
    if user is None:
        raise NotAuthenticated(gettext("Sign in to continue."))
    return user


def require_admin(user: Principal = Depends(require_user)) -> Principal:
    """Allow administrators only (403)."""
    if not user.is_admin:
        raise PermissionDenied(gettext("Only an administrator may do this."))
    return user


def check_editor(user: Principal | None, region_code: str) -> Principal:
    """Return *user* when it may edit *region_code*; raise 401/403 otherwise."""
    if user is None:
        raise NotAuthenticated(gettext("Sign in to continue."))
    code = find_region(region_code).code
    if not user.can_edit(code):
        raise PermissionDenied(
            gettext("You may not edit region {region}.", region=code), value=code
        )
    return user


def require_editor(region_code: str, user: Principal | None = Depends(current_user)) -> Principal:
    """Allow writes to ``region_code`` only by an admin or an editor of that region."""
    return check_editor(user, region_code)


def check_part(request: Request, region_code: str, part: Part | str) -> Principal | None:
    """The one publishing check: return who asks, or refuse with "not published" (403).

    What each part holds and who reads it is :mod:`s3atlas.accounts.publishing`.
    """
    try:
        region = find_region(region_code)
    except ClassificationError as error:  # a path to no region is a page that is not there
        raise NotFoundError(error.detail, value=region_code) from None
    user = current_user(request)
    if not may_read(user, region.code, part, published(request)):
        raise NotPublished(
            gettext(
                "{region} has not published its ecosystem map yet. Ask the region's "
                "team for smart specialisation when it will be.",
                region=region.name,
            )
            if Part(part) is Part.ECOSYSTEM_MAP
            else gettext("{region} has not published this yet.", region=region.name),
        )  # no value: the region is named in the sentence, and nothing the reader typed is wrong
    return user


def require_region_reader(request: Request, region_code: str) -> Principal | None:
    """Allow reading the statistics of ``region_code``: public for every region."""
    return check_part(request, region_code, Part.STATISTICS)


def require_map_reader(request: Request, region_code: str) -> Principal | None:
    """Allow reading the ecosystem map of ``region_code``: signed-in users, or when published."""
    return check_part(request, region_code, Part.ECOSYSTEM_MAP)


def hidden_priority_lists(request: Request) -> frozenset[str]:
    """Return the regions whose stored priority list the visitor may not read yet."""
    codes = [str(c) for c in counties().county_code]
    return hidden_regions(current_user(request), codes, Part.PRIORITY_LIST, published(request))


def page_context(request: Request, **values: Any) -> dict[str, Any]:
    """Return the template context every page gets: user, CSRF token, language, plus *values*."""
    return {
        "request": request,
        "user": current_user(request),
        "csrf_token": csrf_token(request),
        "lang": language_of(request),
        **values,
    }


def render(request: Request, template: str, status_code: int = 200, **values: Any) -> Response:
    """Render *template* with :func:`page_context`."""
    templates = get_context(request).templates
    return templates.TemplateResponse(
        request, template, page_context(request, **values), status_code=status_code
    )


TEMPLATES_DIR = Path(__file__).parent / "templates"
