"""One edit of the ecosystem map: the write transaction, its checks and its audit row.

Every edit is one :meth:`~s3atlas.store.Store.transaction` (:func:`editing`) that

1. takes the round's write lock and refuses a closed round
   (:func:`~s3atlas.store.rounds.guard_open`),
2. validates its input against the store (vocabulary, rows of the same
   round) and raises :class:`~s3atlas.errors.InputError` naming the field,
3. checks the caller's ``expected_version`` (optimistic concurrency: the
   version the caller read; a stale one raises
   :class:`~s3atlas.errors.ConflictError`),
4. writes the change and its audit row together (:meth:`Edit.log`).

Nothing is saved unless all of it is. The edits themselves are in
:mod:`.service` (areas, provisions, links, insights) and :mod:`.actors`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from s3atlas.classifications import find_industry
from s3atlas.ecosystem.store.rounds import create_round
from s3atlas.errors import ClassificationError, ConflictError, InputError
from s3atlas.fields import field_words
from s3atlas.i18n import gettext
from s3atlas.store import Store, audit
from s3atlas.store.limits import check_length
from s3atlas.store.rounds import find_region, find_round, guard_open
from s3atlas.store.tables import Round

__all__ = [
    "Edit",
    "check_version",
    "clean_text",
    "editing",
    "editing_new_round",
    "reject_unknown",
    "remove_row",
    "sni_code",
    "touch",
]


@dataclass
class Edit:
    """One write transaction in an open round: the session, the round and who edits."""

    session: Session
    round: Round
    user: str

    def get(self, model: type[Any], row_id: Any, field: str) -> Any:
        """Return the row *row_id* of *model* in this round, or raise :class:`InputError` naming
        *field*."""
        row = None
        if isinstance(row_id, int) and not isinstance(row_id, bool):
            row = self.session.get(model, row_id)
        if row is None or row.round_id != self.round.id:
            raise InputError(
                gettext("not found in round {round}", round=self.round.name),
                column=field,
                field=field_words(field),
                value=row_id,
            )
        return row

    def checkout(
        self, model: type[Any], row_id: Any, field: str, expected: int | None
    ) -> tuple[Any, str | None]:
        """Return the row *row_id* of *model* (see :meth:`get`) and its audit snapshot, after
        checking that the caller read its current version (see :func:`check_version`)."""
        row = self.get(model, row_id, field)
        check_version(row, expected)
        return row, audit.snapshot_of(row)

    def delete(
        self, row: Any, entity: str, before: str | None, dependents: Iterable[Any] = ()
    ) -> None:
        """Delete *row* after its *dependents* (so their versions are checked too) and log it."""
        dependents = list(dependents)
        for dependent in dependents:
            self.session.delete(dependent)
        if dependents:
            # the database would cascade; deleting them first keeps versions checked
            self.session.flush()
        self.session.delete(row)
        self.log("delete", entity, row, before)

    def log(self, action: str, entity: str, row: Any, before: str | None = None) -> None:
        """Record the audit row of this change (after = the row now, before = JSON taken
        earlier)."""
        self.session.flush()
        after = None if action == "delete" else row
        audit.record(
            self.session,
            user=self.user,
            action=action,
            entity=entity,
            round_=self.round,
            key=row.key,
            before=before,
            after=after,
        )


@contextmanager
def editing(store: Store, region_code: str, round_name: str | None, user: str) -> Iterator[Edit]:
    """Open a write transaction in an open round; translate database conflicts into
    :class:`ConflictError`."""
    user = _who(user)
    with _translated(), store.transaction() as session:
        round_ = find_round(session, find_region(session, region_code), round_name)
        guard_open(session, round_)
        yield Edit(session, round_, user)


@contextmanager
def editing_new_round(
    store: Store, region_code: str, round_name: str, user: str, *, source: str | None = None
) -> Iterator[Edit]:
    """Open a new round of *region_code* (a copy of the latest) and edit it, all in one
    transaction: if anything fails, the round is not opened either (imports use this)."""
    user = _who(user)
    with _translated(), store.transaction() as session:
        round_, _copied = create_round(session, region_code, round_name, user=user, source=source)
        guard_open(session, round_)
        yield Edit(session, round_, user)


def _who(user: str) -> str:
    if not str(user or "").strip():
        raise InputError(
            gettext("every change needs the name of who makes it"),
            column="user",
            field=field_words("user"),
            value=user,
        )
    return str(user).strip()


@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except StaleDataError as error:
        raise ConflictError(
            gettext("someone else changed this row since it was read; reload it and try again")
        ) from error
    except IntegrityError as error:
        raise ConflictError(
            gettext("the change conflicts with a row that is already stored")
        ) from error


def check_version(row: Any, expected: int | None) -> None:
    """Raise :class:`ConflictError` when the caller read an older version of *row* than is
    stored."""
    if expected is not None and int(expected) != row.version:
        raise ConflictError(
            gettext(
                "someone else changed this since you read it (version {stored}, not {read}); "
                "reload it and try again",
                stored=row.version,
                read=expected,
            ),
            column="version",
            field=field_words("version"),
            value=expected,
        )


def clean_text(
    value: Any, field: str, *, required: bool = False, limit: int | None = 300
) -> str | None:
    """Return stripped text (``None`` when empty), or raise :class:`InputError` naming *field*.

    *limit* is the column's length (:func:`s3atlas.store.limits.text_limit`).
    """
    text = None if value is None else " ".join(str(value).split())
    if not text:
        if required:
            raise InputError(
                gettext("must not be empty"), column=field, field=field_words(field), value=value
            )
        return None
    check_length(text, limit, field)
    return text


def sni_code(value: Any, field: str = "sni") -> str:
    """Return the SNI 2007 code of *value*, or raise :class:`InputError` naming *field*."""
    try:
        return find_industry(str(value)).code
    except ClassificationError as error:
        raise InputError(
            error.detail, column=field, field=field_words(field), value=value
        ) from error


def touch(row: Any) -> None:
    """Mark *row* dirty so its version advances even when only its child rows changed."""
    flag_modified(row, "key")


def reject_unknown(changes: dict[str, Any], allowed: set[str]) -> None:
    """Raise :class:`InputError` naming the first field of *changes* that is not *allowed*."""
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise InputError(
            gettext(
                "no such field; fields: {fields}",
                fields=", ".join(field_words(f) for f in sorted(allowed)),
            ),
            column=unknown[0],
        )


def remove_row(
    store: Store,
    region_code: str,
    model: type[Any],
    row_id: int,
    entity: str,
    user: str,
    expected_version: int | None,
    round_name: str | None,
) -> None:
    """Remove the row *row_id* of *model* (an *entity*) from the round, checking its version."""
    with editing(store, region_code, round_name, user) as edit:
        row, before = edit.checkout(model, row_id, f"{entity}_id", expected_version)
        edit.delete(row, entity, before)
