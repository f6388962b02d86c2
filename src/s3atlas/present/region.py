"""A region's strengths and dynamics as shown: tables, charts and the offered datasets.

The numbers come from :mod:`s3atlas.analysis` (``region_strengths``, the
dynamics indicators); this module puts them into the reader's words and chart
specs for the region page, its downloads and the report.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from s3atlas.analysis.composite import CLASSES
from s3atlas.analysis.labels import label
from s3atlas.errors import NotFoundError, S3AtlasError
from s3atlas.i18n import gettext
from s3atlas.present.memo import memoised
from s3atlas.stats import DEFAULT_DATASET, load_dataset
from s3atlas.viz.charts import bubble_chart, ranked_bars
from s3atlas.viz.lines import trend_lines

__all__ = [
    "DATASETS",
    "DATASET_TITLES",
    "DYNAMICS_CHARTS",
    "bubble_key",
    "chart_class_labels",
    "class_labels",
    "dataset_for",
    "dynamics_chart",
    "dynamics_frame",
    "region_dynamics_shown",
    "strength_bars",
    "strengths_bubble",
    "strengths_table",
]

DATASETS = ("scb_rams", "eurostat_employment_se", "scb_rams_2018")
"""Datasets offered on the region page (employment by region × industry); the first is the
default, as in the command line."""


def class_labels(lang: str) -> dict[str, str]:
    """Class code (:data:`s3atlas.analysis.composite.CLASSES`) → words in the language."""
    return {code: label("class", code, lang) for code in CLASSES}


def chart_class_labels(lang: str) -> dict[str, str]:
    """Class code → the short words a chart legend has room for, even at 375 px."""
    return {code: label("class_short", code, lang) for code in CLASSES}


DATASET_TITLES = {
    "scb_rams": "SCB RAMS 2008–2016 and 2018",
    "eurostat_employment_se": "Eurostat 2000–2017",
    "scb_rams_2018": "SCB RAMS 2018",
}
"""Dataset name → what the region page's choice of statistics says (employment by county;
short enough for the choice to show whole on a phone)."""


def dataset_for(name: str | None) -> Any:
    """Return the dataset the region page offers by *name* (default: the default dataset)."""
    name = name or DEFAULT_DATASET
    if name not in DATASETS:
        titles = "; ".join(gettext(DATASET_TITLES[d]) for d in DATASETS)
        raise NotFoundError(
            gettext(
                "These statistics are not offered here; choose one of: {titles}.", titles=titles
            ),
            value=name,
        )
    return load_dataset(name)


def strengths_table(strengths: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The ranked strengths as shown and downloaded, with readable column names."""
    labels = class_labels(lang)
    out = pd.DataFrame(
        {
            gettext("Rank", lang): strengths["rank"],
            gettext("Code", lang): strengths["industry"],
            gettext("Industry", lang): strengths["name"],
            gettext("Kind of industry", lang): [label("sector", c, lang) for c in strengths.sector],
            gettext("Employed", lang): strengths["value"],
            "LQ": strengths["lq"].round(3),
            gettext("Growth", lang): strengths["growth"].round(4),
            gettext("National growth", lang): strengths["national_growth"].round(4),
            gettext("Score", lang): strengths["score"].round(3),
            gettext("Class", lang): strengths["class"].map(labels).fillna(strengths["class"]),
            gettext("Trend", lang): [label("trend", c, lang) for c in strengths.trend],
            gettext("Strong (CMP)", lang): strengths["cmp_strong"],
            gettext("Reason", lang): strengths["reason"],
        }
    )
    return out


def strengths_bubble(
    strengths: pd.DataFrame, lang: str, title: str | None = None
) -> dict[str, Any]:
    """Bubble chart of the strengths: LQ × growth relative to the industry nationally × employed."""
    frame = strengths.assign(relative=strengths["growth"] - strengths["national_growth"])
    return bubble_chart(
        frame,
        x="lq",
        y="relative",
        size="value",
        label="name",
        abbreviation="industry",
        color="class",
        color_labels=chart_class_labels(lang),
        national_growth=0.0,
        lang=lang,
        title=title,
        y_title=gettext("Growth minus the industry's national growth", lang),
    )


def bubble_key(spec: dict[str, Any], lang: str) -> str | None:
    """The key to the industry codes the bubble chart writes where a name has no room.

    >>> bubble_key({"usermeta": {"s3atlas": {"abbreviations": [["H", "Transport", [0]]]}}}, "sv")
    'Koder i diagrammet: H Transport.'
    """
    pairs = spec.get("usermeta", {}).get("s3atlas", {}).get("abbreviations") or []
    if not pairs:
        return None
    listed = "; ".join(f"{code} {name}" for code, name, *_ in pairs).rstrip(".")
    return gettext("Codes in the chart: {codes}.", lang, codes=listed)


def strength_bars(strengths: pd.DataFrame, lang: str, title: str | None = None) -> dict[str, Any]:
    """Bars of the composite strength score, coloured by class (page, download and report)."""
    return ranked_bars(
        strengths,
        label="name",
        value="score",
        color="class",
        color_labels=chart_class_labels(lang),
        value_title=gettext("Composite score (0–1)", lang),
        lang=lang,
        title=title,
    )


#: The dynamics indicators drawn on the region page: code → chart name.
DYNAMICS_CHARTS = {
    "new_firms_per_1000_employed": "new-firms",
    "patent_applications_per_million_inhabitants": "patents",
}


def dynamics_frame(code: str) -> pd.DataFrame:
    """The dynamics indicators of county *code* on the bundled data (computed once: the page,
    its findings and its downloads all read them)."""
    from s3atlas.analysis.dynamics import region_dynamics

    return memoised(("region_dynamics", code), lambda: region_dynamics(code))


def dynamics_chart(frame: pd.DataFrame, indicator: str, region: Any, lang: str) -> dict[str, Any]:
    """One dynamics indicator of *region* against Sweden over time, series breaks marked."""
    from s3atlas.analysis.dynamics import INDICATORS, series_break_years

    rows = frame[frame.indicator == indicator]
    breaks = series_break_years() if indicator == "new_firms_per_1000_employed" else []
    shown = [y for y in breaks if rows.year.min() <= y <= rows.year.max()]
    return trend_lines(
        rows,
        series=[("region_value", region.short_name), ("sweden_value", gettext("Sweden", lang))],
        breaks=shown,
        y_title=gettext(INDICATORS[indicator], lang),
        lang=lang,
        title=f"{gettext(INDICATORS[indicator], lang)}: {region.short_name}",
    )


def region_dynamics_shown(region: Any, lang: str) -> dict[str, Any] | None:
    """New firms and patents against Sweden: the frame, a chart per indicator with data (by
    chart name) and the notes on what is not measured; None where the region has no series."""
    from s3atlas.analysis.dynamics import dynamics_notes, series_break_years

    try:
        frame = dynamics_frame(region.code)
    except S3AtlasError:
        return None
    charts = {
        name: dynamics_chart(frame, indicator, region, lang)
        for indicator, name in DYNAMICS_CHARTS.items()
        if frame[frame.indicator == indicator].region_value.notna().any()
    }
    return {
        "frame": frame,
        "charts": charts,
        "notes": dynamics_notes(frame, series_break_years(), lang),
    }
