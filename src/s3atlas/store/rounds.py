"""Find regions and rounds, and guard writes to a round: shared by every product area.

A write transaction of any area (ecosystem map, cluster mapping, workshop)
first runs :func:`guard_open`, an ``UPDATE`` of the round row that only
succeeds while the round is open. It takes the round's write lock (a row lock
in PostgreSQL, the database write lock in SQLite), so writers in one round
take turns, a round cannot close under a running edit, and checks for
duplicates see every committed row. Opening, copying and closing rounds is
:mod:`s3atlas.ecosystem.store.rounds`.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from s3atlas.errors import ConflictError, InputError, NotFoundError
from s3atlas.i18n import gettext
from s3atlas.store import audit
from s3atlas.store.db import Store
from s3atlas.store.tables import Region, Round, utcnow

__all__ = ["ensure_region", "find_region", "find_round", "guard_open"]


def find_region(session: Session, region_code: str) -> Region:
    """Return the region with *region_code* or raise :class:`NotFoundError`."""
    region = session.scalar(select(Region).where(Region.code == str(region_code)))
    if region is None:
        raise NotFoundError(
            gettext("no region with that code has been mapped in this workspace"),
            column="region",
            field=gettext("Region"),
            value=region_code,
        )
    return region


def find_round(session: Session, region: Region, round_name: str | None = None) -> Round:
    """Return the round called *round_name* of *region*, or its latest round when None."""
    query = select(Round).where(Round.region_id == region.id)
    if round_name is None:
        found = session.scalar(query.order_by(Round.seq.desc()).limit(1))
    else:
        found = session.scalar(query.where(Round.name == str(round_name)))
    if found is None:
        what = (
            gettext("region {region} has no round of that name", region=region.name)
            if round_name
            else gettext("region {region} has no mapping round yet", region=region.name)
        )
        raise NotFoundError(what, column="round", field=gettext("Round"), value=round_name)
    return found


def guard_open(session: Session, round_: Round) -> None:
    """Take the round's write lock, or raise :class:`ConflictError` when the round is closed.

    Call first in every write transaction (see the module docstring).
    """
    result = session.execute(
        update(Round)
        .where(Round.id == round_.id, Round.closed_at.is_(None))
        .values(last_edit_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 0:  # type: ignore[attr-defined]
        raise ConflictError(
            gettext(
                "Round {round} is closed, so nothing in it can change. "
                "Open a new round to go on mapping.",
                round=round_.name,
            ),
            column="round",
        )


def ensure_region(store: Store, code: str, name: str, *, user: str, is_demo: bool = False) -> None:
    """Create the region *code* unless it exists (its name is then left as it is)."""
    code, name = str(code).strip(), str(name).strip()
    if not code or not name:
        raise InputError(
            gettext("a region needs a code and a name"),
            column="region",
            field=gettext("Region"),
            value=code or name,
        )
    with store.transaction() as session:
        if session.scalar(select(Region.id).where(Region.code == code)) is not None:
            return
        region = Region(code=code, name=name, is_demo=is_demo)
        session.add(region)
        session.flush()
        audit.record(
            session, user=user, action="create", entity="region", region_id=region.id, after=region
        )
