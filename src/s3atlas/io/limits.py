"""Bounds on what a file may make a reader hold in memory, and the message when it is past them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

from s3atlas.errors import InputError
from s3atlas.i18n import gettext as _

__all__ = ["LIMITS", "ReadLimits", "count_text", "too_large"]


@dataclass(frozen=True)
class ReadLimits:
    """Bounds on what a file may make the reader hold in memory.

    ``max_cells`` bounds rows × columns of a sheet or CSV table (declared or
    found), ``max_unpacked`` the bytes a workbook's archive unpacks to and
    ``max_field`` the characters of one CSV field.
    """

    max_cells: int = 6_000_000
    max_unpacked: int = 300 * 2**20
    max_field: int = 131_072  # the csv module's own limit


LIMITS = ReadLimits()


def too_large(file: str, rows: int, columns: int, limits: ReadLimits) -> NoReturn:
    """Refuse a table of *rows* × *columns* that is past *limits*, saying how large it is."""
    raise InputError(
        _(
            "the table spans {rows} rows × {columns} columns, more than the limit of {limit} "
            "cells; remove what lies outside the table or split it into smaller files",
            rows=count_text(rows),
            columns=count_text(columns),
            limit=count_text(limits.max_cells),
        ),
        file=file,
    )


def count_text(number: int) -> str:
    """A whole number with thin-space thousands, readable in both languages: 1 048 576."""
    return f"{number:,}".replace(",", "\u202f")
