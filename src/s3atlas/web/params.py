"""Typed path and form parameters: whole numbers that the store can hold, or a clean 422.

``str.isdigit`` accepts ``"²"`` and ``"٣"``, which ``int`` refuses, and a
30-digit number overflows the store's integer columns; both once reached the
server as 500 errors. Path ids are declared as :data:`RowId` (FastAPI answers a
bad one with 422 in the one error shape); form fields go through
:func:`form_int`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

from s3atlas.errors import InputError
from s3atlas.i18n import gettext
from s3atlas.store.limits import MAX_ID, is_whole_number

__all__ = ["RowId", "form_int"]

RowId = Annotated[int, Path(ge=1, le=MAX_ID, description="a row id (a whole number)")]


def form_int(raw: object, column: str, *, maximum: int = MAX_ID) -> int | None:
    """Return the whole number in a form field, ``None`` when empty, else a 422 naming *column*.

    >>> form_int(" 7 ", "version"), form_int("", "version")
    (7, None)
    >>> form_int("²", "version")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    s3atlas.errors.InputError: Version, värde '²': ...
    """
    text = str(raw if raw is not None else "").strip()
    if not text:
        return None
    if not is_whole_number(text, maximum):
        raise InputError(
            gettext("Expected a whole number from 0 to {maximum}.", maximum=maximum),
            column=column,
            value=text[:40],
        )
    return int(text)
