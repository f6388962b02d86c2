"""The ``s3atlas`` command group: one language, one error path and the shared options everywhere.

:class:`AtlasGroup` is the Click group under the Typer app. Before it parses
a command line it

* reads ``--lang`` wherever it stands (``s3atlas strengths 24 --lang en``)
  and sets the language, so help, usage errors and results all follow it;
* adds ``--lang`` to every command and group, and ``-o/--out`` to every
  command with ``--format`` that has none of its own;
* translates the help of every group, command and option through the
  message catalogue (the source text is English);
* translates the usage errors the parser prints (``Missing option``, ``No such
  option``, ``Got unexpected extra argument`` …) through the same catalogue.

While a command runs, an :class:`~s3atlas.errors.S3AtlasError` it lets
through becomes :func:`s3atlas.cli.output.fail`: one clean message, in the
format the command was given, and exit status 1.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import typer
import typer.core
from typer import _click as click  # the Click that Typer carries and parses with

from s3atlas.cli import output, usage
from s3atlas.errors import S3AtlasError
from s3atlas.i18n import LANGUAGES, gettext, set_language

__all__ = [
    "AtlasGroup",
    "check_language",
    "prepare",
    "requested_language",
    "root_lang_callback",
    "use",
]

_HELP_SOURCE = "_s3atlas_help_source"

#: Typer's own words in help pages and error panels (English source → the catalogue).
_TYPER_WORDS = {
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
}


def _language_of(value: str) -> str | None:
    """Return the language *value* names, or None."""
    try:
        return check_language(value)
    except typer.BadParameter:
        return None


def _first_known(*values: str | None) -> str:
    """Return the first of *values* that names a language (an unknown one is refused later)."""
    for value in values:
        if value is not None:
            with contextlib.suppress(typer.BadParameter):
                return check_language(value)
    return LANGUAGES[0]


def check_language(value: str) -> str:
    """Return the language code *value* names, or raise a usage error naming what is known.

    >>> check_language("EN"), check_language("sv_SE.UTF-8")
    ('en', 'sv')
    """
    code = value.strip().lower().replace("-", "_")
    base = code.split("_", 1)[0].split(".", 1)[0]
    if base not in LANGUAGES:
        raise typer.BadParameter(
            gettext("unknown language {value}; choose sv or en", value=repr(value))
        )
    return base


def use(lang: str) -> None:
    """Speak *lang* from now on: our messages, Click's and Typer's."""
    from typer import rich_utils

    set_language(lang)
    for name, source in _TYPER_WORDS.items():
        setattr(rich_utils, name, gettext(source))


_asked: ContextVar[str | None] = ContextVar("s3atlas_cli_lang", default=None)


def _lang_callback(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    lang = check_language(value)
    use(lang)
    return lang


def root_lang_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Callback of the group's ``--lang``: a ``--lang`` after the command name wins over it."""
    return _lang_callback(ctx, param, _asked.get() or value)


def requested_language(args: list[str]) -> str | None:
    """Return the value of the last ``--lang`` in *args* (before ``--``), if any.

    >>> requested_language(["strengths", "24", "--lang", "en"])
    'en'
    >>> requested_language(["--lang=sv", "data", "list"])
    'sv'
    >>> requested_language(["data", "--", "--lang", "en"]) is None
    True
    """
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found


def _commands(command: click.Command) -> Iterator[click.Command]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


_OUT_HELP = "File to write the csv, json or xlsx to (xlsx default: a file named after the table)."


def _donor_params(lang: bool, out: bool) -> list[Any]:
    """Return new ``--lang`` and ``--out`` parameters, built by Typer like every other option."""
    donor = typer.Typer()

    @donor.command()
    def _shared(
        _lang: str | None = typer.Option(
            None,
            "--lang",
            help="Language of messages: sv or en.",
            expose_value=False,
            is_eager=True,
            callback=_lang_callback,
        ),
        _out: Path | None = typer.Option(
            None,
            "--out",
            "-o",
            dir_okay=False,
            help=_OUT_HELP,
            expose_value=False,
            callback=output.out_callback,
        ),
    ) -> None:  # pragma: no cover - never called; it only carries the parameters
        pass

    params = typer.main.get_command(donor).params
    wanted = {"--lang": lang, "--out": out}
    return [p for p in params if wanted.get(p.opts[0], False)]


def _flags(command: click.Command) -> set[str]:
    return {flag for param in command.params for flag in getattr(param, "opts", [])} | {
        flag for param in command.params for flag in getattr(param, "secondary_opts", [])
    }


def _has_listing_format(command: click.Command) -> bool:
    """Whether *command* takes the shared ``--format`` (table, csv, json, xlsx)."""
    return any(
        "--format" in getattr(param, "opts", []) and isinstance(param.default, output.OutputFormat)
        for param in command.params
    )


class _Formatter(click.HelpFormatter):
    """Help and usage text with the word "Usage" in the active language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, gettext("Usage: ") if prefix is None else prefix)


class _Context(click.Context):
    formatter_class = _Formatter


def _translate_help_option(command: click.Command) -> None:
    """Let ``--help`` describe itself in the active language too."""
    english = command.get_help_option

    def translated(ctx: click.Context) -> Any:
        option = english(ctx)
        if option is not None:
            option.help = gettext("Show this message and exit.")
            _without_type([option])
        return option

    command.get_help_option = translated  # type: ignore[method-assign]


#: The value an option takes, in words: Python's type names ("<str>") are not the reader's.
_TYPE_WORDS = {
    "<str>": "text",
    "<int>": "whole number",
    "<int range>": "whole number",
    "<float>": "number",
    "<path>": "path",
    "<file>": "file",
    "<directory>": "folder",
    "<list[str]>": "text",
}


def _without_type(params: list[Any]) -> None:
    """Show no type beside a flag in the help (``--help <bool>`` reads as if it took a value),
    and the value any other option takes in words."""
    for param in params:
        if getattr(param, "is_flag", False) and not getattr(param, "count", False):
            param.display_type_rich = _no_type
        elif hasattr(param, "display_type_rich") and not hasattr(param, "_s3atlas_worded"):
            param.display_type_rich = _worded(param.display_type_rich)
            param._s3atlas_worded = True


def _no_type(ctx: click.Context) -> None:  # noqa: ARG001 (Typer passes the context)
    return None


def _worded(shown_by_typer: Any) -> Any:
    def display(ctx: click.Context) -> Any:
        shown = shown_by_typer(ctx=ctx)
        english = _TYPE_WORDS.get(shown) if isinstance(shown, str) else None
        return f"<{gettext(english)}>" if english else shown

    return display


def _add_shared_options(root: click.Command) -> None:
    for command in _commands(root):
        if getattr(command, "_s3atlas_prepared", False):
            continue
        flags = _flags(command)
        lang = command is not root and "--lang" not in flags
        out = _has_listing_format(command) and not flags & {"--out", "-o"}
        if lang or out:
            command.params.extend(_donor_params(lang, out))
        command.context_class = _Context
        _without_type(command.params)
        _translate_help_option(command)
        command._s3atlas_prepared = True  # type: ignore[attr-defined]


def _translated(text: str | None) -> str | None:
    if not text:
        return text
    return "\n\n".join(gettext(part) for part in text.split("\n\n"))


def _source(item: Any, attribute: str) -> str | None:
    sources = item.__dict__.setdefault(_HELP_SOURCE, {})
    if attribute not in sources:
        sources[attribute] = getattr(item, attribute, None)
    return sources[attribute]


def _translate_help(root: click.Command) -> None:
    for command in _commands(root):
        for attribute in ("help", "short_help"):
            setattr(command, attribute, _translated(_source(command, attribute)))
        for param in command.params:
            if hasattr(param, "help"):
                param.help = _translated(_source(param, "help"))


def prepare(root: click.Command) -> click.Command:
    """Add the shared options to every command under *root* and translate the help; return it."""
    _add_shared_options(root)
    _translate_help(root)
    return root


class AtlasGroup(typer.core.TyperGroup):
    """The root group of ``s3atlas`` (see the module docstring)."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """Set the language the command line asks for, then prepare the commands and parse."""
        output.reset()
        lang = requested_language(args)
        # A value that is no language is left to the command that reads it (`publish site
        # --lang both`); a command without its own --lang refuses it through the shared option.
        _asked.set(_language_of(lang) if lang else None)
        use(_first_known(lang, os.environ.get("S3ATLAS_LANG"), "sv"))
        prepare(self)
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as error:
            raise _in_language(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; an :class:`S3AtlasError` becomes one clean message and status 1."""
        output.fit_terminal()
        try:
            return super().invoke(ctx)
        except S3AtlasError as error:
            output.fail(error)
        except click.ClickException as error:
            raise _in_language(error) from None


def _in_language(error: click.ClickException) -> click.ClickException:
    """Make *error* print its message in the active language."""
    english = error.format_message

    def translated() -> str:
        return usage.translate(english())

    error.format_message = translated  # type: ignore[method-assign]
    return error
