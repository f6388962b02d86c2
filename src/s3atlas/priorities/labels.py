"""Words for the codes the priority classification returns, in Swedish or English.

:func:`s3atlas.priorities.classify_priorities` says why a priority got its
themes as a reason code (:data:`~s3atlas.priorities.classify.REASON_CODES`)
with its parameters: the words of the text that matched, the aspect marker,
the note of a manual theme. The command line, the web pages and the report
turn a row into words here, through the message catalogue, so all of them say
the same thing. People read the words of their own priority ("folkhälsa"),
never the taxonomy's patterns (``*hälsa``); the patterns stay in the ``terms``
column of the machine downloads.

Examples
--------
>>> row = {"reason_code": "matched", "matched": "life science; hälsa"}
>>> reason_words(row, "sv"), reason_words(row, "en")
('träff på life science, hälsa', 'matched life science, hälsa')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from s3atlas.i18n import gettext
from s3atlas.priorities.classify import normalise
from s3atlas.priorities.themes import Taxonomy, load_taxonomy, theme_name

__all__ = [
    "METHOD_WORDS",
    "PARTNER_WORDS",
    "REASON_WORDS",
    "method_label",
    "partner_reasons",
    "reason_words",
    "with_reasons",
]

#: Reason code → English words with the row's parameters (the catalogue's message id).
REASON_WORDS: dict[str, str] = {
    "matched": "matched {terms}",
    "aspect": "matched {terms}; the words after “{marker}” name aspects, not themes of their own",
    "process": "a process or capability, not an industry: matched {terms}",
    "weak": "only generic words matched ({terms}); low confidence, review",
    "manual": "set by hand: {note}",
    "manual_taxonomy": "set by hand: {note}",
    "empty": "empty priority text",
    "language": "language not recognised: the text is not in Swedish or English",
    "vague": "too vague: only general words ({terms}) and no theme term",
    "no_term": "no theme term matched; add a term to themes.yaml or set the theme by hand",
}


#: Classification method code → English words (the catalogue's message id).
METHOD_WORDS: dict[str, str] = {
    "rule": "word rule",
    "weak rule": "weak word rule, review",
    "manual": "set by hand",
    "none": "no rule matched",
}


def method_label(code: object, lang: str) -> str:
    """Return the words for a classification method code (the code itself when it has none).

    >>> method_label("weak rule", "sv"), method_label("manual", "en")
    ('svag ordregel, granska', 'set by hand')
    """
    text = METHOD_WORDS.get(str(code))
    return gettext(text, lang) if text else str(code)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _taxonomy_note(row: Mapping[Any, Any], lang: str, taxonomy: Taxonomy) -> str:
    """The reason the taxonomy gives for its manual theme of the row's priority, in *lang*."""
    key = (str(row.get("county_code", "")), normalise(str(row.get("priority", ""))))
    for manual in taxonomy.manual:
        if (manual.county_code, normalise(manual.priority)) == key:
            return manual.note(lang)
    return ""


def _note(row: Mapping[Any, Any], lang: str, taxonomy: Taxonomy | None) -> str:
    if row.get("reason_code") == "manual_taxonomy":
        return _taxonomy_note(row, lang, taxonomy or load_taxonomy())
    return _text(row.get("note"))


def reason_words(row: Mapping[Any, Any], lang: str, taxonomy: Taxonomy | None = None) -> str:
    """Return why a classified priority has its theme, in *lang* (``"sv"`` or ``"en"``).

    *row* is a row of :func:`~s3atlas.priorities.classify.classify_priorities`
    (``reason_code``, ``matched``, ``marker``, ``note``, and ``county_code`` and
    ``priority`` for a manual theme of the taxonomy); an unknown code is
    returned as it is.

    Examples
    --------
    >>> reason_words({"reason_code": "aspect", "matched": "livsmedel",
    ...               "marker": "i skärningen"}, "en")
    'matched livsmedel; the words after “i skärningen” name aspects, not themes of their own'
    >>> reason_words({"reason_code": "manual", "note": ""}, "sv")
    'satt för hand: –'
    >>> row = {"reason_code": "manual_taxonomy", "county_code": "14",
    ...        "priority": "Hållbara transporter"}
    >>> reason_words(row, "en")[:60]
    "set by hand: Västra Götaland's sustainable transport is the "
    """
    code = str(row.get("reason_code", ""))
    text = REASON_WORDS.get(code)
    if text is None:
        return code
    words = ", ".join(w for w in _text(row.get("matched")).split("; ") if w)
    return gettext(
        text,
        lang,
        terms=words,
        marker=_text(row.get("marker")),
        note=_note(row, lang, taxonomy) or "–",
    )


def with_reasons(frame: pd.DataFrame, lang: str, taxonomy: Taxonomy | None = None) -> pd.DataFrame:
    """Return *frame* (classified priorities) with a ``reason`` column in words in *lang*.

    >>> from s3atlas.priorities.classify import classify_priorities
    >>> frame = classify_priorities(pd.DataFrame(
    ...     {"county_code": ["03"], "region": ["Uppsala"], "priority": ["Life science"]}))
    >>> with_reasons(frame, "sv").reason.tolist()
    ['träff på life science']
    """
    records = frame.to_dict("records")
    return frame.assign(reason=[reason_words(row, lang, taxonomy) for row in records])


#: Partner reason code → English words, with the names of the themes it rests on.
PARTNER_WORDS: dict[str, str] = {
    "shared": "shared themes: {themes}",
    "neighbour": "neighbouring county",
    "complementary": "measurably strong where the region is not: {themes}",
}
_PARTNER_THEMES = {"shared": "shared_themes", "complementary": "complementary_themes"}


def _theme_names(theme_ids: Any, lang: str) -> str:
    return ", ".join(theme_name(t, lang) for t in _text(theme_ids).split("; ") if t)


def partner_reasons(row: Mapping[Any, Any], lang: str) -> str:
    """Return why a region is a candidate partner, in *lang*, from a row of
    :func:`~s3atlas.priorities.partners.partners` (``reason_codes`` and the theme ids).

    >>> row = {"reason_codes": "shared; neighbour", "shared_themes": "food; visitor_economy",
    ...        "complementary_themes": ""}
    >>> partner_reasons(row, "en")
    'shared themes: Food and agriculture, Visitor economy and experiences; neighbouring county'
    >>> partner_reasons(row, "sv")
    'gemensamma teman: Livsmedel och gröna näringar, Besöksnäring och upplevelser; grannlän'
    """
    codes = [c for c in _text(row.get("reason_codes")).split("; ") if c in PARTNER_WORDS]
    return "; ".join(
        gettext(
            PARTNER_WORDS[code],
            lang,
            themes=_theme_names(row.get(_PARTNER_THEMES.get(code, "")), lang),
        )
        for code in codes
    )
