"""What a person calls a field, an option or a column, for messages about them.

An edit that fails names the field the person filled in ("Organisationsnummer"),
not the column's code (``org_number``); a command that refuses an option names
it in words ("Antal jämförelseregioner"), not by its parameter. The code stays
in the error for scripts (:meth:`s3atlas.errors.S3AtlasError.to_dict`).

>>> field_words("org_number", "sv"), field_words("org_number", "en")
('Organisationsnummer', 'Organisation number')
>>> field_words("k", "sv")
'Antal jämförelseregioner'
"""

from __future__ import annotations

from s3atlas.i18n import gettext

__all__ = ["FIELD_WORDS", "field_words"]

#: Field code → English words (the catalogue's message id).
FIELD_WORDS: dict[str, str] = {
    "actor": "Actor",
    "area": "Strength area",
    "area_id": "Strength area",
    "areas": "Strength areas",
    "base_year": "Base year",
    "borrow_terms": "Terms for borrowing",
    "borrowable": "Can other regions borrow it?",
    "cluster": "Cluster",
    "code": "Indicator",
    "compare": "Rounds to compare",
    "conventions": "Conventions",
    "criterion": "Criterion",
    "dataset": "Statistics",
    "denominator": "Denominator",
    "description": "Description",
    "drop": "Actor to merge away",
    "format": "Format",
    "function": "Support function",
    "home_region": "Home region",
    "hours": "Hours",
    "indicator": "Indicator",
    "indicators": "Indicators",
    "industry": "Industry",
    "influence": "Influence",
    "interest": "Interest",
    "iterations": "Iterations",
    "k": "Number of peer regions",
    "keep": "Actor to keep",
    "kind": "Kind",
    "level": "Level",
    "max_distance": "Largest distance",
    "measure": "Measure",
    "method": "Method",
    "metric": "Measure",
    "municipality": "Municipality",
    "name": "Name",
    "note": "Note",
    "org_number": "Organisation number",
    "password": "Password",
    "phase": "Phase",
    "phases": "Phases",
    "priority": "Priority",
    "provision": "Provision",
    "question": "Question",
    "questions": "Questions",
    "reference": "Reference",
    "region": "Region",
    "regions": "Regions",
    "role": "Role",
    "round": "Round",
    "series": "Series",
    "sex": "Sex",
    "sni": "SNI codes",
    "sni_code": "SNI code",
    "source_id": "Actor",
    "status": "Status",
    "target_id": "Linked actor",
    "text": "Text",
    "themes": "Themes",
    "threshold": "Threshold",
    "title": "Title",
    "tolerance": "Tolerance",
    "user": "User",
    "username": "User name",
    "version": "Version",
    "wave": "Survey wave",
    "website": "Website",
    "weight": "Weight",
    "weights": "Weights",
    "workshop": "Workshop",
    "year": "Year",
    "years": "Years",
}


def field_words(field: str, lang: str | None = None) -> str:
    """Return what a person calls *field*, in *lang* (the active language by default)."""
    return gettext(FIELD_WORDS.get(field, field), lang)
