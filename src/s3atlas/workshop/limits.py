"""Rate and size limits of workshop submissions, counted in the store.

Every submission attempt that passes is one :class:`~s3atlas.workshop.models.RateHit`
row per counted key, so every server process (``s3atlas serve --workers N``)
and every restart sees the same counts. A client is never stored as it
came: the session token and the address are each hashed with the workshop's
own key (SHA-256), so the rows cannot be linked across workshops, and rows
older than the window are deleted on the next attempt.

Examples
--------
>>> client_hash("workshop-key", "127.0.0.1") == client_hash("workshop-key", "127.0.0.1")
True
>>> client_hash("a", "127.0.0.1") == client_hash("b", "127.0.0.1")
False
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from s3atlas.errors import InputError, S3AtlasError
from s3atlas.i18n import gettext
from s3atlas.workshop.models import RateHit, Submission

__all__ = [
    "DEFAULT_LIMITS",
    "FormTooLarge",
    "Limits",
    "WorkshopRateLimited",
    "admit",
    "client_hash",
]


class WorkshopRateLimited(S3AtlasError):
    """Too many submissions in too short a time; ``retry_after`` says how many seconds to wait."""

    status = 429
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class FormTooLarge(InputError):
    """A submission form larger than :attr:`Limits.max_body` bytes."""

    status = 413
    code = "too_large"


@dataclass(frozen=True)
class Limits:
    """How much one client and one workshop may send.

    Parameters
    ----------
    per_client : int
        Submissions per window from one browser session.
    per_address : int
        Submissions per window from one network address (a room behind one router shares it).
    per_workshop : int
        Submissions per window into one workshop from everyone.
    window : int
        The window in seconds.
    total : int
        Submissions a workshop keeps at most.
    max_body : int
        Bytes a submission form may have.
    """

    per_client: int = 6
    per_address: int = 120
    per_workshop: int = 300
    window: int = 60
    total: int = 2000
    max_body: int = 16_384


DEFAULT_LIMITS = Limits()


def client_hash(workshop_key: str, value: str) -> str:
    """Return the stored form of a client key: SHA-256 of the workshop key and the value."""
    return hashlib.sha256(f"{workshop_key}\x00{value}".encode()).hexdigest()


_WHOLE = "*"  # the row that counts an attempt for the whole workshop


def _count(session: Session, since: datetime, workshop_id: int, client: str) -> int:
    query = select(func.count(RateHit.id)).where(
        RateHit.workshop_id == workshop_id, RateHit.at > since, RateHit.client == client
    )
    return int(session.scalar(query) or 0)


def _refuse(window: int) -> WorkshopRateLimited:
    return WorkshopRateLimited(
        gettext(
            "Too many submissions right now; wait {seconds} seconds and send again.", seconds=window
        ),
        retry_after=window,
    )


def admit(
    session: Session,
    workshop_id: int,
    clients: dict[str, str],
    limits: Limits,
    now: datetime,
) -> None:
    """Count one attempt of *clients* (``{"client": hash, "address": hash}``) or refuse it.

    Raises
    ------
    WorkshopRateLimited
        A client, the address or the workshop has used its window, or the workshop is full.
    """
    since = now - timedelta(seconds=limits.window)
    session.execute(delete(RateHit).where(RateHit.at <= since))
    total = session.scalar(
        select(func.count(Submission.id)).where(Submission.workshop_id == workshop_id)
    )
    if int(total or 0) >= limits.total:
        raise WorkshopRateLimited(
            gettext("This workshop has received as many submissions as it can take."),
            retry_after=limits.window,
        )
    if _count(session, since, workshop_id, _WHOLE) >= limits.per_workshop:
        raise _refuse(limits.window)
    caps = {"client": limits.per_client, "address": limits.per_address}
    for name, value in clients.items():
        if _count(session, since, workshop_id, value) >= caps.get(name, limits.per_client):
            raise _refuse(limits.window)
    for value in (_WHOLE, *clients.values()):
        session.add(RateHit(workshop_id=workshop_id, client=value, at=now))
