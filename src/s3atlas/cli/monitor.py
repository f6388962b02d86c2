"""``s3atlas monitor``: the strategy's indicators, their status, peers and the scoreboard.

Thin layer over :mod:`s3atlas.monitoring`: parse, call, render. Read-only
commands use the workspace store when it exists and the bundled data
otherwise; ``import`` creates the store when needed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from s3atlas.cli import output
from s3atlas.cli.options import (
    StoreDbOption,
    WorkspaceShortOption,
    existing_store,
    writable_store,
)
from s3atlas.errors import InputError
from s3atlas.i18n import current_language, gettext
from s3atlas.workspace import resolve_workspace

if TYPE_CHECKING:
    import pandas as pd


__all__ = ["register"]

group = typer.Typer(
    help="Monitoring: indicators, status, peers and scoreboard / Uppföljning: indikatorer, "
    "status, jämförelseregioner och resultattavla.",
    no_args_is_help=True,
)


class TableFormat(StrEnum):
    """Output formats of the monitoring tables."""

    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


class Level(StrEnum):
    """Region levels peers are found at."""

    county = "county"
    nuts2 = "nuts2"


FormatOpt = typer.Option(TableFormat.table, "--format", "-f", help="table, csv, json or xlsx.")
OutOpt = typer.Option(None, "--out", "-o", help="File to write (for xlsx).")
YearOpt = typer.Option(None, "--year", help="Year (default: the latest with data).")
ToleranceOpt = typer.Option(
    0.10, "--tolerance", help="Shortfall against the planned path still on track (share, 0.10)."
)


def _show(
    data: pd.DataFrame,
    shown: pd.DataFrame,
    fmt: TableFormat,
    out: Path | None,
    title: str,
    source: str,
) -> None:
    """Print *shown* for people, *data* for scripts, or write *shown* as Excel."""
    if fmt in (TableFormat.csv, TableFormat.json):
        output.emit(data, fmt.value)
    elif fmt is TableFormat.xlsx:
        from s3atlas.viz.downloads import to_xlsx_bytes

        if out is None:
            raise InputError(
                gettext("An Excel file needs --out, the file to write."), column="--out"
            )
        body = to_xlsx_bytes(
            shown, sheet_name=title, source=source, title=title, lang=current_language()
        )
        out.write_bytes(body)
        output.say(gettext("Wrote {path}", path=str(out)))
    else:
        output.emit(shown, "table", title=title)


def _report(region: str, workspace: Path | None, db: str | None, year: int | None, tol: float):
    from s3atlas.monitoring.report import region_report

    return region_report(region, existing_store(workspace, db), year=year, tolerance=tol)


#: The reason of a status as scripts get it: its code and the numbers it is worded from.
_REASON_COLUMNS = [
    "reason",
    "judged_year",
    "expected",
    "gap",
    "tolerance",
    "needs",
    "flag",
    "wider_group",
    "unit",
]


def _examples_note(report: pd.DataFrame) -> None:
    if bool(report.example.any()):
        output.say(gettext("Targets marked 'example' are examples, not the region's own."))


Tables = Callable[["pd.DataFrame", str], tuple["pd.DataFrame", "pd.DataFrame", str]]
"""The region's report and the language → (data for scripts, table for people, title)."""


@dataclass(frozen=True)
class _ReportArgs:
    """What every command over the region's report is given."""

    region: str
    year: int | None
    tolerance: float
    fmt: TableFormat
    out: Path | None
    workspace: Path | None
    db: str | None


def _show_report(args: _ReportArgs, tables: Tables, source: str) -> None:
    """Show the region's report through *tables*; under a table, say which targets are examples."""

    def body() -> None:
        report = _report(args.region, args.workspace, args.db, args.year, args.tolerance)
        data, shown, title = tables(report, current_language())
        _show(data, shown, args.fmt, args.out, title, source)
        if args.fmt is TableFormat.table:
            _examples_note(report)

    output.run(args.fmt.value if args.fmt is not TableFormat.xlsx else None, body)


@group.command("indicators")
def indicators_cmd(
    region: str = typer.Argument(..., help="County: code or name, e.g. 24 or Västerbotten."),
    year: int | None = YearOpt,
    tolerance: float = ToleranceOpt,
    fmt: TableFormat = FormatOpt,
    out: Path | None = OutOpt,
    workspace: Path | None = WorkspaceShortOption,
    db: str | None = StoreDbOption,
) -> None:
    """The region's framework: every indicator with its latest value, target and status."""
    from s3atlas.monitoring.framework import county_code
    from s3atlas.monitoring.tables import region_name, report_table

    def tables(report: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, pd.DataFrame, str]:
        name = region_name(county_code(region))
        title = gettext("Monitoring: {region}", lang, region=name)
        shown = report_table(report, lang)
        if fmt is TableFormat.table:  # a terminal has room for the essentials; files get all
            shown = shown.iloc[:, [0, 1, 3, 4, 7, 8]]
        return report, shown, title

    args = _ReportArgs(region, year, tolerance, fmt, out, workspace, db)
    _show_report(args, tables, "s3atlas monitor")


@group.command("status")
def status_cmd(
    region: str = typer.Argument(..., help="County: code or name, e.g. 24 or Västerbotten."),
    year: int | None = YearOpt,
    tolerance: float = ToleranceOpt,
    fmt: TableFormat = FormatOpt,
    out: Path | None = OutOpt,
    workspace: Path | None = WorkspaceShortOption,
    db: str | None = StoreDbOption,
) -> None:
    """Status per indicator (on track, at risk, off track, no target, no data) with the reason."""
    args = _ReportArgs(region, year, tolerance, fmt, out, workspace, db)
    _show_report(args, _status_tables, "s3atlas monitor status")


def _status_tables(report: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    import pandas as pd

    from s3atlas.monitoring.sentences import in_words
    from s3atlas.monitoring.tables import status_label

    data = report[["region", "code", "year", "value", "status", *_REASON_COLUMNS]]
    words = in_words(report, lang)
    shown = pd.DataFrame(
        {
            gettext("Indicator", lang): words["name"],
            gettext("Status", lang): [status_label(s, lang) for s in report.status],
            gettext("Why", lang): words.why,
        }
    )
    return data, shown, gettext("Status of the indicators", lang)


@group.command("template")
def template_cmd(
    out: Path = typer.Option(..., "--out", "-o", help="The Excel file to write."),
    region: str | None = typer.Option(
        None, "--region", help="Prefill with this county's framework."
    ),
    workspace: Path | None = WorkspaceShortOption,
    db: str | None = StoreDbOption,
) -> None:
    """Write the import template (sheets indicators and values) as an Excel file."""
    from s3atlas.monitoring.template import write_template

    def body() -> None:
        write_template(out, region, existing_store(workspace, db), lang=current_language())
        output.say(gettext("Wrote {path}", path=str(out)))

    output.run(None, body)


@group.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="CSV or Excel file in the template's layout."),
    workspace: Path | None = WorkspaceShortOption,
    db: str | None = StoreDbOption,
) -> None:
    """Import indicators (baselines, targets) and values; a bad file is refused whole."""
    from s3atlas.monitoring.importing import import_file

    def body() -> None:
        result = import_file(writable_store(workspace, db), file)
        output.say(
            gettext(
                "Imported {indicators} indicators and {values} values for {regions}.",
                indicators=result.indicators,
                values=result.values,
                regions=", ".join(result.regions) or "–",
            )
        )

    output.run(None, body)


@group.command("fetch")
def fetch_cmd(
    kpi: str = typer.Argument(..., help="Kolada KPI id, e.g. N85085."),
    indicator: str = typer.Option(..., "--indicator", help="The indicator the values belong to."),
    region: str = typer.Option(..., "--region", help="County codes, comma-separated (24,25)."),
    years: str | None = typer.Option(None, "--years", help="Years, comma-separated."),
    base_url: str | None = typer.Option(
        None, "--base-url", envvar="S3ATLAS_KOLADA_URL", help="Kolada API root (v3)."
    ),
    refresh: bool = typer.Option(False, "--refresh", help="Ask again instead of the cache."),
    workspace: Path | None = WorkspaceShortOption,
    db: str | None = StoreDbOption,
) -> None:
    """Fetch a Kolada key figure and store it as an indicator's values (county totals)."""
    from s3atlas.io.kolada import DEFAULT_KOLADA_URL, KoladaClient
    from s3atlas.io.transport import Transport
    from s3atlas.monitoring.fetched import fetch_kolada

    def body() -> None:
        space = resolve_workspace(workspace).ensure()
        client = KoladaClient(
            Transport("Kolada", cache_dir=space.cache_dir), base_url or DEFAULT_KOLADA_URL
        )
        codes = [c.strip() for c in region.split(",") if c.strip()]
        wanted = [y.strip() for y in years.split(",")] if years else None
        stored = fetch_kolada(
            writable_store(workspace, db), client, kpi, indicator, codes, wanted, refresh=refresh
        )
        output.say(
            gettext(
                "Stored {count} values of {indicator} from Kolada {kpi}.",
                count=len(stored),
                indicator=indicator,
                kpi=kpi,
            )
        )

    output.run(None, body)


@group.command("examples")
def examples_cmd(
    region: str = typer.Argument(..., help="County: code or name, e.g. 24 or Västerbotten."),
    workspace: Path | None = WorkspaceShortOption,
    db: str | None = StoreDbOption,
) -> None:
    """Store example targets (marked 'example') for a demonstration of the status."""
    from s3atlas.monitoring.examples import store_example_targets
    from s3atlas.monitoring.framework import county_code

    def body() -> None:
        count = store_example_targets(writable_store(workspace, db), county_code(region))
        output.say(gettext("Stored {count} example targets, each marked 'example'.", count=count))

    output.run(None, body)


@group.command("peers")
def peers_cmd(
    region: str = typer.Argument(..., help="County (code or name) or NUTS 2 code, e.g. SE33."),
    k: int = typer.Option(5, "--k", help="How many peers."),
    level: Level = typer.Option(Level.county, "--level", help="county or nuts2."),
    dataset: str | None = typer.Option(
        None,
        "--dataset",
        help="For nuts2: a dataset with NUTS 2 regions (default eurostat_sbs_2015).",
    ),
    fmt: TableFormat = FormatOpt,
    out: Path | None = OutOpt,
) -> None:
    """The k structurally most similar regions, with the dimensions each is similar on."""
    from s3atlas.monitoring.peer_api import region_peers
    from s3atlas.monitoring.tables import peers_table, region_name

    def body() -> None:
        code, frame, source = region_peers(region, k=k, level=level.value, dataset=dataset)
        lang = current_language()
        title = gettext("Peers of {region}", lang, region=region_name(code))
        _show(frame, peers_table(frame, lang), fmt, out, title, source)

    output.run(fmt.value if fmt is not TableFormat.xlsx else None, body)


@group.command("scoreboard")
def scoreboard_cmd(
    year: int | None = YearOpt,
    fmt: TableFormat = FormatOpt,
    out: Path | None = OutOpt,
) -> None:
    """The composite index and performance groups of all 21 counties, normalisation shown."""
    from s3atlas.monitoring.scoreboard import county_scoreboard
    from s3atlas.monitoring.tables import scoreboard_table, steps_table

    def body() -> None:
        board, wide, years = county_scoreboard(year)
        lang = current_language()
        full = scoreboard_table(board.scores, wide, board.normalised, lang)
        title = gettext("Scoreboard", lang)
        if fmt is not TableFormat.table:
            data = board.scores if fmt is TableFormat.json else full
            _show(data, full, fmt, out, title, "s3atlas monitor scoreboard")
            return
        output.emit(full.iloc[:, :7], "table", title=title)
        steps = steps_table(board.steps, years, lang)
        output.emit(steps, "table", title=gettext("Normalisation", lang))

    output.run(fmt.value if fmt is not TableFormat.xlsx else None, body)


def register(app: typer.Typer) -> None:
    """Add the ``monitor`` group to *app*."""
    app.add_typer(group, name="monitor")
