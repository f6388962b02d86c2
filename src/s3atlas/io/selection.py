"""Selections of table values: PxWeb's selection expressions and splitting by the cell limit.

PxWebApi 2 takes, for each variable, value codes or expressions: ``*`` (all),
``top(n)`` (the last *n*), ``bottom(n)`` (the first *n*), ``from(c)`` and
``to(c)`` (from or up to a code, inclusive), ``range(a,b)`` and wildcards
such as ``46*``. The client expands them against the table's metadata, so it
knows how many cells a query asks for and can split one that is over the
service's cell limit (SCB: 150 000) into parts that together cover every
cell exactly once.
"""

from __future__ import annotations

import fnmatch
import math
import re
from collections.abc import Mapping, Sequence

from s3atlas.errors import InputError
from s3atlas.i18n import gettext as _
from s3atlas.store.limits import is_whole_number

__all__ = ["cell_count", "expand", "split_selection"]

_CALL = re.compile(r"(top|bottom|from|to|range)\((.*)\)", re.IGNORECASE)


def _index(codes: list[str], code: str, variable: str) -> int:
    if code not in codes:
        raise InputError(
            _("not a value of {variable} in this table", variable=variable),
            column=variable,
            value=code,
        )
    return codes.index(code)


def _one(expression: str, codes: list[str], variable: str) -> list[str]:
    text = expression.strip()
    call = _CALL.fullmatch(text)
    if call is None:
        if "*" in text or "?" in text:
            return [c for c in codes if fnmatch.fnmatchcase(c, text)]
        _index(codes, text, variable)
        return [text]
    name, args = call.group(1).lower(), [a.strip() for a in call.group(2).split(",")]
    if name in ("top", "bottom"):
        if not is_whole_number(args[0]):
            raise InputError(_("expected a whole number"), column=variable, value=expression)
        n = int(args[0])
        return codes[-n:] if name == "top" and n else codes[:n] if name == "bottom" else []
    if name == "from":
        return codes[_index(codes, args[0], variable) :]
    if name == "to":
        return codes[: _index(codes, args[0], variable) + 1]
    if len(args) != 2:
        raise InputError(_("range needs two codes: range(a,b)"), column=variable, value=expression)
    return codes[_index(codes, args[0], variable) : _index(codes, args[1], variable) + 1]


def expand(expressions: Sequence[str], codes: Sequence[str], variable: str = "") -> list[str]:
    """Return the codes the selection *expressions* pick, in the table's order, once each.

    Raises
    ------
    InputError
        When a code is not one of the table's, naming the variable and the code.

    Examples
    --------
    >>> years = ["2018", "2019", "2020", "2021"]
    >>> expand(["top(2)"], years), expand(["from(2020)"], years)
    (['2020', '2021'], ['2020', '2021'])
    >>> expand(["range(2018,2019)"], years)
    ['2018', '2019']
    >>> expand(["*"], ["01", "03"]), expand(["46*"], ["45", "46", "461", "47"])
    (['01', '03'], ['46', '461'])
    """
    codes = [str(c) for c in codes]
    picked = {c for expression in expressions for c in _one(str(expression), codes, variable)}
    return [c for c in codes if c in picked]


def cell_count(selection: Mapping[str, Sequence[str]]) -> int:
    """Return how many cells a selection asks for.

    >>> cell_count({"Region": ["01", "03"], "Tid": ["2018", "2019", "2020"]})
    6
    """
    return math.prod(len(v) for v in selection.values())


def split_selection(
    selection: Mapping[str, Sequence[str]], max_cells: int
) -> list[dict[str, list[str]]]:
    """Split a selection (variable → values) into parts of at most *max_cells* cells.

    The variable with the most values is cut first, in order, so the parts
    cover every cell exactly once.

    Examples
    --------
    >>> parts = split_selection({"Region": ["01", "03", "04"], "Tid": ["2017", "2018"]}, 4)
    >>> [p["Region"] for p in parts]
    [['01', '03'], ['04']]
    """
    sel = {k: list(v) for k, v in selection.items()}
    total = cell_count(sel)
    if total <= max_cells or not sel:
        return [sel]
    var = max(sel, key=lambda k: len(sel[k]))
    rest = total // len(sel[var])
    chunk = max(1, max_cells // rest)
    parts = [{**sel, var: sel[var][i : i + chunk]} for i in range(0, len(sel[var]), chunk)]
    return [piece for part in parts for piece in split_selection(part, max_cells)]
