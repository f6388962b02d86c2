"""Password rules after NIST SP 800-63B (5.1.1.2): length, and no commonly used passwords.

* at least :data:`MIN_PASSWORD_LENGTH` characters, at most :data:`MAX_PASSWORD_LENGTH`
  (every printable character and space allowed; no composition rules, which
  NIST advises against);
* not on a list of commonly used or breached passwords: the 30 000 most common
  passwords that ``zxcvbn`` ships (from leaked password sets), compared without
  regard to case;
* not one character repeated (``"        "``, ``"aaaaaaaa"``), not a run of
  consecutive characters (``"12345678"``, ``"abcdefgh"``), and not the user name
  or the name of the service.

>>> password_problem("correct horse battery", "anna") is None
True
>>> [password_problem(p, "anna") for p in ("short", "password", "        ", "23456789")]
['too_short', 'common', 'repeated', 'sequence']
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

__all__ = ["MAX_PASSWORD_LENGTH", "MIN_PASSWORD_LENGTH", "password_problem"]

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256
_SERVICE_WORDS = frozenset({"s3atlas", "s3atlas123", "smartspecialisering"})


@cache
def _common() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS  # 30 000 words; load on first use

    return frozenset(p.casefold() for p in FREQUENCY_LISTS["passwords"])


def _is_sequence(text: str) -> bool:
    """Whether every character is one step after (or before) the one before it.

    >>> _is_sequence("abcdefgh"), _is_sequence("87654321"), _is_sequence("abcdefgx")
    (True, True, False)
    """
    steps = {ord(b) - ord(a) for a, b in pairwise(text)}
    return steps in ({1}, {-1})


def password_problem(password: str, username: str = "") -> str | None:
    """Return why *password* is refused (a code), or ``None`` when it may be used.

    Codes: ``too_short``, ``too_long``, ``repeated``, ``sequence``, ``common``, ``username``.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        return "too_short"
    if len(password) > MAX_PASSWORD_LENGTH:
        return "too_long"
    folded = password.casefold()
    if len(set(folded)) == 1:
        return "repeated"
    if _is_sequence(folded):
        return "sequence"
    if folded in _common() or folded.strip() in _common() or folded in _SERVICE_WORDS:
        return "common"
    if username and folded == username.strip().casefold():
        return "username"
    return None
