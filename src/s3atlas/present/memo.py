"""Memoised results of the core, shared by the web pages, the report and the static site.

What people are shown is a pure function of its inputs: the bundled datasets
never change, and stored data change only through audited edits, which move
the one data fingerprint (:func:`s3atlas.store.data_fingerprint`). So the
analyses and chart specs behind a page or a report (tens to hundreds of
milliseconds each) are kept in a bounded LRU keyed by their inputs and, for
stored data, by that fingerprint.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["forget_memoised", "memoised"]

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
