"""The shared themes of the national overview, each tied to SNI 2007 divisions.

A theme is what several regions mean by differently worded priorities ("IT",
"Tech-branschen", "Digitala tjänster" are all *digitalisation and ICT*). The
taxonomy is data (``data/priorities/themes.yaml``) so analysts can edit it:
Swedish and English names, the SNI 2007 divisions the theme corresponds to,
and the word patterns that put a priority into it. One theme, ``horizontal``,
holds priorities that are processes or capabilities rather than industries
(Jönköping's "Samverkan för innovation"); it has no divisions.

Two more parts of the file serve the rules of :mod:`s3atlas.priorities.classify`:
*aspect markers* ("i skärningen": the words after them name the aspects a
priority is seen from, not its subject) and *manual* classifications, the few
priorities whose meaning no wording rule can read (Västra Götaland's
"Hållbara transporter" is the vehicle industry as much as transport), each
with its reason in Swedish and English.

The theme list follows the areas in Tillväxtverket, *Smart specialisering i
21 regioner* (2018) and the S3 Platform's EYE@RIS3 categories, reduced to
what Swedish regions declare.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from s3atlas.classifications import find_industry
from s3atlas.errors import ClassificationError, InputError
from s3atlas.i18n import gettext

__all__ = [
    "HORIZONTAL",
    "UNCLASSIFIED",
    "ManualThemes",
    "Taxonomy",
    "Theme",
    "load_taxonomy",
    "parse_taxonomy",
    "theme_name",
    "themes_frame",
]

#: Id of the class of horizontal (process, capability) priorities.
HORIZONTAL = "horizontal"
#: Id given to priorities no rule could place, always with a reason.
UNCLASSIFIED = "unclassified"
_KINDS = ("sector", "horizontal")


@dataclass(frozen=True)
class Theme:
    """One theme: id, kind (sector or horizontal), names, SNI divisions and word patterns."""

    id: str
    kind: str
    name_sv: str
    name_en: str
    divisions: tuple[str, ...]
    terms: tuple[str, ...]
    weak_terms: tuple[str, ...] = ()
    note: str = ""

    def name(self, lang: str = "sv") -> str:
        """Return the theme's name in *lang* (``"sv"`` or ``"en"``)."""
        return self.name_en if lang == "en" else self.name_sv


@dataclass(frozen=True)
class ManualThemes:
    """The themes of one region's priority set by hand in the taxonomy, and why."""

    county_code: str
    priority: str
    themes: tuple[str, ...]
    note_sv: str
    note_en: str

    def note(self, lang: str = "sv") -> str:
        """Return the reason in *lang* (``"sv"`` or ``"en"``)."""
        return self.note_en if lang == "en" else self.note_sv


@dataclass(frozen=True)
class Taxonomy:
    """The themes in their editable order, the vague words that never make a theme, the
    aspect markers and the manual classifications."""

    themes: tuple[Theme, ...]
    vague_terms: tuple[str, ...] = ()
    aspect_markers: tuple[str, ...] = ()
    manual: tuple[ManualThemes, ...] = ()

    def get(self, theme_id: str) -> Theme:
        """Return the theme with *theme_id*.

        Raises
        ------
        ClassificationError
            When the taxonomy has no such theme, listing the known ids.
        """
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        known = ", ".join(t.id for t in self.themes)
        raise ClassificationError(
            gettext("unknown theme; known themes: {known}", known=known), value=theme_id
        )

    @property
    def ids(self) -> list[str]:
        """Theme ids in taxonomy order."""
        return [theme.id for theme in self.themes]


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(
            gettext("{where} must be a list of non-empty texts", where=where), value=value
        )
    return tuple(v.strip().casefold() for v in value)


def _theme(raw: dict[str, Any], source: str) -> Theme:
    theme_id = str(raw.get("id", "")).strip()
    where = gettext("{file}: theme {theme}", file=source, theme=theme_id or "?")
    if not theme_id or theme_id == UNCLASSIFIED:
        raise InputError(
            gettext(
                "{where}: every theme needs an id other than {unclassified}",
                where=where,
                unclassified=UNCLASSIFIED,
            ),
            value=theme_id,
        )
    if raw.get("kind") not in _KINDS:
        raise InputError(
            gettext("{where}: kind must be one of {kinds}", where=where, kinds=", ".join(_KINDS)),
            value=raw.get("kind"),
        )
    divisions = tuple(str(d) for d in raw.get("divisions") or ())
    for code in divisions:
        if find_industry(code).level != "division":
            raise InputError(
                gettext("{where}: not an SNI 2007 two-digit division", where=where), value=code
            )
    return Theme(
        id=theme_id,
        kind=str(raw["kind"]),
        name_sv=str(raw.get("name_sv") or theme_id),
        name_en=str(raw.get("name_en") or theme_id),
        divisions=divisions,
        terms=_strings(raw.get("terms"), f"{where}: terms"),
        weak_terms=_strings(raw.get("weak_terms"), f"{where}: weak_terms"),
        note=str(raw.get("note", "")),
    )


def _manual(raw: Any, ids: list[str], source: str, row: int) -> ManualThemes:
    where = gettext("{file}: manual entry {row}", file=source, row=row)
    if not isinstance(raw, dict):
        raise InputError(gettext("{where} must be a mapping", where=where), value=raw)
    code, priority = str(raw.get("region", "")).strip(), str(raw.get("priority", "")).strip()
    if len(code) != 2 or not code.isdigit() or not priority:
        raise InputError(
            gettext("{where} needs a two-digit county code and a priority", where=where), value=code
        )
    themes = _strings(raw.get("themes"), f"{where}: themes")
    unknown = [t for t in themes if t not in ids]
    if not themes or unknown:
        raise InputError(
            gettext("{where}: themes must be known theme ids", where=where),
            value=", ".join(unknown),
        )
    notes = [str(raw.get(key) or "").strip() for key in ("note_sv", "note_en")]
    if not all(notes):
        raise InputError(
            gettext("{where} needs the reason in both note_sv and note_en", where=where),
            value=priority,
        )
    return ManualThemes(code, priority, themes, notes[0], notes[1])


def parse_taxonomy(data: dict[str, Any], source: str = "themes.yaml") -> Taxonomy:
    """Build a :class:`Taxonomy` from the parsed YAML, checking ids, kinds and divisions.

    >>> tax = parse_taxonomy({"themes": [{"id": "food", "kind": "sector", "divisions": ["10"],
    ...                                    "terms": ["livsmedel*"]}]})
    >>> tax.get("food").divisions
    ('10',)
    """
    raw_themes = data.get("themes") if isinstance(data, dict) else None
    if not isinstance(raw_themes, list) or not raw_themes:
        raise InputError(gettext("{file}: expected a non-empty list under themes", file=source))
    themes = tuple(_theme(raw, source) for raw in raw_themes)
    ids = [t.id for t in themes]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InputError(
            gettext("{file}: theme ids must be unique", file=source), value=", ".join(duplicates)
        )
    manual = data.get("manual") or []
    if not isinstance(manual, list):
        raise InputError(gettext("{file}: manual must be a list", file=source), value=manual)
    return Taxonomy(
        themes,
        _strings(data.get("vague_terms"), f"{source}: vague_terms"),
        _strings(data.get("aspect_markers"), f"{source}: aspect_markers"),
        tuple(_manual(raw, ids, source, row) for row, raw in enumerate(manual, start=1)),
    )


@cache
def _bundled() -> Taxonomy:
    path = files("s3atlas.data").joinpath("priorities/themes.yaml")
    with path.open(encoding="utf-8") as handle:
        return parse_taxonomy(yaml.safe_load(handle), "themes.yaml")


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Return the bundled taxonomy, or the one in the YAML file at *path*.

    >>> tax = load_taxonomy()
    >>> tax.get("digital_ict").name("en"), tax.get("horizontal").divisions
    ('Digitalisation and ICT', ())
    """
    if path is None:
        return _bundled()
    with Path(path).open(encoding="utf-8") as handle:
        return parse_taxonomy(yaml.safe_load(handle), str(path))


def theme_name(theme_id: str, lang: str = "sv", taxonomy: Taxonomy | None = None) -> str:
    """Return the display name of a theme id, also for ``"unclassified"``.

    >>> theme_name("unclassified", "sv"), theme_name("food", "en")
    ('Oklassificerad', 'Food and agriculture')
    """
    if theme_id == UNCLASSIFIED:
        return "Unclassified" if lang == "en" else "Oklassificerad"
    return (taxonomy or load_taxonomy()).get(theme_id).name(lang)


def themes_frame(taxonomy: Taxonomy | None = None) -> pd.DataFrame:
    """Return the themes as a table: theme, kind, name_sv, name_en, divisions, note.

    >>> frame = themes_frame()
    >>> frame.set_index("theme").loc["energy_cleantech", "divisions"]
    '27; 35; 36; 37; 38; 39'
    """
    rows = [
        {
            "theme": t.id,
            "kind": t.kind,
            "name_sv": t.name_sv,
            "name_en": t.name_en,
            "divisions": "; ".join(t.divisions),
            "note": t.note,
        }
        for t in (taxonomy or load_taxonomy()).themes
    ]
    return pd.DataFrame(rows, columns=["theme", "kind", "name_sv", "name_en", "divisions", "note"])
