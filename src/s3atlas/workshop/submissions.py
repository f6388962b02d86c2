"""Participants' submissions: validate and store one, and the facilitator's edit, merge and reject.

A participant needs no account. What is stored is exactly the form: the
text, the chosen function, strength areas, actor, region and borrowing
answer, and the optional name and organisation. Every field has a size
limit; control characters are removed; the text is stored as typed and
escaped wherever it is shown. Every change is written with its audit row
(the region's activity log); the participant's name and organisation are
left out of that log.

Accepting a submission into the ecosystem map is :mod:`.accept`.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from s3atlas.ecosystem.store.models import StrengthArea, SupportFunction
from s3atlas.errors import ConflictError, InputError, NotFoundError
from s3atlas.i18n import gettext
from s3atlas.store import Store, audit
from s3atlas.store.limits import is_whole_number
from s3atlas.store.tables import utcnow
from s3atlas.workshop.limits import DEFAULT_LIMITS, Limits, admit, client_hash
from s3atlas.workshop.models import BORROWABLE, Submission, Workshop
from s3atlas.workshop.workshops import find_by_code

__all__ = [
    "EDITABLE",
    "FIELD_LIMITS",
    "PARTICIPANT",
    "clean_submission",
    "edit_submission",
    "load_submission",
    "log_change",
    "merge_submissions",
    "reject_submission",
    "require_pending",
    "submission_dict",
    "submit",
    "workshop_row",
]

PARTICIPANT = "workshop participant"
"""The user name the activity log shows for a participant's submission."""

FIELD_LIMITS = {
    "text": 1000,
    "actor_name": 200,
    "home_region": 120,
    "author": 120,
    "organisation": 200,
}
"""Characters each free-text field may have."""

EDITABLE = ("text", "function", "area_keys", "actor_name", "home_region", "borrowable")
"""Fields the facilitator may change."""

MAX_AREAS = 12
_LABELS = {
    "text": "Your example",
    "actor_name": "Who provides it",
    "home_region": "Region",
    "author": "Name",
    "organisation": "Organisation",
}
_PRIVATE = {"author", "organisation"}


def _plain(value: Any) -> str:
    """Text without control characters (newlines and tabs kept), spaces trimmed."""
    text = "" if value is None else str(value)
    kept = (c for c in text if c in "\n\t" or not unicodedata.category(c).startswith("C"))
    return "".join(kept).strip()


def _field(values: Mapping[str, Any], name: str, *, required: bool = False) -> str | None:
    text = _plain(values.get(name))
    label = gettext(_LABELS[name])
    if not text:
        if required:
            raise InputError(gettext("{field} must not be empty.", field=label), column=name)
        return None
    if len(text) > FIELD_LIMITS[name]:
        raise InputError(
            gettext(
                "{field} is longer than {limit} characters.", field=label, limit=FIELD_LIMITS[name]
            ),
            column=name,
            value=text[:40] + "…",
        )
    return text


def _function(session: Session, value: Any) -> str | None:
    code = _plain(value)
    if not code:
        return None
    if session.get(SupportFunction, code) is None:
        raise InputError(
            gettext("Choose a function from the list."), column="function", value=code[:40]
        )
    return code


def _areas(session: Session, round_id: int, values: Iterable[Any] | str | None) -> str | None:
    items = [values] if isinstance(values, str) else list(values or [])
    keys = sorted({_plain(v) for v in items if _plain(v)})
    if len(keys) > MAX_AREAS:
        raise InputError(
            gettext("Choose at most {limit} strength areas.", limit=MAX_AREAS), column="areas"
        )
    if not keys:
        return None
    known = set(
        session.scalars(
            select(StrengthArea.key).where(
                StrengthArea.round_id == round_id, StrengthArea.key.in_(keys)
            )
        )
    )
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise InputError(
            gettext("Choose strength areas from the list."), column="areas", value=unknown[0][:40]
        )
    return ";".join(keys)


def _borrowable(value: Any) -> str | None:
    text = _plain(value).lower()
    if not text:
        return None
    if text not in BORROWABLE:
        raise InputError(
            gettext("Answer yes, no or with conditions."), column="borrowable", value=text[:40]
        )
    return text


def _question(value: Any, count: int) -> int:
    text = _plain(value) or "0"
    if not is_whole_number(text, count - 1):
        raise InputError(
            gettext("Choose one of the questions."), column="question", value=text[:40]
        )
    return int(text)


def clean_submission(
    session: Session, workshop: Workshop, values: Mapping[str, Any], question_count: int
) -> dict[str, Any]:
    """Return the stored fields of a participant's form, or raise :class:`InputError` naming the
    field."""
    return {
        "question": _question(values.get("question"), question_count),
        "text": _field(values, "text", required=True),
        "function": _function(session, values.get("function")),
        "area_keys": _areas(session, workshop.round_id, values.get("areas")),
        "actor_name": _field(values, "actor_name"),
        "home_region": _field(values, "home_region"),
        "borrowable": _borrowable(values.get("borrowable")),
        "author": _field(values, "author"),
        "organisation": _field(values, "organisation"),
    }


def submission_dict(sub: Submission, *, contact: bool = True) -> dict[str, Any]:
    """Return a submission as plain data (name and organisation only with *contact*)."""
    data = audit.row_dict(sub)
    data["areas"] = sub.area_keys.split(";") if sub.area_keys else []
    if not contact:
        for name in _PRIVATE:
            data.pop(name, None)
    return data


def log_change(
    session: Session,
    user: str,
    action: str,
    sub: Submission,
    workshop: Workshop,
    before: Mapping[str, Any] | None = None,
) -> None:
    session.flush()
    audit.record(
        session,
        user=user,
        action=action,
        entity="workshop_submission",
        region_id=workshop.region_id,
        key=sub.key,
        before=None if before is None else audit.snapshot_of(dict(before)),
        after=submission_dict(sub, contact=False),
    )


def submit(
    store: Store,
    code: str,
    values: Mapping[str, Any],
    *,
    client: str,
    address: str,
    limits: Limits = DEFAULT_LIMITS,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Store one participant's submission to the open workshop with join *code*.

    *client* identifies the browser session and *address* the network address; both are stored
    only as hashes (see :mod:`.limits`). Returns the submission without name and organisation.

    Raises
    ------
    NotFoundError
        The code is unknown or the workshop has closed.
    InputError
        A field is missing, too long or not one of the choices.
    WorkshopRateLimited
        Too many submissions from this client, address or into this workshop.
    """
    now = now or utcnow()
    with store.transaction() as session:
        workshop = find_by_code(session, code, now)
        fields = clean_submission(session, workshop, values, len(json.loads(workshop.questions)))
        clients = {
            "client": client_hash(workshop.key, "session:" + client),
            "address": client_hash(workshop.key, "address:" + address),
        }
        admit(session, workshop.id, clients, limits, now)
        sub = Submission(workshop_id=workshop.id, created_at=now, **fields)
        session.add(sub)
        log_change(session, PARTICIPANT, "submit", sub, workshop)
        return submission_dict(sub, contact=False)


def load_submission(session: Session, submission_id: Any, workshop_id: int) -> Submission:
    """Return submission *submission_id* of workshop *workshop_id*, or raise
    :class:`NotFoundError`."""
    sub = None
    if is_whole_number(submission_id):
        sub = session.get(Submission, int(submission_id))
    if sub is None or sub.workshop_id != workshop_id:
        raise NotFoundError(
            gettext(
                "There is no submission {submission} in this workshop.", submission=submission_id
            ),
            column="submission",
            value=submission_id,
        )
    return sub


def require_pending(sub: Submission) -> None:
    if sub.status != "pending":
        raise ConflictError(
            gettext("Submission {submission} has already been handled.", submission=sub.id),
            column="status",
            value=sub.status,
        )


def workshop_row(session: Session, workshop_id: int) -> Workshop:
    workshop = session.get(Workshop, workshop_id)
    if workshop is None:
        raise NotFoundError(
            gettext("There is no workshop {workshop}.", workshop=workshop_id), value=workshop_id
        )
    return workshop


def edit_submission(
    store: Store, workshop_id: int, submission_id: Any, changes: Mapping[str, Any], *, user: str
) -> dict[str, Any]:
    """Change the editable fields (:data:`EDITABLE`) of a pending submission."""
    unknown = sorted(set(changes) - set(EDITABLE) - {"areas"})
    if unknown:
        raise InputError(gettext("This field cannot be changed."), column=unknown[0])
    with store.transaction() as session:
        workshop = workshop_row(session, workshop_id)
        sub = load_submission(session, submission_id, workshop.id)
        require_pending(sub)
        before = submission_dict(sub, contact=False)
        if "text" in changes:
            sub.text = _field(changes, "text", required=True) or sub.text
        for name in ("actor_name", "home_region"):
            if name in changes:
                setattr(sub, name, _field(changes, name))
        if "function" in changes:
            sub.function = _function(session, changes["function"])
        if "areas" in changes or "area_keys" in changes:
            sub.area_keys = _areas(
                session, workshop.round_id, changes.get("areas", changes.get("area_keys"))
            )
        if "borrowable" in changes:
            sub.borrowable = _borrowable(changes["borrowable"])
        log_change(session, user, "update", sub, workshop, before)
        return submission_dict(sub)


def merge_submissions(
    store: Store, workshop_id: int, keep_id: Any, drop_id: Any, *, user: str
) -> dict[str, Any]:
    """Merge the duplicate *drop_id* into *keep_id*: it stays listed under the one kept."""
    with store.transaction() as session:
        workshop = workshop_row(session, workshop_id)
        keep = load_submission(session, keep_id, workshop.id)
        drop = load_submission(session, drop_id, workshop.id)
        if keep.id == drop.id:
            raise InputError(
                gettext("Choose two different submissions to merge."), column="drop", value=drop_id
            )
        require_pending(keep)
        require_pending(drop)
        before = submission_dict(drop, contact=False)
        drop.status, drop.merged_into_id = "merged", keep.id
        drop.decided_at, drop.decided_by = utcnow(), user
        for name in ("function", "actor_name", "home_region", "borrowable", "area_keys"):
            if getattr(keep, name) is None and getattr(drop, name) is not None:
                setattr(keep, name, getattr(drop, name))
        log_change(session, user, "merge", drop, workshop, before)
        return submission_dict(keep)


def reject_submission(
    store: Store, workshop_id: int, submission_id: Any, *, user: str
) -> dict[str, Any]:
    """Reject a pending submission: it stays in the summary, marked rejected."""
    with store.transaction() as session:
        workshop = workshop_row(session, workshop_id)
        sub = load_submission(session, submission_id, workshop.id)
        require_pending(sub)
        before = submission_dict(sub, contact=False)
        sub.status, sub.decided_at, sub.decided_by = "rejected", utcnow(), user
        log_change(session, user, "reject", sub, workshop, before)
        return submission_dict(sub)
