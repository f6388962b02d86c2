"""SNI 2007 (the Swedish version of NACE Rev. 2): sections, divisions, groups, classes, detail
groups.

SNI 2007 equals NACE Rev. 2 down to the four-digit class and adds a fifth digit
(*detaljgrupp*). Statistics also use aggregates: SCB's RAMS/BAS groups such as
``B+C`` or ``R+S+T+U`` (unions of sections) and Eurostat's A*10 groups such as
``B-E`` or ``G-I`` (ranges of sections); ``TOTAL`` is every industry.

Every code is reduced to the set of divisions it covers, which is what makes
aggregation safe: a code can be rolled up to a target only if its divisions lie
inside one target code, so nothing is counted twice and nothing is guessed.

Sources: SCB, *SNI 2007 Standard för svensk näringsgrensindelning* (MIS 2007:2);
Eurostat, *NACE Rev. 2* (2008). Swedish names from the bundled SCB lists,
English section/division titles from Eurostat.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from s3atlas.errors import ClassificationError
from s3atlas.i18n import gettext

__all__ = [
    "LEVELS",
    "SCB_GROUPS",
    "UNKNOWN",
    "Industry",
    "divisions_of",
    "find_industry",
    "industries",
    "industry_level",
    "industry_name",
    "parent_code",
]

#: Levels from coarsest to finest. Aggregates sit between total and section.
LEVELS = ("total", "aggregate", "section", "division", "group", "class", "detail", "unknown")
#: SCB's code for employed persons whose industry is not known (*okänd verksamhet*); it covers no
#: division, so analyses leave it out of the industries and their totals.
UNKNOWN = "00"

#: SCB's aggregated industry groups in RAMS/BAS tables, with English labels as SCB publishes them.
SCB_GROUPS: dict[str, str] = {
    "A": "agriculture, forestry and fishing",
    "B+C": "mining, quarrying, manufacturing",
    "D+E": "energy and environmental companies",
    "F": "construction",
    "G": "trade",
    "H": "transport and storage",
    "I": "hotels and restaurants",
    "J": "information and communication",
    "K": "credit institutions and insurance companies",
    "L": "real estate activities",
    "M+N": (
        "professional, scientific and technical activities; administrative and support activities"
    ),
    "O": "public administration and defence",
    "P": "education",
    "Q": "human health and social work activities",
    "R+S+T+U": "other service activities",
}

#: SCB's Swedish labels of its groups that join sections (RAMS table AM0207K/DagSNI07KonK).
SCB_GROUPS_SV: dict[str, str] = {
    "B+C": "Tillverkning och utvinning",
    "D+E": "Energiförsörjning; miljöverksamhet",
    "M+N": "Företagstjänster",
    "R+S+T+U": "Kulturella och personliga tjänster m.m.",
}

_SECTION_ORDER = "ABCDEFGHIJKLMNOPQRSTU"
_TOTAL = "TOTAL"


@dataclass(frozen=True)
class Industry:
    """One code of the SNI 2007 hierarchy (or an aggregate of sections)."""

    code: str
    level: str
    name_sv: str
    name_en: str
    divisions: frozenset[str]


def _data(name: str) -> list[dict[str, str]]:
    path = files("s3atlas.data").joinpath(name)
    # newline="" for the csv module; Traversable.open takes no newline, so wrap the bytes
    with io.TextIOWrapper(path.open("rb"), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def _tables() -> tuple[dict[str, Industry], dict[str, tuple[str, ...]]]:
    english = {row["code"]: row["name_en"] for row in _data("classification/nace_rev2_en.csv")}
    division_rows = _data("bundle/sni2007_divisions.csv")
    section_divs: dict[str, list[str]] = {}
    out: dict[str, Industry] = {}
    for row in division_rows:
        section_divs.setdefault(row["section"], []).append(row["division"])
        out[row["division"]] = Industry(
            row["division"],
            "division",
            row["name_sv"],
            english[row["division"]],
            frozenset([row["division"]]),
        )
    section_sv = {row["section"]: row["section_name_sv"] for row in division_rows}
    for section, divs in section_divs.items():
        out[section] = Industry(
            section, "section", section_sv[section], english[section], frozenset(divs)
        )
    _add_detail_levels(out)
    return out, {s: tuple(d) for s, d in section_divs.items()}


def _add_detail_levels(out: dict[str, Industry]) -> None:
    details = _data("bundle/sni2007_detail.csv")
    per_class: dict[str, list[dict[str, str]]] = {}
    for row in details:
        code = row["code_5"]
        out[code] = Industry(code, "detail", row["name_sv"], "", frozenset([row["division"]]))
        per_class.setdefault(code[:4], []).append(row)
    for class_code, rows in per_class.items():
        name = rows[0]["name_sv"] if len(rows) == 1 else ""
        out[class_code] = Industry(class_code, "class", name, "", frozenset([class_code[:2]]))
        group = class_code[:3]
        if group not in out:
            out[group] = Industry(group, "group", "", "", frozenset([class_code[:2]]))


def _section_range(first: str, last: str) -> list[str]:
    return list(_SECTION_ORDER[_SECTION_ORDER.index(first) : _SECTION_ORDER.index(last) + 1])


def _aggregate(code: str) -> Industry | None:
    table, section_divs = _tables()
    if code == UNKNOWN:
        return Industry(UNKNOWN, "unknown", "Okänd verksamhet", "Industry unknown", frozenset())
    if code == _TOTAL:
        every = frozenset(d for divs in section_divs.values() for d in divs)
        return Industry(_TOTAL, "total", "Samtliga näringsgrenar", "All industries", every)
    if re.fullmatch(r"[A-U](\+[A-U])+", code):
        sections = code.split("+")
    elif re.fullmatch(r"[A-U]-[A-U]", code) and code[0] < code[2]:
        sections = _section_range(code[0], code[2])
    else:
        return None
    divisions = frozenset(d for s in sections for d in section_divs[s])
    name_sv = SCB_GROUPS_SV.get(code, " + ".join(table[s].name_sv for s in sections))
    name_en = SCB_GROUPS.get(code, " + ".join(table[s].name_en for s in sections))
    return Industry(code, "aggregate", name_sv, name_en, divisions)


def _normalise(text: str) -> str:
    code = str(text).strip().upper()
    first = code.split(" ", 1)[0]
    if re.fullmatch(r"\d{2}\.\d{1,3}", first):
        return first.replace(".", "")
    return first if re.fullmatch(r"[\dA-U+\-]+|TOTAL", first) else code


@cache
def find_industry(text: str) -> Industry:
    """Return the industry for a code as people type it.

    Accepts divisions (``"16"``), sections (``"C"``), SCB groups (``"B+C"``),
    Eurostat ranges (``"B-E"``), dotted or plain detail codes (``"01.110"``,
    ``"01110"``), ``"TOTAL"`` and PxWeb labels (``"16 Industri för trä..."``).

    Raises
    ------
    ClassificationError
        When the code is not in SNI 2007, with the nearest known codes.

    Examples
    --------
    >>> find_industry("16").name_en.split(";")[0]
    'Manufacture of wood and of products of wood and cork, except furniture'
    >>> sorted(find_industry("B+C").divisions)[:3]
    ['05', '06', '07']
    >>> find_industry("01.110").level
    'detail'
    >>> find_industry("00").name_sv, sorted(find_industry("00").divisions)
    ('Okänd verksamhet', [])
    """
    code = _normalise(text)
    table, _ = _tables()
    found = table.get(code) or _aggregate(code)
    if found is None:
        near = difflib.get_close_matches(code, list(table), n=3)
        hint = " " + gettext("Did you mean {names}?", names=", ".join(near)) if near else ""
        raise ClassificationError(gettext("unknown SNI 2007 industry code.") + hint, value=text)
    return found


def divisions_of(code: str) -> frozenset[str]:
    """Return the set of two-digit divisions *code* covers.

    >>> sorted(divisions_of("D+E"))
    ['35', '36', '37', '38', '39']
    """
    return find_industry(code).divisions


def industry_level(code: str) -> str:
    """Return the level of *code*: total, aggregate, section, division, group, class or detail."""
    return find_industry(code).level


def industry_name(code: str, lang: str = "sv") -> str:
    """Return the name of *code* in Swedish or English (falls back to the other language), with
    a capital first letter as a heading needs (SCB writes its groups' English names in lower
    case: "mining, quarrying, manufacturing").

    >>> industry_name("21", "sv")
    'Tillverkning av farmaceutiska basprodukter och läkemedel'
    >>> industry_name("B+C", "en")
    'Mining, quarrying, manufacturing'
    """
    item = find_industry(code)
    first, second = (item.name_en, item.name_sv) if lang == "en" else (item.name_sv, item.name_en)
    name = first or second or item.code
    return name[:1].upper() + name[1:]


def parent_code(code: str, level: str) -> str:
    """Return the code at *level* (``"division"``, ``"section"``, ``"scb_group"``, ``"total"``) that
    contains *code*.

    Raises
    ------
    ClassificationError
        When *code* spans more than one code of *level* (e.g. ``"B+C"`` to sections).

    Examples
    --------
    >>> parent_code("16", "scb_group")
    'B+C'
    >>> parent_code("01110", "section")
    'A'
    """
    item = find_industry(code)
    if level == "total":
        return _TOTAL
    targets = _level_codes(level)
    for target in targets:
        if item.divisions <= find_industry(target).divisions:
            return target
    raise ClassificationError(
        gettext(
            "the industry spans several codes at the level {level}; it cannot be assigned to one "
            "without splitting its numbers",
            level=level,
        ),
        value=code,
    )


def _level_codes(level: str) -> list[str]:
    table, section_divs = _tables()
    if level == "scb_group":
        return list(SCB_GROUPS)
    if level == "section":
        return list(section_divs)
    if level == "division":
        return [c for c, item in table.items() if item.level == "division"]
    raise ClassificationError(
        gettext("unknown industry level; use division, scb_group, section or total"),
        column="level",
        value=level,
    )


def industries(level: str = "division") -> list[Industry]:
    """Return every industry at *level* (division, section, scb_group, group, class or detail)."""
    if level in ("scb_group", "section", "division"):
        return [find_industry(c) for c in _level_codes(level)]
    table, _ = _tables()
    return [item for item in table.values() if item.level == level]
