"""The request's language and the translation helpers of the templates.

The language is Swedish unless the visitor chose English: ``?lang=en`` on
any URL switches it and remembers the choice in the ``s3atlas_lang`` cookie.
Templates get ``_("English text", name=value)`` (via :func:`s3atlas.i18n.gettext`,
catalogue ``locale/sv/LC_MESSAGES/web.po``) and the filters ``number``,
``percent`` and ``date`` that format by locale (``2,3`` in Swedish).
"""

from __future__ import annotations

from datetime import date, datetime
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from starlette.datastructures import URL
from starlette.requests import Request
from starlette.types import Message, Receive, Scope, Send

from s3atlas.i18n import (
    LANGUAGES,
    format_date,
    format_number,
    format_percent_value,
    gettext,
    set_language,
)
from s3atlas.web.middleware import HttpMiddleware

__all__ = ["LANG_COOKIE", "LanguageMiddleware", "install_jinja", "language_of", "language_url"]

LANG_COOKIE = "s3atlas_lang"
DEFAULT_LANGUAGE = "sv"


def _pick(scope: Scope) -> tuple[str, bool]:
    """Return (language, chosen in the query string now)."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    asked = (query.get("lang") or [""])[0].lower()
    if asked in LANGUAGES:
        return asked, True
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            cookie: SimpleCookie = SimpleCookie()
            try:
                cookie.load(value.decode("latin-1"))
            except Exception:  # noqa: BLE001 - a malformed cookie header is the visitor's problem
                continue
            if LANG_COOKIE in cookie and cookie[LANG_COOKIE].value in LANGUAGES:
                return cookie[LANG_COOKIE].value, False
    return DEFAULT_LANGUAGE, False


class LanguageMiddleware(HttpMiddleware):
    """Set the language of every request (``scope["state"]["lang"]`` and the i18n context)."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        lang, chosen = _pick(scope)
        scope.setdefault("state", {})["lang"] = lang
        set_language(lang)

        async def remember(message: Message) -> None:
            if chosen and message["type"] == "http.response.start":
                cookie = f"{LANG_COOKIE}={lang}; Path=/; Max-Age=31536000; SameSite=Lax"
                message.setdefault("headers", []).append((b"set-cookie", cookie.encode()))
            await send(message)

        await self.app(scope, receive, remember)


def language_of(request: Request) -> str:
    """Return the language of *request* (``"sv"`` or ``"en"``)."""
    return str(getattr(request.state, "lang", DEFAULT_LANGUAGE))


def language_url(request: Request, lang: str) -> str:
    """Return the current page's path and query with ``lang`` set to *lang*."""
    url = URL(str(request.url)).include_query_params(lang=lang)
    return url.path + ("?" + url.query if url.query else "")


def _context_language(ctx: Context) -> str:
    request = ctx.get("request")
    return language_of(request) if request is not None else DEFAULT_LANGUAGE


@pass_context
def _translate(ctx: Context, msgid: str, **values: Any) -> str:
    return gettext(msgid, lang=_context_language(ctx), **values)


@pass_context
def _number(ctx: Context, value: Any, decimals: int = 0) -> str:
    return format_number(value, decimals, lang=_context_language(ctx))


@pass_context
def _percent(ctx: Context, value: Any, decimals: int = 0) -> str:
    return format_percent_value(value, decimals, lang=_context_language(ctx))


@pass_context
def _lq(ctx: Context, value: Any) -> str:
    from s3atlas.analysis.composite import lq_text

    return lq_text(float(value), _context_language(ctx)) if value is not None else "–"


@pass_context
def _signed(ctx: Context, value: Any) -> str:
    from s3atlas.analysis.composite import signed_percent

    return signed_percent(float(value), _context_language(ctx)) if value is not None else "–"


@pass_context
def _date(ctx: Context, value: date | datetime | None) -> str:
    return format_date(value, lang=_context_language(ctx)) if value is not None else "–"


def install_jinja(env: Environment) -> None:
    """Add ``_``, ``language_url`` and the number/percent/date/lq/signed filters to *env*."""
    env.globals["_"] = _translate
    env.globals["language_url"] = language_url
    env.globals["LANGUAGES"] = LANGUAGES
    env.filters["number"] = _number
    env.filters["percent"] = _percent
    env.filters["date"] = _date
    env.filters["lq"] = _lq
    env.filters["signed"] = _signed
