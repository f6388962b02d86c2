"""Swedish regions: 21 counties (*län*), 290 municipalities (*kommuner*) and NUTS 2021 codes.

Counties are NUTS 3 regions (SE110 … SE332), grouped into eight NUTS 2 and
three NUTS 1 regions. Region codes in a statistics table use one scheme:
``county`` (SCB's two-digit codes, ``"24"``), ``municipality`` (four digits,
``"2480"``) or ``nuts`` (``"SE331"``, ``"SE33"``, ``"SE"``).

Municipality names are SCB's official forms. The bundled list generates some
names mechanically, so five are corrected here: Kalmar kommun, Falu kommun,
Kalix kommun, Överkalix kommun and Region Gotland.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd

from s3atlas.classifications.sni import _data
from s3atlas.errors import ClassificationError
from s3atlas.i18n import gettext

__all__ = [
    "Region",
    "counties",
    "county_to_nuts3",
    "find_region",
    "is_extra_regio",
    "municipalities",
    "nuts_regions",
    "region_parent",
]

_OFFICIAL_MUNICIPALITY_NAMES = {
    "0880": "Kalmar kommun",
    "0980": "Region Gotland",
    "2080": "Falu kommun",
    "2513": "Överkalix kommun",
    "2514": "Kalix kommun",
}


@dataclass(frozen=True)
class Region:
    """A region: its code in its scheme, names and the NUTS code where one exists."""

    code: str
    scheme: str
    name: str
    short_name: str
    nuts_code: str | None
    county_code: str | None


@cache
def counties() -> pd.DataFrame:
    """Return the 21 counties: county_code, name, short_name, nuts3, nuts2, nuts1.

    >>> counties().loc[counties().county_code == "24", "nuts3"].item()
    'SE331'
    """
    frame = pd.DataFrame(_data("bundle/sweden_counties.csv"))
    frame = frame.rename(columns={"county_name": "name", "county_name_short": "short_name"})
    nuts = nuts_regions()
    level3 = nuts[nuts.level == 3].set_index("county_code")
    frame["nuts3"] = frame.county_code.map(level3.nuts_code)
    frame["nuts2"] = frame.nuts3.str[:4]
    frame["nuts1"] = frame.nuts3.str[:3]
    return frame


@cache
def municipalities() -> pd.DataFrame:
    """Return the 290 municipalities: municipality_code, name, short_name, county_code.

    >>> municipalities().set_index("municipality_code").loc["0980", "name"]
    'Region Gotland'
    """
    frame = pd.DataFrame(_data("bundle/sweden_municipalities.csv"))
    frame = frame.rename(
        columns={"municipality_name": "name", "municipality_name_short": "short_name"}
    )
    fixed = frame.municipality_code.map(_OFFICIAL_MUNICIPALITY_NAMES)
    frame["name"] = fixed.fillna(frame["name"])
    return frame


@cache
def nuts_regions() -> pd.DataFrame:
    """Return Sweden's NUTS 2021 regions at levels 0–3 with parent and county code."""
    frame = pd.DataFrame(_data("classification/nuts_se.csv"))
    frame["level"] = frame.level.astype(int)
    return frame


_EXTRA_REGIO = re.compile(r"[A-Z]{2}Z{1,3}")


def is_extra_regio(code: object) -> bool:
    """Whether *code* is a NUTS Extra-Regio code: a country code followed by Z, ZZ or ZZZ.

    Extra-Regio (``SEZ``, ``SEZZ``, ``SEZZZ`` at NUTS 1, 2 and 3) is the part
    of a country's economic territory that belongs to no region, such as
    embassies abroad and the continental shelf (ESA 2010, chapter 13,
    regional accounts; the NUTS classification gives it these codes). It is
    not a region to compare with others. Case and surrounding blanks are
    ignored.

    Examples
    --------
    >>> [is_extra_regio(c) for c in ("SEZ", "SEZZ", "sezzz", "FRZZZ")]
    [True, True, True, True]
    >>> [is_extra_regio(c) for c in ("SE", "SE331", "SEZZZZ", "24", "CZ0", None)]
    [False, False, False, False, False, False]
    """
    return isinstance(code, str) and _EXTRA_REGIO.fullmatch(code.strip().upper()) is not None


def county_to_nuts3(county_code: str) -> str:
    """Return the NUTS 3 code of a county.

    >>> county_to_nuts3("01")
    'SE110'
    """
    return find_region(county_code).nuts_code or ""


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text)).strip().casefold()
    for suffix in (" county", " län", "s län", " lan", "s lan", " kommun", "s kommun"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.removeprefix("region ")


@cache
def _index() -> dict[str, Region]:
    index: dict[str, Region] = {}
    row: Any  # itertuples rows of the bundled tables, whose code and name columns are text
    for row in municipalities().itertuples():
        region = Region(
            row.municipality_code, "municipality", row.name, row.short_name, None, row.county_code
        )
        for key in (row.municipality_code, row.name, row.short_name):
            index.setdefault(_fold(key), region)
    nuts = nuts_regions()
    for row in nuts[nuts.level < 3].itertuples():
        region = Region(row.nuts_code, "nuts", row.name, row.name, row.nuts_code, None)
        index[_fold(row.nuts_code)] = region
    for row in counties().itertuples():  # counties win over municipalities of the same name
        region = Region(
            row.county_code, "county", row.name, row.short_name, row.nuts3, row.county_code
        )
        for key in (
            row.county_code,
            row.name,
            row.short_name,
            row.nuts3,
            str(int(row.county_code)),
        ):
            index[_fold(key)] = region
    return index


def _ascii(key: str) -> str:
    """Return *key* without diacritics, as names are often typed or exported ("vasterbotten")."""
    return "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))


_TRANSLITERATION = str.maketrans({"å": "aa", "ä": "ae", "ö": "oe", "é": "e", "ü": "ue"})


def _transliterated(key: str) -> str:
    """Return *key* spelled as ASCII exports write Swedish letters ("GOETEBORG", "NORRKOEPING")."""
    return _ascii(key.translate(_TRANSLITERATION))


@cache
def _ascii_index() -> dict[str, Region]:
    """Return the regions by their diacritic-free keys (å → a and å → aa, ö → o and ö → oe, …);
    a key that two regions share is left out (the exact spelling still finds each)."""
    found: dict[str, set[Region]] = {}
    for key, region in _index().items():
        for plain in {_ascii(key), _transliterated(key)}:
            found.setdefault(plain, set()).add(region)
    return {key: next(iter(regions)) for key, regions in found.items() if len(regions) == 1}


@cache
def find_region(text: str) -> Region:
    """Return the region for what people type: a code, a name or a NUTS code.

    Counties win over municipalities of the same name ("Kalmar" is the county).

    Raises
    ------
    ClassificationError
        When nothing matches, with the closest names.

    Examples
    --------
    >>> [find_region(t).code for t in ("24", "Västerbottens län", "Västerbotten", "SE331")]
    ['24', '24', '24', '24']
    >>> find_region("Umeå").scheme
    'municipality'
    >>> find_region("vasterbotten").code, find_region("GOTEBORG").code
    ('24', '1480')
    >>> find_region("GOETEBORG").code, find_region("NORRKOEPING").code
    ('1480', '0581')
    """
    key = _fold(text)
    index = _index()
    if key in index:
        return index[key]
    plain = _ascii_index().get(_ascii(key))
    if plain is not None:
        return plain
    near = difflib.get_close_matches(key, list(index), n=3, cutoff=0.7)
    names = sorted({index[k].name for k in near})
    hint = " " + gettext("Did you mean {names}?", names=", ".join(names)) if names else ""
    raise ClassificationError(gettext("unknown region.") + hint, value=text)


def region_parent(code: str, scheme: str, level: str) -> str:
    """Return the code that contains region *code* at *level*: county, nuts3, nuts2, nuts1 or
    country.

    Raises
    ------
    ClassificationError
        When the target is finer than the region (a county has no single municipality).

    Examples
    --------
    >>> region_parent("24", "county", "nuts2")
    'SE33'
    >>> region_parent("2480", "municipality", "county")
    '24'
    """
    if scheme == "municipality":
        county = municipalities().set_index("municipality_code").county_code.get(code)
        if county is None:
            raise ClassificationError(gettext("unknown municipality code"), value=code)
        return county if level == "county" else region_parent(county, "county", level)
    nuts = find_region(code).nuts_code if scheme == "county" else code
    widths = {"nuts3": 5, "nuts2": 4, "nuts1": 3, "country": 2}
    if level == "county" and scheme == "nuts" and len(code) == 5:
        return find_region(code).code
    if level not in widths or nuts is None or len(nuts) < widths[level]:
        raise ClassificationError(
            gettext(
                "the region ({scheme}) cannot be assigned to the level {level}",
                scheme=scheme,
                level=level,
            ),
            value=code,
        )
    return nuts[: widths[level]]
