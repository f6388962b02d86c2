"""Server-side sign-in sessions: a cookie only names a session; the store says whether it lives.

A session is a random token (256 bits) given to the browser inside the signed
session cookie; the store keeps only its SHA-256 hash, the user and when it
ends. A cookie therefore authenticates only while its row exists:

* signing out deletes the row (:func:`end_session`), so a copy of the cookie
  saved before is worth nothing;
* a new password or a new role ends every session of that user
  (:func:`end_user_sessions`, called by :mod:`s3atlas.accounts.users`);
* removing a user removes its sessions (foreign key, ``ON DELETE CASCADE``);
* a session ends by itself after :data:`SESSION_LIFETIME` seconds.

The schema is ``auth_0002`` of the Alembic ``auth`` branch.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable

from sqlalchemy import Float, ForeignKey, Integer, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from s3atlas.store import Base, Store

__all__ = [
    "SESSION_LIFETIME",
    "SignInSession",
    "end_session",
    "end_user_sessions",
    "session_user_id",
    "start_session",
    "token_hash",
]

SESSION_LIFETIME = 8 * 3600
"""Seconds a session lives after sign-in."""


class SignInSession(Base):
    """One signed-in browser: the hash of its token, its user and its end."""

    __tablename__ = "auth_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("auth_users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[float] = mapped_column(Float)
    expires_at: Mapped[float] = mapped_column(Float)


def token_hash(token: str) -> str:
    """The stored form of a token.

    >>> len(token_hash("abc")), token_hash("abc") == token_hash("abc")
    (64, True)
    """
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(store: Store, user_id: int, *, clock: Callable[[], float] = time.time) -> str:
    """Open a session for *user_id* and return its token (for the cookie; never stored)."""
    token = secrets.token_urlsafe(32)
    now = clock()
    with store.transaction() as session:
        session.execute(delete(SignInSession).where(SignInSession.expires_at <= now))
        session.add(
            SignInSession(
                token_hash=token_hash(token),
                user_id=user_id,
                created_at=now,
                expires_at=now + SESSION_LIFETIME,
            )
        )
    return token


def session_user_id(
    store: Store, token: str, *, clock: Callable[[], float] = time.time
) -> int | None:
    """Return the user of a live session, or ``None`` when it ended or never existed."""
    with store.read() as session:
        return session.scalar(
            select(SignInSession.user_id).where(
                SignInSession.token_hash == token_hash(token), SignInSession.expires_at > clock()
            )
        )


def end_session(store: Store, token: str) -> None:
    """End one session (sign out)."""
    with store.transaction() as session:
        session.execute(delete(SignInSession).where(SignInSession.token_hash == token_hash(token)))


def end_user_sessions(session: Session, user_id: int) -> None:
    """End every session of *user_id*, inside the caller's transaction."""
    session.execute(delete(SignInSession).where(SignInSession.user_id == user_id))
