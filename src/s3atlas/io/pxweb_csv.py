"""CSV exports from PxWeb, SCB's statistical database (*Statistikdatabasen*).

PxWeb saves a table as "Kommaseparerad" or "Semikolonavgränsad" text,
latin-1 (older exports) or UTF-8, every text field quoted, with an optional
title row, a header row, then one row per stub combination and the heading
variable (usually the year) as columns::

    "Förvärvsarbetande 16+ år efter region, näringsgren och år"

    "region","näringsgren (SNI 2007)","2018"
    "01 Stockholms län","A jordbruk, skogsbruk och fiske",4066
    "01 Stockholms län","B+C mining, quarrying, manufacturing",65577

Labels carry their code first (``"01 Stockholms län"``, ``"B+C ..."``).
Cells use SCB's symbols: ``..`` suppressed, ``.`` cannot occur, ``-`` zero.
The reader also accepts a long export (a year column and one value column)
and years combined with sex in the heading (``"2018 kvinnor"``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from s3atlas.errors import InputError
from s3atlas.io.mapping import Provenance, build_dataset
from s3atlas.io.tables import grid_to_cells
from s3atlas.io.tabular import read_grid
from s3atlas.stats.model import Dataset, DatasetMeta

__all__ = ["looks_like_pxweb", "read_pxweb_csv"]


def looks_like_pxweb(path: str | Path) -> bool:
    """Return whether a CSV file looks like a PxWeb export (coded labels, years as columns).

    A file that cannot be read as CSV returns False; the reader then reports why.
    """
    try:
        grid = read_grid(path)
    except InputError:  # the reader reports the problem with its location when it reads
        return False
    coded = bool(grid.rows) and grid.rows[0][0][:2].isdigit() and " " in grid.rows[0][0]
    return bool(grid.title) or coded


def read_pxweb_csv(
    path: str | Path,
    *,
    name: str,
    measure: str,
    columns: Mapping[str, str] | None = None,
    source: str = "",
) -> Dataset:
    """Read a PxWeb CSV export into a validated dataset.

    Parameters
    ----------
    path : path
        The exported file (``,`` ``;`` or tab separated; UTF-8 or latin-1, detected).
    name, measure : str
        Dataset name and measure of the numbers (e.g. ``employed``).
    columns : mapping, optional
        Role → column name where the header is not recognised.
    source : str, optional
        Credit for every number; default ``"SCB, PxWeb export <file name>"``.

    Returns
    -------
    Dataset
        Regions and SNI codes mapped from the labels; cells for the whole
        country (``00 Riket``) are left out and counted in the notes.

    Raises
    ------
    InputError, ClassificationError
        On the first problem, naming file, row, column and value; nothing is saved.
    """
    path = Path(path)
    grid = read_grid(path)
    cells, roles = grid_to_cells(grid, measure, columns)
    prov = Provenance(str(path), roles, source or f"SCB, PxWeb export {path.name}")
    meta = DatasetMeta(title=grid.title or name, source=prov.source, notes=grid.notes)
    return build_dataset(cells, name=name, measure=measure, prov=prov, meta=meta)
