"""Typer options the command modules share, and the helpers that turn their values into objects.

Each option is declared once here, with its flags, default and help text, so
the same option reads the same in every command. Where commands have long
offered an option with different flags or help (``--format`` with or without
``-f``, ``--workspace`` with ``-w`` or the ``S3ATLAS_WORKSPACE`` variable,
``--db`` described as a database or a store URL), each variant is its own
definition: the CLI stays exactly as users and ``docs/cli.md`` know it.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Any

import typer

from s3atlas.cli.output import OutputFormat

__all__ = [
    "DbOption",
    "FormatOption",
    "FormatShortOption",
    "RegionOption",
    "RoundOption",
    "StoreDbEnvOption",
    "StoreDbOption",
    "UserOption",
    "WorkspaceEnvOption",
    "WorkspaceOption",
    "WorkspaceShortOption",
    "open_workspace_store",
    "who",
]

FormatOption = typer.Option(OutputFormat.table, "--format", help="table, csv or json.")
FormatShortOption = typer.Option(OutputFormat.table, "--format", "-f", help="table, csv or json.")

WorkspaceOption = typer.Option(None, "--workspace", help="Workspace directory.")
WorkspaceShortOption = typer.Option(None, "--workspace", "-w", help="Workspace directory.")
WorkspaceEnvOption = typer.Option(
    None, "--workspace", envvar="S3ATLAS_WORKSPACE", help="Workspace directory."
)

DbOption = typer.Option(None, "--db", help="Database URL (default: SQLite in the workspace).")
StoreDbOption = typer.Option(None, "--db", help="Store URL (default: SQLite in the workspace).")
StoreDbEnvOption = typer.Option(
    None, "--db", help="Store URL (default: SQLite in the workspace, or S3ATLAS_DB)."
)

RegionOption = typer.Option(None, "--region", help="Region: code or name, e.g. 17 or Värmland.")
RoundOption = typer.Option(None, "--round", "-r", help="Mapping round (default: the latest).")
UserOption = typer.Option(None, "--user", help="Who makes the change (default: your login).")


def open_workspace_store(workspace: Path | None, db: str | None) -> Any:
    """Open the store that ``--workspace`` and ``--db`` name (see ``s3atlas.store.open_store``)."""
    from s3atlas.store import open_store
    from s3atlas.workspace import resolve_workspace

    return open_store(resolve_workspace(workspace).db_url(db))


def who(user: str | None) -> str:
    """Who makes a change: ``--user``, else ``S3ATLAS_USER``, else the login name."""
    return user or os.environ.get("S3ATLAS_USER") or getpass.getuser()
