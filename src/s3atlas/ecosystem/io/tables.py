"""Excel and CSV templates of an ecosystem map: write, read and check before anything is saved.

A workbook has one sheet per table of :class:`~.snapshot.EcosystemSnapshot`
(``areas``, ``actors``, ``provisions``, ``links``, ``insights``) with the
snapshot's columns, plus ``functions`` and ``phases`` (the vocabulary, for
reference) and ``meta`` (region and round). A CSV export is a folder with one
``<table>.csv`` per table. Reading accepts a workbook, such a folder, or one
CSV file named after its table (``actors.csv``); ``;``-separated files from a
Swedish Excel and latin-1 files are read too.

:func:`parse_tables` checks every row before returning anything and raises
:class:`~s3atlas.errors.InputError` naming the file, the row (as the
spreadsheet shows it: the header is row 1), the column and the value. In the
sheets, actors, areas, functions and phases may be written by id/code or by
name; yes/no columns take ``ja/nej``, ``yes/no``, ``true/false``, ``1/0`` or
``x``.

This module gathers the public entry points; the work is done in
:mod:`.tables_files` (the files), :mod:`.tables_check` (checking) and
:mod:`.tables_save` (saving into a workspace store).
"""

from __future__ import annotations

import os
from typing import Any

from s3atlas.ecosystem.io.tables_check import default_vocabulary, parse_tables
from s3atlas.ecosystem.io.tables_files import (
    SHEETS,
    read_tables,
    write_csv_folder,
    write_workbook,
)
from s3atlas.ecosystem.io.tables_save import save_snapshot, store_vocabulary
from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot

__all__ = [
    "SHEETS",
    "default_vocabulary",
    "parse_tables",
    "read_snapshot",
    "read_tables",
    "save_snapshot",
    "store_vocabulary",
    "write_csv_folder",
    "write_workbook",
]


def read_snapshot(path: str | os.PathLike[str], **options: Any) -> EcosystemSnapshot:
    """Read and check a workbook, CSV folder or CSV file (see :func:`parse_tables` for *options*).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> snap = example_snapshot()
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     back = read_snapshot(write_workbook(snap, pathlib.Path(tmp) / "map.xlsx"))
    >>> back.actors.equals(snap.actors), back.provisions.equals(snap.provisions)
    (True, True)
    """
    return parse_tables(read_tables(path), **options)
