"""One error shape for the whole web app.

Every error — ours (:class:`~s3atlas.errors.S3AtlasError`) and the
framework's (404 unknown route, 405 wrong method, 422 invalid parameters) —
becomes :meth:`S3AtlasError.to_dict` with its HTTP status::

    {"error": "not_found", "message": "...", "detail": "...", ...location}

JSON for ``/api`` and for clients that do not ask for HTML; an HTML page
(``error.html``) for browsers. Anonymous browsers that need to sign in are
sent to the login page instead.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from s3atlas.errors import InputError, S3AtlasError
from s3atlas.i18n import gettext
from s3atlas.web.i18n import language_of
from s3atlas.web.security import TooManyRequests

__all__ = [
    "HTTPError",
    "NotAuthenticated",
    "NotPublished",
    "error_response",
    "install_error_handlers",
    "page_text",
]

log = logging.getLogger("s3atlas.web")

_CODES = {404: "not_found", 405: "method_not_allowed", 401: "unauthenticated", 403: "forbidden"}
_TITLES = {
    401: "Sign in to continue",
    403: "You may not do this",
    404: "Page not found",
    405: "Not allowed here",
    409: "Conflict",
    422: "Something in the input is wrong",
    429: "Too many attempts",
    500: "Something went wrong on our side",
}


class NotAuthenticated(S3AtlasError):
    """The request needs a signed-in user."""

    status = 401
    code = "unauthenticated"


class NotPublished(S3AtlasError):
    """A part of a region that its people have not published yet (see s3atlas.accounts.publishing).

    Shown to visitors as a plain statement of fact with a way to sign in, never as a bare
    login form.
    """

    status = 403
    code = "not_published"


class HTTPError(S3AtlasError):
    """A framework error (unknown route, wrong method …) in the one error shape."""

    def __init__(
        self, status: int, message: str, code: str | None = None, *, value: object = None
    ) -> None:
        super().__init__(message, value=value)
        self.status = status
        self.code = code or _CODES.get(status, "http_error")


def internal_error() -> HTTPError:
    """The error a person sees when the server itself failed (the cause is logged)."""
    return HTTPError(
        500,
        gettext("Something went wrong on our side. It has been logged; please try again later."),
        "internal",
    )


def _sentence(text: str) -> str:
    """*text* as a sentence: a capital first letter and a full stop.

    >>> _sentence("okänd region")
    'Okänd region.'
    """
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."


def page_text(error: S3AtlasError) -> list[str]:
    """What the HTML error page says, in the active language, without code names.

    The reason comes first as a sentence. Where the problem is follows only in words a
    person knows: their own file, its row and column, and the value they gave. Names of
    request parameters and fields (``query.limit``) are left out; the JSON answer keeps them.

    >>> from s3atlas.errors import NotFoundError
    >>> from s3atlas.i18n import use_language
    >>> with use_language("en"):
    ...     page_text(NotFoundError("unknown region", value="999"))
    ['Unknown region.', 'You gave: 999']
    """
    lines = [_sentence(error.detail)]
    if error.file is not None:
        lines.append(error.location())
    elif error.value is not None and error.status in (404, 422):  # what they typed or sent
        lines.append(gettext("You gave: {value}", value=str(error.value)[:80]))
    return lines


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith("/api"):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, error: S3AtlasError) -> Response:
    """Answer *error* as JSON (API, scripts) or as the HTML error page (browsers)."""
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, TooManyRequests) else {}
    if not _wants_html(request):
        return JSONResponse(error.to_dict(), status_code=error.status, headers=headers)
    if isinstance(error, NotAuthenticated) and request.method == "GET":
        target = request.url.path + ("?" + request.url.query if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    from s3atlas.web.deps import get_context, page_context  # deps imports this module

    lang = language_of(request)
    try:
        context = page_context(
            request,
            title=gettext(
                "Not published yet"
                if isinstance(error, NotPublished)
                else _TITLES.get(error.status, "Something went wrong"),
                lang=lang,
            ),
            error=error.to_dict(),
            lines=page_text(error),
            status=error.status,
        )
    except Exception:  # noqa: BLE001 - the store itself may be what failed: render without the user
        context = {
            "request": request,
            "user": None,
            "csrf_token": "",
            "lang": lang,
            "title": gettext("Something went wrong", lang=lang),
            "error": error.to_dict(),
            "lines": page_text(error),
            "status": error.status,
        }
    templates = get_context(request).templates
    return templates.TemplateResponse(
        request, "error.html", context, status_code=error.status, headers=headers
    )


async def _ours(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, S3AtlasError)
    return error_response(request, exc)


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400:  # the framework could not read the body: bad input, 422
        unreadable = InputError(gettext("The request body could not be read."), column="body")
        return error_response(request, unreadable)
    if exc.status_code == 404:
        error = HTTPError(404, gettext("There is no page at {path}.", path=request.url.path))
    elif exc.status_code == 405:
        error = HTTPError(405, gettext("This address does not take that kind of request."))
    else:
        title = _TITLES.get(exc.status_code, "Something went wrong")
        error = HTTPError(exc.status_code, gettext(title))
    response = error_response(request, error)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


async def _validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
    where = ".".join(str(part) for part in first.get("loc", ()))
    error = InputError(
        gettext("This value is not valid here."),
        column=where or None,
        value=None if first.get("input") is None else str(first.get("input"))[:80],
    )
    return error_response(request, error)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, internal_error())


def install_error_handlers(app: FastAPI) -> None:
    """Register the one-shape handlers on *app* (and on a mounted API sub-app)."""
    app.add_exception_handler(S3AtlasError, _ours)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(Exception, _unexpected)
