"""``s3atlas workshop …``: open, close, list and export workshops (*Bikupa*).

Each command parses its arguments, calls :mod:`s3atlas.workshop` and renders
the result. The participants' and facilitator's pages are in the web app
(``s3atlas serve``).
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
from s3atlas.errors import InputError
from s3atlas.i18n import gettext

__all__ = ["register"]

ws = typer.Typer(
    help="Workshoppar (Bikupa): öppna, stäng, lista och exportera.", no_args_is_help=True
)


def _questions(items: list[str]) -> list[dict[str, str]] | None:
    """``--question "svenska|English"`` (repeatable) as the workshop's questions."""
    from s3atlas.workshop import parse_questions

    if not items:
        return None
    pairs = [item.split("|", 1) for item in items]
    return parse_questions(
        "\n".join(p[0] for p in pairs), "\n".join(p[1] if len(p) > 1 else p[0] for p in pairs)
    )


@ws.command("open")
def open_cmd(
    region: str = typer.Argument(..., help="Region: code or name, e.g. 24 or Västerbotten."),
    title: str = typer.Option(..., "--title", "-t", help="The workshop's title."),
    question: list[str] = typer.Option(
        [], "--question", "-q", help='A question as "svenska|English" (repeat; default: Bikupa).'
    ),
    hours: float = typer.Option(3.0, "--hours", help="How long the join code works."),
    base_url: str | None = typer.Option(
        None, "--base-url", help="The web app's address, e.g. https://s3atlas.example.se."
    ),
    qr: Path | None = typer.Option(None, "--qr", help="Write the join URL's QR code (SVG) here."),
    round_name: str | None = RoundOption,
    user: str | None = UserOption,
    fmt: OutputFormat = FormatShortOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Open a workshop in a region's mapping round; print its join code (and URL)."""
    from s3atlas.classifications import find_region
    from s3atlas.workshop import open_workshop

    def body() -> None:
        created = open_workshop(
            open_workspace_store(workspace, db),
            find_region(region).code,
            title,
            user=who(user),
            round_name=round_name,
            questions=_questions(question),
            hours=hours,
        )
        url = _join_url(base_url, created["join_code"])
        if qr is not None:
            _write_qr(qr, url)
        output.emit_one(_opened_record(created, url), fmt, title=gettext("Workshop"))

    output.run(fmt, body)


def _join_url(base_url: str | None, join_code: str) -> str | None:
    """The address participants open, when the web app's address is known."""
    return f"{base_url.rstrip('/')}/w/{join_code}" if base_url else None


def _write_qr(path: Path, url: str | None) -> None:
    from s3atlas.workshop.qr import qr_svg

    if url is None:
        raise InputError(gettext("A QR code needs --base-url."), column="--qr")
    path.write_text(qr_svg(url), encoding="utf-8")


def _opened_record(created: dict[str, Any], url: str | None) -> dict[str, Any]:
    """What `workshop open` reports of the workshop it opened."""
    return {
        "id": created["id"],
        "title": created["title"],
        "region": created["region"],
        "round": created["round"],
        "join_code": created["join_code"],
        "join_url": url,
        "closes_at": created["closes_at"],
    }


@ws.command("close")
def close_cmd(
    workshop_id: int = typer.Argument(..., help="The workshop's number (see `workshop list`)."),
    user: str | None = UserOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Close a workshop now: its join code stops working."""
    from s3atlas.workshop import close_workshop

    def body() -> None:
        closed = close_workshop(open_workspace_store(workspace, db), workshop_id, user=who(user))
        output.say(gettext("Closed workshop {title}.", title=closed["title"]))

    output.run(None, body)


@ws.command("list")
def list_cmd(
    region: str | None = typer.Argument(None, help="Only this region."),
    fmt: OutputFormat = FormatShortOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """The workshops, newest first."""
    from s3atlas.classifications import find_region
    from s3atlas.workshop import list_workshops

    def body() -> None:
        code = find_region(region).code if region else None
        frame = list_workshops(open_workspace_store(workspace, db), code)
        shown = ["id", "title", "join_code", "opens_at", "closes_at", "is_open"]
        output.emit(frame, fmt, title=gettext("Workshops"), columns=shown)

    output.run(fmt, body)


@ws.command("export")
def export_cmd(
    workshop_id: int = typer.Argument(..., help="The workshop's number (see `workshop list`)."),
    out: Path = typer.Option(..., "--out", "-o", help="The .xlsx or .csv file to write."),
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Write the workshop summary (what was submitted, what was accepted) as Excel or CSV."""
    from s3atlas.i18n import current_language
    from s3atlas.viz.downloads import to_csv_bytes
    from s3atlas.workshop import function_names, submissions_frame, summary_table, summary_xlsx

    def body() -> None:
        store = open_workspace_store(workspace, db)
        suffix = out.suffix.lower()
        if suffix == ".xlsx":
            data = summary_xlsx(store, workshop_id, current_language())
        elif suffix == ".csv":
            lang = current_language()
            names = function_names(store, lang)
            table = summary_table(submissions_frame(store, workshop_id), lang, names)
            data = to_csv_bytes(table, lang=current_language())
        else:
            raise InputError(
                gettext("Write the summary to a .xlsx or .csv file."),
                column="--out",
                value=str(out),
            )
        out.write_bytes(data)
        output.say(gettext("Wrote {path}", path=str(out)))

    output.run(None, body)


def register(app: typer.Typer) -> None:
    """Add the ``workshop`` command group to *app*."""
    app.add_typer(ws, name="workshop", help="Workshoppar (Bikupa) / workshops.")
