"""``s3atlas data``: list and show statistical datasets (import lives in ``cli/dataio.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from s3atlas.cli import output
from s3atlas.cli.options import FormatOption, LimitOption, WorkspaceOption
from s3atlas.cli.output import OutputFormat
from s3atlas.i18n import gettext as _
from s3atlas.workspace import resolve_workspace

__all__ = ["TABLE_ROWS", "data_app", "register"]

#: Rows a table shows unless --limit says otherwise.
TABLE_ROWS = 200

data_app = typer.Typer(help="Statistical datasets: list, show, import.", no_args_is_help=True)


def _listing_row(row: dict) -> dict:
    years = row.get("years") or []
    return {
        "name": row["name"],
        "origin": row["origin"],
        "title": row["title"],
        "source": row["source"],
        "licence": row["licence"],
        "regions": row.get("regions"),
        "industries": row.get("industries"),
        "years": f"{years[0]}–{years[-1]}" if years else "",
        "measures": ", ".join(row.get("measures", [])),
        "cells": row.get("cells", row.get("rows")),
        "flags": ", ".join(f"{k} {v}" for k, v in row.get("flags", {}).items() if v),
    }


@data_app.command("list")
def list_command(
    workspace: Path | None = WorkspaceOption, fmt: OutputFormat = FormatOption
) -> None:
    """List bundled and workspace datasets with source, licence and coverage."""
    import pandas as pd

    from s3atlas.stats import list_datasets, seed_summaries

    rows = list_datasets(resolve_workspace(workspace)) + seed_summaries()
    if fmt is OutputFormat.json:
        output.emit_json(rows)
        return
    if fmt in (OutputFormat.csv, OutputFormat.xlsx):
        output.emit(pd.DataFrame([_listing_row(r) for r in rows]), fmt)
        return
    for row in rows:
        output.emit_record(_listing_row(row), title=row["name"])


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _region_codes(regions: list[str], scheme: str) -> list[str]:
    from s3atlas.classifications import find_region

    codes = []
    for text in regions:
        region = find_region(text)
        codes.append(region.nuts_code if scheme == "nuts" and region.nuts_code else region.code)
    return codes


@data_app.command("show")
def show_command(
    name: str = typer.Argument(..., help="Dataset name (see `s3atlas data list`)."),
    region: list[str] | None = typer.Option(
        None, "--region", help="Region code or name; repeat or comma-separate."
    ),
    industry: list[str] | None = typer.Option(
        None, "--industry", help="Industry code; repeat or comma-separate."
    ),
    year: list[int] | None = typer.Option(None, "--year", help="Year; repeat for several."),
    measure: list[str] | None = typer.Option(
        None, "--measure", help="Measure; repeat for several."
    ),
    limit: int | None = LimitOption,
    workspace: Path | None = WorkspaceOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Print a slice of a dataset, filtered by region, industry, year and measure."""
    from s3atlas.stats import load_dataset
    from s3atlas.stats.storage import dataset_path, query_dataset, workspace_names

    ws = resolve_workspace(workspace)
    dataset = load_dataset(name, ws)
    regions = _region_codes(_split(region), dataset.table.region_scheme)
    filters: dict[str, list[Any]] = {
        "region": regions,
        "industry": _split(industry),
        "year": year or [],
        "measure": _split(measure),
    }
    if name in workspace_names(ws):
        frame = query_dataset(dataset_path(ws, name), filters, None)
    else:
        frame = dataset.table.select(**{k: v or None for k, v in filters.items()}).frame
    cap = _row_cap(limit, fmt)
    shown = frame.head(cap) if cap else frame
    title = f"{name} ({output.cell(len(frame))} {_('rows')})"
    output.emit(shown, fmt, title=title, columns=_SHOWN_COLUMNS, total=len(frame))


#: The columns a person reads in ``data show`` (csv, json and xlsx carry every column).
_SHOWN_COLUMNS = ["region", "industry", "year", "measure", "sex", "value", "flag"]


def _row_cap(limit: int | None, fmt: OutputFormat) -> int:
    """Rows to write: *limit* when given (0 = all), else 200 in a table and all in a file.

    >>> _row_cap(None, OutputFormat.table), _row_cap(None, OutputFormat.csv), _row_cap(5, "csv")
    (200, 0, 5)
    """
    if limit is not None:
        return max(limit, 0)
    return TABLE_ROWS if OutputFormat(fmt) is OutputFormat.table else 0


def register(app: typer.Typer) -> None:
    """Add the ``data`` group to *app*."""
    app.add_typer(data_app, name="data")
