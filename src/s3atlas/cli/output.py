"""Rendering of command results: Rich tables for people, CSV and JSON for scripts.

Every listing command takes ``--format table|csv|json``. JSON is a list of
row objects (records) with NaN written as ``null``; CSV is UTF-8 with a header.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from s3atlas.errors import S3AtlasError

if TYPE_CHECKING:  # pandas and NumPy load only when a command produces a table
    import pandas as pd

__all__ = [
    "OutputFormat",
    "console",
    "emit",
    "emit_json",
    "emit_record",
    "error_console",
    "fail",
    "run",
    "say",
    "to_jsonable",
]

console = Console()
error_console = Console(stderr=True)


class OutputFormat(StrEnum):
    """The output formats of listing commands."""

    table = "table"
    csv = "csv"
    json = "json"


def to_jsonable(value: Any) -> Any:
    """Convert NumPy/pandas scalars and containers to plain JSON types (NaN → None).

    >>> import numpy as np
    >>> to_jsonable({"a": np.float64("nan"), "b": [np.int64(2)]})
    {'a': None, 'b': [2]}
    """
    import numpy as np
    import pandas as pd

    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [to_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def emit_json(payload: Any) -> None:
    """Print *payload* as indented UTF-8 JSON on stdout."""
    sys.stdout.write(json.dumps(to_jsonable(payload), ensure_ascii=False, indent=2) + "\n")


def _cell(value: Any) -> str:
    import pandas as pd

    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return "–"
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".") if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)


def for_people(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Show each bilingual column once, in *lang*, under its base name (replacing its code column).

    Scripts get every column (CSV, JSON); people get the table in their language.

    >>> import pandas as pd
    >>> frame = pd.DataFrame(
    ...     {"class": ["unique"], "class_sv": ["systemunik"], "class_en": ["unique"]}
    ... )
    >>> for_people(frame, "sv").columns.tolist(), for_people(frame, "sv").iloc[0, 0]
    (['class'], 'systemunik')
    """
    other = "en" if lang == "sv" else "sv"
    out = frame.drop(columns=[c for c in frame.columns if str(c).endswith(f"_{other}")])
    for column in [c for c in out.columns if str(c).endswith(f"_{lang}")]:
        base = str(column)[: -len(lang) - 1]
        out = out.drop(columns=[base], errors="ignore").rename(columns={column: base})
    return out


def emit(
    frame: pd.DataFrame, fmt: OutputFormat | str = OutputFormat.table, *, title: str | None = None
) -> None:
    """Print a DataFrame as a Rich table, CSV or JSON records."""
    fmt = OutputFormat(fmt)
    if fmt is OutputFormat.json:
        emit_json(frame.to_dict(orient="records"))
    elif fmt is OutputFormat.csv:
        from s3atlas.io.neutralise import neutralise_frame  # pandas loads only when needed

        sys.stdout.write(neutralise_frame(frame).to_csv(index=False))
    else:
        from s3atlas.i18n import current_language

        frame = for_people(frame, current_language())
        table = Table(title=title, show_lines=False, header_style="bold")
        for column in frame.columns:
            numeric = frame[column].dtype.kind in "iufc"
            table.add_column(str(column), justify="right" if numeric else "left")
        for row in frame.itertuples(index=False):
            table.add_row(*(_cell(v) for v in row))
        console.print(table)


def emit_record(record: dict[str, Any], *, title: str | None = None) -> None:
    """Print one record as a two-column key/value table (for people)."""
    table = Table(title=title, show_header=False, title_justify="left", title_style="bold")
    table.add_column(style="dim")
    table.add_column()
    for key, value in record.items():
        if value not in (None, ""):
            table.add_row(str(key), _cell(value))
    console.print(table)


def fail(error: S3AtlasError, fmt: OutputFormat | str | None = None) -> None:
    """Report *error* (JSON on stdout when asked for JSON) and exit with status 1."""
    if fmt is not None and OutputFormat(fmt) is OutputFormat.json:
        emit_json(error.to_dict())
    from rich.markup import escape

    from s3atlas.i18n import gettext

    error_console.print(
        f"[bold red]{gettext('Error')}:[/] {escape(error.message())}",
        highlight=False,
        soft_wrap=True,
    )
    raise SystemExit(1)


def run(fmt: OutputFormat | str | None, body: Callable[[], None]) -> None:
    """Call *body*; an :class:`S3AtlasError` it raises becomes :func:`fail` in format *fmt*."""
    try:
        body()
    except S3AtlasError as error:
        fail(error, fmt)


def say(text: str) -> None:
    """Print one line of text for people, as written (no highlighting, no hard wrapping)."""
    console.print(text, highlight=False, soft_wrap=True)
