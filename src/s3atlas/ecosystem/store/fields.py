"""What a person calls the fields of the ecosystem map, for messages about them.

An edit that fails names the field the person filled in ("Organisationsnummer"),
not the column's code (``org_number``); the code stays in the error for
scripts (:meth:`s3atlas.errors.S3AtlasError.to_dict`).

>>> field_words("org_number", "sv"), field_words("org_number", "en")
('Organisationsnummer', 'Organisation number')
"""

from __future__ import annotations

from s3atlas.i18n import gettext

__all__ = ["FIELD_WORDS", "field_words"]

#: Field code → English words (the catalogue's message id).
FIELD_WORDS: dict[str, str] = {
    "actor": "Actor",
    "area": "Strength area",
    "area_id": "Strength area",
    "borrow_terms": "Terms for borrowing",
    "borrowable": "Can other regions borrow it?",
    "description": "Description",
    "drop": "Actor to merge away",
    "function": "Support function",
    "home_region": "Home region",
    "influence": "Influence",
    "interest": "Interest",
    "keep": "Actor to keep",
    "kind": "Kind",
    "municipality": "Municipality",
    "name": "Name",
    "note": "Note",
    "org_number": "Organisation number",
    "phases": "Phases",
    "provision": "Provision",
    "region": "Region",
    "round": "Round",
    "sni": "SNI codes",
    "sni_code": "SNI code",
    "source_id": "Actor",
    "target_id": "Linked actor",
    "text": "Text",
    "user": "User",
    "version": "Version",
    "website": "Website",
    "weight": "Weight",
}


def field_words(field: str, lang: str | None = None) -> str:
    """Return what a person calls *field*, in *lang* (the active language by default)."""
    return gettext(FIELD_WORDS.get(field, field), lang)
