"""The sign-in limit, kept in the store so every worker process counts the same attempts.

At most :data:`MAX_ATTEMPTS` sign-ins that fail per :data:`WINDOW` seconds for
one key (client address and user name). An attempt is *reserved* before the
password is checked, in one ``UPDATE`` whose ``WHERE`` clause holds the limit,
so concurrent requests cannot all slip under it: the database applies the
updates one after another (SQLite: one writer at a time; PostgreSQL: the row
lock, with the condition checked again on the row as it is then). A correct
password clears the key.

>>> from s3atlas.store import Store
>>> store = Store("sqlite://").migrate()
>>> clock = iter([0.0, 1.0, 2.0, 400.0]).__next__
>>> limit = LoginLimiter(store, max_attempts=2, window=300, clock=clock)
>>> limit.reserve("ip|anna"), limit.reserve("ip|anna"), limit.reserve("ip|anna")
(0, 0, 298)
>>> limit.reserve("ip|anna")  # the window has passed
0
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from sqlalchemy import Float, Integer, String, case, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from s3atlas.store import Base, Store

__all__ = ["MAX_ATTEMPTS", "WINDOW", "LoginAttempts", "LoginLimiter"]

MAX_ATTEMPTS = 5
WINDOW = 300.0


class LoginAttempts(Base):
    """Sign-in attempts of one key in the current window."""

    __tablename__ = "auth_login_attempts"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    window_start: Mapped[float] = mapped_column(Float)
    attempts: Mapped[int] = mapped_column(Integer)


class LoginLimiter:
    """Reserve sign-in attempts per key, atomically and shared by every process of the store."""

    def __init__(
        self,
        store: Store,
        max_attempts: int = MAX_ATTEMPTS,
        window: float = WINDOW,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.max_attempts = max_attempts
        self.window = window
        self.clock = clock

    def reserve(self, key: str) -> int:
        """Count one attempt of *key*; return 0 when it may go ahead, else seconds to wait."""
        key = key[:200]
        now = self.clock()
        cutoff = now - self.window
        row = LoginAttempts
        expired = row.window_start <= cutoff
        statement = (
            update(row)
            .where(row.key == key, (row.attempts < self.max_attempts) | expired)
            .values(
                attempts=case((expired, 1), else_=row.attempts + 1),
                window_start=case((expired, now), else_=row.window_start),
            )
            .execution_options(synchronize_session=False)
        )
        for _ in range(2):
            with self.store.transaction() as session:
                if session.execute(statement).rowcount:  # type: ignore[attr-defined]
                    return 0
                start = session.scalar(select(row.window_start).where(row.key == key))
            if start is not None:
                return max(1, math.ceil(start + self.window - now))
            try:
                with self.store.transaction() as session:
                    session.add(LoginAttempts(key=key, window_start=now, attempts=1))
                return 0
            except IntegrityError:  # another request created the row first: count against it
                continue
        return max(1, math.ceil(self.window))

    def reset(self, key: str) -> None:
        """Forget the attempts of *key* (after a correct password)."""
        with self.store.transaction() as session:
            session.execute(delete(LoginAttempts).where(LoginAttempts.key == key[:200]))
