"""Classification of declared priorities into themes with rules a reader can check.

Each priority text is lower-cased, its punctuation (``/ - & , ;``) turned into
spaces, and matched against the word patterns of every theme in the taxonomy
(``themes.yaml``). Patterns are compound-aware: ``digital*`` matches
"digitaliserade", ``*hälsa`` matches the head of "folkhälsa" and, after
splitting, "E-hälsa"; ``*bygg*`` finds "bygg" inside "samhällsbyggande". The
rules, in order:

1. A *strong* term of a sector theme puts the priority in that theme. Several
   sector themes may match ("Platsens digitaliserade upplevelser" is
   digitalisation, visitor economy and the cultural and creative industries).
   When the text has an *aspect marker* ("Livsmedel i skärningen hållbarhet,
   hälsa, miljö & måltid": food at the intersection of health and more), only
   the words before it count, provided they name a sector theme: health is
   then an aspect of the food priority, not a theme of its own.
2. Only when no sector theme matched strongly, a *horizontal* term
   ("Samverkan för innovation", "Arbetsliv") puts it in the horizontal class.
3. Only when neither matched, *weak* terms (produktion, grön, miljö) give their
   themes with low confidence ("Konkurrenskraftig produktion").
4. Otherwise the priority is ``unclassified`` with the reason: empty, not in a
   Latin script, only vague words ("Hållbar tillväxt"), or no term at all. It is
   never given an arbitrary theme.

Every match says why as a code (:data:`REASON_CODES`) with its parameters:
the words of the text that matched (``matched``), the taxonomy patterns they
matched (``terms``), the aspect marker and the manual note. Nothing in the
result depends on the reader's language; :mod:`s3atlas.priorities.labels`
puts a row into Swedish or English words.

Confidence: 0.95 for a phrase term, 0.9 for a word that starts with the term,
0.8 for a term found inside a compound, +0.05 when two or more different terms
words of the text match the theme (at most 0.95); 0.5 for weak terms only; 1.0 for a manual
theme. A manual classification replaces the rules for that priority: first
those of the taxonomy (``manual`` in ``themes.yaml``, the few priorities no
wording rule can read), then a region's own (see
:mod:`s3atlas.priorities.versions`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import pandas as pd

from s3atlas.priorities.themes import HORIZONTAL, UNCLASSIFIED, Taxonomy, load_taxonomy

__all__ = [
    "CLASSIFIED_COLUMNS",
    "REASON_CODES",
    "Match",
    "apply_overrides",
    "bundled_overrides",
    "classify_priorities",
    "classify_text",
    "normalise",
]

#: Columns of :func:`classify_priorities`: one row per priority and theme.
CLASSIFIED_COLUMNS = [
    "county_code",
    "region",
    "priority",
    "theme",
    "kind",
    "confidence",
    "method",
    "matched",
    "terms",
    "reason_code",
    "marker",
    "note",
]
#: Why a priority got its theme: a matched sector term, a sector term before an aspect
#: marker, a horizontal (process) term, weak terms only, a region's own manual theme, a
#: manual theme of the taxonomy; or why it got none: empty, not in a Latin script, vague
#: words only, no term.
REASON_CODES = (
    "matched",
    "aspect",
    "process",
    "weak",
    "manual",
    "manual_taxonomy",
    "empty",
    "language",
    "vague",
    "no_term",
)
_SPLIT = re.compile(r"[\W_]+")
#: One term found in a text: theme id, kind, strength, the term (pattern), the word found.
_Hit = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Match:
    """One theme a text belongs to, the words that made it so and how sure the rule is.

    ``matched`` holds the words of the text, ``terms`` the taxonomy patterns they
    matched (both ``"; "``-joined, in the same order), ``reason_code`` one of
    :data:`REASON_CODES` and ``marker`` the aspect marker of an ``aspect`` match.
    """

    theme: str
    kind: str
    confidence: float
    method: str
    matched: str
    terms: str
    reason_code: str
    marker: str = ""


def normalise(text: str) -> str:
    """Lower-case *text* and turn punctuation into single spaces.

    >>> normalise("ICT/E-hälsa")
    'ict e hälsa'
    >>> normalise("  Smarta, säkra och uppkopplade produkter/system ")
    'smarta säkra och uppkopplade produkter system'
    """
    folded = unicodedata.normalize("NFC", str(text)).casefold()
    return _SPLIT.sub(" ", folded).strip()


def _pattern(term: str) -> re.Pattern[str]:
    words = [r"\w*".join(re.escape(part) for part in word.split("*")) for word in term.split()]
    return re.compile(r"(?<!\w)" + " ".join(words) + r"(?!\w)")


@cache
def _compiled(taxonomy: Taxonomy) -> list[tuple[str, str, str, str, re.Pattern[str]]]:
    out = []
    for theme in taxonomy.themes:
        out += [(theme.id, theme.kind, "strong", term, _pattern(term)) for term in theme.terms]
        out += [(theme.id, theme.kind, "weak", term, _pattern(term)) for term in theme.weak_terms]
    out += [("", "vague", "vague", term, _pattern(term)) for term in taxonomy.vague_terms]
    return out


def _term_confidence(term: str, word: str) -> float:
    if " " in term:
        return 0.95
    if term.startswith("*") and len(word) > len(term.replace("*", "")):
        return 0.8
    return 0.9


def _hits(text: str, taxonomy: Taxonomy) -> list[_Hit]:
    hits = []
    for theme_id, kind, strength, term, pattern in _compiled(taxonomy):
        found = pattern.search(text)
        if found:
            hits.append((theme_id, kind, strength, term, found.group(0)))
    return hits


def _subject(text: str, taxonomy: Taxonomy) -> tuple[str, str]:
    """Split *text* at its first aspect marker: (words before it, the marker) or (text, "")."""
    found = [m for m in (_pattern(t).search(text) for t in taxonomy.aspect_markers) if m]
    if not found:
        return text, ""
    first = min(found, key=lambda m: m.start())
    return text[: first.start()].strip(), first.group(0)


def _one_per_word(hits: list[_Hit]) -> list[_Hit]:
    """Keep one hit per matched word: the first term in taxonomy order."""
    kept: list[_Hit] = []
    for hit in hits:
        if all(hit[4] != seen[4] for seen in kept):
            kept.append(hit)
    return kept


def _words(hits: list[_Hit]) -> tuple[str, str]:
    """The matched words and the patterns they matched, each ``"; "``-joined."""
    return "; ".join(h[4] for h in hits), "; ".join(h[3] for h in hits)


def _theme_matches(hits: list[_Hit], method: str, code: str, marker: str = "") -> list[Match]:
    by_theme: dict[str, list[_Hit]] = {}
    for hit in hits:
        by_theme.setdefault(hit[0], []).append(hit)
    by_theme = {theme_id: _one_per_word(group) for theme_id, group in by_theme.items()}
    matches = []
    for theme_id, group in by_theme.items():
        if method == "weak rule":
            confidence = 0.5
        else:
            confidence = max(_term_confidence(term, word) for *_, term, word in group)
            if len(group) > 1:
                confidence = min(0.95, confidence + 0.05)
        matches.append(
            Match(theme_id, group[0][1], round(confidence, 2), method, *_words(group), code, marker)
        )
    return sorted(matches, key=lambda m: -m.confidence)


def _is_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    latin = [c for c in letters if "LATIN" in unicodedata.name(c, "")]
    return len(latin) * 2 >= len(letters)


def _unclassified_code(text: str, hits: list[_Hit]) -> str:
    if not text:
        return "empty"
    if not _is_latin(text):
        return "language"
    return "vague" if hits else "no_term"


def _unclassified(text: str, hits: list[_Hit]) -> Match:
    code = _unclassified_code(text, hits)
    matched, terms = _words(_one_per_word(hits)) if code == "vague" else ("", "")
    return Match(UNCLASSIFIED, UNCLASSIFIED, 0.0, "none", matched, terms, code)


def classify_text(text: str, taxonomy: Taxonomy | None = None) -> list[Match]:
    """Return the themes of one priority text, most certain first (or ``unclassified`` and why).

    Examples
    --------
    >>> [m.theme for m in classify_text("Platsens digitaliserade upplevelser")]
    ['digital_ict', 'visitor_economy', 'cultural_creative']
    >>> [m.theme for m in classify_text("Livsmedel i skärningen hållbarhet, hälsa, miljö & måltid")]
    ['food']
    >>> classify_text("Samverkan för innovation")[0].theme
    'horizontal'
    >>> match = classify_text("Folkhälsa")[0]
    >>> match.theme, match.matched, match.terms, match.reason_code
    ('life_science_health', 'folkhälsa', '*hälsa', 'matched')
    >>> match = classify_text("Hållbar tillväxt", load_taxonomy())[0]
    >>> match.theme, match.confidence, match.reason_code
    ('unclassified', 0.0, 'vague')
    """
    taxonomy = taxonomy or load_taxonomy()
    norm = normalise(text)
    hits = _hits(norm, taxonomy)
    subject, marker = _subject(norm, taxonomy)
    named = [h for h in _hits(subject, taxonomy) if h[2] == "strong" and h[1] == "sector"]
    if marker and named:
        return _theme_matches(named, "rule", "aspect", marker)
    strong = [h for h in hits if h[2] == "strong" and h[1] == "sector"]
    if strong:
        return _theme_matches(strong, "rule", "matched")
    horizontal = [h for h in hits if h[2] == "strong" and h[0] == HORIZONTAL]
    if horizontal:
        return _theme_matches(horizontal, "rule", "process")
    weak = [h for h in hits if h[2] == "weak"]
    if weak:
        return _theme_matches(weak, "weak rule", "weak")
    return [_unclassified(norm if _SPLIT.sub("", str(text)) else "", hits)]


def classify_priorities(
    priorities: pd.DataFrame,
    taxonomy: Taxonomy | None = None,
    overrides: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Classify every priority: one row per priority and theme (see :data:`CLASSIFIED_COLUMNS`).

    Parameters
    ----------
    priorities : DataFrame
        ``county_code``, ``region`` and ``priority`` columns, e.g.
        :func:`s3atlas.seeddata.declared_priorities`.
    taxonomy : Taxonomy, optional
        Defaults to the bundled ``themes.yaml``.
    overrides : DataFrame, optional
        Manual themes (``county_code``, ``priority``, ``themes`` as a list or
        ``"; "``-joined ids, ``note``); they replace the rules and the
        taxonomy's own manual themes (:func:`bundled_overrides`) for that priority.

    Examples
    --------
    >>> from s3atlas.seeddata import declared_priorities
    >>> frame = classify_priorities(declared_priorities())
    >>> len(frame.groupby(["county_code", "priority"])), int((frame.theme == "unclassified").sum())
    (80, 0)
    """
    taxonomy = taxonomy or load_taxonomy()
    rows = []
    for record in priorities[["county_code", "region", "priority"]].itertuples(index=False):
        for match in classify_text(str(record.priority), taxonomy):
            rows.append(
                {
                    "county_code": record.county_code,
                    "region": record.region,
                    "priority": record.priority,
                    **match.__dict__,
                    "note": "",
                }
            )
    frame = pd.DataFrame(rows, columns=CLASSIFIED_COLUMNS)
    if taxonomy.manual:
        frame = apply_overrides(frame, bundled_overrides(taxonomy), taxonomy)
    return apply_overrides(frame, overrides, taxonomy) if overrides is not None else frame


def bundled_overrides(taxonomy: Taxonomy | None = None) -> pd.DataFrame:
    """Return the taxonomy's manual themes in the shape :func:`apply_overrides` takes.

    Their reason code is ``manual_taxonomy`` and their note is left empty: the
    reason is the taxonomy's own, in Swedish and English
    (:meth:`~s3atlas.priorities.themes.ManualThemes.note`), found again by county
    and priority when the row is put into words.

    >>> frame = bundled_overrides().set_index("priority")
    >>> frame.loc["Hållbara transporter", ["county_code", "themes", "reason_code"]].tolist()
    ['14', 'transport_logistics; advanced_manufacturing', 'manual_taxonomy']
    """
    rows = [
        {
            "county_code": m.county_code,
            "priority": m.priority,
            "themes": "; ".join(m.themes),
            "note": "",
            "reason_code": "manual_taxonomy",
        }
        for m in (taxonomy or load_taxonomy()).manual
    ]
    return pd.DataFrame(rows, columns=["county_code", "priority", "themes", "note", "reason_code"])


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _theme_list(value: object) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[;,]", value) if v.strip()]
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


def apply_overrides(
    classified: pd.DataFrame, overrides: pd.DataFrame, taxonomy: Taxonomy | None = None
) -> pd.DataFrame:
    """Replace the rule rows of every overridden priority with its manual themes (confidence 1).

    Priorities match on county code and the text compared case-insensitively. The
    rows get the reason code of the override's ``reason_code`` column (default
    ``manual``) and its ``note``.

    >>> base = classify_priorities(pd.DataFrame(
    ...     {"county_code": ["21"], "region": ["Gävleborg"],
    ...      "priority": ["Hållbart inkluderande arbetsliv"]}))
    >>> manual = pd.DataFrame({"county_code": ["21"],
    ...                        "priority": ["hållbart inkluderande arbetsliv"],
    ...                        "themes": ["welfare_services; horizontal"],
    ...                        "note": ["workshop 2024"]})
    >>> rows = apply_overrides(base, manual)
    >>> rows[["theme", "method", "confidence"]].values.tolist()
    [['welfare_services', 'manual', 1.0], ['horizontal', 'manual', 1.0]]
    >>> rows[["reason_code", "note"]].iloc[0].tolist()
    ['manual', 'workshop 2024']
    """
    taxonomy = taxonomy or load_taxonomy()
    manual = {
        (str(r.county_code), normalise(str(r.priority))): r
        for r in overrides.itertuples(index=False)
    }
    rows = []
    done: set[tuple[str, str]] = set()
    for record in classified.to_dict("records"):
        key = (str(record["county_code"]), normalise(record["priority"]))
        if key not in manual:
            rows.append(record)
            continue
        if key in done:
            continue
        done.add(key)
        override = manual[key]
        note = _text(getattr(override, "note", ""))
        code = _text(getattr(override, "reason_code", "")) or "manual"
        for theme_id in _theme_list(override.themes) or [UNCLASSIFIED]:
            kind = UNCLASSIFIED if theme_id == UNCLASSIFIED else taxonomy.get(theme_id).kind
            rows.append(
                {
                    **record,
                    "theme": theme_id,
                    "kind": kind,
                    "confidence": 1.0,
                    "method": "manual",
                    "matched": "",
                    "terms": "",
                    "reason_code": code,
                    "marker": "",
                    "note": note,
                }
            )
    return pd.DataFrame(rows, columns=CLASSIFIED_COLUMNS)
