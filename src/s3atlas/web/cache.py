"""Memoised page data.

Pages are pure functions of their inputs: the bundled datasets never change,
and the ecosystem map changes only through audited edits and round changes.
So a page's computations (analyses and Altair chart specs, which cost tens to
hundreds of milliseconds) are kept in a bounded LRU, keyed by their inputs and,
for stored data, by the one data fingerprint
(:func:`s3atlas.store.data_fingerprint`), which moves with every edit. A
request reads it once (:func:`request_fingerprint`); the page cache, which
reads it first, leaves it in the request's state.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from starlette.requests import Request

from s3atlas.store import Store, data_fingerprint
from s3atlas.store.fingerprint import Fingerprint

__all__ = ["FINGERPRINT_STATE", "forget_memoised", "memoised", "request_fingerprint"]

FINGERPRINT_STATE = "s3atlas.data_fingerprint"
"""Where a request keeps the fingerprint it read (``scope["state"]``)."""

T = TypeVar("T")
_MAX_ENTRIES = 512
_entries: OrderedDict[Hashable, Any] = OrderedDict()
_lock = threading.Lock()


def memoised(key: Hashable, compute: Callable[[], T]) -> T:
    """Return the value cached under *key*, computing and keeping it on a miss.

    >>> memoised(("doc", 1), lambda: 42), memoised(("doc", 1), lambda: 0)
    (42, 42)
    """
    with _lock:
        if key in _entries:
            _entries.move_to_end(key)
            cached: T = _entries[key]
            return cached
    value = compute()
    with _lock:
        _entries[key] = value
        while len(_entries) > _MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def forget_memoised() -> None:
    """Drop every memoised value (the next request computes afresh)."""
    with _lock:
        _entries.clear()


def request_fingerprint(request: Request, store: Store) -> Fingerprint:
    """Return the data fingerprint of *store* as this request saw it (read once per request)."""
    state = request.state._state
    if FINGERPRINT_STATE not in state:
        state[FINGERPRINT_STATE] = data_fingerprint(store)
    found: Fingerprint = state[FINGERPRINT_STATE]
    return found
