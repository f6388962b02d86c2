"""Sessions, CSRF protection, login rate limiting and security headers.

* **Session**: Starlette's ``SessionMiddleware`` — a JSON payload signed with
  ``itsdangerous`` in an HTTP-only, ``SameSite=Lax`` cookie (``Secure`` when
  the app is served beyond the loopback interface). The key comes from
  ``S3ATLAS_SECRET_KEY`` or a random file ``web-secret`` (mode 0600) in the
  workspace. The cookie carries only the token of a server-side session
  (``SESSION_KEY``, :mod:`s3atlas.accounts.sessions`), so signing out, a new
  password and a new role end it for good.
* **CSRF**: a random token bound to the session (synchronizer token). Every
  unsafe request (POST, PUT, PATCH, DELETE) must echo it, in the form field
  ``csrf_token`` or the ``X-CSRF-Token`` header (htmx sends the header from
  ``hx-headers`` in ``base.html``); otherwise 403.
* **Rate limiting**: at most 5 failed logins per 5 minutes per client IP and
  user name; the sixth attempt gets 429 with ``Retry-After``. The count lives in
  the store and is taken atomically (:mod:`s3atlas.accounts.attempts`), so it
  holds under concurrent requests and across ``s3atlas serve --workers N``.
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

from starlette.requests import Request
from starlette.types import Message, Receive, Scope, Send

from s3atlas.errors import PermissionDenied, S3AtlasError
from s3atlas.i18n import gettext
from s3atlas.web.middleware import HttpMiddleware

__all__ = [
    "CSRF_FIELD",
    "CSRF_HEADER",
    "SESSION_KEY",
    "CSRFError",
    "SecurityHeadersMiddleware",
    "TooManyRequests",
    "check_csrf",
    "csrf_token",
    "load_secret_key",
]

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
SECRET_ENV = "S3ATLAS_SECRET_KEY"
SESSION_KEY = "sid"
"""The cookie's field holding the server-side session token."""


class CSRFError(PermissionDenied):
    """A form or API write came without the session's CSRF token."""

    code = "csrf_failed"


class TooManyRequests(S3AtlasError):
    """Too many failed attempts; try again later."""

    status = 429
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def load_secret_key(folder: Path) -> str:
    """Return the session signing key.

    ``S3ATLAS_SECRET_KEY`` or else ``folder/web-secret`` (created with mode 0600).
    """
    if os.environ.get(SECRET_ENV):
        return os.environ[SECRET_ENV]
    path = folder / "web-secret"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def csrf_token(request: Request) -> str:
    """Return the session's CSRF token, creating it on first use."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


async def check_csrf(request: Request) -> None:
    """Refuse an unsafe request whose CSRF token does not match the session's (403)."""
    if request.method in SAFE_METHODS:
        return
    expected = request.session.get("csrf")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not expected or not sent or not hmac.compare_digest(str(expected), sent):
        raise CSRFError(
            gettext(
                "The form has expired or did not come from this site; "
                "reload the page and try again."
            )
        )


class SecurityHeadersMiddleware(HttpMiddleware):
    """Add conservative security headers to every HTTP response.

    The content security policy allows scripts only from this site (Vega
    compiles expressions with ``new Function``, hence ``'unsafe-eval'``):
    chart specs travel in ``<script type="application/json">`` blocks and
    ``static/js/app.js`` renders them.
    """

    CSP = (
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
        "form-action 'self'"
    )

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                names = {name.lower() for name, _ in headers}
                for name, value in (
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),
                    (b"content-security-policy", self.CSP.encode()),
                ):
                    if name not in names:
                        headers.append((name, value))
            await send(message)

        await self.app(scope, receive, send_with_headers)
