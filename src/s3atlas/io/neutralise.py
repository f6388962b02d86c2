"""Formula-injection guard of every CSV and Excel file s3atlas writes, and its undoing on import.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and,
in some programs, a tab or carriage return) as a formula, so an actor name
such as ``=HYPERLINK("http://…")`` in an export becomes live when opened.
Following OWASP's *CSV Injection* advice, :func:`neutralise` prefixes such
text with a single quote; numbers are left as numbers. Every writer calls
:func:`neutralise_frame` (web downloads through :mod:`s3atlas.viz.downloads`,
the CLI's CSV output, the ecosystem export), and every importer of those files
calls :func:`unneutralise_frame`, so export → import gives back the original
text.

Text that already begins with quotes before such a character gets one quote
more, so the guard is exactly undone for every text:

>>> neutralise("=1+2"), neutralise("'=1+2"), neutralise("Umeå"), neutralise(-3.5)
("'=1+2", "''=1+2", 'Umeå', -3.5)
>>> all(unneutralise(neutralise(t)) == t for t in ["=x", "'=x", "''@x", "'a", "-", "b"])
True
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["TRIGGERS", "neutralise", "neutralise_frame", "unneutralise", "unneutralise_frame"]

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""First characters that make a spreadsheet read a cell as a formula (OWASP), and LF: an Excel
workbook stores CR as LF, so a guarded CR must come back as a guarded LF."""

_GUARD = "'"


def _dangerous(text: str) -> bool:
    return text.lstrip(_GUARD).startswith(TRIGGERS)


def neutralise(value: Any) -> Any:
    """Return *value* with a leading ``'`` when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and _dangerous(value):
        return _GUARD + value
    return value


def unneutralise(value: Any) -> Any:
    """Undo :func:`neutralise`: drop the one ``'`` it added, leave everything else as it is.

    >>> unneutralise("'=SUM(A1)"), unneutralise("'tis"), unneutralise(3)
    ('=SUM(A1)', "'tis", 3)
    """
    if isinstance(value, str) and value.startswith(_GUARD) and _dangerous(value[1:]):
        return value[1:]
    return value


def _map_text(frame: pd.DataFrame, function: Any) -> pd.DataFrame:
    out = frame.copy()
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if column.dtype.kind in "biufcmM":  # numbers, booleans and dates stay what they are
            continue
        kind = object if isinstance(column.dtype, pd.CategoricalDtype) else column.dtype
        values = pd.Series([function(v) for v in column], index=out.index, dtype=kind)
        out.isetitem(position, values.array)
    return out


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of *frame* whose text cells are :func:`neutralise`\\ d.

    >>> neutralise_frame(pd.DataFrame({"name": ["@SUM(1)", "Umeå"], "n": [-1, 2]})).to_dict("list")
    {'name': ["'@SUM(1)", 'Umeå'], 'n': [-1, 2]}
    """
    return _map_text(frame, neutralise)


def unneutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of *frame* whose text cells are :func:`unneutralise`\\ d (on import)."""
    return _map_text(frame, unneutralise)
