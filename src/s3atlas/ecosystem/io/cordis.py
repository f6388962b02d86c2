"""CORDIS project participants: read ``organization.csv``, place each row in a region, pair them.

CORDIS (the EU's research and innovation projects database) publishes every
participant of a Horizon project as one row of ``organization.csv``:
``projectID``, ``organisationID`` (the PIC, Participant Identification
Code), ``vatNumber``, ``name``, ``activityType`` (HES higher education, REC
research organisation, PRC private company, PUB public body, OTH other),
``city``, ``country``, ``nutsCode`` and ``ecContribution`` (EUR), among
others.

A row is placed in a Swedish county by, in order:

1. its NUTS 3 code (``SE110`` → ``01``), where CORDIS gives one;
2. a place the user names in a mapping file (city → county or municipality);
3. its city read as a municipality, then that municipality's county, without
   regard to case, diacritics or the ASCII spellings CORDIS writes
   (GOTEBORG, GOETEBORG and Göteborg are one, see
   :func:`s3atlas.classifications.find_region`).

Rows of other countries are placed in their country. Swedish rows none of
these places are *unplaced*; the importer lists them so the user can add
them to the mapping file.

Pairs share a project when both take part in it. A pair's weight is the
number of projects it shares; its EU contribution is what the two received
in those projects together, Σ_p (c_a,p + c_b,p).

Examples
--------
>>> kind_of_activity("HES"), kind_of_activity("prc")
('university', 'firm')
>>> org_number_of_vat("SE202100305401")
'2021003054'
"""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd

from s3atlas.classifications import find_region
from s3atlas.errors import ClassificationError, InputError
from s3atlas.i18n import gettext
from s3atlas.io.tabular import Grid, read_grid

__all__ = [
    "ACTIVITY_KINDS",
    "PARTICIPANT_COLUMNS",
    "kind_of_activity",
    "org_number_of_vat",
    "pair_projects",
    "place_rows",
    "read_participants",
    "read_places",
    "read_projects",
]

ACTIVITY_KINDS: dict[str, str] = {
    "HES": "university",
    "REC": "research_institute",
    "PRC": "firm",
    "PUB": "public_agency",
    "OTH": "other",
}
"""CORDIS activity type → actor kind of the ecosystem vocabulary."""

PARTICIPANT_COLUMNS = (
    "row",
    "project",
    "acronym",
    "pic",
    "vat",
    "name",
    "activity",
    "city",
    "country",
    "nuts",
    "contribution",
)
"""The columns of :func:`read_participants`, in order (``row``: the row in the file)."""

_SOURCE_COLUMNS = {
    "project": "projectID",
    "pic": "organisationID",
    "name": "name",
    "activity": "activityType",
    "city": "city",
    "country": "country",
}
_OPTIONAL_COLUMNS = {
    "acronym": "projectAcronym",
    "vat": "vatNumber",
    "nuts": "nutsCode",
    "contribution": "ecContribution",
}


def kind_of_activity(code: str) -> str:
    """Return the actor kind of a CORDIS activity type (HES, REC, PRC, PUB, OTH)."""
    kind = ACTIVITY_KINDS.get(str(code).strip().upper())
    if kind is None:
        raise InputError(
            gettext(
                "unknown activity type; expected one of {codes}", codes=", ".join(ACTIVITY_KINDS)
            ),
            column="activityType",
            value=code,
        )
    return kind


def org_number_of_vat(vat: str) -> str | None:
    """Return the Swedish organisation number in a Swedish VAT number (SE + 10 digits + 01)."""
    found = re.fullmatch(r"SE(\d{10})01", re.sub(r"[\s-]", "", str(vat)).upper())
    return found.group(1) if found else None


def _grid(path: Path) -> Grid:
    """Read a CORDIS file (CSV or a workbook) with the one tabular reader."""
    return read_grid(path, blank="skip")


def _columns(grid: Grid, wanted: dict[str, str], required: bool) -> dict[str, int]:
    folded = {h.strip().casefold(): i for i, h in enumerate(grid.header)}
    found: dict[str, int] = {}
    for field, header in wanted.items():
        if header.casefold() in folded:
            found[field] = folded[header.casefold()]
        elif required:
            raise InputError(
                gettext(
                    "missing column {column}; a CORDIS organization file has {columns}",
                    column=header,
                    columns=", ".join(_SOURCE_COLUMNS.values()),
                ),
                file=grid.file,
                column=header,
            )
    return found


def _amount(text: str) -> float:
    text = text.strip().replace(" ", "")
    if not text:
        return 0.0
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    value = float(text)
    if value < 0:
        raise ValueError(text)
    return value


def _participant(cells: dict[str, str]) -> dict[str, Any]:
    """Check one row's cells; raise InputError naming the column (the caller adds file and row)."""
    for field in ("project", "pic", "name"):
        if not cells[field]:
            raise InputError(gettext("empty cell"), column=_SOURCE_COLUMNS[field])
    if not (cells["pic"].isascii() and cells["pic"].isdigit()):
        raise InputError(
            gettext("a PIC is a number of digits"), column="organisationID", value=cells["pic"]
        )
    kind_of_activity(cells["activity"])
    try:
        contribution = _amount(cells.get("contribution", ""))
    except ValueError:
        raise InputError(
            gettext("expected an amount in euro, 0 or more"),
            column="ecContribution",
            value=cells["contribution"],
        ) from None
    country = cells["country"].strip().upper()
    return {
        **cells,
        "activity": cells["activity"].strip().upper(),
        "country": country,
        "nuts": cells.get("nuts", "").strip().upper(),
        "contribution": contribution,
    }


def read_participants(path: str | Path) -> pd.DataFrame:
    """Read a CORDIS ``organization.csv`` (or ``.xlsx``): one row per project participant.

    Every row is checked before anything is returned; the first bad row raises
    :class:`~s3atlas.errors.InputError` naming the file, row, column and value.

    Returns
    -------
    DataFrame
        :data:`PARTICIPANT_COLUMNS`; ``contribution`` in EUR (empty = 0).
    """
    grid = _grid(Path(path))
    columns = _columns(grid, _SOURCE_COLUMNS, True) | _columns(grid, _OPTIONAL_COLUMNS, False)
    rows = []
    for number, fields in zip(grid.row_numbers, grid.rows, strict=True):
        cells = {field: fields[i].strip() for field, i in columns.items()}
        cells.update({f: "" for f in _OPTIONAL_COLUMNS if f not in cells})
        try:
            rows.append({"row": number, **_participant(cells)})
        except InputError as error:
            error.file, error.row = grid.file, number
            raise
    if not rows:
        raise InputError(gettext("the file has no participant rows"), file=grid.file)
    return pd.DataFrame(rows, columns=list(PARTICIPANT_COLUMNS))


def read_places(path: str | Path) -> dict[str, str]:
    """Read a mapping file of places: columns ``city`` and ``region`` (a county or municipality).

    Returns the folded city name → county code, e.g. ``{"visby": "09"}``.
    """
    grid = _grid(Path(path))
    header = [h.strip().casefold() for h in grid.header]
    for column in ("city", "region"):
        if column not in header:
            raise InputError(
                gettext("missing column {column}; a place file has city and region", column=column),
                file=grid.file,
                column=column,
            )
    city, region = header.index("city"), header.index("region")
    places: dict[str, str] = {}
    for number, fields in zip(grid.row_numbers, grid.rows, strict=True):
        try:
            county = find_region(fields[region]).county_code
        except ClassificationError as error:
            raise InputError(
                error.detail, file=grid.file, row=number, column="region", value=fields[region]
            ) from None
        if county is None:
            raise InputError(
                gettext("expected a county or a municipality"),
                file=grid.file,
                row=number,
                column="region",
                value=fields[region],
            )
        places[_folded(fields[city])] = county
    return places


def read_projects(path: str | Path) -> dict[str, str]:
    """Read a CORDIS ``project.csv``: project id → acronym (or title when it has none)."""
    grid = _grid(Path(path))
    header = [h.strip().casefold() for h in grid.header]
    if "id" not in header:
        raise InputError(
            gettext(
                "missing column {column}; a CORDIS project file has id and acronym", column="id"
            ),
            file=grid.file,
            column="id",
        )
    ident = header.index("id")
    label = next((header.index(c) for c in ("acronym", "title") if c in header), ident)
    return {f[ident].strip(): f[label].strip() or f[ident].strip() for f in grid.rows}


def _folded(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _county_of(row: Any, places: dict[str, str]) -> tuple[str | None, str]:
    """Return the county code of a Swedish row and how it was found (nuts, mapping, city)."""
    if row.nuts.startswith("SE") and len(row.nuts) == 5:
        try:
            return find_region(row.nuts).county_code, "nuts"
        except ClassificationError:
            pass
    city = _folded(row.city)
    if city in places:
        return places[city], "mapping"
    if city:
        try:
            return find_region(row.city).county_code, "city"
        except ClassificationError:
            pass
    return None, "unplaced"


def place_rows(participants: pd.DataFrame, places: dict[str, str] | None = None) -> pd.DataFrame:
    """Add ``home`` (county code for Swedish rows, country code otherwise, NA when unplaced) and
    ``placed_by`` (nuts, mapping, city, country or unplaced) to :func:`read_participants`' frame.

    Examples
    --------
    >>> rows = pd.DataFrame({"country": ["SE", "SE", "DE"], "nuts": ["", "", ""],
    ...                      "city": ["NORRKOEPING", "Visby", "Berlin"]})
    >>> place_rows(rows)[["home", "placed_by"]].fillna("-").values.tolist()
    [['05', 'city'], ['-', 'unplaced'], ['DE', 'country']]
    >>> place_rows(rows, {"visby": "09"}).home.tolist()
    ['05', '09', 'DE']
    """
    places = places or {}
    rows: list[Any] = list(participants.itertuples())
    found = [
        _county_of(row, places) if row.country == "SE" else (row.country or None, "country")
        for row in rows
    ]
    out = participants.copy()
    out["home"] = [home for home, _ in found]
    out["placed_by"] = [how for _, how in found]
    return out


def pair_projects(participants: pd.DataFrame, own: set[str]) -> pd.DataFrame:
    """Return the pairs of organisations (PICs) that share a project, at least one of them *own*.

    Returns
    -------
    DataFrame
        ``pic_a, pic_b, projects, contribution, project_ids``: ``pic_a`` is
        always an own organisation (the smaller PIC when both are),
        ``projects`` the number of shared projects, ``contribution`` the sum of
        both partners' EU contributions in them, ``project_ids`` the project ids
        joined with ``;``.

    Examples
    --------
    >>> rows = pd.DataFrame({"project": ["1", "1", "1", "2", "2"],
    ...                      "pic": ["10", "20", "30", "10", "20"],
    ...                      "contribution": [100.0, 50.0, 5.0, 10.0, 1.0]})
    >>> pair_projects(rows, {"10"}).values.tolist()
    [['10', '20', 2, 161.0, '1;2'], ['10', '30', 1, 105.0, '1']]
    """
    per_project = participants.groupby(["project", "pic"], sort=True).contribution.sum()
    pairs: dict[tuple[str, str], list[Any]] = {}
    for project, group in per_project.groupby(level="project", sort=True):
        money = {str(key[1]): float(v) for key, v in group.items()}  # type: ignore[index]
        for a, b in combinations(sorted(money), 2):
            if a not in own and b not in own:
                continue
            key = (a, b) if a in own else (b, a)
            entry = pairs.setdefault(key, [0, 0.0, []])
            entry[0] += 1
            entry[1] += money[a] + money[b]
            entry[2].append(str(project))
    rows = [(a, b, n, total, ";".join(ids)) for (a, b), (n, total, ids) in sorted(pairs.items())]
    return pd.DataFrame(rows, columns=["pic_a", "pic_b", "projects", "contribution", "project_ids"])
