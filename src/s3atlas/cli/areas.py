"""``s3atlas areas``: a region's strength areas scored at the data's granularity, with what the
numbers rest on (geography, industry level, year, regions compared, sections not covered)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from s3atlas.cli import output
from s3atlas.cli.options import FormatOption, WorkspaceOption, load_named_dataset
from s3atlas.cli.output import OutputFormat
from s3atlas.i18n import current_language, format_number
from s3atlas.i18n import gettext as _

if TYPE_CHECKING:  # pandas loads when the command runs, not for --help
    import pandas as pd

__all__ = ["register"]

_GRANULARITY = {
    "division": "NACE Rev. 2 / SNI 2007 divisions (2 digits)",
    "scb_group": "SCB's industry groups (A, B+C, …)",
    "section": "NACE Rev. 2 / SNI 2007 sections",
    "mixed": "industry codes of mixed levels",
}
_STATUS = {
    "exact": "exact",
    "partly_covered": "partly covered",
    "partial": "partly in wider codes",
    "coarser": "wider codes only",
    "absent": "not in the data",
    "undetermined": "cannot be determined",
}


def header_lines(context: dict[str, Any]) -> list[str]:
    """Return the lines that say what the scores rest on, in the current language."""
    lines = [
        _title_line(context),
        _counties_line(context),
        _data_line(context),
        _("Industries: {coverage}", coverage=context["coverage"]),
        _blank_cells_line(context),
    ]
    return [line for line in lines if line is not None]


def _title_line(context: dict[str, Any]) -> str:
    from s3atlas.analysis.areareport import level_word

    return _(
        "Strength areas of {name} ({code}, {level}), {year}",
        name=context["region_name"],
        code=context["region"],
        level=level_word(context["level"]),
        year=context["year"],
    )


def _counties_line(context: dict[str, Any]) -> str | None:
    """Which counties a region of several holds (nothing for a single county)."""
    held = context["counties"]
    if len(held) <= 1:
        return None
    return _(
        "{code} covers {counties}: the numbers are for the whole region",
        code=context["region"],
        counties=_(" and ").join([", ".join(held[:-1]), held[-1]]),
    )


def _data_line(context: dict[str, Any]) -> str:
    """The dataset, its granularity and the regions it compares with."""
    from s3atlas.analysis.areareport import level_word

    granularity = context["granularity"]
    return _(
        "Data: {dataset} ({source}), {granularity}; compared with the {count} {regions} in "
        "the data (for each area only those whose area cells are all published: see the "
        "column LQ rank)",
        dataset=context["dataset"],
        source=context["source"],
        granularity=_(_GRANULARITY.get(granularity, granularity)),
        count=context["regions_in_data"],
        regions=level_word(context["level"], plural=True),
    )


def _blank_cells_line(context: dict[str, Any]) -> str | None:
    """How many of the region's cells are suppressed or missing (nothing when none are)."""
    if not context["blank_cells"]:
        return None
    return _(
        "{blank} of {cells} industry cells of {code} are suppressed or missing; "
        "they are left out of its total",
        blank=context["blank_cells"],
        cells=context["cells"],
        code=context["region"],
    )


def for_people(rows: pd.DataFrame) -> pd.DataFrame:
    """Return the columns a person reads, with headers and statuses in the current language (the
    notes follow the table as lines)."""
    import pandas as pd

    def ratio(a: Any, b: Any) -> str:
        return "–" if pd.isna(a) or pd.isna(b) else f"{int(a)}/{int(b)}"

    pairs = zip(rows.covered, rows.n_divisions, strict=True)
    ranks = zip(rows.lq_rank, rows.regions, strict=True)

    return pd.DataFrame(
        {
            _("Area"): rows.area,
            _("Status"): [_(_STATUS.get(s, s)) for s in rows.status],
            _("Divisions measured"): [ratio(a, b) for a, b in pairs],
            _("Employed"): [format_number(v, 0) for v in rows.value],
            "LQ": [format_number(v, 2) for v in rows.lq],
            _("LQ rank"): [ratio(a, b) for a, b in ranks],
            _("Score"): [format_number(v, 2) for v in rows.score],
        }
    )


def areas(
    region: str = typer.Argument(..., help="Region: code or name, e.g. 24 or Västerbotten."),
    dataset: str = typer.Option(
        "eurostat_sbs_2015",
        "--dataset",
        "-d",
        help="Dataset name (see `s3atlas data list`); the default is the bundled one with "
        "SNI divisions for every region.",
    ),
    year: int | None = typer.Option(None, "--year", help="Year (default: the latest)."),
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
) -> None:
    """Score Västerbotten's nine strength areas for a region against every region in the data."""
    from s3atlas.analysis.areareport import area_report

    data = load_named_dataset(dataset, workspace)
    rows, context = area_report(data, region, year=year, lang=current_language())
    if fmt is OutputFormat.table:
        for line in header_lines(context):
            output.say(line)
        output.emit(for_people(rows), fmt)
        for area, note in zip(rows.area, rows.note, strict=True):
            output.say(f"{area}: {note}")
    else:
        output.emit(rows, fmt)


def register(app: typer.Typer) -> None:
    """Add ``areas`` to *app*."""
    app.command("areas")(areas)
