"""Warm a served worker's caches before its first visitors arrive.

Each worker process keeps its own caches, and the first render of the costly
pages (the national priorities overview computes for about a second and a half)
would otherwise fall on whichever visitor reaches a cold worker first. When
the app is served, :func:`warming` asks for those pages in-process, in a thread
of its own, in both languages, so that what they compute is kept before anyone
waits for it. The pages are asked for as an anonymous visitor.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any

import httpx

__all__ = ["WARM_PAGES", "warm", "warming"]

WARM_PAGES = ("/", "/priorities")
"""The pages whose first render is costly and the same for every region's visitors."""

log = logging.getLogger("s3atlas.web")


async def _visit(app: Any, pages: Sequence[str]) -> list[int]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://warm-up") as client:
        statuses = []
        for lang in ("sv", "en"):
            for page in pages:
                reply = await client.get(page, params={"lang": lang})
                statuses.append(reply.status_code)
        return statuses


def warm(app: Any, pages: Sequence[str] = WARM_PAGES) -> list[int]:
    """Ask *app* for every page in *pages* in Swedish and English; return the statuses.

    The pages are asked for from an event loop in a thread of its own, so this works
    whatever loop the calling thread runs.
    """
    try:
        with ThreadPoolExecutor(1, thread_name_prefix="s3atlas-warm-loop") as pool:
            return pool.submit(asyncio.run, _visit(app, pages)).result()
    except Exception:  # a failed warm-up must never stop the server; visitors still get pages
        log.exception("warming the caches failed")
        return []


@asynccontextmanager
async def warming(app: Any) -> AsyncIterator[None]:
    """Lifespan of a served app: start :func:`warm` in a daemon thread, then serve."""
    thread = threading.Thread(target=warm, args=(app, WARM_PAGES), name="s3atlas-warm-up")
    thread.daemon = True
    thread.start()
    yield
