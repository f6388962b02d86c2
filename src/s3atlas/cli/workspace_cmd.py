"""``s3atlas workspace``: create a workspace (with Västerbotten's demo ecosystem) and show what it
holds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from s3atlas.cli import output
from s3atlas.cli.options import FormatOption, StoreDbEnvOption, WorkspaceEnvOption
from s3atlas.cli.output import OutputFormat
from s3atlas.errors import NotFoundError
from s3atlas.i18n import gettext as _
from s3atlas.workspace import resolve_workspace

if TYPE_CHECKING:  # heavy libraries load when a command runs, not for --help
    pass


__all__ = ["register", "workspace_app"]

workspace_app = typer.Typer(help="Create and inspect the workspace.", no_args_is_help=True)


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _say_where(root: Path, url: str) -> None:
    output.say(_("Workspace: {path}", path=root))
    output.say(_("Store: {url}", url=_safe_url(url)))


def _vocabulary_counts(store: object) -> dict[str, int]:
    from sqlalchemy import func, select

    from s3atlas.ecosystem.store.vocabulary import VOCABULARIES

    with store.read() as session:  # type: ignore[attr-defined]
        return {
            name: int(session.scalar(select(func.count()).select_from(model)) or 0)
            for name, (model, _d, _f) in VOCABULARIES.items()
        }


@workspace_app.command("init")
def init_command(
    empty: bool = typer.Option(
        False, "--empty", help="Start without the Västerbotten demo ecosystem."
    ),
    workspace: Path | None = WorkspaceEnvOption,
    db: str | None = StoreDbEnvOption,
) -> None:
    """Create the workspace and its store; add Västerbotten's demo ecosystem unless --empty."""
    from s3atlas.ecosystem.demo import load_demo
    from s3atlas.ecosystem.store.vocabulary import seed_vocabulary
    from s3atlas.store import open_store

    ws = resolve_workspace(workspace).ensure()
    url = ws.db_url(db)
    store = open_store(url, fresh=True)
    with store.transaction() as session:
        seed_vocabulary(session)
    counts = _vocabulary_counts(store)
    demo = None if empty else load_demo(store)
    _say_where(ws.root, url)
    output.say(_("Schema is up to date (every migration applied)."))
    output.say(_vocabulary_line(counts))
    output.say(_demo_line(empty, demo))


def _vocabulary_line(counts: dict[str, int]) -> str:
    """How many actor kinds, support functions, phases and link kinds the store holds."""
    return _(
        "Vocabulary: {kinds} actor kinds, {functions} support functions, "
        "{phases} phases, {links} link kinds.",
        kinds=counts["actor_kind"],
        functions=counts["function"],
        phases=counts["phase"],
        links=counts["link_kind"],
    )


def _demo_line(empty: bool, demo: dict[str, Any] | None) -> str:
    """What became of the demo ecosystem: left out, already there, or added (and what it holds)."""
    if empty:
        return _("Started empty, without demo content.")
    if demo is None:
        return _("The demo ecosystem is already in the store; nothing was added.")
    return _(
        "Demo ecosystem: {region} (round {round}): "
        "{areas} strength areas, {actors} actors, "
        "{provisions} support functions, {insights} interview insights, "
        "all marked as demo.",
        region=demo["region_name"],
        round=demo["round"],
        areas=demo["areas"],
        actors=demo["actors"],
        provisions=demo["provisions"],
        insights=demo["insights"],
    )


@workspace_app.command("info")
def info_command(
    workspace: Path | None = WorkspaceEnvOption,
    db: str | None = StoreDbEnvOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Show the workspace, its store and the regions and rounds mapped in it."""
    from s3atlas.ecosystem.store.queries import store_summary
    from s3atlas.store import open_store

    ws = resolve_workspace(workspace)
    url = ws.db_url(db)
    if url.startswith("sqlite:///") and not ws.sqlite_path.exists() and db is None:
        raise NotFoundError(
            _(
                "No workspace store at {path}; run `s3atlas workspace init` first.",
                path=ws.sqlite_path,
            )
        )
    summary = store_summary(open_store(url))
    if fmt is not OutputFormat.table:
        output.emit(summary, fmt)
        return
    _say_where(ws.root, url)
    if summary.empty:
        output.say(_("No ecosystem has been mapped yet."))
        return
    people = ["region", "name", "round", "closed", "areas", "actors", "links", "insights"]
    output.emit(summary, fmt, title=_("Regions and mapping rounds"), columns=people)


def register(app: typer.Typer) -> None:
    """Add ``s3atlas workspace`` to *app*."""
    app.add_typer(workspace_app, name="workspace")
