"""``s3atlas priorities``: the national overview of the regions' declared priorities.

Thin layer: parse, call :mod:`s3atlas.priorities`, render with
:func:`s3atlas.cli.output.emit`. Lists come from the workspace store when it
has imported versions, otherwise the bundled 2018 lists are used; read-only
commands never create a store that does not exist yet.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from s3atlas.cli import output
from s3atlas.cli.options import (
    DbOption,
    FormatOption,
    WideOption,
    WorkspaceOption,
    existing_store,
    writable_store,
)
from s3atlas.cli.output import OutputFormat
from s3atlas.errors import InputError
from s3atlas.i18n import current_language, gettext

if TYPE_CHECKING:  # heavy libraries load when a command runs, not for --help
    import pandas as pd

    from s3atlas.store import Store


__all__ = ["register"]

group = typer.Typer(
    help="National overview of declared priorities.",
    no_args_is_help=True,
)


def classified_priorities(workspace: Path | None, db: str | None) -> pd.DataFrame:
    """Return the current priorities of the workspace's store (or the bundled ones), classified."""
    return _classified(existing_store(workspace, db))


def _classified(store: Store | None) -> pd.DataFrame:
    from s3atlas.priorities import classify_priorities, current_priorities, overrides

    return classify_priorities(current_priorities(store), overrides=overrides(store))


def _with_names(frame: pd.DataFrame, column: str = "theme") -> pd.DataFrame:
    from s3atlas.priorities import theme_name

    lang = current_language()
    names = frame[column].map(lambda t: theme_name(t, lang))
    return frame.assign(theme_name=names)


def _county(region: str) -> str:
    from s3atlas.classifications import find_region

    found = find_region(region)
    if found.scheme != "county" or found.county_code is None:
        raise InputError(
            gettext("not one of the 21 regions (a county); found {name}", name=found.name),
            column="region",
            value=region,
        )
    return found.county_code


@group.command("overview")
def overview(
    wide: bool = WideOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """How many regions declare each theme, nationally."""
    from s3atlas.priorities import theme_prevalence

    frame = _with_names(theme_prevalence(_classified(existing_store(workspace, db)), n_regions=21))
    columns = ["theme", "theme_name", "regions", "share", "priorities", "county_codes"]
    output.emit(
        frame[columns],
        fmt,
        title=gettext("Themes of the regions' priorities"),
        columns=None if wide else ["theme_name", "regions", "share", "priorities"],
    )


@group.command("region")
def region(
    region: str = typer.Argument(..., help="Region: code or name, e.g. 24 or Västerbotten."),
    wide: bool = WideOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """One region's priorities: themes, the words that matched, whether the theme is unique."""
    from s3atlas.classifications import find_region
    from s3atlas.priorities import UNCLASSIFIED

    code = _county(region)
    classified = _classified(existing_store(workspace, db))
    holders = classified[classified.theme != UNCLASSIFIED].groupby("theme").county_code.nunique()
    mine = _with_names(classified[classified.county_code == code])
    mine = mine.assign(unique=mine.theme.map(holders).eq(1))
    output.emit(
        _region_columns(mine, fmt),
        fmt,
        title=find_region(code).name,
        columns=None if wide else ["priority", "theme_name", "unique", "matched"],
    )


_REGION_COLUMNS = ["county_code", "region", "priority", "theme", "theme_name", "confidence"]
_REASON_PARTS = ["terms", "reason_code", "marker", "note"]


def _region_columns(frame: pd.DataFrame, fmt: OutputFormat) -> pd.DataFrame:
    """A region's classified priorities as *fmt* shows them: csv and json keep the reason
    code and its parameters, the table gives the reason in words, Excel both."""
    from s3atlas.priorities import method_label, with_reasons

    columns = [*_REGION_COLUMNS, "method", "unique", "matched"]
    if fmt is not OutputFormat.table:
        columns += _REASON_PARTS
    if fmt in (OutputFormat.table, OutputFormat.xlsx):
        frame, columns = with_reasons(frame, current_language()), [*columns, "reason"]
    if fmt is OutputFormat.table:
        frame = frame.assign(method=[method_label(m, current_language()) for m in frame.method])
    return frame[columns]


@group.command("partners")
def partners_cmd(
    region: str = typer.Argument(..., help="Region: code or name."),
    top: int = typer.Option(10, "--top", help="How many partners to list."),
    measured: bool = typer.Option(
        True,
        "--measured/--no-measured",
        help="Use measured strength (SCB RAMS 2018 LQ) for complements.",
    ),
    wide: bool = WideOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Candidate partners for collaboration, with the reasons."""
    from s3atlas.classifications import find_region
    from s3atlas.priorities import measured_strength, partners

    code = _county(region)
    table = measured_strength() if measured else None
    classified = _classified(existing_store(workspace, db))
    frame = partners(classified, code, table, top=top)
    if fmt in (OutputFormat.table, OutputFormat.xlsx):
        frame = _partners_in_words(frame, fmt)
    output.emit(
        frame,
        fmt,
        title=gettext("Partners of {region}", region=find_region(code).name),
        columns=None if wide else ["partner", "score", "similarity", "neighbour"],
    )
    if fmt is OutputFormat.table and not wide:
        output.say(gettext("Reasons and every column: --wide, or --format csv/json."))


def _partners_in_words(frame: pd.DataFrame, fmt: OutputFormat) -> pd.DataFrame:
    """The reasons in words for people: in place of the codes in the table, beside them in
    Excel (csv and json keep the codes)."""
    from s3atlas.priorities import partner_reasons

    words = [partner_reasons(row, current_language()) for row in frame.to_dict("records")]
    frame = frame.assign(reasons=words)
    return frame.drop(columns="reason_codes") if fmt is OutputFormat.table else frame


@group.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="CSV or Excel file with the columns region, priority."),
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Replace the lists of the regions in FILE with new versions; the old versions are kept."""
    from s3atlas.priorities import read_priority_file, replace_priorities

    lists = read_priority_file(file)
    stored = replace_priorities(writable_store(workspace, db), lists, source=file.name)
    output.emit(stored, fmt, title=gettext("Imported priority lists"))


@group.command("versions")
def versions_cmd(
    region: str = typer.Argument(..., help="Region: code or name."),
    wide: bool = WideOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Every version of a region's list, the bundled 2018 list first."""
    import pandas as pd

    from s3atlas.priorities import list_versions
    from s3atlas.priorities.versions import BUNDLED_SOURCE

    store = existing_store(workspace, db)
    if store is None:
        code = _county(region)
        from s3atlas.seeddata import declared_priorities

        bundled = declared_priorities()
        frame = pd.DataFrame(
            [
                {
                    "version": 0,
                    "source": BUNDLED_SOURCE,
                    "created_at": None,
                    "priorities": "; ".join(bundled[bundled.county_code == code].priority),
                }
            ]
        )
    else:
        frame = list_versions(store, region)
    output.emit(frame, fmt, columns=None if wide else ["version", "source", "created_at"])


@group.command("override")
def override_cmd(
    region: str = typer.Argument(..., help="Region: code or name."),
    priority: str = typer.Argument(..., help="The priority text as the region wrote it."),
    theme: list[str] = typer.Option([], "--theme", "-t", help="Theme id; repeat for several."),
    note: str = typer.Option("", "--note", help="Why the theme was set by hand."),
    clear: bool = typer.Option(False, "--clear", help="Remove the manual themes again."),
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Set (or --clear) the themes of one priority by hand."""
    from s3atlas.priorities import clear_override, set_override

    store = writable_store(workspace, db)
    if clear:
        done = clear_override(store, region, priority)
        output.say(
            gettext("Manual themes removed.") if done else gettext("There were no manual themes.")
        )
    else:
        set_override(store, region, priority, theme, note)
        output.say(gettext("Manual themes saved: {themes}", themes=", ".join(theme)))


def register(app: typer.Typer) -> None:
    """Add the ``priorities`` group to *app*."""
    app.add_typer(group, name="priorities")
