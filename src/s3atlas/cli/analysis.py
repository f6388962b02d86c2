"""``s3atlas strengths`` and ``s3atlas fit``: a region's measured strengths and its priority fit."""

from __future__ import annotations

import typer

from s3atlas.cli import output
from s3atlas.cli.options import FormatOption
from s3atlas.cli.output import OutputFormat
from s3atlas.errors import InputError, S3AtlasError
from s3atlas.i18n import gettext as _

__all__ = ["register"]

DatasetOption = typer.Option(
    "scb_rams_2018", "--dataset", "-d", help="Dataset name (see `s3atlas data list`)."
)
YearOption = typer.Option(None, "--year", help="Year (default: the latest).")
MeasureOption = typer.Option(None, "--measure", help="Measure (default: employed).")
WeightOption = typer.Option(
    None, "--weight", help="Component weight, e.g. --weight lq=0.6 (repeatable)."
)

_TABLE_COLUMNS = [
    "rank",
    "industry",
    "name",
    "value",
    "lq",
    "score",
    "class",
    "cmp_strong",
    "stars",
    "reason",
]


def _weights(items: list[str] | None) -> dict[str, float] | None:
    if not items:
        return None
    out = {}
    for item in items:
        name, _sep, value = item.partition("=")
        try:
            out[name.strip()] = float(value)
        except ValueError as error:
            raise InputError(
                "a weight is written name=number, e.g. lq=0.6", column="--weight", value=item
            ) from error
    return out


def _load(name: str):
    from s3atlas.stats import load_dataset
    from s3atlas.workspace import resolve_workspace

    try:
        workspace = resolve_workspace(None)
    except S3AtlasError:
        workspace = None
    return load_dataset(name, workspace)


def strengths(
    region: str = typer.Argument(..., help="Region code, e.g. 24 (Västerbotten)."),
    dataset: str = DatasetOption,
    year: int | None = YearOption,
    measure: str | None = MeasureOption,
    weight: list[str] | None = WeightOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Rank a region's industries: LQ, growth, composite score, class and the reason."""
    from s3atlas.analysis.profile import region_strengths

    try:
        frame = region_strengths(
            _load(dataset), region, year=year, measure=measure, weights=_weights(weight)
        )
    except S3AtlasError as error:
        output.fail(error, fmt)
    if fmt is OutputFormat.table:
        first = frame.iloc[0] if len(frame) else None
        title = _("Strengths of region {region}", region=region)
        if first is not None:
            title += f" ({first['measure']}, {first['year']}; {_('weights')}: {first['weights']})"
        output.emit(frame[_TABLE_COLUMNS], fmt, title=title)
    else:
        output.emit(frame, fmt)


def fit(
    region: str = typer.Argument(..., help="Region code, e.g. 24 (Västerbotten)."),
    dataset: str = DatasetOption,
    year: int | None = YearOption,
    measure: str | None = MeasureOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Set the region's declared priorities against the statistics: supported or not, and undeclared strengths."""  # noqa: E501 - one-line help, rendered verbatim in docs/cli.md
    from s3atlas.analysis.fit import priority_fit

    try:
        frame = priority_fit(_load(dataset), region, year=year, measure=measure)
    except S3AtlasError as error:
        output.fail(error, fmt)
    output.emit(frame, fmt, title=_("Priority fit of region {region}", region=region))


def register(app: typer.Typer) -> None:
    """Add ``strengths`` and ``fit`` to *app*."""
    app.command("strengths")(strengths)
    app.command("fit")(fit)
