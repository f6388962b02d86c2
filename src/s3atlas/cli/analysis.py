"""``s3atlas strengths`` and ``s3atlas fit``: a region's measured strengths and its priority fit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from s3atlas.cli import output
from s3atlas.cli.options import (
    DbOption,
    FormatOption,
    WideOption,
    WorkspaceOption,
    load_named_dataset,
)
from s3atlas.cli.output import OutputFormat
from s3atlas.errors import InputError
from s3atlas.i18n import current_language
from s3atlas.i18n import gettext as _

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["register"]

DatasetOption = typer.Option(
    None, "--dataset", "-d", help="Dataset name (default: scb_rams; see `s3atlas data list`)."
)
YearOption = typer.Option(None, "--year", help="Year (default: the latest).")
BaseYearOption = typer.Option(
    None, "--base-year", help="First year of growth (default: the first year of the same table)."
)
MeasureOption = typer.Option(None, "--measure", help="Measure (default: employed).")
SexOption = typer.Option(None, "--sex", help="women, men or total (default: total).")
WeightOption = typer.Option(
    None, "--weight", help="Component weight, e.g. --weight lq=0.6 (repeatable)."
)
AllOption = typer.Option(
    False, "--all", help="Rank every industry, also local, mixed and public ones."
)


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
                _("a weight is written name=number, e.g. lq=0.6"), column="--weight", value=item
            ) from error
    return out


def _load(name: str | None, workspace: Path | None) -> Any:
    from s3atlas.stats import DEFAULT_DATASET

    return load_named_dataset(name or DEFAULT_DATASET, workspace)


def _people_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the few columns a reader needs, in words and Swedish or English numbers."""
    import pandas as pd

    from s3atlas.analysis.composite import lq_text, signed_percent
    from s3atlas.analysis.labels import labels
    from s3atlas.i18n import format_number

    return pd.DataFrame(
        {
            _("Rank"): frame["rank"].map(lambda r: "" if pd.isna(r) else str(int(r))),
            _("Industry"): frame.industry + " " + frame.name.map(_short),
            "LQ": frame.lq.map(lq_text),
            _("Growth"): frame.growth.map(signed_percent),
            _("Nation"): frame.national_growth.map(signed_percent),
            _("Score"): frame.score.map(lambda s: format_number(s, 2)),
            _("Class"): labels("class_short", frame["class"]),
        }
    )


def _short(name: str, width: int = 24) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip(" ,;") + "…"


def _strengths_title(frame: pd.DataFrame, dataset: str) -> str:
    first = frame.iloc[0]
    period = (
        f"{int(first['base_year'])}–{int(first['growth_end_year'])}"
        if first["base_year"] == first["base_year"] and first["base_year"] is not None
        else "–"
    )
    return _(
        "{dataset}, {year}; growth {period}; weights: {weights}",
        dataset=dataset,
        year=int(first["year"]),
        period=period,
        weights=first["weights"],
    )


def _place(region: str) -> str:
    """Return the region's name for titles (what was typed when it is no known region)."""
    from s3atlas.classifications import find_region
    from s3atlas.errors import ClassificationError

    try:
        return find_region(region).name
    except ClassificationError:
        return region


def _emit_strengths(frame: pd.DataFrame, region: str, dataset: str, wide: bool) -> None:
    name = _place(region)
    output.say(f"[bold]{_('Strengths of {region}', region=name)}[/]")
    output.say(_strengths_title(frame, dataset))
    ranked, others = frame[frame.ranked], frame[~frame.ranked]
    show = (lambda part: part) if wide else _people_table
    if len(ranked):
        output.emit(show(ranked), OutputFormat.table, title=_("Ranked industries"))
    if len(others):
        output.emit(
            show(others),
            OutputFormat.table,
            title=_("Other industries (local, mixed or public): not ranked; --all ranks them"),
        )
    if not wide:
        output.say(_("Reasons and every column: --wide, or --format csv/json."))


def strengths(
    region: str = typer.Argument(..., help="Region: code or name, e.g. 24 or Västerbotten."),
    dataset: str | None = DatasetOption,
    year: int | None = YearOption,
    base_year: int | None = BaseYearOption,
    measure: str | None = MeasureOption,
    sex: str | None = SexOption,
    weight: list[str] | None = WeightOption,
    every: bool = AllOption,
    wide: bool = WideOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
) -> None:
    """Rank a region's traded industries: LQ, growth, composite score, class and the reason."""
    from s3atlas.analysis.profile import RANKED_SECTORS, region_strengths
    from s3atlas.stats import DEFAULT_DATASET

    frame = region_strengths(
        _load(dataset, workspace),
        region,
        year=year,
        measure=measure,
        weights=_weights(weight),
        sectors=None if every else RANKED_SECTORS,
        base_year=base_year,
        sex=sex,
        lang=current_language(),
    )
    if fmt is OutputFormat.table:
        _emit_strengths(frame, region, dataset or DEFAULT_DATASET, wide)
    else:
        output.emit(frame, fmt, title=_("Strengths of {region}", region=_place(region)))


def fit(
    region: str | None = typer.Argument(None, help="Region: code or name (default: every region)."),
    dataset: str | None = DatasetOption,
    year: int | None = YearOption,
    measure: str | None = MeasureOption,
    wide: bool = WideOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Set declared priorities against the statistics: supported, not, or cannot be decided."""
    frame = _fit_frame(region, dataset, year, measure, workspace, db)
    if fmt is not OutputFormat.table:
        output.emit(frame, fmt, title=_("Priority fit"))
        return
    title = _("Priority fit") + (f": {_place(region)}" if region else "")
    output.emit(_people_fit(frame, every=region is None, wide=wide), fmt, title=title)
    if not wide:
        output.say(_(_FIT_HINT))


_FIT_HINT = (
    "An LQ in brackets is a wider group's and decides nothing. "
    "Why, and what each verdict rests on: --wide, or --format csv/json."
)


def _fit_frame(
    region: str | None,
    dataset: str | None,
    year: int | None,
    measure: str | None,
    workspace: Path | None,
    db: str | None,
) -> pd.DataFrame:
    from s3atlas.analysis.fit import declared_divisions, national_fit, priority_fit
    from s3atlas.classifications import find_region
    from s3atlas.cli.priorities import classified_priorities

    data = _load(dataset, workspace)
    declared = declared_divisions(classified_priorities(workspace, db))
    if region is None:
        return national_fit(data, declared, lang=current_language())
    county = find_region(region).county_code or find_region(region).code
    mine = declared[declared.county_code == county]
    lang = current_language()
    return priority_fit(data, region, year=year, measure=measure, declared=mine, lang=lang)


def _people_fit(frame: pd.DataFrame, *, every: bool, wide: bool) -> pd.DataFrame:
    """Return the verdicts in words; an LQ in brackets is the wider group's, which decides
    nothing."""
    import pandas as pd

    from s3atlas.analysis.composite import lq_text
    from s3atlas.analysis.labels import labels

    lq = [
        lq_text(v) if v == v else (f"({lq_text(w)})" if w == w else "–")
        for v, w in zip(frame.lq, frame.wider_lq, strict=True)
    ]
    shown = pd.DataFrame(
        {
            _("Region"): frame.county_code,
            _("Priority"): frame.priority.where(frame.priority != "", frame.codes),
            _("Status"): labels("status", frame.status),
            "LQ": lq,
            _("Basis"): frame.basis,
            _("Note"): frame.note,
        }
    )
    keep = [c for c in shown.columns if wide or c not in (_("Basis"), _("Note"))]
    return shown[[c for c in keep if every or c != _("Region")]]


def _emit_by_industry(
    frame: pd.DataFrame,
    fmt: OutputFormat,
    columns: Callable[[pd.DataFrame], dict[str, pd.Series]],
    title: Callable[[pd.DataFrame], str],
) -> None:
    """Emit *frame* whole for scripts; for people, each industry with its *columns*, under
    *title*."""
    import pandas as pd

    if fmt is not OutputFormat.table:
        output.emit(frame, fmt)
        return
    named = frame.industry + " " + frame.industry.map(_industry_name)
    shown = pd.DataFrame({_("Industry"): named, **columns(frame)})
    output.emit(shown, fmt, title=title(frame))


def gender(
    region: str = typer.Argument(..., help="Region: code or name, e.g. 24 or Västerbotten."),
    dataset: str | None = DatasetOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
) -> None:
    """Women and men in the region's industries: share of women and LQ by sex."""
    from s3atlas.analysis.perspectives import region_gender

    def title(frame: pd.DataFrame) -> str:
        year = int(frame.year.iloc[0])
        return _("Women and men in {region}, {year}", region=_place(region), year=year)

    frame = region_gender(_load(dataset, workspace), region)
    _emit_by_industry(frame, fmt, _gender_columns, title)


def _gender_columns(frame: pd.DataFrame) -> dict[str, pd.Series]:
    from s3atlas.analysis.composite import lq_text
    from s3atlas.i18n import format_percent_value

    return {
        _("Share of women"): frame.share_women.map(lambda v: format_percent_value(v, 0)),
        _("LQ women"): frame.lq_women.map(lq_text),
        _("LQ men"): frame.lq_men.map(lq_text),
    }


def shiftshare(
    region: str = typer.Argument(..., help="Region: code or name, e.g. 24 or Västerbotten."),
    dataset: str | None = DatasetOption,
    fmt: OutputFormat = FormatOption,
    workspace: Path | None = WorkspaceOption,
) -> None:
    """Split the growth of the region's industries: national, industry mix and regional share."""
    from s3atlas.analysis.perspectives import region_shift_share

    def title(frame: pd.DataFrame) -> str:
        first = frame.iloc[0]
        return _(
            "Shift-share of {region}, {base}–{end} (employed)",
            region=_place(region),
            base=int(first.base_year),
            end=int(first.end_year),
        )

    frame = region_shift_share(_load(dataset, workspace), region)
    _emit_by_industry(frame, fmt, _shiftshare_columns, title)


def _shiftshare_columns(frame: pd.DataFrame) -> dict[str, pd.Series]:
    from s3atlas.i18n import format_number

    def whole(values: pd.Series) -> pd.Series:
        return values.map(lambda v: format_number(v, 0))

    return {
        _("Change in employed"): whole(frame.change),
        _("National"): whole(frame.national),
        _("Industry mix"): whole(frame.industry_mix),
        _("Regional share"): whole(frame.regional_share),
    }


def _industry_name(code: str) -> str:
    from s3atlas.classifications import industry_name

    return _short(industry_name(code, current_language()), 22)


def register(app: typer.Typer) -> None:
    """Add ``strengths``, ``fit``, ``gender`` and ``shiftshare`` to *app*."""
    app.command("strengths")(strengths)
    app.command("fit")(fit)
    app.command("gender")(gender)
    app.command("shiftshare")(shiftshare)
