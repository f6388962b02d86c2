"""``s3atlas clusters …``: cluster initiatives, development phase, criteria, firm surveys and gaps.

Each command parses its arguments, calls :mod:`s3atlas.clusters` and renders
the frame (``--format table|csv|json``). Errors are one message and exit 1.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from s3atlas.cli import output
from s3atlas.cli.options import (
    DbOption,
    FormatOption,
    RegionOption,
    UserOption,
    WorkspaceOption,
    open_workspace_store,
    who,
)
from s3atlas.cli.output import OutputFormat
from s3atlas.i18n import current_language, gettext

if TYPE_CHECKING:  # heavy libraries load when a command runs, not for --help
    import pandas as pd


__all__ = ["register"]

clusters_app = typer.Typer(
    help="Cluster mapping: development phase, horizontal criteria, firm survey, "
    "interaction and innovation gaps.",
    no_args_is_help=True,
)
survey_app = typer.Typer(help="The firm survey: import and summary.", no_args_is_help=True)


def _region(text: str | None) -> str | None:
    from s3atlas.clusters.service import region_code

    return region_code(text) if text else None


@clusters_app.command("list")
def list_cmd(
    region: str | None = RegionOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Cluster initiatives with members, latest phase and survey respondents."""
    from s3atlas.clusters.service import clusters_frame

    frame = clusters_frame(open_workspace_store(workspace, db), _region(region), current_language())
    output.emit(
        frame,
        fmt,
        title=gettext("Cluster initiatives"),
        columns=["cluster", "region_name", "members", "phase", "assessed_by", "respondents"],
    )


@clusters_app.command("phase")
def phase_cmd(
    cluster: str = typer.Argument(..., help="The cluster initiative, by name."),
    set_phase: str | None = typer.Option(None, "--set", help="Record this phase (code or name)."),
    assessor_type: str = typer.Option("independent", "--assessor", help="self or independent."),
    round_name: str | None = typer.Option(
        None, "--round", "-r", help="Mapping round (default: the latest)."
    ),
    region: str | None = RegionOption,
    user: str | None = UserOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """The cluster's development phase per round and assessor (record one with --set)."""
    from s3atlas.clusters import service

    store = open_workspace_store(workspace, db)
    if set_phase:
        service.set_phase(
            store,
            cluster,
            set_phase,
            user=who(user),
            assessor_type=assessor_type,
            round_name=round_name,
            region=_region(region),
        )
    output.emit(
        service.phase_frame(store, cluster, _region(region), current_language()),
        fmt,
        title=gettext("Development phase"),
        columns=["round", "assessed_by", "phase_name", "assessor", "note"],
    )


@clusters_app.command("criteria")
def criteria_cmd(
    cluster: str = typer.Argument(..., help="The cluster initiative, by name."),
    set_score: list[str] = typer.Option(
        [], "--set", help="criterion=score, e.g. gender_equality=3 (repeatable)."
    ),
    assessor_type: str = typer.Option("independent", "--assessor", help="self or independent."),
    round_name: str | None = typer.Option(
        None, "--round", "-r", help="Mapping round (default: the latest)."
    ),
    region: str | None = RegionOption,
    user: str | None = UserOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Horizontal-criteria scores, self-assessed against independent (record with --set)."""
    from s3atlas.clusters import service
    from s3atlas.clusters.criteria import compare_assessors
    from s3atlas.errors import InputError

    store = open_workspace_store(workspace, db)
    for pair in set_score:
        if "=" not in pair:
            raise InputError(gettext("write --set as criterion=score"), column="--set", value=pair)
        criterion, score = pair.split("=", 1)
        service.set_score(
            store,
            cluster,
            criterion,
            score,
            user=who(user),
            assessor_type=assessor_type,
            round_name=round_name,
            region=_region(region),
        )
    output.emit(
        compare_assessors(service.criteria_frame(store, cluster, _region(region))),
        fmt,
        title=gettext("Horizontal criteria"),
    )


def _relink(
    update: Callable[..., Any],
    table: Callable[..., pd.DataFrame],
    title: str,
    cluster: str,
    change: tuple[list[str], list[str], str | None, str | None, str | None],
    where: tuple[OutputFormat, Path | None, str | None],
) -> None:
    """Link and unlink with *update* (``--add``, ``--remove``, ``--user``, ``--region``,
    ``--round``), then show *table*: the body of ``clusters members`` and ``clusters areas``."""
    add, remove, user, region, round_name = change
    fmt, workspace, db = where

    store = open_workspace_store(workspace, db)
    if add or remove:
        update(
            store,
            cluster,
            add=add,
            remove=remove,
            user=who(user),
            region=_region(region),
            round_name=round_name,
        )
    output.emit(table(store, cluster, _region(region)), fmt, title=title)


@clusters_app.command("members")
def members_cmd(
    cluster: str = typer.Argument(..., help="The cluster initiative, by name."),
    add: list[str] = typer.Option(
        [], "--add", help="Link this actor as a member: id, key or name (repeatable)."
    ),
    remove: list[str] = typer.Option(
        [], "--remove", help="Unlink this member: id, key or name (repeatable)."
    ),
    round_name: str | None = typer.Option(
        None, "--round", "-r", help="Mapping round the actors are in (default: the latest)."
    ),
    region: str | None = RegionOption,
    user: str | None = UserOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """The cluster's member actors; link and unlink them with --add and --remove."""
    from s3atlas.clusters import links

    _relink(
        links.update_members,
        links.members_table,
        gettext("Members"),
        cluster,
        (add, remove, user, region, round_name),
        (fmt, workspace, db),
    )


@clusters_app.command("areas")
def areas_cmd(
    cluster: str = typer.Argument(..., help="The cluster initiative, by name."),
    add: list[str] = typer.Option(
        [], "--add", help="Link this strength area: id, key or name (repeatable)."
    ),
    remove: list[str] = typer.Option(
        [], "--remove", help="Unlink this strength area: id, key or name (repeatable)."
    ),
    round_name: str | None = typer.Option(
        None, "--round", "-r", help="Mapping round the areas are in (default: the latest)."
    ),
    region: str | None = RegionOption,
    user: str | None = UserOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """The strength areas the cluster works in; link and unlink them with --add and --remove."""
    from s3atlas.clusters import links

    _relink(
        links.update_areas,
        links.areas_table,
        gettext("Strength areas"),
        cluster,
        (add, remove, user, region, round_name),
        (fmt, workspace, db),
    )


@survey_app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="CSV or Excel file, wide (a column per item) or long."),
    create: bool = typer.Option(
        False, "--create", help="Add unknown clusters as new cluster initiatives."
    ),
    wave: str | None = typer.Option(
        None, "--wave", help="Survey wave when the file has no wave column."
    ),
    region: str | None = RegionOption,
    user: str | None = UserOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Import firm-survey answers: everything is checked first, then stored together or not at all."""  # noqa: E501 - one-line help, rendered verbatim in docs/cli.md
    from s3atlas.clusters.survey_import import read_survey
    from s3atlas.clusters.survey_store import import_survey

    parsed = read_survey(file, wave=wave)
    result = import_survey(
        open_workspace_store(workspace, db),
        parsed,
        user=who(user),
        create=create,
        region=_region(region),
    )
    if fmt is OutputFormat.json:
        output.emit_json(result)
    else:
        output.console.print(
            gettext(
                "Imported {respondents} respondents ({answers} answers) from {file}.",
                respondents=result["respondents"],
                answers=result["answers"],
                file=result["file"],
            )
        )


def _labelled(frame: pd.DataFrame, fmt: OutputFormat) -> pd.DataFrame:
    """Tables show labels in the language; CSV and JSON keep the codes and add the labels beside
    them."""
    from s3atlas.clusters.survey_items import load_survey_items

    items, lang = load_survey_items(), current_language()
    out = frame.copy()
    item_labels = out["item"].map(lambda c: items.label("item", c, lang))
    answer_labels = out["answer"].map(lambda c: items.label("answer", c, lang))
    out["warning"] = out["warning"].map(lambda w: gettext("fewer than 5 answered") if w else None)
    if fmt is OutputFormat.table:
        return out.assign(item=item_labels, answer=answer_labels)
    return out.assign(item_label=item_labels, answer_label=answer_labels)


@survey_app.command("summary")
def summary_cmd(
    cluster: str | None = typer.Option(None, "--cluster", "-c", help="Only this cluster."),
    wave: str | None = typer.Option(None, "--wave", help="Only this wave."),
    baseline: str | None = typer.Option(
        None, "--baseline", help="Compare every wave with this wave."
    ),
    region: str | None = RegionOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Share of each answer per cluster, wave and item; fewer than 5 answers are flagged, not hidden."""  # noqa: E501 - one-line help, rendered verbatim in docs/cli.md
    from s3atlas.clusters.survey_store import survey_summary
    from s3atlas.clusters.survey_summary import compare_waves

    frame = survey_summary(
        open_workspace_store(workspace, db), cluster, wave, region=_region(region)
    )
    if baseline:
        frame = compare_waves(frame, baseline)
    output.emit(
        _labelled(frame, fmt),
        fmt,
        title=gettext("Firm survey"),
        columns=["cluster", "wave", "item", "answer", "n", "share", "warning"],
    )


@clusters_app.command("gaps")
def gaps_cmd(
    cluster: str = typer.Argument(..., help="The cluster initiative, by name."),
    wave: str | None = typer.Option(None, "--wave", help="Survey wave (default: the latest)."),
    region: str | None = RegionOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Innovation gaps: missing or weak interaction between firms, academia, public sector and support."""  # noqa: E501 - one-line help, rendered verbatim in docs/cli.md
    from s3atlas.clusters.survey_store import cluster_gaps

    gaps = cluster_gaps(open_workspace_store(workspace, db), cluster, wave, region=_region(region))
    people = ["group_a", "group_b", "status", "strength", "evidence", "wave"]
    output.emit(gaps, fmt, title=gettext("Innovation gaps"), columns=people)


def register(app: typer.Typer) -> None:
    """Add the ``clusters`` group (with ``clusters survey``) to *app*."""
    clusters_app.add_typer(survey_app, name="survey")
    app.add_typer(clusters_app, name="clusters")
