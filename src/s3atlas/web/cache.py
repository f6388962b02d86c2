"""Memoised page data.

Pages are pure functions of their inputs: the bundled datasets never change,
and the ecosystem map changes only through audited edits and round changes.
So a page's computations (analyses and Altair chart specs, which cost tens to
hundreds of milliseconds) are kept in a bounded LRU, keyed by their inputs and,
for stored data, by :func:`store_generation`, which moves with every write.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import func, select

from s3atlas.store import Store
from s3atlas.store.tables import AuditEntry, Round

__all__ = ["memoised", "store_generation"]

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


def store_generation(store: Store) -> tuple[Any, ...]:
    """Return a fingerprint of the ecosystem map that changes with every edit and round change."""
    with store.read() as session:
        audit = session.execute(select(func.max(AuditEntry.id))).scalar()
        rounds = session.execute(
            select(func.count(Round.id), func.count(Round.closed_at), func.max(Round.last_edit_at))
        ).one()
    return (store.url, audit, *rounds)
