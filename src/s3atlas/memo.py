"""Bounded, thread-safe memos of computed values: one kind for page data and chart drawings.

The least recently used entry goes first when a memo is full (``cachetools.LRUCache``);
a lock makes a memo safe to share between the threads that serve requests.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeVar

from cachetools import LRUCache

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Memo", "content_key"]

T = TypeVar("T")


class Memo:
    """Values kept by key, at most *maxsize* of them.

    >>> memo = Memo(2)
    >>> memo.get("a", lambda: 1), memo.get("a", lambda: 2)
    (1, 1)
    >>> _ = memo.get("b", lambda: 3), memo.get("c", lambda: 4)  # "a" is the oldest: it goes
    >>> len(memo), memo.get("a", lambda: 5)
    (2, 5)
    """

    def __init__(self, maxsize: int) -> None:
        self._kept: LRUCache[Hashable, Any] = LRUCache(maxsize=maxsize)
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Return the value kept under *key*, computing and keeping it on a miss."""
        with self._lock:
            if key in self._kept:
                found: T = self._kept[key]
                return found
        value = compute()
        with self._lock:
            self._kept[key] = value
        return value

    def clear(self) -> None:
        """Forget every kept value."""
        with self._lock:
            self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)


def content_key(frame: pd.DataFrame) -> str:
    """A key for memos that keep a value by what a table holds (SHA-256 of its JSON).

    >>> import pandas as pd
    >>> content_key(pd.DataFrame({"a": [1]})) == content_key(pd.DataFrame({"a": [1]}))
    True
    """
    text = frame.to_json(orient="split", index=False, default_handler=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
