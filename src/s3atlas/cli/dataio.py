"""``s3atlas data import``: statistics files into the workspace (``fetch`` is in fetch_cmd).

The command reads and checks every cell before anything is written; the
dataset is then saved atomically, so a bad file never leaves a partial
dataset behind.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from s3atlas.cli import output
from s3atlas.cli.data import data_app
from s3atlas.cli.options import FormatOption, WorkspaceEnvOption
from s3atlas.cli.output import OutputFormat
from s3atlas.errors import ConflictError, InputError
from s3atlas.i18n import gettext as _
from s3atlas.store.limits import is_whole_number
from s3atlas.workspace import Workspace, resolve_workspace

if TYPE_CHECKING:  # the statistics stack loads when a command runs, not for --help
    from s3atlas.stats import Dataset

__all__ = ["register"]


class FormatIn(StrEnum):
    """Input formats of ``data import``."""

    auto = "auto"
    pxweb = "pxweb"
    long = "long"
    jsonstat = "jsonstat"
    excel = "excel"


def _pairs(items: list[str] | None, option: str) -> dict[str, str]:
    out = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InputError(
                _("expected {option} KEY=VALUE", option=option), column=option, value=item
            )
        out[key.strip()] = value.strip()
    return out


def _split(values: list[str] | None) -> list[str] | None:
    parts = [p.strip() for value in values or [] for p in value.split(",") if p.strip()]
    return parts or None


def _years(values: list[str] | None) -> list[str] | None:
    out: list[str] = []
    for part in _split(values) or []:
        first, sep, last = part.partition("-")
        if sep and is_whole_number(first, 9999) and is_whole_number(last, 9999):
            out += [str(y) for y in range(int(first), int(last) + 1)]
        else:
            out.append(part)
    return out or None


def _guess_format(path: Path) -> FormatIn:
    suffix = path.suffix.lower()
    if suffix in {".json", ".jsonstat"}:
        return FormatIn.jsonstat
    if suffix in {".xlsx", ".xlsm"}:
        return FormatIn.excel
    from s3atlas.io.pxweb_csv import looks_like_pxweb

    return FormatIn.pxweb if looks_like_pxweb(path) else FormatIn.long


def read_file(
    path: Path,
    fmt: FormatIn,
    *,
    name: str,
    measure: str,
    columns: dict[str, str],
    sheet: str | None,
) -> Dataset:
    """Read *path* in format *fmt* (``auto`` guesses from the suffix) into a checked dataset."""
    from s3atlas.io.jsonstat import read_jsonstat
    from s3atlas.io.pxweb_csv import read_pxweb_csv
    from s3atlas.io.tables import read_table

    if not path.is_file():
        raise InputError(_("no such file"), file=str(path))
    fmt = _guess_format(path) if fmt is FormatIn.auto else fmt
    if fmt is FormatIn.jsonstat:
        return read_jsonstat(path, name=name, measure=measure)
    if fmt is FormatIn.pxweb:
        return read_pxweb_csv(path, name=name, measure=measure, columns=columns)
    return read_table(path, name=name, measure=measure, columns=columns, sheet=sheet)


def _save(dataset: Dataset, ws: Workspace) -> Path:
    from s3atlas.stats import save_dataset

    return save_dataset(dataset, ws)


def _target(workspace: Path | None, name: str, replace: bool) -> Workspace:
    from s3atlas.stats import bundled_names
    from s3atlas.stats.storage import dataset_path

    if name.casefold() in {b.casefold() for b in bundled_names()}:
        raise ConflictError(
            _(
                "a bundled dataset has this name, and it would hide the imported one; "
                "choose another name"
            ),
            column="--name",
            value=name,
        )
    ws = resolve_workspace(workspace)
    path = dataset_path(ws, name)
    if path.exists() and not replace:
        raise ConflictError(
            _("a dataset with this name exists; use --replace to overwrite it"), value=name
        )
    return ws


def _summary(dataset: Dataset, path: Path) -> dict[str, Any]:
    info = dataset.coverage()
    years = info["years"]
    return {
        "name": dataset.name,
        "path": str(path),
        "title": dataset.meta.title,
        "source": dataset.meta.source,
        "regions": info["regions"],
        "region_scheme": info["region_scheme"],
        "industries": info["industries"],
        "years": f"{years[0]}–{years[-1]}" if years else "",
        "measures": ", ".join(info["measures"]),
        "cells": info["cells"],
        "flags": ", ".join(f"{k} {v}" for k, v in info["flags"].items() if v),
        "total": sum(dataset.table.frame.value.fillna(0)) if len(info["measures"]) == 1 else None,
        "notes": dataset.meta.notes,
    }


def _report(dataset: Dataset, path: Path, fmt: OutputFormat) -> None:
    record = _summary(dataset, path)
    if fmt is OutputFormat.table:
        output.emit_record(record, title=_("Imported dataset {name}", name=dataset.name))
    elif fmt is OutputFormat.json:
        output.emit_json(record)
    else:
        import pandas as pd

        output.emit(pd.DataFrame([record]), fmt)


@data_app.command("import")
def import_command(
    file: Path = typer.Argument(
        ..., help="CSV, Excel or JSON-stat file (PxWeb exports: latin-1 or UTF-8)."
    ),
    name: str = typer.Option(..., "--name", help="Name of the new dataset."),
    measure: str = typer.Option(..., "--measure", help="What the numbers are, e.g. employed."),
    format_in: FormatIn = typer.Option(
        FormatIn.auto, "--format-in", help="auto, pxweb, long, jsonstat or excel."
    ),
    column: list[str] | None = typer.Option(
        None,
        "--column",
        help="ROLE=COLUMN for an unrecognised header "
        "(roles: region, industry, year, sex, measure, value).",
    ),
    sheet: str | None = typer.Option(None, "--sheet", help="Excel sheet (default: the first)."),
    replace: bool = typer.Option(False, "--replace", help="Overwrite a dataset of the same name."),
    workspace: Path | None = WorkspaceEnvOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Import a statistics file; every cell is checked before anything is saved."""
    ws = _target(workspace, name, replace)
    dataset = read_file(
        file,
        format_in,
        name=name,
        measure=measure,
        columns=_pairs(column, "--column"),
        sheet=sheet,
    )
    path = _save(dataset, ws)
    _report(dataset, path, fmt)


def register(app: typer.Typer) -> None:
    """Add ``data import`` (to the lead's ``data`` group) and the ``fetch`` group to *app*."""
    from s3atlas.cli.fetch_cmd import fetch_app

    app.add_typer(fetch_app, name="fetch")
