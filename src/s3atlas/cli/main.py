"""The ``s3atlas`` command: a thin layer that parses arguments, calls the core and renders.

Each command group lives in its own module with a ``register(app)`` function.
User errors (:class:`~s3atlas.errors.S3AtlasError`) become one clean message
and exit status 1, never a traceback.
"""

from __future__ import annotations

import os

import typer

from s3atlas import __version__
from s3atlas.cli import output
from s3atlas.cli.group import AtlasGroup, root_lang_callback
from s3atlas.errors import S3AtlasError

__all__ = ["app", "main"]

app = typer.Typer(
    name="s3atlas",
    cls=AtlasGroup,
    help="s3atlas – smart specialisation for regions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"s3atlas {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    lang: str = typer.Option(
        "sv",
        "--lang",
        envvar="S3ATLAS_LANG",
        is_eager=True,
        callback=root_lang_callback,
        help="Language of messages: sv or en.",
    ),
) -> None:
    """s3atlas – smart specialisation for regions."""


_registered: list[bool] = []


def _register_all() -> None:
    """Add every command module to the app, once per process."""
    if _registered:
        return
    from s3atlas.cli import commands

    for module in commands.MODULES:
        module.register(app)
    _registered.append(True)


def _tune_numpy() -> None:
    """Turn off NumPy's huge-page advice for this process unless the user set it.

    NumPy marks every large array for transparent huge pages; where Linux then
    compacts memory on the first touch (``transparent_hugepage/defrag`` =
    ``madvise``, a common default) large arrays stall (NumPy issue #31590).
    ``s3atlas complexity`` on the 9-million-row benchmark took a median 3.4 s
    without the advice against 4.0 s with it. NumPy reads the variable when
    it is first imported, which the command line does only after this.
    """
    os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")


def main() -> None:
    """Entry point of the console script."""
    _tune_numpy()
    _register_all()
    try:
        app()
    except S3AtlasError as error:  # the group reports errors of commands; this is the last net
        output.fail(error)
