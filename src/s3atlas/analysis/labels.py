"""Words for the codes the analysis returns: class, trend, sector, fit status, resolution.

The kind ``column`` holds the headers people read for the column names of
results (``industry`` → "Bransch"); CSV and JSON keep the names.

Core results hold codes (``specialised_outpacing``, ``undetermined``); the
command line and the web pages turn them into words in the reader's language
here, through the message catalogue, so both say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable

from s3atlas.i18n import gettext

__all__ = ["LABELS", "label", "labels"]

#: Code → English text (the catalogue's message id), per kind of code.
LABELS: dict[str, dict[str, str]] = {
    "class": {
        "specialised_outpacing": "Specialised, outpacing the nation",
        "specialised_trailing": "Specialised, trailing the nation",
        "outpacing": "Not specialised, outpacing the nation",
        "trailing": "Not specialised, trailing the nation",
        "specialised": "Specialised",
        "not_specialised": "Not specialised",
    },
    "class_short": {
        "specialised_outpacing": "Spec., ahead of nation",
        "specialised_trailing": "Spec., behind nation",
        "outpacing": "Ahead of nation",
        "trailing": "Behind nation",
        "specialised": "Specialised",
        "not_specialised": "Not specialised",
    },
    "trend": {
        "growing": "Growing",
        "shrinking": "Shrinking",
        "unchanged": "Unchanged",
        "uncertain": "Within rounding",
        "unknown": "No growth data",
    },
    "sector": {
        "traded": "Traded",
        "mixed": "Mixed traded and local",
        "local": "Local",
        "public": "Public",
        "unknown": "Unclassified",
    },
    "status": {
        "supported": "Supported by the data",
        "not_supported": "Not supported",
        "undetermined": "Cannot be decided with this data",
        "not_measured": "Not measured",
        "not_testable": "Horizontal priority",
        "undeclared_strength": "Strength nobody declared",
        "ok": "No gap",
        "weak": "Weak",
        "missing": "Missing",
        "too_few": "Too few actors",
        "absent": "Group absent",
    },
    "column": {
        "region": "Region",
        "region_name": "Region name",
        "county_code": "County",
        "industry": "Industry",
        "name": "Name",
        "year": "Year",
        "measure": "Measure",
        "value": "Value",
        "flag": "Flag",
        "source": "Source",
        "sex": "Sex",
        "rank": "Rank",
        "class": "Class",
        "status": "Status",
        "score": "Score",
        "growth": "Growth",
        "area": "Area",
        "actors": "Actors",
        "members": "Members",
        "cluster": "Cluster",
        "phase": "Phase",
        "round": "Round",
        "priority": "Priority",
        "theme": "Theme",
        "theme_name": "Theme name",
        "regions": "Regions",
        "share": "Share",
        "note": "Note",
        "partner": "Partner",
        "kind": "Kind",
        "title": "Title",
        "id": "No.",
        "actor_id": "Actor no.",
        "area_id": "Area no.",
        "join_code": "Join code",
        "join_url": "Join address",
        "opens_at": "Opens",
        "closes_at": "Closes",
        "is_open": "Open",
        "origin": "Origin",
        "licence": "Licence",
        "industries": "Industries",
        "years": "Years",
        "measures": "Measures",
        "cells": "Cells",
        "flags": "Flags",
        "respondents": "Respondents",
        "evidence": "Evidence",
        "gap": "Gap",
        "degree": "Links",
        "total": "Total",
        "notes": "Notes",
        "username": "User",
        "role": "Role",
        "priorities": "Priorities",
        "unique": "Unique",
        "matched": "Matched words",
        "similarity": "Similarity",
        "neighbour": "Neighbour",
        "version": "Version",
        "created_at": "Created",
        "confidence": "Confidence",
        "method": "Method",
        "reason": "Reason",
        "reasons": "Reasons",
        "assessed_by": "Assessed by",
        "share_women": "Share of women",
        "lq_women": "LQ women",
        "lq_men": "LQ men",
        "industry_mix": "Industry mix",
        "regional_share": "Regional share",
        "n_areas": "Number of areas",
        "areas": "Areas",
        "betweenness": "Betweenness",
        "broker": "Broker",
        "bridges": "Bridges",
        "shared_themes": "Shared themes",
        "lq": "LQ",
        "function_code": "Function",
        "idea": "Idea",
        "verification": "Verification",
        "development": "Development",
        "test_demo": "Test and demonstration",
        "commercialisation": "Commercialisation",
        "internationalisation": "Internationalisation",
        "quadrant": "Quadrant",
        "group_a": "Group",
        "group_b": "With group",
        "strength": "Strength",
        "wave": "Wave",
        "item": "Question",
        "answer": "Answer",
        "n": "Answers",
        "warning": "Warning",
        "assessor_type": "Assessed by",
        "assessor": "Assessor",
        "phase_name": "Phase",
        "criterion": "Criterion",
        "org_number": "Org. number",
        "closed": "Closed",
        "insights": "Insights",
        "links": "Links",
    },
    "sex": {"men": "Men", "women": "Women", "total": "Total"},
    "group": {
        "firms": "Firms",
        "academia": "Academia",
        "public_sector": "Public sector",
        "support": "Support",
    },
    "resolution": {
        "exact": "Measured exactly",
        "incomplete": "Measured, some divisions outside the data",
        "coarser": "Only wider groups",
        "finer_data": "Decided on finer data",
        "suppressed": "Suppressed value",
        "absent": "Not in the data",
    },
}


def label(kind: str, code: object, lang: str | None = None) -> str:
    """Return the words for *code* of *kind* (the code itself when it has none).

    >>> label("class", "specialised_trailing", "sv")
    'Specialiserad, utvecklas svagare än riket'
    >>> label("status", "undetermined", "en")
    'Cannot be decided with this data'
    """
    text = LABELS.get(kind, {}).get(str(code))
    return gettext(text, lang) if text else ("" if code is None else str(code))


def labels(kind: str, codes: Iterable[object], lang: str | None = None) -> list[str]:
    """Return :func:`label` of every code."""
    return [label(kind, code, lang) for code in codes]
