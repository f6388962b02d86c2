"""From parsed labels to codes: regions, industries, sex, years and cell values.

Every reader in :mod:`s3atlas.io` turns its input into *raw cells*: one row
per number, still as text, with the source row and column of each value.
This module maps the labels to codes of :mod:`s3atlas.classifications`
(``"01 Stockholms län"`` → county ``"01"``, ``"B+C mining, quarrying,
manufacturing"`` → SNI group ``"B+C"``), reads SCB's special symbols and
builds the validated :class:`~s3atlas.stats.Dataset`. Any problem raises one
error naming the file, row, column and value, before anything is written.

SCB's symbols (*teckenförklaring*): ``..`` the figure is not available or
too uncertain (suppressed), ``.`` the category cannot occur (missing),
``-`` nothing to report (zero).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from s3atlas.classifications import (
    counties,
    find_industry,
    find_region,
    municipalities,
    nuts_regions,
)
from s3atlas.errors import ClassificationError, InputError, S3AtlasError
from s3atlas.i18n import gettext as _
from s3atlas.stats.model import COUNT_MEASURES, Dataset, DatasetMeta, StatTable

__all__ = [
    "RAW_COLUMNS",
    "Provenance",
    "build_dataset",
    "industry_code",
    "parse_values",
    "region_code",
    "sex_code",
]

#: Columns of a raw-cells frame; ``sex`` and ``measure`` are optional.
RAW_COLUMNS = ["region", "industry", "year", "value", "_row", "_col"]

_COUNTRY = {"00", "riket", "hela riket", "sverige", "sweden", "totalt riket"}
_TOTAL_INDUSTRY = {
    "total",
    "totalt",
    "tot",
    "samtliga näringsgrenar",
    "alla näringsgrenar",
    "all industries",
    "samtliga",
    "total - all nace activities",
}
_SEX = {
    "men": "men",
    "män": "men",
    "man": "men",
    "1": "men",
    "male": "men",
    "males": "men",
    "m": "men",
    "women": "women",
    "kvinnor": "women",
    "kvinna": "women",
    "2": "women",
    "female": "women",
    "females": "women",
    "f": "women",
    "k": "women",
    "total": "total",
    "totalt": "total",
    "1+2": "total",
    "båda könen": "total",
    "t": "total",
    "both sexes": "total",
    "samtliga": "total",
}
_SUPPRESSED = {"..", "…", "..c", "c", "x", ":c"}
_MISSING = {"", ".", ":", "nan", "na", "n/a"}


@dataclass(frozen=True)
class Provenance:
    """Where raw cells came from: the file and the source column of each role."""

    file: str
    columns: dict[str, str] = field(default_factory=dict)
    source: str = ""

    def column(self, role: str) -> str:
        return self.columns.get(role, role)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", str(text)).strip().casefold()


@cache
def _known_codes() -> dict[str, frozenset[str]]:
    nuts = nuts_regions()
    return {
        "county": frozenset(counties().county_code),
        "municipality": frozenset(municipalities().municipality_code),
        "nuts": frozenset(nuts.nuts_code),
    }


@cache
def region_code(label: str) -> tuple[str, str]:
    """Return ``(code, scheme)`` for a region label; ``("", "country")`` for the whole country.

    Codes decide the scheme: two digits are a county, four a municipality,
    ``SE…`` a NUTS region; a bare name is looked up (counties first).

    Raises
    ------
    ClassificationError
        When the code or name is not a Swedish region.

    Examples
    --------
    >>> region_code("01 Stockholms län")
    ('01', 'county')
    >>> region_code("SE331 Västerbottens län")
    ('SE331', 'nuts')
    >>> region_code("0114 Upplands Väsby")
    ('0114', 'municipality')
    >>> region_code("Gävleborgs län")
    ('21', 'county')
    >>> region_code("00 Riket")
    ('', 'country')
    """
    text = unicodedata.normalize("NFC", str(label)).strip()
    first = text.split(" ", 1)[0]
    if _fold(text) in _COUNTRY or first == "00":
        return "", "country"
    known = _known_codes()
    for pattern, scheme in (
        (r"\d{2}", "county"),
        (r"\d{4}", "municipality"),
        (r"SE[0-9A-Z]{0,3}", "nuts"),
    ):
        if re.fullmatch(pattern, first.upper()):
            code = first.upper()
            if code not in known[scheme]:
                raise ClassificationError(
                    _("unknown {scheme} code {code}", scheme=scheme, code=code), value=label
                )
            return code, scheme
    found = find_region(text)
    return found.code, found.scheme


@cache
def industry_code(label: str) -> str:
    """Return the SNI 2007 code of an industry label (``"TOTAL"`` for all industries).

    Examples
    --------
    >>> industry_code("B+C mining, quarrying, manufacturing")
    'B+C'
    >>> industry_code("Samtliga näringsgrenar")
    'TOTAL'
    """
    text = str(label).strip()
    if _fold(text) in _TOTAL_INDUSTRY:
        return "TOTAL"
    return find_industry(text).code


def sex_code(label: str) -> str:
    """Return ``men``, ``women`` or ``total`` for a sex label in Swedish, English or SCB code.

    >>> [sex_code(x) for x in ("män", "2", "totalt")]
    ['men', 'women', 'total']
    """
    found = _SEX.get(_fold(label))
    if found is None:
        raise InputError(
            _("unknown sex; expected men/women/total (män/kvinnor/totalt)"), value=label
        )
    return found


def parse_values(texts: pd.Series) -> tuple[np.ndarray, np.ndarray, pd.Series]:
    """Read cell texts; return values, flags and a mask of texts that are not numbers.

    ``..`` is suppressed, ``.`` and empty are missing, ``-`` is zero; spaces
    are thousands separators and ``1,5`` is a Swedish decimal comma. ``inf``
    and numbers too large for a float (``1e400``) are not numbers.

    Examples
    --------
    >>> texts = pd.Series(["65 577", "..", "-", "1,5", "x1", "1e400"])
    >>> values, flags, bad = parse_values(texts)
    >>> values.tolist()[:1], flags.tolist()[:3], bad.tolist()
    ([65577.0], ['ok', 'suppressed', 'ok'], [False, False, False, False, True, True])
    """
    folded = texts.astype(str).str.strip().str.casefold().reset_index(drop=True)
    flags = np.where(
        folded.isin(_SUPPRESSED), "suppressed", np.where(folded.isin(_MISSING), "missing", "ok")
    )
    cleaned = folded.str.replace(r"[\s\xa0\u202f]", "", regex=True)
    comma = cleaned.str.fullmatch(r"-?\d+,\d+")
    cleaned = cleaned.where(~comma, cleaned.str.replace(",", ".", regex=False))
    cleaned = cleaned.mask(cleaned.isin(["-", "–", "—"]), "0")
    numbers = pd.to_numeric(cleaned.where(flags == "ok"), errors="coerce").astype(float)
    finite = np.isfinite(numbers.to_numpy())
    bad = pd.Series((flags == "ok") & ~finite, index=texts.index)
    return np.where(finite, numbers.to_numpy(), np.nan), flags, bad


def _fail_at(
    cells: pd.DataFrame,
    position: int,
    role: str,
    prov: Provenance,
    error: S3AtlasError | str,
    cls: type[S3AtlasError] = InputError,
) -> None:
    row = cells["_row"].iloc[position]
    row = None if pd.isna(row) else row
    column = cells["_col"].iloc[position] if role == "value" else prov.column(role)
    value = cells[role].iloc[position]
    detail = error.detail if isinstance(error, S3AtlasError) else error
    kind = type(error) if isinstance(error, S3AtlasError) else cls
    raise kind(
        detail,
        file=prov.file,
        row=int(row) if row is not None else None,
        column=column,
        value=value,
    )


def _not_a_number(text: object) -> str:
    """Why a value cell is refused: not a number at all, or infinite/too large (``inf``, 1e400)."""
    cleaned = str(text).strip().replace(",", ".").replace(" ", "")
    try:
        infinite = not np.isfinite(float(cleaned))
    except ValueError:
        infinite = False
    if infinite:
        return _(
            "not a finite number (infinite, or too large to store); expected a count or amount"
        )
    return _("not a number (expected digits, '..' suppressed, '.' missing or '-' zero)")


def _map_unique(cells: pd.DataFrame, role: str, prov: Provenance, mapper) -> pd.Series:
    mapped: dict[str, object] = {}
    labels = cells[role].to_numpy()
    for label in pd.unique(cells[role]):
        try:
            mapped[label] = mapper(label)
        except S3AtlasError as error:
            where = pd.isna(labels) if pd.isna(label) else labels == label
            _fail_at(cells, int(np.flatnonzero(where)[0]), role, prov, error)
    return cells[role].map(mapped)


def _map_regions(cells: pd.DataFrame, prov: Provenance) -> tuple[pd.DataFrame, str, int]:
    pairs = _map_unique(cells, "region", prov, region_code)
    schemes = pairs.str[1]
    keep = (schemes != "country").to_numpy()
    found = pd.unique(schemes[keep])
    if len(found) > 1:
        first = schemes[keep].iloc[0]
        other = int(np.flatnonzero((schemes != first).to_numpy() & keep)[0])
        _fail_at(
            cells,
            other,
            "region",
            prov,
            _(
                "mixed region classifications: a {found} code in a file whose first region "
                "is a {first} code; import one classification per file",
                found=schemes.iloc[other],
                first=first,
            ),
            ClassificationError,
        )
    out = cells[keep].copy()
    out["region"] = pairs[keep].str[0].to_numpy()
    return out, (found[0] if len(found) else "county"), int((~keep).sum())


def _check_years(cells: pd.DataFrame, prov: Provenance) -> pd.Series:
    text = cells["year"].astype(str).str.strip()
    ok = text.str.fullmatch(r"\d{4}")
    if not ok.all():
        _fail_at(
            cells,
            int(np.flatnonzero(~ok.to_numpy())[0]),
            "year",
            prov,
            _("year must be a four-digit year such as 2018 (only annual data can be imported)"),
        )
    return text.astype(int)


def _check_cells(cells: pd.DataFrame, prov: Provenance) -> None:
    key = ["region", "industry", "year", "measure"] + (["sex"] if "sex" in cells else [])
    dupes = cells.duplicated(key, keep="first").to_numpy()
    if dupes.any():
        pos = int(np.flatnonzero(dupes)[0])
        cell = ", ".join(f"{k}={cells[k].iloc[pos]}" for k in key)
        first = cells[key].iloc[:pos].eq(cells[key].iloc[pos]).all(axis=1)
        earlier_pos = int(np.flatnonzero(first.to_numpy())[0])
        earlier = cells["_row"].iloc[earlier_pos]
        where = (
            _("row {row}", row=int(earlier))
            if pd.notna(earlier)
            else str(cells["_col"].iloc[earlier_pos])
        )
        _fail_at(
            cells,
            pos,
            "value",
            prov,
            _(
                "duplicate cell ({cell}); the same cell is already at {where} "
                "(if the file has another dimension, such as age, select one value of it)",
                cell=cell,
                where=where,
            ),
        )
    negative = (cells["measure"].isin(COUNT_MEASURES) & (cells["_value"] < 0)).to_numpy()
    if negative.any():
        pos = int(np.flatnonzero(negative)[0])
        _fail_at(
            cells,
            pos,
            "value",
            prov,
            _("negative count for measure {measure}", measure=cells["measure"].iloc[pos]),
        )


def build_dataset(
    cells: pd.DataFrame,
    *,
    name: str,
    measure: str,
    prov: Provenance,
    meta: DatasetMeta | None = None,
) -> Dataset:
    """Map raw cells to codes, check them and return a validated dataset.

    Parameters
    ----------
    cells : DataFrame
        Raw cells: ``region``, ``industry``, ``year``, ``value`` as text,
        ``_row`` (1-based source row) and ``_col`` (source column of the
        value); optional ``sex`` and ``measure`` (else *measure*) and
        ``_source`` (the provenance of each cell, else the file's).
    name, measure : str
        Dataset name and the measure of cells that do not name one.
    prov : Provenance
        The file and source column names, for error messages.

    Raises
    ------
    InputError, ClassificationError
        On the first bad cell, naming file, row, column and value.
    """
    if cells.empty:
        raise InputError(_("no data cells found"), file=prov.file)
    cells = cells.reset_index(drop=True)
    if "measure" not in cells:
        cells["measure"] = measure
    cells, scheme, dropped = _map_regions(cells, prov)
    cells["industry"] = _map_unique(cells, "industry", prov, industry_code).to_numpy()
    if "sex" in cells:
        cells["sex"] = _map_unique(cells, "sex", prov, sex_code).to_numpy()
    cells["year"] = _check_years(cells, prov).to_numpy()
    values, flags, bad = parse_values(cells["value"])
    if bad.any():
        first = int(np.flatnonzero(bad.to_numpy())[0])
        _fail_at(cells, first, "value", prov, _not_a_number(cells["value"].iloc[first]))
    cells["_value"], cells["flag"] = values, flags
    if "_flag" in cells:  # readers that know better (JSON-stat status) override
        cells["flag"] = cells["_flag"].where(cells["_flag"].notna(), cells["flag"])
    _check_cells(cells, prov)
    source = cells.get("_source", prov.source or prov.file)
    frame = cells.assign(value=cells["_value"], source=source)
    columns = ["region", "industry", "year", "measure", "value", "flag", "source"]
    columns += ["_row"] if frame["_row"].notna().all() else []
    frame = frame[columns + (["sex"] if "sex" in frame else [])]
    table = StatTable.build(frame, scheme, "sni2007", file=prov.file)
    meta = meta or DatasetMeta(title=name, source=prov.source or prov.file)
    if dropped:
        note = (
            f"{dropped} cells for the whole country (Riket) were left out; "
            "totals are computed from the regions."
        )
        meta = DatasetMeta(**{**meta.__dict__, "notes": " ".join(filter(None, [meta.notes, note]))})
    return Dataset(name=name, table=table, meta=meta)
