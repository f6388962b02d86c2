"""The usage errors the command-line parser prints, in the reader's language.

The parser (Typer's Click) writes its messages in English with the names and
values filled in (``Missing option '--out' / '-o'.``). :func:`translate`
recognises each kind, translates its words through the message catalogue
and puts the names and values back, so Swedish mode reads
``Alternativet '--out' / '-o' saknas.``. A message of an unknown kind is
returned as it is.
"""

from __future__ import annotations

import re

from s3atlas.i18n import gettext

__all__ = ["translate"]

#: English message (as a pattern) → catalogue message id with the same named fields.
_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Missing option (?P<name>.+)\.$", re.S), "Missing option {name}."),
    (re.compile(r"^Missing argument (?P<name>.+)\.$", re.S), "Missing argument {name}."),
    (re.compile(r"^Missing parameter (?P<name>.+)\.$", re.S), "Missing parameter {name}."),
    (re.compile(r"^Missing command\.$"), "Missing command."),
    (
        re.compile(r"^No such option: (?P<name>\S+) \(Possible options: (?P<options>.*)\)$"),
        "No such option: {name} (possible options: {options})",
    ),
    (
        re.compile(r"^No such option: (?P<name>\S+)\. Did you mean (?P<options>.*)\?$"),
        "No such option: {name}. Did you mean {options}?",
    ),
    (re.compile(r"^No such option: (?P<name>.+)$", re.S), "No such option: {name}"),
    (
        re.compile(r"^No such command (?P<name>.+)\. Did you mean (?P<options>.*)\?$"),
        "No such command {name}. Did you mean {options}?",
    ),
    (re.compile(r"^No such command (?P<name>.+)\.$"), "No such command {name}."),
    (
        re.compile(r"^Got unexpected extra argument\(s\) \((?P<args>.*)\)$", re.S),
        "Got unexpected extra argument(s) ({args})",
    ),
    (
        re.compile(r"^Option (?P<name>.+) requires an argument\.$"),
        "Option {name} requires an argument.",
    ),
    (
        re.compile(r"^Option (?P<name>.+) requires (?P<count>\d+) arguments\.$"),
        "Option {name} requires {count} arguments.",
    ),
    (
        re.compile(r"^Option (?P<name>.+) does not take a value\.$"),
        "Option {name} does not take a value.",
    ),
]

#: The reason inside "Invalid value for NAME: REASON".
_REASONS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^(?P<value>.+) is not one of (?P<choices>.*)\.$", re.S),
        "{value} is not one of {choices}.",
    ),
    (
        re.compile(r"^Value (?P<value>.+) is not a valid (?P<kind>integer|float|int)\.$", re.S),
        "{value} is not a valid number.",
    ),
    (
        re.compile(r"^(?P<kind>File|Directory|Path) (?P<value>.+) does not exist\.$", re.S),
        "{value} does not exist.",
    ),
]

_INVALID = re.compile(r"^Invalid value for (?P<name>.+?): (?P<reason>.*)$", re.S)


def _match(text: str, table: list[tuple[re.Pattern[str], str]]) -> str | None:
    for pattern, msgid in table:
        found = pattern.match(text)
        if found:
            return gettext(msgid, **found.groupdict())
    return None


def translate(message: str) -> str:
    """Return the parser's English *message* in the active language.

    >>> from s3atlas.i18n import use_language
    >>> with use_language("sv"):
    ...     translate("Missing option '--out' / '-o'.")
    "Alternativet '--out' / '-o' saknas."
    >>> with use_language("en"):
    ...     translate("Missing option '--out' / '-o'.")
    "Missing option '--out' / '-o'."
    """
    found = _match(message, _MESSAGES)
    if found is not None:
        return found
    invalid = _INVALID.match(message)
    if invalid:
        reason = invalid["reason"].removeprefix("Value error, ")
        return gettext(
            "Invalid value for {name}: {reason}",
            name=invalid["name"],
            reason=_match(reason, _REASONS) or reason,
        )
    return message
