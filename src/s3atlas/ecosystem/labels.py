"""Words for the codes the ecosystem analyses return: classes, gaps, quadrants, functions.

The analyses return codes — the class ``unique``, the gap rule
``no_cluster_management`` with its phase, the quadrant ``keep_informed``,
function codes. The command line, the web pages and the report turn them
into words here, in the reader's language, through the message catalogue, so
all three say the same thing. Function and phase names are the workspace's
own vocabulary (a Swedish and an English name per code, editable data), read
from the snapshot.

Examples
--------
>>> class_label("unique", "sv"), class_label("unique", "en")
('systemunik', 'system-unique')
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from s3atlas.ecosystem.analysis.coverage import DEFAULT_GAP_RULES
from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot
from s3atlas.i18n import format_number, gettext

__all__ = [
    "CLASS_WORDS",
    "QUADRANT_WORDS",
    "REASON_WORDS",
    "actor_role_label",
    "actors_in_words",
    "borrow_in_words",
    "borrow_reason",
    "class_label",
    "functions_in_words",
    "gap_label",
    "gaps_in_words",
    "phase_names",
    "quadrant_label",
    "reasons_label",
    "vocabulary_names",
]

#: Class code → English words (the catalogue's message id).
CLASS_WORDS: dict[str, str] = {
    "common": "system-common",
    "near_common": "nearly system-common",
    "shared": "shared",
    "unique": "system-unique",
    "absent": "absent",
}

#: Stakeholder quadrant code → English words (the catalogue's message id).
QUADRANT_WORDS: dict[str, str] = {
    "key_player": "key player – manage closely",
    "keep_satisfied": "keep satisfied",
    "keep_informed": "keep informed",
    "monitor": "monitor",
    "unknown": "unknown",
}

#: Orchestrator reason code → English words with the evidence's placeholders.
REASON_WORDS: dict[str, str] = {
    "degree": "linked to {degree} of {others} actors",
    "betweenness": "betweenness {betweenness}",
    "articulation": "without it the network splits into {splits_into} parts",
    "areas": "serves {n_areas} of {n_strength_areas} strength areas",
    "role": "a role that often orchestrates ({kind})",
}


def class_label(code: object, lang: str | None = None) -> str:
    """Return the words for a class code (the code itself when it has none).

    >>> class_label("near_common", "sv")
    'nästan systemgemensam'
    """
    text = CLASS_WORDS.get(str(code))
    return gettext(text, lang) if text else str(code)


def quadrant_label(code: object, lang: str | None = None) -> str:
    """Return the words for a stakeholder quadrant code.

    >>> quadrant_label("keep_informed", "sv")
    'håll informerad'
    """
    text = QUADRANT_WORDS.get(str(code))
    return gettext(text, lang) if text else str(code)


def reasons_label(row: Any, lang: str | None = None) -> str:
    """Return why an actor is an orchestrator candidate, in words, from a row of
    :func:`~s3atlas.ecosystem.analysis.network.orchestrator_candidates`.

    >>> row = {"reasons": "degree;areas", "degree": 3, "n_actors": 5, "n_areas": 2,
    ...        "n_strength_areas": 3, "betweenness": 0.0, "splits_into": 1, "kind": "firm"}
    >>> reasons_label(row, "sv")
    'kopplad till 3 av 4 aktörer; verkar i 2 av 3 styrkeområden'
    """
    values = {
        "degree": row["degree"],
        "others": int(row["n_actors"]) - 1,
        "betweenness": format_number(float(row["betweenness"]), 2, lang),
        "splits_into": row["splits_into"],
        "n_areas": row["n_areas"],
        "n_strength_areas": row["n_strength_areas"],
        "kind": row["kind"],
    }
    codes = [c for c in str(row["reasons"] or "").split(";") if c in REASON_WORDS]
    return "; ".join(gettext(REASON_WORDS[c], lang, **values) for c in codes)


def vocabulary_names(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """Code → name in *lang* of a vocabulary frame (``code, name_sv, name_en``).

    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> vocabulary_names(example_snapshot().phases, "en")["idea"]
    'Idea and early phase'
    """
    column = "name_sv" if lang == "sv" else "name_en"
    return {
        str(code): str(name) if isinstance(name, str) and name else str(code)
        for code, name in zip(frame.code, frame[column], strict=True)
    }


def phase_names(snapshot: EcosystemSnapshot, lang: str) -> dict[str, str]:
    """Phase code → phase name in *lang*."""
    return vocabulary_names(snapshot.phases, lang)


def gap_label(
    rule: str,
    phase_code: object,
    snapshot: EcosystemSnapshot,
    lang: str,
    rules: pd.DataFrame | None = None,
) -> str:
    """Return one gap in words, e.g. "no support functions in the phase Idea".

    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> gap_label("empty_phase", "idea", example_snapshot(), "sv")
    'inga stödfunktioner i fasen Idé och tidig fas'
    """
    table = (DEFAULT_GAP_RULES if rules is None else rules).set_index("rule")
    text = str(table.label.get(rule, rule))
    phase = phase_names(snapshot, lang).get(str(phase_code), "") if _given(phase_code) else ""
    return gettext(text, lang, phase=phase)


def gaps_in_words(
    gaps: pd.DataFrame, snapshot: EcosystemSnapshot, lang: str, rules: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Add a ``gap`` column with every gap of :func:`find_gaps` in words."""
    words = [
        gap_label(r, p, snapshot, lang, rules)
        for r, p in zip(gaps.rule, gaps.phase_code, strict=True)
    ]
    return gaps.assign(gap=words)


def functions_in_words(frame: pd.DataFrame, snapshot: EcosystemSnapshot, lang: str) -> pd.DataFrame:
    """Add ``name`` and ``class_label`` to a :func:`classify_functions` frame."""
    names = vocabulary_names(snapshot.functions, lang)
    return frame.assign(
        name=[names.get(str(c), str(c)) for c in frame.function_code],
        class_label=[class_label(c, lang) for c in frame["class"]],
    )


def actor_role_label(code: object, lang: str) -> str:
    """An actor's role in words: the class of the functions it provides, or that it gives none.

    >>> actor_role_label("absent", "sv"), actor_role_label("unique", "en")
    ('ger ingen stödfunktion', 'system-unique')
    """
    if code == "absent":  # a member of a strength area need not provide a support function
        return gettext("provides no support function", lang)
    return class_label(code, lang)


def actors_in_words(frame: pd.DataFrame, snapshot: EcosystemSnapshot, lang: str) -> pd.DataFrame:
    """Add ``class_label`` and turn the ``functions`` codes into names in a
    :func:`classify_actors` frame."""
    names = vocabulary_names(snapshot.functions, lang)
    return frame.assign(
        class_label=[actor_role_label(c, lang) for c in frame["class"]],
        functions=[_named(codes, names) for codes in frame.functions],
    )


def borrow_reason(row: Any, function: str, lang: str) -> str:
    """Return why a region could borrow a function, in words, from a row of
    :func:`~s3atlas.ecosystem.analysis.borrowing.borrow_candidates`.

    *function* is the function's name in *lang* (see :func:`vocabulary_names`).

    >>> row = {"region": "Västerbotten", "area": "Skog", "borrowable": "yes",
    ...        "borrow_terms": None, "borrower": "Norrbotten", "borrower_area": "Skog och trä",
    ...        "theme": "forest_bioeconomy"}
    >>> borrow_reason(row, "Testbädd", "en")[:60]
    'Västerbotten offers to share Testbädd (system-unique, servin'
    """
    from s3atlas.priorities.themes import theme_name

    terms = (
        gettext(" on conditions: {terms}", lang, terms=row["borrow_terms"] or "–")
        if row["borrowable"] == "conditions"
        else ""
    )
    return gettext(
        "{region} offers to share {function} (system-unique, serving {area}){terms}; "
        "{borrower}'s strength area {borrower_area} is in the same theme, {theme}, "
        "and has no {function}.",
        lang,
        region=row["region"],
        function=function,
        area=row["area"],
        terms=terms,
        borrower=row["borrower"],
        borrower_area=row["borrower_area"],
        theme=theme_name(str(row["theme"]), lang),
    )


def borrow_in_words(frame: pd.DataFrame, functions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Add ``function`` (the name in *lang*) to offers or candidates, and ``reason`` to
    candidates; *functions* is the store's function vocabulary (``code, name_sv, name_en``)."""
    names = vocabulary_names(functions, lang)
    named = [names.get(str(c), str(c)) for c in frame.function_code]
    out = frame.assign(function=named)
    if "borrower" in out.columns:
        rows = out.to_dict("records")
        out = out.assign(reason=[borrow_reason(r, str(r["function"]), lang) for r in rows])
    return out


def _named(codes: object, names: dict[str, str]) -> str:
    parts = [c for c in str(codes or "").split("; ") if c]
    return "; ".join(sorted(names.get(c, c) for c in parts))


def _given(value: Any) -> bool:
    return isinstance(value, str) and bool(value)
