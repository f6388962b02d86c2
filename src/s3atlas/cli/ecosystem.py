"""``s3atlas ecosystem …``: gaps, system-common functions, network, round diff, import and export.

Each command parses its arguments, reads a snapshot from the workspace store,
calls a pure analysis of :mod:`s3atlas.ecosystem` and renders the frame.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from s3atlas.cli import output
from s3atlas.cli.options import (
    DbOption,
    FormatOption,
    RoundOption,
    UserOption,
    WideOption,
    WorkspaceOption,
    open_workspace_store,
    who,
)
from s3atlas.cli.output import OutputFormat
from s3atlas.errors import InputError
from s3atlas.i18n import gettext

if TYPE_CHECKING:  # heavy libraries load when a command runs, not for --help
    import pandas as pd


__all__ = ["register"]

eco = typer.Typer(
    help="Innovation ecosystems: gaps, functions, network, import and export.",
    no_args_is_help=True,
)


def _region_code(text: str) -> str:
    from s3atlas.classifications import find_region

    return find_region(text).code


def _snapshot(region: str, round_name: str | None, workspace: Path | None, db: str | None) -> Any:
    from s3atlas.ecosystem.store.queries import build_snapshot

    return build_snapshot(open_workspace_store(workspace, db), _region_code(region), round_name)


def _functions_in_words(frame: pd.DataFrame, snap: Any, actors: bool) -> pd.DataFrame:
    """The classification as people read it: names and classes in words (codes stay in
    csv/json/xlsx)."""
    from s3atlas.ecosystem import labels
    from s3atlas.i18n import current_language

    lang = current_language()
    if actors:
        out = labels.actors_in_words(frame, snap, lang)
    else:
        out = labels.functions_in_words(frame, snap, lang)
    return out.assign(**{"class": out.class_label}).drop(columns="class_label")


def _network_in_words(frame: pd.DataFrame) -> pd.DataFrame:
    """Reasons, quadrants and actor kinds in words for the table."""
    from s3atlas.ecosystem import labels
    from s3atlas.i18n import current_language

    lang = current_language()
    if "reasons" in frame.columns:
        words = [labels.reasons_label(row, lang) for row in frame.to_dict("records")]
        frame = frame.assign(reasons=words)
    if "quadrant" in frame.columns:
        frame = frame.assign(quadrant=[labels.quadrant_label(q, lang) for q in frame.quadrant])
    if "kind" in frame.columns:
        frame = frame.assign(kind=frame.kind.map(_kind_word))
    return frame


@eco.command("gaps")
def gaps_cmd(
    region: str = typer.Argument(..., help="Region: code or name, e.g. 24 or Västerbotten."),
    area: str | None = typer.Option(None, "--area", "-a", help="Only this strength area."),
    round_name: str | None = RoundOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Gaps (luckor) of every strength area, by the documented gap rules."""
    from s3atlas.ecosystem.analysis.coverage import find_gaps, unmapped_areas
    from s3atlas.ecosystem.labels import gaps_in_words
    from s3atlas.i18n import current_language

    snap = _snapshot(region, round_name, workspace, db)
    frame = find_gaps(snap, area=area)
    if fmt is not OutputFormat.table:
        output.emit(frame, fmt, title=gettext("Gaps"))
        return
    names = snap.area_names()
    unmapped = [names[a] for a in unmapped_areas(snap, area)]
    if not (frame.empty and unmapped):
        words = gaps_in_words(frame, snap, current_language())[["area", "gap", "evidence"]]
        output.emit(words, fmt, title=gettext("Gaps"))
    if unmapped:
        output.say(
            gettext(
                "Not judged, since no support function is mapped to them yet: {areas}.",
                areas=", ".join(unmapped),
            )
        )


@eco.command("coverage")
def coverage_cmd(
    region: str = typer.Argument(..., help="Region: code or name."),
    by: str = typer.Option("phase", "--by", help="phase or function."),
    round_name: str | None = RoundOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Coverage matrix: strength area × phase or × function."""
    from s3atlas.ecosystem.analysis import coverage as cov

    if by not in ("phase", "function"):
        raise InputError(gettext("expected phase or function"), column="--by", value=by)
    snap = _snapshot(region, round_name, workspace, db)
    frame = cov.coverage_by_phase(snap) if by == "phase" else cov.coverage_by_function(snap)
    people = [c for c in frame.columns if c != "area_id"]
    output.emit(frame, fmt, title=gettext("Coverage"), columns=people)


@eco.command("functions")
def functions_cmd(
    region: str = typer.Argument(..., help="Region: code or name."),
    actors: bool = typer.Option(False, "--actors", help="Classify actors instead of functions."),
    threshold: float = typer.Option(
        0.75, "--threshold", help="Share of areas for 'nearly system-common'."
    ),
    round_name: str | None = RoundOption,
    wide: bool = WideOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """System-common and system-unique functions (or actors), with the evidence."""
    from s3atlas.ecosystem.analysis import functions as af

    snap = _snapshot(region, round_name, workspace, db)
    frame = (af.classify_actors if actors else af.classify_functions)(snap, threshold)
    if fmt is OutputFormat.table:
        frame = _functions_in_words(frame, snap, actors)
    people = None if wide else ["name", "n_areas", "share", "class", "areas"]
    output.emit(frame, fmt, title=gettext("System-common and system-unique"), columns=people)


def _kind_word(code: object) -> object:
    """The word for an actor kind code in the active language (the code when it has none)."""
    from s3atlas.ecosystem.store.vocabulary import DEFAULT_ACTOR_KINDS
    from s3atlas.i18n import current_language

    words = {term[0]: term[1 if current_language() == "sv" else 2] for term in DEFAULT_ACTOR_KINDS}
    return words.get(str(code), code)


#: Network columns a table shows only with --wide (csv, json and xlsx have them all).
_NETWORK_DETAIL = frozenset(
    {"actor_id", "degree_centrality", "articulation", "splits_into", "neighbour_areas"}
)


@eco.command("network")
def network_cmd(
    region: str = typer.Argument(..., help="Region: code or name."),
    view: str = typer.Option(
        "measures", "--view", help="measures, orchestrators, cross-links or stakeholders."
    ),
    round_name: str | None = RoundOption,
    wide: bool = WideOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Network measures: hubs, brokers, single points of failure, orchestrators."""
    from s3atlas.ecosystem.analysis import network as an

    views = {
        "measures": an.network_measures,
        "orchestrators": lambda s: an.orchestrator_candidates(s, top=None),
        "cross-links": an.cross_links,
        "stakeholders": an.stakeholder_quadrants,
    }

    if view not in views:
        raise InputError(
            gettext("expected one of {names}", names=", ".join(views)),
            column="--view",
            value=view,
        )
    frame = views[view](_snapshot(region, round_name, workspace, db))
    if fmt is OutputFormat.table:
        frame = _network_in_words(frame)
    people = [c for c in frame.columns if c not in _NETWORK_DETAIL]
    output.emit(frame, fmt, title=gettext("Network"), columns=None if wide else people)


@eco.command("diff")
def diff_cmd(
    region: str = typer.Argument(..., help="Region: code or name."),
    round_a: str = typer.Argument(..., help="Earlier round."),
    round_b: str = typer.Argument(..., help="Later round."),
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """What was born, died or changed between two mapping rounds."""
    from s3atlas.ecosystem.store.diff import diff

    frame = diff(open_workspace_store(workspace, db), _region_code(region), round_a, round_b)
    output.emit(frame, fmt, title=gettext("Changes between rounds"))


@eco.command("export")
def export_cmd(
    region: str = typer.Argument(..., help="Region: code or name."),
    to: str = typer.Option(
        "xlsx", "--format", "-f", help="xlsx, csv (a folder), gexf, graphml or kumu."
    ),
    out: Path = typer.Option(..., "--out", "-o", help="File (or folder for csv) to write."),
    round_name: str | None = RoundOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Export the map for Excel, Gephi (GEXF, GraphML) or Kumu."""
    from s3atlas.ecosystem.io import graph as io_graph
    from s3atlas.ecosystem.io import tables as io_tables

    snap = _snapshot(region, round_name, workspace, db)
    if to == "xlsx":
        path = io_tables.write_workbook(snap, out)
    elif to == "csv":
        path = io_tables.write_csv_folder(snap, out)
    else:
        path = io_graph.write_graph(snap, out, to)
    output.say(gettext("Wrote {path}", path=str(path)))


@eco.command("import")
def import_cmd(
    file: Path = typer.Argument(
        ..., help="Workbook, CSV file or folder, GEXF, GraphML or Kumu JSON."
    ),
    region: str | None = typer.Option(None, "--region", help="Region (default: the file's own)."),
    round_name: str | None = RoundOption,
    user: str | None = UserOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Import actors, functions, links and insights into a round: all rows or none."""
    from s3atlas.ecosystem.io.graph import import_file, read_raw

    code = _region_code(region) if region else None
    read_raw(file)  # an unreadable file is refused before the store is opened or created
    counts = import_file(
        open_workspace_store(workspace, db),
        file,
        region_code=code,
        round_name=round_name,
        user=who(user),
    )
    output.emit(counts, fmt, title=gettext("Imported"))


def register(app: typer.Typer) -> None:
    """Add the ``ecosystem`` command group to *app*."""
    from s3atlas.cli import ecosystem_network

    ecosystem_network.add_commands(eco)
    app.add_typer(eco, name="ecosystem")
