"""``s3atlas publish site`` and ``s3atlas report``: the results for people without the server."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from s3atlas.cli import output
from s3atlas.cli.options import DbOption, WorkspaceOption
from s3atlas.i18n import gettext

__all__ = ["register"]

publish_app = typer.Typer(
    help="Publish: a static site of the published pages.", no_args_is_help=True
)


class ReportLanguage(StrEnum):
    """The languages of ``s3atlas report``."""

    sv = "sv"
    en = "en"


class ReportFormat(StrEnum):
    """The formats of ``s3atlas report``."""

    html = "html"
    pdf = "pdf"


def _app(workspace: Path | None, db: str | None) -> Any:
    from s3atlas.web import create_app

    return create_app(workspace, db)


@publish_app.command("site")
def site_command(
    out: Path = typer.Option(..., "--out", help="Folder of the site (created when missing)."),
    region: list[str] | None = typer.Option(
        None, "--region", help="Only this region's pages (repeat for more; default: all published)."
    ),
    lang: str = typer.Option("sv", "--lang", help="Language of the pages: sv, en or both."),
    base_url: str | None = typer.Option(
        None, "--base-url", help="The site's address; with it a sitemap.xml is written too."
    ),
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Export the published pages as a static site."""
    from s3atlas.classifications import find_region
    from s3atlas.publish import languages_for
    from s3atlas.publish.site import check_site_folder

    languages = languages_for(lang)
    check_site_folder(out)
    codes = [find_region(r).code for r in region or []]
    result = _export_showing_progress(_app(workspace, db), out, codes, languages, base_url)
    _say_exported(result, out)


def _export_showing_progress(
    app: Any, out: Path, codes: list[str], languages: Any, base_url: str | None
) -> Any:
    """Export the site with a progress bar on the error stream (gone when done)."""
    from rich.progress import BarColumn, Progress, TextColumn

    from s3atlas.publish import export_site

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[path]}"),
        console=output.error_console,
        transient=True,
    ) as bar:
        task = bar.add_task(gettext("Exporting pages"), total=None, path="")

        def step(path: str, done: int, found: int) -> None:
            bar.update(task, completed=done, total=found, path=path)

        return export_site(
            app, out, regions=codes or None, languages=languages, base_url=base_url, progress=step
        )


def _say_exported(result: Any, out: Path) -> None:
    """How many files were written, and how many pages were left out as not published."""
    output.say(gettext("Wrote {count} files to {path}.", count=len(result.files), path=str(out)))
    if result.left_out:
        output.say(
            gettext(
                "Left out {count} pages that visitors who are not signed in may not see.",
                count=len(result.left_out),
            )
        )


def report_command(
    region: str = typer.Argument(..., help="The region: county code, name or NUTS code."),
    fmt: ReportFormat = typer.Option(ReportFormat.html, "--format", help="html or pdf."),
    out: Path | None = typer.Option(None, "--out", help="The file (default: report-CODE.FORMAT)."),
    lang: ReportLanguage = typer.Option(ReportLanguage.sv, "--lang", help="sv or en."),
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Write a region's report as HTML or PDF."""
    from s3atlas.classifications import find_region
    from s3atlas.publish.report import region_report, report_html, write_pdf

    code = find_region(region).code
    target = out or Path(f"report-{code}.{fmt.value}")
    store = _app(workspace, db).state.context.store
    content = region_report(store, code, lang.value)
    html = report_html(content)
    if fmt is ReportFormat.pdf:
        write_pdf(html, target, content["region"].name)
    else:
        target.write_text(html, encoding="utf-8")
    output.say(gettext("Wrote the report to {path}.", path=str(target)))


def register(app: typer.Typer) -> None:
    """Add ``publish`` (with ``publish site``) and ``report`` to *app*."""
    app.add_typer(publish_app, name="publish")
    app.command("report")(report_command)
