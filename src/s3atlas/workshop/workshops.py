"""Open, close, find and list workshops; the join code and the questions.

A workshop is joined with a short code of :data:`CODE_LENGTH` characters from
an alphabet without look-alikes (no 0/O, 1/I/L). The code works only while
the workshop is open: from ``opens_at`` until ``closes_at`` or until the
facilitator closes it, whichever comes first. Every change is written with
its row in the ecosystem audit log (the region's activity log).

Examples
--------
>>> [q["sv"].split(" i ")[0] for q in DEFAULT_QUESTIONS]
['Ge ett exempel på en systemgemensam funktion', 'Ge ett exempel på en systemunik funktion']
>>> len(new_join_code()) == CODE_LENGTH
True
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from s3atlas.ecosystem.store.models import StrengthArea, SupportFunction
from s3atlas.errors import ConflictError, InputError, NotFoundError
from s3atlas.i18n import gettext
from s3atlas.store import Store, audit
from s3atlas.store.limits import is_whole_number
from s3atlas.store.rounds import find_region, find_round
from s3atlas.store.tables import Region, Round, utcnow
from s3atlas.workshop.models import RateHit, Workshop

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "DEFAULT_QUESTIONS",
    "aware",
    "close_workshop",
    "find_by_code",
    "form_choices",
    "get_workshop",
    "is_open",
    "list_workshops",
    "new_join_code",
    "open_workshop",
    "parse_questions",
    "workshop_dict",
]

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_QUESTIONS = 6
MAX_HOURS = 72

DEFAULT_QUESTIONS: tuple[dict[str, str], ...] = (
    {
        "sv": "Ge ett exempel på en systemgemensam funktion i innovationsekosystemet i din "
        "region. Hur kommer det sig att den kan stödja alla era styrkeområden?",
        "en": "Give an example of a system-common function in the innovation ecosystem of "
        "your region. How can it support all your strength areas?",
    },
    {
        "sv": "Ge ett exempel på en systemunik funktion i innovationsekosystemet i din region. "
        "Kan andra regioner låna kapacitet av den?",
        "en": "Give an example of a system-unique function in the innovation ecosystem of "
        "your region. Could other regions borrow capacity from it?",
    },
)
"""The two Bikupa questions of Region Västerbotten's workshop method (*Framtidens många
innovationsekosystem*, 2025), in Swedish and English."""

AUDIT_ENTITY = "workshop"


def new_join_code() -> str:
    """Return a fresh random join code (not yet checked against the store)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def aware(moment: datetime) -> datetime:
    """Return *moment* in UTC (SQLite hands back times without a zone; they are UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def is_open(workshop: Workshop, now: datetime | None = None) -> bool:
    """Return whether participants may join and submit now."""
    now = now or utcnow()
    if workshop.closed_at is not None:
        return False
    return aware(workshop.opens_at) <= now < aware(workshop.closes_at)


def parse_questions(lines_sv: str | None, lines_en: str | None = None) -> list[dict[str, str]]:
    """Return the questions from one question per line in Swedish and (the same order) English.

    Empty Swedish text gives the default Bikupa questions; a missing English line repeats the
    Swedish one.

    >>> parse_questions("Vad saknas?", "What is missing?")
    [{'sv': 'Vad saknas?', 'en': 'What is missing?'}]
    """
    sv = [" ".join(line.split()) for line in (lines_sv or "").splitlines() if line.strip()]
    en = [" ".join(line.split()) for line in (lines_en or "").splitlines() if line.strip()]
    if not sv:
        return [dict(q) for q in DEFAULT_QUESTIONS]
    if len(sv) > MAX_QUESTIONS:
        raise InputError(
            gettext("A workshop has at most {limit} questions.", limit=MAX_QUESTIONS),
            column="questions",
            value=len(sv),
        )
    for text in sv + en:
        if len(text) > 500:
            raise InputError(
                gettext("A question is longer than {limit} characters.", limit=500),
                column="questions",
                value=text[:40] + "…",
            )
    return [{"sv": q, "en": en[i] if i < len(en) else q} for i, q in enumerate(sv)]


def _title(value: Any) -> str:
    text = " ".join(str(value or "").split())
    if not text:
        raise InputError(gettext("The workshop needs a title."), column="title", value=value)
    if len(text) > 200:
        raise InputError(
            gettext("The title is longer than {limit} characters.", limit=200),
            column="title",
            value=text[:40] + "…",
        )
    return text


def _times(opens_at: datetime | None, hours: float) -> tuple[datetime, datetime]:
    start = aware(opens_at) if opens_at else utcnow()
    if not 0 < hours <= MAX_HOURS:
        raise InputError(
            gettext(
                "A workshop is open for more than 0 and at most {limit} hours.", limit=MAX_HOURS
            ),
            column="hours",
            value=hours,
        )
    return start, start + timedelta(hours=hours)


def _unique_code(session: Session) -> str:
    for _ in range(20):
        code = new_join_code()
        if session.scalar(select(Workshop.id).where(Workshop.join_code == code)) is None:
            return code
    raise ConflictError(gettext("No free join code was found; try again."))  # pragma: no cover


def workshop_dict(workshop: Workshop, region: Region, round_: Round) -> dict[str, Any]:
    """Return a workshop as plain data: id, key, region, round, title, questions, code, times."""
    return {
        "id": workshop.id,
        "key": workshop.key,
        "region": region.code,
        "region_name": region.name,
        "round": round_.name,
        "round_closed": round_.closed_at is not None,
        "title": workshop.title,
        "questions": json.loads(workshop.questions),
        "join_code": workshop.join_code,
        "opens_at": aware(workshop.opens_at),
        "closes_at": aware(workshop.closes_at),
        "closed_at": aware(workshop.closed_at) if workshop.closed_at else None,
        "is_open": is_open(workshop),
        "created_by": workshop.created_by,
    }


def _log(session: Session, user: str, action: str, workshop: Workshop, before: Any = None) -> None:
    session.flush()
    snapshot = audit.row_dict(workshop)
    audit.record(
        session,
        user=user,
        action=action,
        entity=AUDIT_ENTITY,
        region_id=workshop.region_id,
        key=workshop.key,
        before=before,
        after=snapshot,
    )


def open_workshop(
    store: Store,
    region_code: str,
    title: str,
    *,
    user: str,
    round_name: str | None = None,
    questions: list[dict[str, str]] | None = None,
    opens_at: datetime | None = None,
    hours: float = 3,
) -> dict[str, Any]:
    """Open a workshop for a region and mapping round (default: its latest); return it.

    Raises
    ------
    NotFoundError
        The region or round is not in the store.
    ConflictError
        The round is closed: nothing accepted could go into it.
    """
    title_ = _title(title)
    start, end = _times(opens_at, hours)
    with store.transaction() as session:
        region = find_region(session, region_code)
        round_ = find_round(session, region, round_name)
        if round_.closed_at is not None:
            raise ConflictError(
                gettext(
                    "Round {round} is closed; open a workshop in an open round.", round=round_.name
                ),
                column="round",
                value=round_.name,
            )
        workshop = Workshop(
            region_id=region.id,
            round_id=round_.id,
            title=title_,
            questions=json.dumps(questions or list(DEFAULT_QUESTIONS), ensure_ascii=False),
            join_code=_unique_code(session),
            opens_at=start,
            closes_at=end,
            created_by=str(user),
        )
        session.add(workshop)
        _log(session, user, "open", workshop)
        return workshop_dict(workshop, region, round_)


def _load(session: Session, workshop_id: Any) -> tuple[Workshop, Region, Round]:
    workshop = None
    if is_whole_number(workshop_id):
        workshop = session.get(Workshop, int(workshop_id))
    if workshop is None:
        raise NotFoundError(
            gettext("There is no workshop {workshop}.", workshop=workshop_id),
            column="workshop",
            value=workshop_id,
        )
    region = session.get(Region, workshop.region_id)
    round_ = session.get(Round, workshop.round_id)
    assert region is not None and round_ is not None
    return workshop, region, round_


def get_workshop(store: Store, workshop_id: Any, region_code: str | None = None) -> dict[str, Any]:
    """Return workshop *workshop_id* (of *region_code* when given) as :func:`workshop_dict`."""
    with store.read() as session:
        workshop, region, round_ = _load(session, workshop_id)
        if region_code is not None and region.code != str(region_code):
            raise NotFoundError(
                gettext("There is no workshop {workshop}.", workshop=workshop_id),
                column="workshop",
                value=workshop_id,
            )
        return workshop_dict(workshop, region, round_)


def find_by_code(session: Session, code: str, now: datetime | None = None) -> Workshop:
    """Return the open workshop with join *code*; an unknown code and a closed workshop are
    refused alike."""
    cleaned = "".join(str(code or "").split()).upper()[: CODE_LENGTH * 2]
    workshop = session.scalar(select(Workshop).where(Workshop.join_code == cleaned))
    if workshop is None or not is_open(workshop, now):
        raise NotFoundError(
            gettext("This join code is unknown or the workshop has closed."),
            column="code",
            value=cleaned,
        )
    return workshop


def close_workshop(store: Store, workshop_id: Any, *, user: str) -> dict[str, Any]:
    """Close a workshop now: its join code stops working and its rate-limit rows are deleted;
    the board and summary stay."""
    with store.transaction() as session:
        workshop, region, round_ = _load(session, workshop_id)
        if workshop.closed_at is not None:
            return workshop_dict(workshop, region, round_)
        before = audit.snapshot_of(workshop)
        workshop.closed_at = utcnow()
        session.execute(delete(RateHit).where(RateHit.workshop_id == workshop.id))
        _log(session, user, "close", workshop, before)
        return workshop_dict(workshop, region, round_)


def list_workshops(store: Store, region_code: str | None = None) -> pd.DataFrame:
    """Return the workshops (of one region), newest first: id, region, round, title, code, …"""
    query = (
        select(Workshop, Region, Round)
        .join(Region, Region.id == Workshop.region_id)
        .join(Round, Round.id == Workshop.round_id)
        .order_by(Workshop.id.desc())
    )
    if region_code is not None:
        query = query.where(Region.code == str(region_code))
    with store.read() as session:
        rows = [workshop_dict(w, reg, rnd) for w, reg, rnd in session.execute(query).all()]
    columns = ["id", "region", "round", "title", "join_code", "opens_at", "closes_at", "is_open"]
    return pd.DataFrame([{c: r[c] for c in columns} for r in rows], columns=columns)


def form_choices(store: Store, workshop_id: Any, lang: str) -> dict[str, list[tuple[str, str]]]:
    """Return what the forms offer: ``functions`` (code, name) and the round's ``areas`` (key,
    name)."""
    column = SupportFunction.name_sv if lang == "sv" else SupportFunction.name_en
    with store.read() as session:
        _workshop, _region, round_ = _load(session, workshop_id)
        functions = session.execute(
            select(SupportFunction.code, column).order_by(SupportFunction.position)
        ).all()
        areas = session.execute(
            select(StrengthArea.key, StrengthArea.name)
            .where(StrengthArea.round_id == round_.id)
            .order_by(StrengthArea.name)
        ).all()
    return {
        "functions": [(str(c), str(n)) for c, n in functions],
        "areas": [(str(k), str(n)) for k, n in areas],
    }
