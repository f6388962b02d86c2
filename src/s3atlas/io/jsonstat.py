"""JSON-stat 2.0 dataset documents, as SCB's PxWeb API and Eurostat return them.

A dataset document lists its dimensions in ``id`` with their sizes in
``size``; each ``dimension[id].category`` has an ``index`` (a list of codes,
or an object code → position) and ``label`` (code → text). ``value`` holds
the numbers in row-major order over ``id`` (the last dimension changes
fastest), as a list or as an object position → number for sparse data;
``status`` marks cells the same way (or one string for all). Specification:
https://json-stat.org/full/ (JSON-stat 2.0).

Dimensions are recognised by their ``role`` (``time``, ``geo``, ``metric``)
and their id: ``Region``/``geo`` (region), ``SNI2007``/``nace_r2``
(industry), ``Kon``/``sex``, ``Tid``/``time`` (year), ``ContentsCode``
(measure). Any other dimension must have one category.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from s3atlas.errors import InputError
from s3atlas.i18n import gettext as _
from s3atlas.io.mapping import Provenance, build_dataset
from s3atlas.stats.model import Dataset, DatasetMeta
from s3atlas.store.limits import is_whole_number

__all__ = [
    "STATUS_FLAGS",
    "dimension_role",
    "jsonstat_cells",
    "load_jsonstat",
    "read_jsonstat",
]

#: Status symbols → cell flags: SCB's ``..``/``.``/``-`` and Eurostat's ``c``/``:``/``e``/``d``
#: (``d``: definition differs; the value is kept with the flag).
STATUS_FLAGS = {
    "..": "suppressed",
    "c": "suppressed",
    "…": "suppressed",
    ".": "missing",
    ":": "missing",
    "e": "estimated",
    "d": "definition_differs",
    "p": None,
    "b": None,
    "-": None,
}

_ROLE_IDS = {
    "region": ("region", "geo", "lan", "län", "kommun"),
    "industry": ("nace_r2", "nace", "sni", "industry"),
    "sex": ("kon", "kön", "sex"),
    "year": ("tid", "time", "year", "ar", "år"),
    "measure": ("contentscode", "tabellinnehåll", "unit", "na_item", "measure"),
}


def load_jsonstat(path: str | Path) -> dict[str, Any]:
    """Read a JSON-stat file, reporting where a truncated or malformed document breaks."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise InputError(
            _("cannot read the file: {reason}", reason=error.strerror or ""), file=str(path)
        ) from None
    except UnicodeDecodeError:
        raise InputError(
            _("not a UTF-8 text file; a JSON-stat document is UTF-8 text"), file=str(path)
        ) from None
    return parse_document(text, str(path))


def parse_document(text: str, file: str) -> dict[str, Any]:
    """Parse JSON text; a truncated or malformed document raises with its line and character."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as error:
        ended = error.pos >= len(text.rstrip())
        why = (
            _("the document ends early (truncated)")
            if ended
            else _("malformed JSON ({reason})", reason=error.msg)
        )
        where = _("at line {line}, character {char}", line=error.lineno, char=error.colno)
        raise InputError(
            _("{problem} {where}", problem=why, where=where), file=file, row=error.lineno
        ) from None
    except RecursionError:
        raise InputError(
            _("the JSON document is nested too deeply to be a JSON-stat dataset"), file=file
        ) from None
    if not isinstance(doc, dict):
        raise InputError(_("not a JSON-stat document (expected an object)"), file=file)
    return doc


def _dataset(doc: dict[str, Any], file: str) -> dict[str, Any]:
    if doc.get("class") == "dataset" or "value" in doc:
        return doc
    if "dataset" in doc and isinstance(doc["dataset"], dict) and "value" in doc["dataset"]:
        raise InputError(
            _("a JSON-stat 1.x document; ask the API for json-stat2 (JSON-stat 2.0)"), file=file
        )
    raise InputError(_("not a JSON-stat 2.0 dataset (no class dataset and no values)"), file=file)


def _categories(
    doc: dict[str, Any], dim: str, size: int, file: str
) -> tuple[list[str], dict[str, str]]:
    try:
        category = doc["dimension"][dim]["category"]
    except (KeyError, TypeError):
        raise InputError(
            _("a dimension listed in id has no category"), file=file, column=dim
        ) from None
    index = category.get("index")
    labels = category.get("label") or {}
    if index is None:
        if len(labels) != 1 and size != len(labels):
            raise InputError(_("the dimension has no category index"), file=file, column=dim)
        codes = list(labels)
    elif isinstance(index, list):
        codes = [str(c) for c in index]
    else:
        codes = [c for c, _ in sorted(index.items(), key=lambda item: item[1])]
    if len(codes) != size:
        raise InputError(
            _(
                "the dimension has {count} categories but its size says {size}",
                count=len(codes),
                size=size,
            ),
            file=file,
            column=dim,
        )
    return codes, {str(k): str(v) for k, v in labels.items()}


def _role_of(doc: dict[str, Any], dim: str) -> str | None:
    roles = doc.get("role") or {}
    for role, key in (("year", "time"), ("region", "geo"), ("measure", "metric")):
        if dim in (roles.get(key) or []):
            return role
    name = dim.casefold()
    for role, names in _ROLE_IDS.items():
        if name in names or (role == "industry" and re.match(r"sni\d*", name)):
            return role
    return None


def dimension_role(doc: dict[str, Any], dim: str) -> str | None:
    """Return the role (region, industry, sex, year, measure) of dimension *dim*, or None.

    >>> dimension_role({"role": {"time": ["Tid"]}}, "Tid"), dimension_role({}, "SNI2007")
    ('year', 'industry')
    """
    return _role_of(doc, dim)


def _values(doc: dict[str, Any], total: int, file: str) -> tuple[np.ndarray, list[Any]]:
    raw = doc.get("value")
    if isinstance(raw, list):
        if len(raw) != total:
            raise InputError(
                _(
                    "'value' has {found} numbers but the dimensions need {expected}; "
                    "the document is truncated or inconsistent",
                    found=len(raw),
                    expected=total,
                ),
                file=file,
                column="value",
            )
        cells: list[Any] = list(raw)
    elif isinstance(raw, dict):
        cells = [None] * total
        for key, number in raw.items():
            if not is_whole_number(key, total - 1):
                raise InputError(
                    _("a cell position outside the {total} cells", total=total),
                    file=file,
                    column="value",
                    value=key,
                )
            cells[int(key)] = number
    else:
        raise InputError(_("the numbers must be a list or an object"), file=file, column="value")
    return np.array(cells, dtype=object), _status(doc.get("status"), total)


def _status(raw: Any, total: int) -> list[Any]:
    if raw is None:
        return [None] * total
    if isinstance(raw, str):
        return [raw] * total
    if isinstance(raw, list):
        return (list(raw) + [None] * total)[:total] if len(raw) != 1 else raw * total
    out: list[Any] = [None] * total
    for key, symbol in raw.items():
        if is_whole_number(key, total - 1):
            out[int(key)] = symbol
    return out


def _text(value: Any, status: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ".." if STATUS_FLAGS.get(str(status)) == "suppressed" else "."
    return repr(float(value)) if isinstance(value, int | float) else str(value)


def jsonstat_cells(doc: dict[str, Any], file: str = "<json-stat>") -> pd.DataFrame:
    """Return one raw cell per number of a JSON-stat 2.0 dataset (codes, value text, flag).

    Examples
    --------
    >>> doc = {"version": "2.0", "class": "dataset", "id": ["Region", "Tid"], "size": [1, 2],
    ...        "dimension": {"Region": {"category": {"index": {"24": 0}}},
    ...                      "Tid": {"category": {"index": ["2017", "2018"]}}},
    ...        "value": [9.0, None], "status": {"1": ".."}}
    >>> cells = jsonstat_cells(doc)
    >>> cells[["region", "year", "value"]].values.tolist()
    [['24', '2017', '9.0'], ['24', '2018', '..']]
    >>> cells["_flag"].fillna("-").tolist()
    ['-', 'suppressed']
    """
    doc = _dataset(doc, file)
    ids, sizes = doc.get("id"), doc.get("size")
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes):
        raise InputError(_("id and size must be lists of the same length"), file=file, column="id")
    categories = [
        _categories(doc, dim, size, file)[0] for dim, size in zip(ids, sizes, strict=True)
    ]
    total = int(np.prod(sizes)) if sizes else 1
    values, status = _values(doc, total, file)
    grid = np.indices(sizes).reshape(len(sizes), -1) if sizes else np.zeros((0, 1), dtype=int)
    cells = pd.DataFrame({"value": [_text(v, s) for v, s in zip(values, status, strict=True)]})
    cells["_flag"] = [STATUS_FLAGS.get(str(s)) if s is not None else None for s in status]
    cells["_row"] = None
    cells["_col"] = [f"value[{i}]" for i in range(total)]
    for axis, (dim, size, codes) in enumerate(zip(ids, sizes, categories, strict=True)):
        role = _role_of(doc, dim)
        if role is None or role in cells:
            if size > 1:
                raise InputError(
                    _(
                        "the dimension is not region, industry, sex, year or measure and has "
                        "several categories; select one of them"
                    ),
                    file=file,
                    column=dim,
                    value=codes[:3],
                )
            continue
        cells[role] = np.array(codes, dtype=object)[grid[axis]]
    return cells


def _roles(doc: dict[str, Any]) -> dict[str, str]:
    return {role: dim for dim in doc.get("id", []) if (role := _role_of(doc, dim))}


def read_jsonstat(
    path_or_doc: str | Path | dict[str, Any],
    *,
    name: str,
    measure: str = "",
    file: str | None = None,
    source: str = "",
) -> Dataset:
    """Read a JSON-stat 2.0 dataset (a file or a parsed document) into a validated dataset.

    The measure comes from the contents dimension (``ContentsCode``) when it
    has several categories, else from *measure* (default: the content code).
    Without an industry dimension every cell is ``TOTAL``.

    Raises
    ------
    InputError, ClassificationError
        For truncated documents, inconsistent sizes and unknown codes, naming
        the dimension (as the column) and the code.
    """
    if isinstance(path_or_doc, dict):
        doc, file = path_or_doc, file or "<json-stat>"
    else:
        file = file or str(path_or_doc)
        doc = load_jsonstat(path_or_doc)
    cells = jsonstat_cells(doc, file)
    roles = _roles(doc)
    if "region" not in cells:
        raise InputError(
            _("no region dimension (Region, geo or the role geo)"), file=file, column="id"
        )
    if "year" not in cells:
        raise InputError(
            _("no time dimension (Tid, time or the role time)"), file=file, column="id"
        )
    if "industry" not in cells:
        cells["industry"] = "TOTAL"
    if "measure" in cells and cells["measure"].nunique() == 1 and measure:
        cells = cells.drop(columns="measure")
    cells = cells[~cells["value"].isna()]
    prov = Provenance(file, roles, source or str(doc.get("source") or file))
    meta = DatasetMeta(
        title=str(doc.get("label") or name),
        source=prov.source,
        notes=" ".join(str(n) for n in doc.get("note") or []),
    )
    return build_dataset(cells, name=name, measure=measure or "value", prov=prov, meta=meta)
