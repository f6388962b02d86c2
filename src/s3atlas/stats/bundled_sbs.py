"""Eurostat's structural business statistics by NUTS 2 region and NACE division (2015), bundled.

The file ``eurostat_sbs_r_nuts06_r2_2015.csv`` (see ``s3atlas/data/SOURCES.md``)
went through a spreadsheet before it was published, and its cells are read
as they are, never guessed:

=====================  ===========================  =============================
cell text              meaning                      flag (value)
=====================  ===========================  =============================
``123``                persons employed             ``ok`` (123)
``123 d``              Eurostat: definition differs ``definition_differs`` (123)
blank, ``d``           confidential or not          ``suppressed`` (none)
                       available (cannot be told
                       apart)
``12:00 AM``           spreadsheet artefact         ``missing`` (none)
                       (Iceland; the number is lost)
=====================  ===========================  =============================

Only NUTS 2 rows (4-character codes, Extra-Regio ``..ZZ`` left out) and
NACE divisions (``C10`` → SNI division ``10``) are kept, so that sums do not
count the sections and 3-digit groups twice. SBS has no section A, no K and
no O–U apart from division 95.
"""

from __future__ import annotations

import re
from importlib.resources import files

import numpy as np
import pandas as pd

from s3atlas.errors import InputError
from s3atlas.i18n import gettext
from s3atlas.stats.model import Dataset, DatasetMeta, StatTable

__all__ = ["FILE", "NAME", "cell_flags", "sbs_2015"]

#: The bundled file and the dataset name it loads as.
FILE = "eurostat_sbs_r_nuts06_r2_2015.csv"
NAME = "eurostat_sbs_2015"
_HEADER = ["nace_r2", "geo", "n2015"]
_SOURCE = "Eurostat sbs_r_nuts06_r2"
_DIVISION = re.compile(r"[A-Z]\d{2}")
_NUMBER = re.compile(r"(\d+)( d)?")
_ARTEFACT = "12:00 AM"
_NOTES = (
    "Persons employed in 2015 by NUTS 2 region (4-character codes; the Extra-Regio codes ..ZZ "
    "are left out) and NACE Rev. 2 division (2 digits; C10 is SNI division 10). Sections and "
    "3-digit groups are left out so that sums do not double count. "
    "SBS has no section A (farming, forestry, fishing), no K (finance) and no O–U apart from "
    "division 95: areas with such divisions are scored on the part SBS covers. "
    "Blank cells are confidential or not available (the file does not tell which): flag "
    "suppressed, no value. Values marked ' d' (Eurostat: definition differs) are kept with the "
    "flag definition_differs. Iceland's cells that read '12:00 AM' are a spreadsheet artefact: "
    "flag missing, no value."
)


def cell_flags(cells: pd.Series) -> pd.DataFrame:
    """Return the value and flag of each raw cell text of the SBS file (see the module table).

    Cells that match none of the known forms get no flag (NA); the loader
    refuses them.

    >>> cell_flags(pd.Series(["7089", "219 d", " ", " d", "12:00 AM"])).flag.tolist()
    ['ok', 'definition_differs', 'suppressed', 'suppressed', 'missing']
    """
    text = cells.astype(str).str.strip()
    number = text.str.extract(f"^{_NUMBER.pattern}$")
    is_number = number[0].notna()
    flag = np.select(
        [is_number & number[1].isna(), is_number, text.isin(["", "d"]), text == _ARTEFACT],
        ["ok", "definition_differs", "suppressed", "missing"],
        default="",
    )
    return pd.DataFrame(
        {
            "value": pd.to_numeric(number[0], errors="coerce"),
            "flag": pd.Series(flag).where(flag != "").to_numpy(),
        },
        index=cells.index,
    )


def _read() -> pd.DataFrame:
    path = files("s3atlas.data").joinpath(f"bundle/{FILE}")
    with path.open(encoding="utf-8") as handle:
        raw = pd.read_csv(handle, sep=";", dtype=str, keep_default_na=False)
    if list(raw.columns) != _HEADER:
        raise InputError(
            gettext("expected the header {header}", header=";".join(_HEADER)),
            file=FILE,
            row=1,
            value=";".join(raw.columns),
        )
    return raw


def _nuts2_divisions(raw: pd.DataFrame) -> pd.DataFrame:
    geo, nace = raw.geo.str.strip(), raw.nace_r2.str.strip()
    keep = (geo.str.len() == 4) & ~geo.str.endswith("ZZ") & nace.str.fullmatch(_DIVISION.pattern)
    return raw.assign(geo=geo, nace_r2=nace)[keep]


def _frame(raw: pd.DataFrame) -> pd.DataFrame:
    cells = cell_flags(raw.n2015)
    bad = cells.flag.isna()
    if bad.any():
        first = cells.index[bad][0]
        raise InputError(
            gettext("a cell is neither a whole number, a number with ' d', blank nor '12:00 AM'"),
            file=FILE,
            row=int(first) + 2,  # the header is row 1
            column="n2015",
            value=raw.at[first, "n2015"],
        )
    return pd.DataFrame(
        {
            "region": raw.geo,
            "industry": raw.nace_r2.str[1:],
            "year": 2015,
            "measure": "employed",
            "value": cells.value,
            "flag": cells.flag,
            "source": _SOURCE,
            "_row": raw.index + 2,
        }
    )


def sbs_2015() -> Dataset:
    """Return persons employed 2015 by NUTS 2 region × NACE division from the bundled SBS file."""
    frame = _frame(_nuts2_divisions(_read()))
    meta = DatasetMeta(
        title="Sysselsatta 2015 efter NUTS 2-region och NACE-avdelning (SBS, cirka 30 länder)",
        source="© European Union, Eurostat (sbs_r_nuts06_r2)",
        licence="Eurostat reuse policy (attribution)",
        url="https://ec.europa.eu/eurostat/databrowser/view/sbs_r_nuts06_r2/",
        unit="persons",
        notes=_NOTES,
    )
    return Dataset(NAME, StatTable.build(frame, "nuts", "sni2007", file=FILE), meta)
