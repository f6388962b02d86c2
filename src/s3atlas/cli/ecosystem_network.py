"""``s3atlas ecosystem import-cordis | actors | borrowable | set-borrowable``.

Actor networks from CORDIS project data, the listing of a region's actors,
and borrowable capacity across regions. Each command parses its arguments,
calls :mod:`s3atlas.ecosystem` and renders the result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
    from s3atlas.ecosystem.io.cordis_import import import_cordis

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
        _emit_cordis_summary(summary, fmt)

    output.run(fmt, body)


def _emit_cordis_summary(summary: dict[str, Any], fmt: OutputFormat) -> None:
    """What the import did, and the Swedish rows it could not place in a county."""
    unplaced = summary.pop("unplaced")
    if fmt is OutputFormat.json:
        output.emit_json({**summary, "unplaced": unplaced.to_dict(orient="records")})
        return
    output.emit_record(summary, title=gettext("Imported from CORDIS"))
    if not unplaced.empty:
        title = gettext("Swedish rows that could not be placed (add them with --places)")
        output.emit(unplaced, fmt, title=title)


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
    from s3atlas.ecosystem.store.queries import actors_frame

    def body() -> None:
        frame = actors_frame(open_workspace_store(workspace, db), _region_code(region), round_name)
        frame = frame[frame.external == partners].drop(columns=["external"])
        columns = _ACTOR_COLUMNS if partners else _ACTOR_COLUMNS[:-1]
        shown = frame[columns] if fmt is OutputFormat.table else frame
        title = gettext("External partners") if partners else gettext("Actors")
        output.emit(shown.reset_index(drop=True), fmt, title=title)

    output.run(fmt, body)


def provisions_cmd(
    region: str = typer.Argument(..., help="Region: code or name."),
    round_name: str | None = RoundOption,
    fmt: OutputFormat = FormatShortOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """The support functions of a round (provisions) with their ids and borrowability."""
    from s3atlas.ecosystem.store.queries import provisions_frame

    def body() -> None:
        store = open_workspace_store(workspace, db)
        frame = provisions_frame(store, _region_code(region), round_name)
        output.emit(frame, fmt, title=gettext("Support functions"))

    output.run(fmt, body)


def set_borrowable_cmd(
    region: str = typer.Argument(..., help="Region: code or name."),
    provision: int = typer.Argument(..., help="Provision id (see 'ecosystem provisions')."),
    answer: str = typer.Argument(
        ..., help="Can other regions borrow it? yes, no, conditions (ja, nej, villkor) or none."
    ),
    terms: str | None = typer.Option(None, "--terms", help="The conditions, in words."),
    round_name: str | None = RoundOption,
    user: str | None = UserOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Record whether other regions may borrow the capacity of a support function."""
    from s3atlas.ecosystem.store.service import update_provision

    def body() -> None:
        changes: dict[str, Any] = {"borrowable": answer}
        if terms is not None:
            changes["borrow_terms"] = terms
        update_provision(
            open_workspace_store(workspace, db),
            _region_code(region),
            provision,
            user=who(user),
            round_name=round_name,
            **changes,
        )
        output.say(gettext("Saved."))

    output.run(None, body)


def borrowable_cmd(
    offers: bool = typer.Option(False, "--offers", help="List the offers only."),
    fmt: OutputFormat = FormatShortOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Borrowable capacity across regions: offers of system-unique functions and candidate
    regions that lack them in the same theme (published maps only)."""
    from s3atlas.ecosystem.analysis.borrowing import (
        borrow_candidates,
        borrowable_offers,
        published_maps,
    )
    from s3atlas.ecosystem.labels import borrow_in_words
    from s3atlas.ecosystem.store.vocabulary import vocabulary_frame
    from s3atlas.i18n import current_language
    from s3atlas.web.auth import published_regions

    def body() -> None:
        store = open_workspace_store(workspace, db)
        maps = published_maps(store, published_regions(store))
        with store.read() as session:
            vocabulary = vocabulary_frame(session, "function")
        if offers:
            frame = borrowable_offers(maps)
            frame["themes"] = frame.themes.str.join("; ")
            if fmt is OutputFormat.table:
                frame = borrow_in_words(frame, vocabulary, current_language())
                frame = frame[["region", "function", "actor", "area", "borrowable"]]
            output.emit(frame, fmt, title=gettext("Offers to share capacity"))
            return
        frame = borrow_candidates(maps)
        if fmt is OutputFormat.table:
            frame = borrow_in_words(frame, vocabulary, current_language())
            frame = frame[["region", "function", "borrower", "reason"]]
        output.emit(frame, fmt, title=gettext("Regions that could borrow capacity"))

    output.run(fmt, body)


def add_commands(app: typer.Typer) -> None:
    """Add these commands to the ``ecosystem`` group *app*."""
    app.command("import-cordis")(import_cordis_cmd)
    app.command("actors")(actors_cmd)
    app.command("provisions")(provisions_cmd)
    app.command("set-borrowable")(set_borrowable_cmd)
    app.command("borrowable")(borrowable_cmd)
