"""Swedish-first text and locale-aware numbers.

Source strings are English; Swedish translations live in gettext catalogues
(``locale/sv/LC_MESSAGES/*.po``), one file per area of the product, read with
Babel and merged. The language is ``sv`` unless ``S3ATLAS_LANG`` or the caller
(``--lang`` in the CLI, the language switch in the web app) says otherwise.
Numbers and dates follow the locale: ``2,3`` in Swedish, ``2.3`` in English.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.dates import format_datetime as _babel_format_datetime
from babel.lists import format_list
from babel.messages.pofile import read_po
from babel.numbers import NumberPattern, parse_pattern

__all__ = [
    "LANGUAGES",
    "current_language",
    "format_date",
    "format_number",
    "format_percent_value",
    "format_words",
    "gettext",
    "set_language",
    "use_language",
]

LANGUAGES = ("sv", "en")
_LOCALE_DIR = Path(__file__).parent / "locale"
_language: ContextVar[str | None] = ContextVar("s3atlas_language", default=None)


def _checked(lang: str) -> str:
    lang = lang.lower()[:2]
    return lang if lang in LANGUAGES else "sv"


def current_language() -> str:
    """Return the active language code (``"sv"`` or ``"en"``)."""
    return _checked(_language.get() or os.environ.get("S3ATLAS_LANG", "sv"))


def set_language(lang: str) -> None:
    """Set the language for the current context (a CLI run, a web request)."""
    _language.set(_checked(lang))


@contextmanager
def use_language(lang: str) -> Iterator[None]:
    """Temporarily switch language.

    >>> with use_language("en"):
    ...     current_language()
    'en'
    """
    token = _language.set(_checked(lang))
    try:
        yield
    finally:
        _language.reset(token)


@cache
def _catalog(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    folder = _LOCALE_DIR / lang / "LC_MESSAGES"
    for po in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        with po.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                if message.id and isinstance(message.id, str) and message.string:
                    merged[message.id] = str(message.string)
    return merged


def gettext(msgid: str, lang: str | None = None, **values: object) -> str:
    """Translate *msgid* (English source text) and fill ``{name}`` placeholders.

    >>> gettext("Strength areas", lang="sv")
    'Styrkeområden'
    >>> gettext("Strength areas", lang="en")
    'Strength areas'
    """
    lang = _checked(lang) if lang else current_language()
    text = _catalog(lang).get(msgid, msgid) if lang != "en" else msgid
    return text.format(**values) if values else text


def format_number(value: float | int | None, decimals: int = 1, lang: str | None = None) -> str:
    """Format a number for the language; missing values become an en dash.

    >>> format_number(2.345, 1, lang="sv")
    '2,3'
    >>> format_number(4920748, 0, lang="en")
    '4,920,748'
    >>> format_number(None)
    '–'
    """
    if value is None or value != value:  # NaN is not equal to itself
        return "–"
    # what babel's format_decimal does, with the pattern and locale parsed once, not per call
    # (a page formats hundreds of numbers)
    return _number_pattern(decimals).apply(value, _locale(_checked(lang or current_language())))


@cache
def _number_pattern(decimals: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals > 0 else ""))


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def format_percent_value(share: float | None, decimals: int = 0, lang: str | None = None) -> str:
    """Format a share (0.04) as a percentage for the language.

    >>> format_percent_value(0.04, lang="sv")
    '4\\xa0%'
    >>> format_percent_value(0.04, lang="en")
    '4%'
    """
    if share is None or share != share:
        return "–"
    lang = _checked(lang or current_language())
    number = format_number(share * 100, decimals, lang=lang)
    return f"{number}\xa0%" if lang == "sv" else f"{number}%"


def format_words(words: Iterable[str], lang: str | None = None) -> str:
    """Join words as a sentence lists them in the language.

    >>> format_words(["tillverkning (B+C)", "företagstjänster (M+N)"], lang="sv")
    'tillverkning (B+C) och företagstjänster (M+N)'
    >>> format_words(["A", "B", "C"], lang="en")
    'A, B, and C'
    """
    return format_list(list(words), locale=_locale(_checked(lang or current_language())))


def format_date(value: date | datetime, lang: str | None = None) -> str:
    """Format a date or datetime for the language (medium format); a time is written in UTC
    and says so (a time without a zone is UTC: SQLite keeps none).

    >>> format_date(datetime(2026, 12, 5, 21, 19, 43), lang="sv")
    '5 dec. 2026 21:19:43 UTC'
    >>> format_date(date(2026, 12, 5), lang="en")
    'Dec 5, 2026'
    """
    locale = _checked(lang or current_language())
    if isinstance(value, datetime):
        moment = value.replace(tzinfo=UTC) if value.tzinfo is None else value
        text = _babel_format_datetime(moment, format="medium", tzinfo=UTC, locale=locale)
        return f"{text} UTC"
    return _babel_format_date(value, format="medium", locale=locale)
