"""``s3atlas users``: local accounts of the web app (add, list, remove, set-role, set-password)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from s3atlas.cli import output
from s3atlas.cli.options import DbOption, FormatOption, WorkspaceOption
from s3atlas.cli.output import OutputFormat
from s3atlas.i18n import gettext as _
from s3atlas.workspace import resolve_workspace

if TYPE_CHECKING:  # the store is imported lazily so the CLI starts fast
    from s3atlas.store import Store

__all__ = ["register", "users_app"]

users_app = typer.Typer(help="Web app accounts.", no_args_is_help=True)

RegionOption = typer.Option(
    [], "--region", "-r", help="Region an editor may edit (county code or name); repeat."
)
RoleArgument = typer.Argument(..., help="admin, editor or viewer.")


def _store(workspace: Path | None, db: str | None) -> Store:
    from s3atlas.store import open_store

    space = resolve_workspace(workspace).ensure()
    return open_store(space.db_url(db))


GenerateOption = typer.Option(
    False, "--generate-password", help="Generate a password and print it once."
)


def _say_generated(secret: str, generated: bool) -> None:
    """Print a generated password, the one time it is shown."""
    if generated:
        output.console.print(_("Password: {password}", password=secret), highlight=False)


def _password(given: str | None, generate: bool) -> tuple[str, bool]:
    from s3atlas.accounts import generate_password

    if given:
        return given, False
    if generate:
        return generate_password(), True
    return typer.prompt(_("Password"), hide_input=True, confirmation_prompt=True), False


@users_app.command("add")
def add_command(
    username: str = typer.Argument(..., help="User name."),
    role: str = typer.Option("viewer", "--role", help="admin, editor or viewer."),
    region: list[str] = RegionOption,
    password: str | None = typer.Option(
        None,
        "--password",
        envvar="S3ATLAS_PASSWORD",
        help="Password (else prompted; prefer the prompt).",
    ),
    generate: bool = GenerateOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Add a user; only an Argon2 hash of the password is stored."""
    from s3atlas.accounts import add_user

    secret, generated = _password(password, generate)
    user = add_user(_store(workspace, db), username, secret, role, region)
    output.console.print(_("Added {user} ({role}).", user=user.username, role=user.role))
    _say_generated(secret, generated)


@users_app.command("list")
def list_command(
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """List the users, their roles and the regions editors edit."""
    from s3atlas.accounts import list_users

    frame = list_users(_store(workspace, db))
    output.emit(frame, fmt, title=_("Users"))


@users_app.command("remove")
def remove_command(
    username: str = typer.Argument(..., help="User name."),
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Remove a user."""
    from s3atlas.accounts import remove_user

    remove_user(_store(workspace, db), username)
    output.console.print(_("Removed {user}.", user=username))


@users_app.command("set-role")
def set_role_command(
    username: str = typer.Argument(..., help="User name."),
    role: str = RoleArgument,
    region: list[str] = RegionOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Change a user's role (editors: give the regions with --region)."""
    from s3atlas.accounts import set_role

    user = set_role(_store(workspace, db), username, role, region)
    regions = ", ".join(sorted(user.regions))
    output.console.print(
        _("{user} is now {role}.", user=user.username, role=user.role)
        + (f" ({regions})" if regions else "")
    )


@users_app.command("set-password")
def set_password_command(
    username: str = typer.Argument(..., help="User name."),
    password: str | None = typer.Option(
        None, "--password", envvar="S3ATLAS_PASSWORD", help="New password."
    ),
    generate: bool = GenerateOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Replace a user's password."""
    from s3atlas.accounts import set_password

    secret, generated = _password(password, generate)
    set_password(_store(workspace, db), username, secret)
    output.console.print(_("Password changed for {user}.", user=username))
    _say_generated(secret, generated)


def register(app: typer.Typer) -> None:
    """Add ``s3atlas users`` to *app*."""
    app.add_typer(users_app, name="users")
