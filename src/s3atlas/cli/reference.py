"""Generate the CLI reference (``docs/cli.md``) from the commands themselves.

``python -m s3atlas.cli.reference > docs/cli.md`` (or ``make docs``) rewrites
it; a test fails when the checked-in file differs, so the docs cannot drift.
"""

from __future__ import annotations

from typing import Any

import typer.main

__all__ = ["render_reference"]


def _option_line(param: Any) -> str:
    if param.param_type_name == "argument":
        optional = "" if param.required else ", optional"
        described = (getattr(param, "help", None) or "").strip()
        return (
            f"- `{param.name.upper()}` (argument{optional}){': ' + described if described else ''}"
        )
    names = ", ".join(f"`{name}`" for name in param.opts + param.secondary_opts)
    text = (param.help or "").strip()
    default = param.default if param.show_default is not False else None
    if default not in (None, False, (), []) and not callable(default):
        value = getattr(default, "value", default)
        text += f" Default: `{value}`."
    return f"- {names}: {text}".rstrip()


def _command_lines(path: list[str], command: Any) -> list[str]:
    lines = [f"{'#' * min(len(path) + 1, 4)} `{' '.join(path)}`", ""]
    if command.help:
        lines += [command.help.strip().split("\n\n")[0], ""]
    params = [
        p
        for p in command.params
        if getattr(p, "name", "") not in ("help",) and not getattr(p, "hidden", False)
    ]
    lines += [_option_line(p) for p in params]
    lines.append("")
    if hasattr(command, "commands"):
        for name in sorted(command.commands):
            lines += _command_lines([*path, name], command.commands[name])
    return lines


def render_reference() -> str:
    """Return the Markdown reference of every ``s3atlas`` command."""
    from s3atlas.cli.group import prepare
    from s3atlas.cli.main import _register_all, app
    from s3atlas.i18n import use_language

    _register_all()
    with use_language("en"):  # the reference is in the source language
        root = prepare(typer.main.get_command(app))
    header = [
        "# CLI reference",
        "",
        "Generated from the commands (`make docs`); do not edit by hand.",
        "",
    ]
    body = _command_lines(["s3atlas"], root)
    return "\n".join(header + body).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(render_reference(), end="")
