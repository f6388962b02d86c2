"""``s3atlas ecosystem import-cordis | actors | borrowable | set-borrowable``.

Actor networks from CORDIS project data, the listing of a region's actors,
and borrowable capacity across regions. Each command parses its arguments,
calls :mod:`s3atlas.ecosystem` and renders the result.
"""

from __future__ import annotations

from pathlib import Path

import typer

from s3atlas.cli import output
from s3atlas.cli.options import (
    DbOption,
    FormatShortOption,
    RoundOption,
    UserOption,
    WorkspaceOption,
    open_workspace_store,
    who,
)
from s3atlas.cli.output import OutputFormat
from s3atlas.i18n import gettext

__all__ = ["add_commands"]

_ACTOR_COLUMNS = ["id", "name", "kind", "org_number", "pic", "municipality", "home_region"]


def _region_code(text: str) -> str:
    from s3atlas.classifications import find_region

    return find_region(text).code


def import_cordis_cmd(
    file: Path = typer.Argument(..., help="CORDIS organization.csv (or .xlsx)."),
    region: str = typer.Option(..., "--region", help="County: code, name or NUTS 3 code."),
    projects: Path | None = typer.Option(
        None, "--projects", help="CORDIS project.csv: project acronyms for the links."
    ),
    places: Path | None = typer.Option(
        None, "--places", help="CSV with columns city and region placing cities CORDIS spells."
    ),
    round_name: str | None = typer.Option(
        None, "--round", "-r", help="Name of the new round (default: CORDIS and today's date)."
    ),
    user: str | None = UserOption,
    fmt: OutputFormat = FormatShortOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Import a region's actors and their shared EU projects from CORDIS into a new round."""
    from s3atlas.ecosystem.cordis_import import import_cordis

    def body() -> None:
        summary = import_cordis(
            open_workspace_store(workspace, db),
            file,
            region,
            user=who(user),
            projects=projects,
            places=places,
            round_name=round_name,
        )
        unplaced = summary.pop("unplaced")
        if fmt is OutputFormat.json:
            output.emit_json({**summary, "unplaced": unplaced.to_dict(orient="records")})
            return
        output.emit_record(summary, title=gettext("Imported from CORDIS"))
        if not unplaced.empty:
            output.emit(
                unplaced,
                fmt,
                title=gettext("Swedish rows that could not be placed (add them with --places)"),
            )

    output.run(fmt, body)


def actors_cmd(
    region: str = typer.Argument(..., help="Region: code or name."),
    partners: bool = typer.Option(
        False, "--partners", help="List the external partners of other regions instead."
    ),
    round_name: str | None = RoundOption,
    fmt: OutputFormat = FormatShortOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """The actors of a region's mapping round (its own; --partners: external partners)."""
    from s3atlas.ecosystem.queries import actors_frame

    def body() -> None:
        frame = actors_frame(open_workspace_store(workspace, db), _region_code(region), round_name)
        frame = frame[frame.external == partners].drop(columns=["external"])
        columns = _ACTOR_COLUMNS if partners else _ACTOR_COLUMNS[:-1]
        shown = frame[columns] if fmt is OutputFormat.table else frame
        title = gettext("External partners") if partners else gettext("Actors")
        output.emit(shown.reset_index(drop=True), fmt, title=title)

    output.run(fmt, body)


def add_commands(app: typer.Typer) -> None:
    """Add these commands to the ``ecosystem`` group *app*."""
    app.command("import-cordis")(import_cordis_cmd)
    app.command("actors")(actors_cmd)
