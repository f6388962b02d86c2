"""Typer options the command modules share, and the helpers that turn their values into objects.

Each option is declared once here, with its flags, default, environment
variable and help text, so it means the same in every command:
``-f/--format`` (table, csv, json, xlsx), ``-o/--out``, ``-w/--workspace``
(or ``S3ATLAS_WORKSPACE``), ``--db`` (or ``S3ATLAS_DB``) and ``--limit``.
``--lang`` is added to every command by :mod:`s3atlas.cli.group`. The older
names (``FormatShortOption``, ``WorkspaceEnvOption``, ``StoreDbOption`` …)
are the same objects, so modules written against them get the same option.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from s3atlas.cli.output import OutputFormat, out_callback, remember_format

if TYPE_CHECKING:
    from s3atlas.store import Store

__all__ = [
    "DbOption",
    "FormatOption",
    "FormatShortOption",
    "LimitOption",
    "OutOption",
    "RegionOption",
    "RoundOption",
    "StoreDbEnvOption",
    "StoreDbOption",
    "UserOption",
    "WideOption",
    "WorkspaceEnvOption",
    "WorkspaceOption",
    "WorkspaceShortOption",
    "existing_store",
    "load_named_dataset",
    "open_workspace_store",
    "who",
    "writable_store",
]

FormatOption = typer.Option(
    OutputFormat.table,
    "--format",
    "-f",
    help="table, csv, json or xlsx.",
    callback=remember_format,
)
OutOption = typer.Option(
    None,
    "--out",
    "-o",
    help="File to write the csv, json or xlsx to (xlsx default: a file named after the table).",
    callback=out_callback,
)
LimitOption = typer.Option(
    None, "--limit", help="At most this many rows (0 = all; the table shows 200 by default)."
)
WideOption = typer.Option(False, "--wide", help="Show every column, with the reasons.")
WorkspaceOption = typer.Option(
    None, "--workspace", "-w", envvar="S3ATLAS_WORKSPACE", help="Workspace directory."
)
DbOption = typer.Option(
    None,
    "--db",
    envvar="S3ATLAS_DB",
    help="Database URL (default: SQLite in the workspace).",
)

# Earlier names of the same options, kept so that every command module keeps working.
FormatShortOption = FormatOption
WorkspaceShortOption = WorkspaceOption
WorkspaceEnvOption = WorkspaceOption
StoreDbOption = DbOption
StoreDbEnvOption = DbOption

RegionOption = typer.Option(None, "--region", help="Region: code or name, e.g. 17 or Värmland.")
RoundOption = typer.Option(None, "--round", "-r", help="Mapping round (default: the latest).")
UserOption = typer.Option(None, "--user", help="Who makes the change (default: your login).")


def open_workspace_store(workspace: Path | None, db: str | None) -> Any:
    """Open the store that ``--workspace`` and ``--db`` name (see ``s3atlas.store.open_store``)."""
    from s3atlas.store import open_store
    from s3atlas.workspace import resolve_workspace

    return open_store(resolve_workspace(workspace).db_url(db))


def existing_store(workspace: Path | None, db: str | None) -> Store | None:
    """Open the store for reading; ``None`` while its SQLite file does not exist yet."""
    from s3atlas.store import open_store
    from s3atlas.workspace import resolve_workspace

    url = resolve_workspace(workspace).db_url(db)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return None
    return open_store(url)


def writable_store(workspace: Path | None, db: str | None) -> Store:
    """Open the store for writing, creating the workspace folder its SQLite file goes in."""
    from s3atlas.store import open_store
    from s3atlas.workspace import resolve_workspace

    space = resolve_workspace(workspace)
    url = space.db_url(db)
    if url.startswith("sqlite:///"):
        space.ensure()
    return open_store(url)


def load_named_dataset(name: str, workspace: Path | None) -> Any:
    """Load dataset *name* from ``--workspace`` (or the default one), or a bundled one.

    Without a usable default workspace the bundled datasets are still found;
    a ``--workspace`` that was named but cannot be used is an error.
    """
    from s3atlas.errors import S3AtlasError
    from s3atlas.stats import load_dataset
    from s3atlas.workspace import resolve_workspace

    try:
        found = resolve_workspace(workspace)
    except S3AtlasError:
        if workspace is not None:
            raise
        found = None
    return load_dataset(name, found)


def who(user: str | None) -> str:
    """Who makes a change: ``--user``, else ``S3ATLAS_USER``, else the login name."""
    return user or os.environ.get("S3ATLAS_USER") or getpass.getuser()
