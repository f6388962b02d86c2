"""Borrowable capacity across regions: the national page and its API route.

Only published maps contribute (the publishing check of :mod:`s3atlas.web.deps`),
for every visitor alike, so the page shows nothing a visitor could not read.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from fastapi import APIRouter, Request
from starlette.responses import Response

from s3atlas.ecosystem.analysis.borrowing import (
    borrow_candidates,
    borrowable_offers,
    published_maps,
)
from s3atlas.ecosystem.labels import borrow_in_words
from s3atlas.ecosystem.store.vocabulary import vocabulary_frame
from s3atlas.io.jsonable import records
from s3atlas.priorities.themes import theme_name
from s3atlas.web.deps import get_store, published, render
from s3atlas.web.i18n import language_of

__all__ = ["api_router", "borrowing_tables", "router"]

router = APIRouter()
api_router = APIRouter()


def borrowing_tables(request: Request) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (offers, candidates) from the published regions' latest rounds."""
    maps = published_maps(get_store(request), published(request))
    return borrowable_offers(maps), borrow_candidates(maps)


@router.get("/borrowable", name="borrowable_page")
def borrowable_page(request: Request) -> Response:
    """Which system-unique functions regions offer to share, and who could borrow them."""
    lang = language_of(request)
    offers, candidates = borrowing_tables(request)
    with get_store(request).read() as session:
        functions = vocabulary_frame(session, "function")
    offers = borrow_in_words(offers, functions, lang)
    candidates = borrow_in_words(candidates, functions, lang)
    offers = offers.assign(
        theme_names=[", ".join(theme_name(t, lang) for t in ts) for ts in offers.themes]
    )
    candidates = candidates.assign(theme_name=[theme_name(t, lang) for t in candidates.theme])
    return render(
        request,
        "borrowable.html",
        offers=records(offers),
        candidates=records(candidates),
    )


@api_router.get(
    "/ecosystem/borrowable",
    summary="System-unique functions regions offer to share and candidate borrowing regions",
)
def borrowable_api(request: Request) -> dict[str, Any]:
    offers, candidates = borrowing_tables(request)
    return {"offers": records(offers), "candidates": records(candidates)}
