"""Run a coroutine to the end from a test, whatever event loop the test's thread keeps.

Playwright's synchronous API keeps an event loop running in the thread of a
pytest worker once a browser test has run there, and ``asyncio.run`` refuses to
start inside it; a thread of its own has none.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run *coroutine* in a new event loop in a thread of its own; return or raise its outcome."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
