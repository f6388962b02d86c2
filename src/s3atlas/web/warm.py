"""Warm a served worker's caches before it accepts its first visitor.

Each worker process keeps its own caches, and the first render of the costly
pages (the national priorities overview computes for about a second and a half,
a region's page, its strength areas and its monitoring for a few hundred
milliseconds each) would otherwise fall on whichever visitor reaches a cold
worker first — and hold up every visitor that worker serves meanwhile. When the
app is served, :func:`warming` asks for the pages visitors open first
(:func:`warm_pages`), in both languages, as an anonymous visitor, *before* the
worker accepts connections: nothing competes with the warm-up (warming in a
thread beside the visitors made their waits longer), and a worker that is still
warming leaves the connections to the workers that are ready.

The warm-up stops after :data:`WARM_SECONDS`; pages left are computed on their
first visit. It prints what it does, since it takes seconds.

What the worker holds then (the libraries, the app, the kept pages and tables:
some 360 000 objects) lives as long as the worker, so :func:`_settle` moves it
out of the garbage collector's sight: a full collection walked all of it
(170 ms) and fell at random on a visitor's request.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import sys
import time
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any

import httpx
from starlette.types import Message

from s3atlas.accounts import Principal, published_regions
from s3atlas.errors import S3AtlasError
from s3atlas.i18n import current_language, format_number, gettext, set_language
from s3atlas.store import Store
from s3atlas.web.i18n import LANG_COOKIE
from s3atlas.web.page_cache import PageCacheMiddleware

__all__ = [
    "NATIONAL_PAGES",
    "REGION_PAGES",
    "WARM_SECONDS",
    "warm",
    "warm_app",
    "warm_pages",
    "warming",
]

NATIONAL_PAGES = ("/", "/priorities", "/scoreboard")
"""The pages of the whole country, the same for every region's visitors."""

REGION_PAGES = ("/region/{code}", "/region/{code}/monitoring", "/region/{code}/clusters")
"""The pages of a published region that its visitors open first."""

WARM_SECONDS = 90.0
"""The most a worker spends warming before it accepts visitors."""

_LANGUAGES = ("sv", "en")
_PROGRESS_SECONDS = 5.0
log = logging.getLogger("s3atlas.web")


def _map_pages(store: Store, code: str) -> list[str]:
    """The region's strength areas (as its page links them) and its first actor's page."""
    from s3atlas.ecosystem.store.queries import build_snapshot

    try:
        snapshot = build_snapshot(store, code)
    except S3AtlasError:  # no mapping round: the region page says so
        return []
    pages = [f"/region/{code}/area/{area}" for area in snapshot.areas.area_id]
    actors = list(snapshot.actors.actor_id)
    return [*pages, f"/region/{code}/actor/{actors[0]}"] if actors else pages


def warm_pages(store: Store) -> list[str]:
    """Return the pages to warm, most visited first: the national pages, then each published
    region's pages, then their strength areas and an actor page (which computes what every
    actor page of the region shares), then the national map of each other indicator.

    >>> from s3atlas.store import Store
    >>> warm_pages(Store("sqlite://").migrate())[:4]
    ['/', '/priorities', '/scoreboard', '/?indicator=manufacturing_share']
    """
    codes = sorted(published_regions(store))
    pages = list(NATIONAL_PAGES)
    pages += [page.format(code=code) for code in codes for page in REGION_PAGES]
    pages += [page for code in codes for page in _map_pages(store, code)]
    return pages + _indicator_maps()


def _indicator_maps() -> list[str]:
    """The national page with its map of each other indicator (the choice on that page)."""
    from s3atlas.analysis.national import DEFAULT_INDICATOR, INDICATORS

    return [f"/?indicator={key}" for key in INDICATORS if key != DEFAULT_INDICATOR]


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


async def warm_app(
    app: Any,
    pages: Sequence[str],
    *,
    seconds: float | None = None,
    say: Callable[[str], None] | None = None,
) -> list[int]:
    """Ask *app* for each of *pages* in Swedish and English; return the statuses.

    Each page is asked for as an anonymous visitor (and kept in the page cache), then as a
    signed-in reader (:func:`_visit_signed_in`: what signed-in users share is computed, no
    page is kept). Starts no page after *seconds* (default: no limit) but the first; *say* is
    told the progress, in the language of the caller. The pages are asked for in a task of
    their own, so the language each request sets does not leak into the caller.
    """
    return await asyncio.create_task(_visit(app, pages, seconds, say, current_language()))


async def _visit(
    app: Any,
    pages: Sequence[str],
    seconds: float | None,
    say: Callable[[str], None] | None,
    lang: str,
) -> list[int]:
    started = time.monotonic()
    shown = started
    statuses: list[int] = []
    transport = httpx.ASGITransport(app=app)
    browser = {"accept": "text/html"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://warm-up", headers=browser
    ) as client:
        for done, page in enumerate(pages):
            now = time.monotonic()
            if seconds is not None and done and now - started > seconds:
                break
            if say is not None and now - shown > _PROGRESS_SECONDS:
                shown = now
                say(gettext("… {done} of {total} pages", lang, done=done, total=len(pages)))
            for language in _LANGUAGES:  # as a visitor who chose it: the URL as linked
                client.cookies.set(LANG_COOKIE, language)
                reply = await client.get(page)
                statuses.append(reply.status_code)
                await _visit_signed_in(app, page, language)
    return statuses


_READER = Principal(0, "", "viewer")
"""Any signed-in user: reads every region's priority list and map, edits nothing."""


def _below_page_cache(app: Any) -> Any:
    layer = app.middleware_stack
    while not isinstance(layer, PageCacheMiddleware):
        layer = layer.app
    return layer.app


async def _visit_signed_in(app: Any, page: str, lang: str) -> int:
    """Ask the views under the page cache for *page* as :data:`_READER` (in no store session);
    return the status.

    Signed-in users see what anonymous visitors may not (the lists of unpublished regions), so
    pages computed for them are their own; asking below the page cache keeps no page for a
    user who does not exist.
    """
    path, _, query = page.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "server": ("warm-up", 80),
        "client": ("127.0.0.1", 0),
        "root_path": "",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": [(b"host", b"warm-up"), (b"accept", b"text/html")],
        "app": app,
        "session": {},
        "state": {"lang": lang, "user": _READER},
    }
    answer: dict[str, int] = {}

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = int(message["status"])

    set_language(lang)
    try:
        await _below_page_cache(app)(scope, receive, send)
    except Exception:  # an error page for this visitor: visitors still get it rendered
        log.exception("warming %s for signed-in users failed", page)
        return 500
    return answer.get("status", 500)


def warm(app: Any, pages: Sequence[str], seconds: float | None = None) -> list[int]:
    """Synchronous :func:`warm_app`, from an event loop in a thread of its own (whatever loop
    the calling thread runs)."""
    with ThreadPoolExecutor(1, thread_name_prefix="s3atlas-warm-loop") as pool:
        return pool.submit(asyncio.run, warm_app(app, pages, seconds=seconds)).result()


def _report(pages: int, statuses: list[int], seconds: float, lang: str) -> str:
    """The warm-up's last line: how long it took and how many pages it left."""
    left = pages - len(statuses) // len(_LANGUAGES)
    took = format_number(seconds, 1, lang)
    if left:
        return gettext(
            "Pages ready in {seconds} s; {left} more are prepared on their first visit.",
            lang,
            seconds=took,
            left=left,
        )
    return gettext("Pages ready in {seconds} s.", lang, seconds=took)


@asynccontextmanager
async def warming(app: Any) -> AsyncIterator[None]:
    """Lifespan of a served app: warm :func:`warm_pages` (at most :data:`WARM_SECONDS`), then
    serve. A failed warm-up never stops the server: visitors still get every page."""
    started, lang = time.monotonic(), current_language()
    try:
        pages = warm_pages(app.state.context.store)
        _say(
            gettext(
                "Preparing the pages visitors open first ({n}, in Swedish and English)…",
                lang,
                n=len(pages),
            )
        )
        statuses = await warm_app(app, pages, seconds=WARM_SECONDS, say=_say)
        _say(_report(len(pages), statuses, time.monotonic() - started, lang))
    except Exception:  # the pages are then computed on their first visit
        log.exception("warming the caches failed")
    _settle()
    yield


def _settle() -> None:
    """Collect the warm-up's garbage, then leave what is left out of later collections."""
    gc.collect()
    gc.freeze()
