"""Memoised results of the core, shared by the web pages, the report and the static site.

What people are shown is a pure function of its inputs: the bundled datasets
never change, and stored data change only through audited edits, which move
the one data fingerprint (:func:`s3atlas.store.data_fingerprint`). So the
analyses and chart specs behind a page or a report (tens to hundreds of
milliseconds each) are kept in a bounded LRU keyed by their inputs and, for
stored data, by that fingerprint.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from s3atlas.memo import Memo

__all__ = ["forget_memoised", "memoised"]

T = TypeVar("T")
_MAX_ENTRIES = 512
_PAGES = Memo(_MAX_ENTRIES)


def memoised(key: Hashable, compute: Callable[[], T]) -> T:
    """Return the value cached under *key*, computing and keeping it on a miss.

    >>> memoised(("doc", 1), lambda: 42), memoised(("doc", 1), lambda: 0)
    (42, 42)
    """
    return _PAGES.get(key, compute)


def forget_memoised() -> None:
    """Drop every memoised value (the next request computes afresh)."""
    _PAGES.clear()
