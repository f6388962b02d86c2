"""Rendering of command results: Rich tables for people, CSV, JSON and Excel for scripts.

Every listing command takes ``--format table|csv|json|xlsx`` (``-f``) and
``--out FILE``. JSON is a list of row objects (records) with NaN written as
``null``; CSV is UTF-8 with a header; Excel goes through the project's one
workbook writer (:func:`s3atlas.viz.downloads.to_xlsx_bytes`). CSV, JSON and
Excel carry every column and every row with codes as they are; the table for
people shows the chosen columns, translated headers and words for codes, and
numbers as the reader's language writes them (``28 432,5`` in Swedish).

The format and ``--out`` a command was given are remembered for the run, so
an error (:func:`fail`) is reported in the same format and a command need not
pass them around.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.table import Table

from s3atlas.errors import S3AtlasError
from s3atlas.io.jsonable import to_jsonable

if TYPE_CHECKING:  # pandas and NumPy load only when a command produces a table
    import pandas as pd

__all__ = [
    "OutputFormat",
    "cell",
    "console",
    "emit",
    "emit_json",
    "emit_one",
    "emit_record",
    "error_console",
    "fail",
    "for_people",
    "format_of",
    "out_callback",
    "remember_format",
    "remember_out",
    "reset",
    "run",
    "say",
    "write_file",
]

console = Console()
error_console = Console(stderr=True)


def fit_terminal() -> None:
    """Size both consoles to the terminal (or ``COLUMNS``) as it is now, not at import.

    A shell can change its width between commands run in one process (a test runner,
    a notebook); each command measures again.
    """
    global console, error_console
    console = Console()
    error_console = Console(stderr=True)


class OutputFormat(StrEnum):
    """The output formats of listing commands."""

    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


_format: ContextVar[OutputFormat | None] = ContextVar("s3atlas_cli_format", default=None)
_out: ContextVar[Path | None] = ContextVar("s3atlas_cli_out", default=None)


def reset() -> None:
    """Forget the format and ``--out`` of an earlier run (each command line starts afresh)."""
    _format.set(None)
    _out.set(None)


def remember_format(
    ctx: typer.Context, param: typer.CallbackParam, value: OutputFormat | str | None
) -> OutputFormat | str | None:
    """Typer callback of ``--format``: keep the format for :func:`emit` and :func:`fail`.

    Left at its default while ``--out`` names a file, the format is the
    file's ending (:func:`format_of`).
    """
    out = _out.get()
    if out is not None and value is not None and _defaulted(ctx, param.name):
        value = type(value)(format_of(out).value)
    if value is not None:
        try:
            _format.set(OutputFormat(value))
        except ValueError:  # a command's own format (gexf, kumu …) is not a listing format
            _format.set(None)
    return value


def _defaulted(ctx: typer.Context, name: str | None) -> bool:
    source = ctx.get_parameter_source(name) if name else None
    return source is not None and source.name in ("DEFAULT", "DEFAULT_MAP")


def remember_out(value: Path | None) -> Path | None:
    """Keep the file that :func:`emit` writes to."""
    _out.set(value)
    return value


def out_callback(ctx: typer.Context, value: Path | None) -> Path | None:
    """Typer callback of ``--out``: keep the file, and let its ending pick the format.

    ``--out styrkor.xlsx`` without ``--format`` writes Excel: the command
    sees ``--format xlsx`` (an explicit ``--format`` wins). The format may be
    read before or after ``--out``; :func:`remember_format` covers the other case.
    """
    remember_out(value)
    fmt = ctx.params.get("fmt")
    if value is not None and fmt is not None and _defaulted(ctx, "fmt"):
        chosen = format_of(value)
        ctx.params["fmt"] = type(fmt)(chosen.value)
        _format.set(chosen)
    return value


def _chosen(fmt: OutputFormat | str | None) -> OutputFormat:
    if fmt is None:
        return _format.get() or OutputFormat.table
    return OutputFormat(fmt)


def write_file(path: Path, body: bytes) -> None:
    """Write *body* to *path* with the user's normal permissions and say so on stderr."""
    from s3atlas.i18n import gettext
    from s3atlas.io.files import write_bytes

    write_bytes(path, body)
    error_console.print(gettext("Wrote {path}", path=str(path)), highlight=False, soft_wrap=True)


def format_of(path: Path | None) -> OutputFormat:
    """The file format ``--out`` names by its ending, for a command left at ``--format table``.

    >>> format_of(Path("styrkor.xlsx")).value, format_of(Path("a.CSV")).value
    ('xlsx', 'csv')
    """
    from s3atlas.errors import InputError
    from s3atlas.i18n import gettext

    ending = (path.suffix if path is not None else "").lower().lstrip(".")
    if ending in ("csv", "json", "xlsx"):
        return OutputFormat(ending)
    raise InputError(
        gettext("--out needs a file ending in .csv, .json or .xlsx, or --format to say which"),
        column="--out",
        value=str(path),
    )


def _text_out(text: str) -> None:
    out = _out.get()
    if out is None:
        sys.stdout.write(text)
    else:
        write_file(out, text.encode("utf-8"))


def emit_json(payload: Any) -> None:
    """Print *payload* as indented UTF-8 JSON on stdout (or into ``--out``)."""
    _text_out(json.dumps(to_jsonable(payload), ensure_ascii=False, indent=2) + "\n")


def _is_year(column: object) -> bool:
    name = str(column).lower()
    return name == "year" or name.endswith("_year") or name.startswith("year_")


def _moment(value: datetime) -> str:
    """A point in time to the minute, in UTC and saying so as the pages do ("2026-12-06 01:33 UTC").

    >>> _moment(datetime(2026, 12, 6, 1, 33, 20, tzinfo=UTC))
    '2026-12-06 01:33 UTC'
    """
    if value.tzinfo is not None:
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return value.strftime("%Y-%m-%d %H:%M")


def cell(value: Any, column: object = None) -> str:
    """Return *value* as people read it in the active language (years without a separator).

    >>> from s3atlas.i18n import use_language
    >>> with use_language("sv"):
    ...     cell(28432.5), cell(4920748), cell(2023, "year"), cell(None)
    ('28\\xa0432,5', '4\\xa0920\\xa0748', '2023', '–')
    >>> with use_language("en"):
    ...     cell(28432.5), cell(1.23456)
    ('28,432.5', '1.235')
    """
    import numbers

    import pandas as pd
    from babel.numbers import format_decimal

    from s3atlas.i18n import current_language

    if value is None or value is pd.NA or value is pd.NaT:
        return "–"
    if isinstance(value, datetime):
        return _moment(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return str(value)
    number = float(value)
    if number != number:
        return "–"
    if _is_year(column) and number.is_integer():
        return str(int(number))
    whole = isinstance(value, numbers.Integral) or abs(number) >= 1e6
    shown = int(value) if isinstance(value, numbers.Integral) else number
    return format_decimal(
        shown, format="#,##0" if whole else "#,##0.###", locale=current_language()
    )


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


#: Columns whose codes are of a kind named differently from the column.
_KIND_OF = {"group_a": "group", "group_b": "group"}

#: Columns that hold a share (0.25), shown to people as a percentage (25 %).
_SHARES = frozenset({"share", "share_women"})


def _in_words(frame: pd.DataFrame) -> pd.DataFrame:
    """Replace codes by words (class, status …) and column names by translated headers."""
    from s3atlas.analysis.labels import LABELS, label, labels
    from s3atlas.i18n import current_language, format_percent_value, gettext
    from s3atlas.viz.network import kind_label

    out = frame.copy()
    for column in out.columns:
        kind = _KIND_OF.get(str(column), str(column))
        if kind in LABELS and kind != "column" and out[column].dtype.kind == "O":
            out[column] = labels(kind, out[column])
        elif kind == "kind" and out[column].dtype.kind == "O":  # an actor's kind
            out[column] = [kind_label(str(v), current_language()) for v in out[column]]
        elif _is_year(column) and out[column].dtype.kind in "iuf":
            out[column] = [cell(v, column) for v in out[column]]
        elif str(column) in _SHARES and out[column].dtype.kind == "f":
            out[column] = [format_percent_value(v, 0) for v in out[column]]
        elif out[column].dtype.kind == "b":
            out[column] = [gettext("yes") if v else gettext("no") for v in out[column]]
    headers = [label("column", c) for c in out.columns]
    clash = {h for h in headers if headers.count(h) > 1}
    out.columns = [str(c) if h in clash else h for c, h in zip(out.columns, headers, strict=True)]
    return out


def _default_stem(title: str | None) -> str:
    from typer._click.globals import get_current_context  # the Click that Typer parses with

    from s3atlas.i18n import gettext

    if title:
        return title
    ctx = get_current_context(silent=True)
    words = ctx.command_path.split()[1:] if ctx is not None else []
    return " ".join(gettext(word) for word in words) or "s3atlas"


def _write_xlsx(frame: pd.DataFrame, title: str | None, source: str | None) -> None:
    from s3atlas.i18n import current_language
    from s3atlas.viz.downloads import download_name, to_xlsx_bytes

    stem = _default_stem(title)
    path = _out.get() or Path(download_name(stem, "xlsx"))
    body = to_xlsx_bytes(frame, sheet_name=stem, title=stem, source=source, lang=current_language())
    write_file(path, body)


def _limit_note(shown: int, total: int | None) -> None:
    from s3atlas.i18n import gettext

    if total is not None and total > shown:
        say(
            gettext(
                "{shown} of {total} rows shown; --limit 0 for all",
                shown=cell(shown),
                total=cell(total),
            )
        )


def emit(
    frame: pd.DataFrame,
    fmt: OutputFormat | str | None = None,
    *,
    title: str | None = None,
    columns: Sequence[str] | None = None,
    total: int | None = None,
    source: str | None = None,
) -> None:
    """Print a DataFrame as a Rich table, or write it as CSV, JSON records or an Excel workbook.

    Parameters
    ----------
    frame : DataFrame
        Every row and column; CSV, JSON and Excel get all of it.
    fmt : OutputFormat, optional
        Default: the ``--format`` the command was given.
    title : str, optional
        Table title; also the sheet and default file name of a workbook.
    columns : sequence of str, optional
        The columns a person reads in the table (default: all).
    total : int, optional
        How many rows there are in all when *frame* holds only the first
        ones; the table then says how many are shown.
    source : str, optional
        Where the numbers come from, written into a workbook.
    """
    fmt = _chosen(fmt)
    if fmt is OutputFormat.json:
        emit_json(frame.to_dict(orient="records"))
    elif fmt is OutputFormat.csv:
        from s3atlas.io.neutralise import neutralise_frame  # pandas loads only when needed

        _text_out(neutralise_frame(frame).to_csv(index=False))
    elif fmt is OutputFormat.xlsx:
        _write_xlsx(frame, title, source)
    else:
        from s3atlas.i18n import current_language

        shown = for_people(frame, current_language())
        if columns is not None:
            shown = shown[[c for c in columns if c in shown.columns]]
        else:  # keys (32 hex digits) are for scripts; people refer to a row by id or name
            shown = shown[[c for c in shown.columns if not str(c).endswith("_key")]]
        _print_table(_in_words(shown), title)
        _limit_note(len(frame), total)


def _print_table(frame: pd.DataFrame, title: str | None) -> None:
    table = Table(title=title, show_lines=False, header_style="bold")
    for i, column in enumerate(frame.columns):
        numeric = frame.iloc[:, i].dtype.kind in "iufc"
        table.add_column(str(column), justify="right" if numeric else "left")
    for row in frame.itertuples(index=False):
        table.add_row(*(cell(v) for v in row))
    console.print(table)


def emit_record(record: dict[str, Any], *, title: str | None = None) -> None:
    """Print one record as a two-column key/value table (for people)."""
    from s3atlas.analysis.labels import label

    table = Table(title=title, show_header=False, title_justify="left", title_style="bold")
    table.add_column(style="dim")
    table.add_column()
    for key, value in record.items():
        if value not in (None, ""):
            table.add_row(label("column", key), cell(value, key))
    console.print(table)


def emit_one(record: dict[str, Any], fmt: OutputFormat | str | None, *, title: str) -> None:
    """Emit one record: a key/value table for people, a one-row table in a file format."""
    if _chosen(fmt) is OutputFormat.table:
        emit_record(record, title=title)
        return
    import pandas as pd

    emit(pd.DataFrame([record]), fmt)


def fail(error: S3AtlasError, fmt: OutputFormat | str | None = None) -> None:
    """Report *error* (JSON on stdout when asked for JSON) and exit with status 1.

    This is the one error path of the command line: the ``s3atlas`` group
    sends every :class:`S3AtlasError` a command lets through here, in the
    format the command was given.
    """
    if _chosen(fmt) is OutputFormat.json and _out.get() is None:
        sys.stdout.write(
            json.dumps(to_jsonable(error.to_dict()), ensure_ascii=False, indent=2) + "\n"
        )
    from rich.markup import escape

    from s3atlas.i18n import gettext

    error_console.print(
        f"[bold red]{gettext('Error')}:[/] {escape(error.message())}",
        highlight=False,
        soft_wrap=True,
    )
    raise SystemExit(1)


def run(fmt: OutputFormat | str | None, body: Callable[[], None]) -> None:
    """Call *body*; an :class:`S3AtlasError` it raises becomes :func:`fail` in format *fmt*.

    A command need not call this: the ``s3atlas`` group already sends every
    error a command raises to :func:`fail`. It stays for code that runs
    outside a command.
    """
    try:
        body()
    except S3AtlasError as error:
        fail(error, fmt)


def say(text: str) -> None:
    """Print one line of text for people, as written (no highlighting, no hard wrapping)."""
    console.print(text, highlight=False, soft_wrap=True)
