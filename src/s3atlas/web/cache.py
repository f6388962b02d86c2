"""The data fingerprint a request saw, read once per request.

Page data are memoised by :func:`s3atlas.present.memo.memoised`, keyed by
their inputs and, for stored data, by the one data fingerprint
(:func:`s3atlas.store.data_fingerprint`), which moves with every edit. A
request reads it once (:func:`request_fingerprint`); the page cache, which
reads it first, leaves it in the request's state.
"""

from __future__ import annotations

from starlette.requests import Request

from s3atlas.store import Store, data_fingerprint
from s3atlas.store.fingerprint import Fingerprint

__all__ = ["FINGERPRINT_STATE", "request_fingerprint"]

FINGERPRINT_STATE = "s3atlas.data_fingerprint"
"""Where a request keeps the fingerprint it read (``scope["state"]``)."""


def request_fingerprint(request: Request, store: Store) -> Fingerprint:
    """Return the data fingerprint of *store* as this request saw it (read once per request)."""
    state = request.state._state
    if FINGERPRINT_STATE not in state:
        state[FINGERPRINT_STATE] = data_fingerprint(store)
    found: Fingerprint = state[FINGERPRINT_STATE]
    return found
