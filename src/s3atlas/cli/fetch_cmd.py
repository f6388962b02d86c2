"""``s3atlas fetch``: statistics from SCB, Kolada and Eurostat into the workspace.

Every command reads and checks all cells before the dataset is saved
(atomically), caches the answers in the workspace (``--refresh`` asks
again) and fails within seconds, in the language of the run, when there is
no connection.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from s3atlas.cli import output
from s3atlas.cli.dataio import _pairs, _report, _save, _split, _summary, _target, _years
from s3atlas.cli.options import FormatOption, WorkspaceEnvOption
from s3atlas.cli.output import OutputFormat
from s3atlas.errors import InputError
from s3atlas.i18n import current_language
from s3atlas.i18n import gettext as _
from s3atlas.store.limits import is_whole_number

if TYPE_CHECKING:  # the HTTP stack loads when a command runs, not for --help
    from s3atlas.io.pxweb2 import PxWeb2Client
    from s3atlas.io.recipes import RecipeResult
    from s3atlas.io.scb import ScbClient
    from s3atlas.io.transport import Limits, Transport
    from s3atlas.stats import Dataset
    from s3atlas.workspace import Workspace

__all__ = ["fetch_app"]

fetch_app = typer.Typer(
    help="Fetch statistics from SCB, Kolada and Eurostat.",
    no_args_is_help=True,
)


class Level(StrEnum):
    """Industry levels of the recipes."""

    groups = "groups"
    sni2 = "sni2"


class Geo(StrEnum):
    """Region levels of the recipes."""

    county = "county"
    municipality = "municipality"


NameOption = typer.Option(None, "--name", help="Name of the new dataset (default: from the query).")
RefreshOption = typer.Option(False, "--refresh", help="Ask the service again; ignore the cache.")
ReplaceOption = typer.Option(False, "--replace", help="Overwrite a dataset of the same name.")
YearsOption = typer.Option(None, "--years", help="Years, e.g. 2008-2023 or 2019,2020.")


def _transport(service: str, ws: Workspace, limits: Limits | None = None) -> Transport:
    from s3atlas.io.transport import Transport

    return Transport(service, limits=limits, cache_dir=ws.cache_dir)


def _recipe_report(result: RecipeResult, path: Path, fmt: OutputFormat) -> None:
    overlap = result.join.overlap_totals()
    if fmt is OutputFormat.json:
        record = _summary(result.dataset, path)
        record["series_break"] = result.dataset.meta.series_break
        record["overlap"] = overlap.to_dict(orient="records")
        output.emit_json(record)
        return
    _report(result.dataset, path, fmt)
    if fmt is OutputFormat.table:
        output.say(_("Series breaks: {breaks}", breaks=result.dataset.meta.series_break or "–"))
        if not overlap.empty:
            title = _("Overlap years: both series, all regions and industries")
            output.emit(overlap, fmt, title=title)


ScbTableArgument = typer.Argument(
    ...,
    help="A recipe (employment), a PxWebApi 2 table id (TAB900) or a v1 table path "
    "(AM/AM0207/AM0207Z/DagSni07KonKN).",
)
ScbRegionOption = typer.Option(
    None, "--region", help="Region codes (comma-separated), e.g. 24; default all."
)
ScbLevelOption = typer.Option(
    Level.groups, "--level", help="Recipes: groups (SNI 2007 groups) or sni2 (2-digit)."
)
ScbIndustryOption = typer.Option(
    None, "--industry", help="Tables: SNI codes as SCB lists them; default all."
)
ScbMeasureOption = typer.Option(
    "", "--measure", help="Tables: measure name when the table has one content."
)
ScbSelectOption = typer.Option(
    None, "--select", help="Tables: CODE=V1,V2 for another variable, e.g. Kon=1,2."
)
ScbBaseUrlOption = typer.Option(
    None,
    "--base-url",
    help="API root (default PxWebApi 2: S3ATLAS_SCB_URL or SCB's; for v1 paths: "
    "S3ATLAS_SCB_V1_URL or SCB's v1 root).",
)


@fetch_app.command("scb")
def fetch_scb_command(
    table: str = ScbTableArgument,
    name: str | None = NameOption,
    region: list[str] | None = ScbRegionOption,
    geo: Geo = typer.Option(Geo.county, "--geo", help="Recipes: county or municipality."),
    level: Level = ScbLevelOption,
    industry: list[str] | None = ScbIndustryOption,
    years: list[str] | None = YearsOption,
    measure: str = ScbMeasureOption,
    select: list[str] | None = ScbSelectOption,
    base_url: str | None = ScbBaseUrlOption,
    max_cells: int = typer.Option(150_000, "--max-cells", help="Cells per call (SCB's limit)."),
    refresh: bool = RefreshOption,
    replace: bool = ReplaceOption,
    workspace: Path | None = WorkspaceEnvOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Fetch from SCB's statistical database: a named recipe or any table, split, cached."""
    from s3atlas.io.pxweb2 import SCB_LIMITS

    is_recipe = _is_recipe(table)
    name = name or _scb_name(table, level, is_recipe)
    query = _ScbQuery(
        region=_split(region),
        industry=_split(industry),
        years=_years(years),
        select={k: v.split(",") for k, v in _pairs(select, "--select").items()},
        measure=measure,
        refresh=refresh,
    )
    ws = _target(workspace, name, replace)
    transport = _transport("SCB", ws, SCB_LIMITS)
    if is_recipe and "/" not in table:
        client = _v2_client(base_url, transport, max_cells)
        result = _fetch_recipe(client, table, level, geo, name, query)
        _recipe_report(result, _save(result.dataset, ws), fmt)
        return
    dataset = _fetch_table(table, name, query, _ScbService(base_url, transport, max_cells))
    _report(dataset, _save(dataset, ws), fmt)


def _is_recipe(table: str) -> bool:
    from s3atlas.io.recipes import RECIPES

    return any(table == key for key, _level in RECIPES)


def _scb_name(table: str, level: Level, is_recipe: bool) -> str:
    """The dataset's default name: the recipe and its level, or the table's last part."""
    return f"{table}_{level.value}" if is_recipe else table.strip("/").split("/")[-1].lower()


@dataclass(frozen=True)
class _ScbQuery:
    """What ``fetch scb`` was asked for, parsed."""

    region: list[str] | None
    industry: list[str] | None
    years: list[str] | None
    select: dict[str, list[str]]
    measure: str
    refresh: bool

    def wanted(self) -> dict[str, Any]:
        """Return the selection by role and variable code, leaving out what was not given."""
        by_role = {"region": self.region, "industry": self.industry, "year": self.years}
        return {**{k: v for k, v in by_role.items() if v is not None}, **self.select}


@dataclass(frozen=True)
class _ScbService:
    """Where and how SCB is asked: the API root (None: the default), transport, cells per call."""

    base_url: str | None
    transport: Transport
    max_cells: int


def _fetch_table(table: str, name: str, query: _ScbQuery, service: _ScbService) -> Dataset:
    """Fetch a table by its v1 path (it has a slash) or its PxWebApi 2 id."""
    if "/" in table:
        v1 = _v1_client(service.base_url, service.transport, service.max_cells)
        return v1.fetch_dataset(
            table,
            name=name,
            region=query.region,
            industry=query.industry,
            years=query.years,
            measure=query.measure,
            extra=query.select,
            refresh=query.refresh,
        )
    v2 = _v2_client(service.base_url, service.transport, service.max_cells)
    return v2.fetch_dataset(
        table, name=name, wanted=query.wanted(), measure=query.measure, refresh=query.refresh
    )


def _v2_client(base_url: str | None, transport: Transport, max_cells: int) -> PxWeb2Client:
    from s3atlas.io.pxweb2 import DEFAULT_V2_URL, PxWeb2Client

    root = base_url or os.environ.get("S3ATLAS_SCB_URL") or DEFAULT_V2_URL
    return PxWeb2Client(transport, root, lang=current_language(), max_cells=max_cells)


def _fetch_recipe(
    client: PxWeb2Client, table: str, level: Level, geo: Geo, name: str, query: _ScbQuery
) -> RecipeResult:
    from s3atlas.io.recipes import fetch_recipe, recipe

    bad = [y for y in query.years or [] if not is_whole_number(y, 9999)]
    if bad:
        raise InputError(
            _("years are written 2008-2023 or 2019,2020"), column="--years", value=bad[0]
        )
    years = [int(y) for y in query.years] if query.years else None
    return fetch_recipe(
        client,
        recipe(table, level.value),
        name=name,
        regions=query.region,
        geo=geo.value,
        years=years,
        refresh=query.refresh,
    )


def _v1_client(base_url: str | None, transport: Transport, max_cells: int) -> ScbClient:
    from s3atlas.io.scb import DEFAULT_BASE_URL, ScbClient

    root = base_url or os.environ.get("S3ATLAS_SCB_V1_URL") or DEFAULT_BASE_URL
    return ScbClient(root, transport=transport, max_cells=max_cells)


@fetch_app.command("kolada")
def fetch_kolada_command(
    kpi: str = typer.Argument(..., help="Kolada KPI id, e.g. N03937."),
    region: list[str] = typer.Option(
        ..., "--region", help="County (24) or municipality (2480) codes, comma-separated."
    ),
    years: list[str] | None = YearsOption,
    name: str | None = NameOption,
    measure: str = typer.Option("", "--measure", help="Measure name (default: the KPI id)."),
    base_url: str | None = typer.Option(
        None, "--base-url", envvar="S3ATLAS_KOLADA_URL", help="Kolada API root (v3)."
    ),
    refresh: bool = RefreshOption,
    replace: bool = ReplaceOption,
    workspace: Path | None = WorkspaceEnvOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Fetch a Kolada key figure (total, women, men) for regions and years."""
    from s3atlas.io.kolada import DEFAULT_KOLADA_URL, KoladaClient

    ws = _target(workspace, name or kpi.lower(), replace)
    client = KoladaClient(_transport("Kolada", ws), base_url or DEFAULT_KOLADA_URL)
    dataset = client.fetch_dataset(
        kpi,
        name=name or kpi.lower(),
        regions=_split(region) or [],
        years=_years(years),
        measure=measure,
        refresh=refresh,
    )
    path = _save(dataset, ws)
    _report(dataset, path, fmt)


@fetch_app.command("eurostat")
def fetch_eurostat_command(
    dataset_code: str = typer.Argument(..., help="Eurostat dataset code, e.g. pat_ep_rtot."),
    region: list[str] | None = typer.Option(
        None, "--region", help="NUTS codes, e.g. SE331; default Sweden's regions."
    ),
    years: list[str] | None = YearsOption,
    filters: list[str] | None = typer.Option(
        None, "--filter", help="DIMENSION=CODE to pick one value, e.g. unit=NR."
    ),
    name: str | None = NameOption,
    measure: str = typer.Option("", "--measure", help="Measure name (default per dataset)."),
    base_url: str | None = typer.Option(
        None, "--base-url", envvar="S3ATLAS_EUROSTAT_URL", help="Dissemination API data root."
    ),
    refresh: bool = RefreshOption,
    replace: bool = ReplaceOption,
    workspace: Path | None = WorkspaceEnvOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Fetch a regional Eurostat dataset (JSON-stat) for NUTS regions and years."""
    from s3atlas.io.eurostat import DEFAULT_EUROSTAT_URL, EurostatClient

    ws = _target(workspace, name or dataset_code, replace)
    client = EurostatClient(_transport("Eurostat", ws), base_url or DEFAULT_EUROSTAT_URL)
    dataset = client.fetch_dataset(
        dataset_code,
        name=name or dataset_code,
        regions=_split(region),
        years=_years(years),
        filters=_pairs(filters, "--filter"),
        measure=measure,
        refresh=refresh,
    )
    path = _save(dataset, ws)
    _report(dataset, path, fmt)


@fetch_app.command("recipes")
def fetch_recipes_command(fmt: OutputFormat = FormatOption) -> None:
    """List the named recipes and the SCB tables each one joins."""
    import pandas as pd

    from s3atlas.io.recipes import RECIPES

    rows = [
        {
            "recipe": r.name,
            "level": r.level,
            "measure": r.measure,
            "series": ", ".join(
                f"{p.series} {p.first}–{p.last or ''} ({p.table or _('table search')})"
                for p in r.parts
            ),
            "title": _(r.title),
        }
        for r in RECIPES.values()
    ]
    output.emit(pd.DataFrame(rows), fmt)


@fetch_app.command("search")
def fetch_search_command(
    words: list[str] = typer.Argument(..., help="Words to look for, e.g. förvärvsarbetande SNI."),
    base_url: str | None = typer.Option(
        None, "--base-url", envvar="S3ATLAS_SCB_URL", help="PxWebApi 2 root."
    ),
    workspace: Path | None = WorkspaceEnvOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Search SCB's tables (PxWebApi 2) and list their ids, titles and periods."""
    import pandas as pd

    from s3atlas.io.pxweb2 import SCB_LIMITS
    from s3atlas.workspace import resolve_workspace

    ws = resolve_workspace(workspace)
    client = _v2_client(base_url, _transport("SCB", ws, SCB_LIMITS), 150_000)
    hits = client.search(" ".join(words))
    columns = ["id", "label", "firstPeriod", "lastPeriod"]
    frame = pd.DataFrame([{c: hit.get(c, "") for c in columns} for hit in hits], columns=columns)
    output.emit(frame, fmt)
