"""Template files of an ecosystem map: a sheet or CSV per table, written atomically, read as text.

A workbook has one sheet per table of :class:`~.snapshot.EcosystemSnapshot`
(:data:`SHEETS`) with the snapshot's columns, plus ``functions`` and
``phases`` (the vocabulary, for reference) and ``meta`` (region and round). A
CSV export is a folder with one ``<table>.csv`` per table. :func:`read_tables`
accepts a workbook, such a folder, or one CSV file named after its table
(``actors.csv``), all through the one tabular reader
(:mod:`s3atlas.io.tabular`). The cells come back as text indexed by
spreadsheet row, unchecked: checking them is :mod:`.tables_check`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot
from s3atlas.errors import InputError
from s3atlas.i18n import gettext
from s3atlas.io.files import atomic_path
from s3atlas.io.neutralise import neutralise_frame
from s3atlas.io.tabular import Grid, read_grid, read_sheets

__all__ = ["SHEETS", "read_tables", "write_csv_folder", "write_workbook"]

SHEETS = ("areas", "actors", "provisions", "links", "insights")
"""The tables read from and written to a workbook, in order."""

_REFERENCE = ("functions", "phases")


# --- writing ---------------------------------------------------------------------


def _meta(snapshot: EcosystemSnapshot) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "key": ["region_code", "region_name", "round"],
            "value": [snapshot.region_code, snapshot.region_name, snapshot.round],
        }
    )


def _atomic(path: Path, write: Any) -> Path:
    """Write through a temporary file in the same folder, then rename over *path*."""
    with atomic_path(path, suffix=path.suffix) as tmp:
        write(tmp)
    return path


def write_workbook(snapshot: EcosystemSnapshot, path: str | os.PathLike[str]) -> Path:
    """Write the snapshot as an ``.xlsx`` workbook (a template when the snapshot is empty)."""
    frames = snapshot.frames()

    def write(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name in (*SHEETS, *_REFERENCE):
                neutralise_frame(frames[name]).to_excel(writer, sheet_name=name, index=False)
            _meta(snapshot).to_excel(writer, sheet_name="meta", index=False)

    return _atomic(Path(path), write)


def write_csv_folder(snapshot: EcosystemSnapshot, folder: str | os.PathLike[str]) -> Path:
    """Write one UTF-8 ``<table>.csv`` per table (and ``meta.csv``) into *folder*."""
    folder = Path(folder)
    frames = {**snapshot.frames(), "meta": _meta(snapshot)}
    for name in (*SHEETS, *_REFERENCE, "meta"):
        _atomic(
            folder / f"{name}.csv",
            lambda tmp, n=name: neutralise_frame(frames[n]).to_csv(tmp, index=False),
        )
    return folder


# --- reading ---------------------------------------------------------------------


def _frame(grid: Grid) -> pd.DataFrame:
    """A grid's text cells, indexed by spreadsheet row (``row``); an empty sheet has no columns."""
    frame: pd.DataFrame = grid.frame()
    return frame


def read_tables(path: str | os.PathLike[str]) -> dict[str, tuple[str, pd.DataFrame]]:
    """Read the raw tables of a workbook, CSV folder or single CSV: name → (file label, text frame).

    Raises
    ------
    InputError
        The file cannot be read, or it holds none of the known tables.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(gettext("no such file or folder"), file=str(path))
    names = (*SHEETS, "meta")
    out: dict[str, tuple[str, pd.DataFrame]] = {}
    if path.is_dir():
        for name in names:
            if (path / f"{name}.csv").is_file():
                csv_path = path / f"{name}.csv"
                out[name] = (str(csv_path), _frame(read_grid(csv_path, blank="skip")))
    elif path.suffix.lower() == ".csv":
        if path.stem.lower() not in SHEETS:
            raise InputError(
                gettext(
                    "a CSV file must be named after its table: {names}", names=", ".join(SHEETS)
                ),
                file=str(path),
            )
        out[path.stem.lower()] = (str(path), _frame(read_grid(path, blank="skip")))
    else:
        for name, grid in read_sheets(path, names).items():
            out[name] = (grid.file, _frame(grid))
    if not set(out) & set(SHEETS):
        raise InputError(
            gettext("found none of the tables {names}", names=", ".join(SHEETS)), file=str(path)
        )
    return out
