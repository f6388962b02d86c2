"""Accept a workshop submission into the ecosystem map of the workshop's round.

Accepting goes through the ecosystem service functions, so each step has
the same checks and audit rows as an edit by hand:

1. the actor: the one named in the submission is linked when the round
   already has it (same or near-identical name, see
   :func:`~s3atlas.ecosystem.store.actors.add_actor`), otherwise created with the
   kind the facilitator chose;
2. one provision of the function per chosen strength area (none chosen:
   every area), linked when the round already records it, otherwise created
   with the workshop and submission as its note;
3. the submission text as an interview insight whose source names the
   workshop and submission number (the evidence);
4. the submission marked accepted with the actor and provision keys.

A step that fails leaves the submission pending; accepting it again links
what the earlier try created instead of adding it twice.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from s3atlas.ecosystem.store.actors import DuplicateActorError, add_actor
from s3atlas.ecosystem.store.models import Provision, StrengthArea
from s3atlas.ecosystem.store.service import add_insight, add_provision
from s3atlas.errors import ConflictError, InputError
from s3atlas.i18n import gettext
from s3atlas.store import Store
from s3atlas.store.tables import Region, Round, utcnow
from s3atlas.workshop.models import Submission, Workshop
from s3atlas.workshop.submissions import (
    load_submission,
    log_change,
    require_pending,
    submission_dict,
    workshop_row,
)

__all__ = ["accept_submission", "evidence_source"]


def evidence_source(title: str, submission_id: int) -> str:
    """Return the source line of an accepted submission (at most 200 characters).

    >>> evidence_source("Bikupa Umeå", 7)
    'Workshop «Bikupa Umeå», bidrag #7'
    """
    tail = f"», bidrag #{submission_id}"
    return f"Workshop «{title[: 200 - len(tail) - 11]}{tail}"


def _context(store: Store, workshop_id: int, submission_id: Any) -> dict[str, Any]:
    with store.read() as session:
        workshop = workshop_row(session, workshop_id)
        sub = load_submission(session, submission_id, workshop.id)
        require_pending(sub)
        if sub.function is None:
            raise InputError(
                gettext("Choose the function before accepting the submission."),
                column="function",
            )
        region = session.get(Region, workshop.region_id)
        round_ = session.get(Round, workshop.round_id)
        assert region is not None and round_ is not None
        if round_.closed_at is not None:
            raise ConflictError(
                gettext("Round {round} is closed and cannot change.", round=round_.name),
                column="round",
                value=round_.name,
            )
        keys = sub.area_keys.split(";") if sub.area_keys else []
        area_ids = list(
            session.scalars(
                select(StrengthArea.id).where(
                    StrengthArea.round_id == round_.id, StrengthArea.key.in_(keys)
                )
            )
        )
        return {
            "region": region.code,
            "round": round_.name,
            "round_id": round_.id,
            "title": workshop.title,
            "sub": submission_dict(sub),
            "area_ids": area_ids or [None],
        }


def _actor(
    store: Store, ctx: dict[str, Any], kind: str, user: str
) -> tuple[int | None, str | None]:
    name = ctx["sub"]["actor_name"]
    if not name:
        return None, None
    extra = {"borrowable": True} if ctx["sub"]["borrowable"] == "yes" else {}
    try:
        row = add_actor(
            store, ctx["region"], name, kind, user=user, round_name=ctx["round"], **extra
        )
    except DuplicateActorError as duplicate:
        existing: dict[str, Any] = duplicate.existing
        return int(existing["id"]), str(existing["key"])
    return int(row["id"]), str(row["key"])


def _existing_provision(
    store: Store, round_id: int, function: str, actor_id: int | None, area_id: int | None
) -> str | None:
    query = select(Provision.key).where(
        Provision.round_id == round_id,
        Provision.function == function,
        Provision.actor_id.is_(None) if actor_id is None else Provision.actor_id == actor_id,
        Provision.area_id.is_(None) if area_id is None else Provision.area_id == area_id,
    )
    with store.read() as session:
        return session.scalar(query)


def _provisions(store: Store, ctx: dict[str, Any], actor_id: int | None, user: str) -> list[str]:
    sub = ctx["sub"]
    note = f"{evidence_source(ctx['title'], sub['id'])}: {sub['text']}"[:4000]
    keys = []
    for area_id in ctx["area_ids"]:
        found = _existing_provision(store, ctx["round_id"], sub["function"], actor_id, area_id)
        if found is None:
            found = add_provision(
                store,
                ctx["region"],
                sub["function"],
                user=user,
                actor_id=actor_id,
                area_id=area_id,
                note=note,
                round_name=ctx["round"],
            )["key"]
        keys.append(str(found))
    return keys


def accept_submission(
    store: Store, workshop_id: int, submission_id: Any, *, user: str, kind: str = "other"
) -> dict[str, Any]:
    """Accept a pending submission into the map of the workshop's round (see the module).

    Parameters
    ----------
    kind : str
        The actor kind for an actor the round does not have yet.

    Returns
    -------
    dict
        The submission, with ``actor_key`` and ``provision_keys`` filled in.
    """
    ctx = _context(store, workshop_id, submission_id)
    actor_id, actor_key = _actor(store, ctx, kind, user)
    keys = _provisions(store, ctx, actor_id, user)
    sub = ctx["sub"]
    area_id = ctx["area_ids"][0] if len(ctx["area_ids"]) == 1 else None
    add_insight(
        store,
        ctx["region"],
        sub["text"][:4000],
        user=user,
        area_id=area_id,
        source=evidence_source(ctx["title"], sub["id"]),
        round_name=ctx["round"],
    )
    with store.transaction() as session:
        workshop = session.get(Workshop, workshop_id)
        row = session.get(Submission, sub["id"])
        assert workshop is not None and row is not None
        require_pending(row)
        before = submission_dict(row, contact=False)
        row.status, row.decided_at, row.decided_by = "accepted", utcnow(), user
        row.actor_key, row.provision_keys = actor_key, ";".join(keys)
        log_change(session, user, "accept", row, workshop, before)
        return submission_dict(row)
