"""``s3atlas dynamics``: a region's new firms and patent applications against Sweden, over time."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from s3atlas.cli import output
from s3atlas.cli.options import WorkspaceOption, load_named_dataset
from s3atlas.i18n import current_language, format_number, gettext

if TYPE_CHECKING:
    import pandas as pd

    from s3atlas.stats import Dataset

__all__ = ["register"]


class DynamicsFormat(StrEnum):
    """The output formats of ``s3atlas dynamics``."""

    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


#: Column → (English header, decimals) of the table people read.
_SHOWN = {
    "indicator": ("Indicator", None),
    "year": ("Year", None),
    "region_value": ("Region", 1),
    "sweden_value": ("Sweden", 1),
    "ratio": ("Ratio to Sweden", 2),
    "note": ("Note", None),
}


def _employment(name: str | None, workspace: Path | None) -> Dataset:
    from s3atlas.analysis.dynamics import default_employment_dataset

    return load_named_dataset(name or default_employment_dataset(), workspace)


def _in_words(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The shown columns, indicator and note codes put into words in *lang*."""
    from s3atlas.analysis.dynamics import indicator_name, note_text

    words = frame.assign(
        indicator=[indicator_name(str(code), lang) for code in frame.indicator],
        note=[note_text(row, lang) for row in frame.to_dict("records")],
    )
    return words[list(_SHOWN)].copy()


def _for_people(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The shown columns under headers in *lang*, numbers written as the language writes them."""
    import pandas as pd

    frame = _in_words(frame, lang)
    for column, (_header, decimals) in _SHOWN.items():
        if decimals is not None:
            frame[column] = [format_number(v, decimals, lang) for v in frame[column]]
    frame["year"] = ["–" if pd.isna(v) else str(int(v)) for v in frame.year]
    frame["note"] = frame.note.fillna("")
    repeated = frame.indicator.eq(frame.indicator.shift())
    frame["indicator"] = frame.indicator.where(~repeated, "")
    return frame.rename(columns={c: gettext(h, lang) for c, (h, _d) in _SHOWN.items()})


def _print_table(frame: pd.DataFrame, title: str, notes: list[str]) -> None:
    from rich.table import Table

    table = Table(title=title, header_style="bold")
    for i, column in enumerate(frame.columns):
        table.add_column(str(column), justify="right" if 0 < i < 5 else "left")
    for row in frame.itertuples(index=False):
        table.add_row(*(str(v) for v in row))
    output.console.print(table)
    for line in notes:
        output.say(line)


def _write_xlsx(shown: pd.DataFrame, out: Path | None, title: str, notes: list[str]) -> None:
    from s3atlas.viz.downloads import download_name, to_xlsx_bytes

    lang = current_language()
    extra = {gettext("Note", lang) + f" {i}": line for i, line in enumerate(notes[:-1], 1)}
    body = to_xlsx_bytes(
        shown, sheet_name=title, source=notes[-1], title=title, notes=extra, lang=lang
    )
    output.write_file(out or Path(download_name(title, "xlsx")), body)


def dynamics(
    region: str = typer.Argument(..., help="Region: code or name, e.g. 24 or Västerbotten."),
    employment: str | None = typer.Option(
        None,
        "--employment",
        help="Dataset of employed persons by county and year (default: the bundled SCB RAMS).",
    ),
    fmt: DynamicsFormat = typer.Option(
        DynamicsFormat.table,
        "--format",
        "-f",
        help="table, csv, json or xlsx.",
        callback=output.remember_format,
    ),
    out: Path | None = typer.Option(None, "--out", "-o", help="File to write (for xlsx)."),
    workspace: Path | None = WorkspaceOption,
) -> None:
    """New firms per 1 000 employed and patent applications per million inhabitants, against Sweden."""  # noqa: E501 - one-line help, rendered verbatim in docs/cli.md
    from s3atlas.analysis.dynamics import dynamics_notes, region_dynamics, series_break_years

    frame = region_dynamics(region, employment=_employment(employment, workspace))
    if fmt in (DynamicsFormat.json, DynamicsFormat.csv):
        output.emit(frame, fmt.value)
        return
    lang = current_language()
    notes = dynamics_notes(frame, series_break_years(), lang)
    name = frame.region_name.iloc[0]
    title = gettext("Dynamics and innovation capacity: {region}", lang, region=name)
    if fmt is DynamicsFormat.xlsx:
        shown = _in_words(frame, lang).rename(
            columns={c: gettext(h, lang) for c, (h, _d) in _SHOWN.items()}
        )
        _write_xlsx(shown, out, title, notes)
    else:
        _print_table(_for_people(frame, lang), title, notes)


def register(app: typer.Typer) -> None:
    """Add ``dynamics`` to *app*."""
    app.command("dynamics")(dynamics)
