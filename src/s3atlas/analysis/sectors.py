"""Traded, local and public industries: which industries a strength ranking compares.

A regional concentration of a *traded* industry (one that sells outside the
region) says something about the region's competitiveness; a concentration of
*local* industries (retail, construction, personal services) follows the
population, and of *public* services (administration, schools, health care)
follows policy and population. The US Cluster Mapping Project therefore
computes strength for traded industries only (Delgado, Porter & Stern 2016),
and so does s3atlas by default.

Every SNI 2007 division has a class in ``data/analysis/traded_local.yaml``:
traded or local after the CMP's classification of the corresponding NAICS 2012
industries (majority of industries; a tie counts as local), public for
Eurostat's non-market sections O, P, Q and for U. A coarser code (a section or
an SCB group such as ``B+C``) takes the class that more than half of its
divisions have, and is ``mixed`` when no class has a majority; the result
always says how many divisions are traded, so a coarse group never decides
silently.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from importlib.resources import files

import yaml

from s3atlas.classifications import divisions_of
from s3atlas.errors import ClassificationError

__all__ = ["SECTOR_CLASSES", "division_classes", "sector_class", "sector_classes"]

#: The classes, in the order results show them.
SECTOR_CLASSES = ("traded", "mixed", "local", "public", "unknown")


@cache
def division_classes() -> dict[str, str]:
    """Return the class of every SNI 2007 division.

    >>> classes = division_classes()
    >>> len(classes), classes["16"], classes["47"], classes["86"]
    (88, 'traded', 'local', 'public')
    """
    path = files("s3atlas.data").joinpath("analysis/traded_local.yaml")
    with path.open(encoding="utf-8") as handle:
        rows = yaml.safe_load(handle)["divisions"]
    return {str(code): str(row["class"]) for code, row in rows.items()}


def sector_class(code: str, scheme: str = "sni2007") -> tuple[str, int, int]:
    """Return (class, traded divisions, divisions) of an industry code.

    >>> sector_class("B+C")
    ('traded', 28, 29)
    >>> sector_class("Q")
    ('public', 0, 3)
    >>> sector_class("I")
    ('mixed', 1, 2)
    """
    if scheme != "sni2007":
        return "unknown", 0, 0
    try:
        divisions = divisions_of(str(code))
    except ClassificationError:
        return "unknown", 0, 0
    classes = division_classes()
    counts = Counter(classes.get(d, "unknown") for d in divisions)
    if not counts:
        return "unknown", 0, 0
    top, count = counts.most_common(1)[0]
    label = top if count * 2 > len(divisions) else "mixed"
    return label, counts["traded"], len(divisions)


def sector_classes(codes: list[str], scheme: str = "sni2007") -> dict[str, str]:
    """Return the class of each code.

    >>> sector_classes(["A", "O", "G"])
    {'A': 'traded', 'O': 'public', 'G': 'local'}
    """
    return {code: sector_class(code, scheme)[0] for code in codes}
