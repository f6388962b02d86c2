"""Text length limits, read from the schema: one source for the store, the forms and the checks.

PostgreSQL refuses text longer than its ``VARCHAR(n)`` column with a raw
``DataError``; SQLite stores it. :func:`check_text_lengths` runs before every
flush of every session of a :class:`~s3atlas.store.Store` and refuses such
text on both with an :class:`~s3atlas.errors.InputError` naming the field, so
the two stores behave alike. :func:`text_limit` gives the same number to forms
(``maxlength``) and to validation before a write.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

from sqlalchemy import String, inspect
from sqlalchemy.orm import Session

from s3atlas.errors import InputError
from s3atlas.fields import field_words
from s3atlas.i18n import gettext

__all__ = ["MAX_ID", "check_length", "check_text_lengths", "is_whole_number", "text_limit"]

MAX_ID = 2**31 - 1
"""The largest value of an ``INTEGER`` column on PostgreSQL (and so of every row id)."""


def is_whole_number(raw: object, maximum: int = MAX_ID) -> bool:
    """Return whether *raw* is ASCII digits whose value fits in ``0..maximum``.

    ``str.isdigit`` accepts ``"²"`` and ``"٣"``, which ``int`` refuses, and a
    30-digit id overflows the store's integer columns: every text that becomes a
    number or a row id is checked here first.

    >>> is_whole_number("12"), is_whole_number("²"), is_whole_number("9" * 30), is_whole_number("")
    (True, False, False, False)
    >>> is_whole_number(7), is_whole_number(-1)
    (True, False)
    """
    text = str(raw)
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(maximum)):
        return False
    return int(text) <= maximum


def text_limit(table: str, column: str) -> int | None:
    """Return the longest text *table.column* holds, or ``None`` when it has no limit.

    >>> import s3atlas.ecosystem.store.models  # registers the tables
    >>> text_limit("eco_actors", "name"), text_limit("eco_actors", "municipality")
    (300, 120)
    """
    from s3atlas.store.db import Base

    found = Base.metadata.tables.get(table)
    if found is None or column not in found.columns:
        return None
    kind = found.columns[column].type
    return kind.length if isinstance(kind, String) and kind.length else None


def check_length(value: Any, limit: int | None, field: str) -> None:
    """Refuse *value* when it is text longer than *limit* characters (422 naming *field*).

    >>> check_length("abc", 3, "name")
    >>> check_length("abcd", 3, "name")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    s3atlas.errors.InputError: Namn, värde 'abcd': Texten får vara högst 3 tecken lång; ...
    """
    if limit is None or not isinstance(value, str) or len(value) <= limit:
        return
    shown = value if len(value) <= 40 else value[:40] + "…"
    raise InputError(
        gettext(
            "The text may be at most {limit} characters long; this one has {length}.",
            limit=limit,
            length=len(value),
        ),
        column=field,
        field=field_words(field),
        value=shown,
    )


def check_text_lengths(session: Session, _context: Any = None, _instances: Any = None) -> None:
    """Before a flush: refuse every new or changed text value longer than its column."""
    for obj in chain(session.new, session.dirty):
        mapper = inspect(obj).mapper
        for attr in mapper.column_attrs:
            column = attr.columns[0]
            kind = column.type
            if isinstance(kind, String) and kind.length:
                check_length(getattr(obj, attr.key, None), kind.length, attr.key)
