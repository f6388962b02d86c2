"""The declared priorities as shown: tables, fit, partners and charts, kept per store state.

The tables are built by :mod:`s3atlas.priorities.overview` (the national
tables of :data:`NATIONAL_TABLES`, a region's candidate partners, the counts the
map colours); this module keeps them per stored state (the ``priorities`` part
of the data fingerprint) and language, puts headers in the reader's language on
the downloads and builds the chart specs from them. The priorities pages, the
region page and the report show them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from s3atlas.analysis.fit import declared_divisions, priority_fit
from s3atlas.classifications import Region, county_borders
from s3atlas.classifications.sni import industry_name
from s3atlas.errors import ClassificationError
from s3atlas.i18n import gettext
from s3atlas.present.memo import memoised
from s3atlas.priorities import current_priorities, overrides, theme_name
from s3atlas.priorities.overview import (
    FIT_SOURCE,
    NATIONAL_TABLES,
    PARTNER_TOP,
    SOURCE,
    classified_priorities,
    county_theme_counts,
    fit_for_people,
    partner_table,
)
from s3atlas.stats import load_dataset
from s3atlas.store import Store, data_fingerprint
from s3atlas.viz.charts import ranked_bars
from s3atlas.viz.priorities_charts import theme_map, theme_matrix

__all__ = [
    "FIT_SOURCE",
    "HEADERS",
    "NATIONAL_TABLES",
    "PARTNER_TOP",
    "SOURCE",
    "classified",
    "fit_rows",
    "map_chart",
    "map_rows",
    "map_title",
    "matrix_chart",
    "national_tables",
    "partners_chart",
    "region_fit",
    "region_partners",
    "themes_chart",
    "with_headers",
]

HEADERS = {
    "county_code": "County code",
    "region": "Region",
    "priority": "Priority",
    "theme": "Theme id",
    "theme_name": "Theme",
    "kind": "Kind",
    "confidence": "Confidence",
    "method": "Method",
    "matched": "Matched words",
    "terms": "Patterns in the theme list",
    "reason_code": "Reason code",
    "marker": "Aspect marker",
    "reason": "Reason",
    "regions": "Regions",
    "share": "Share of regions",
    "priorities": "Priorities",
    "county_codes": "County codes",
    "unique_themes": "Unique themes",
    "unique_theme_names": "Unique themes (names)",
    "declared": "Declared",
    "lq": "LQ",
    "evidence": "Evidence",
    "measured_codes": "Measured industry codes",
    "status": "Status",
    "status_label": "Verdict",
    "note": "Note",
    "partner_code": "Partner code",
    "partner": "Partner",
    "score": "Score",
    "similarity": "Similarity (Jaccard)",
    "shared_themes": "Shared themes",
    "neighbour": "Neighbouring county",
    "complementary_themes": "Complementary themes",
    "reasons": "Reasons",
    "reason_codes": "Reason codes",
    "themes": "Themes",
    "theme_names": "Themes (names)",
    "resolution": "Resolution",
    "basis": "Basis",
    "codes": "Codes",
    "divisions": "SNI divisions",
    "wider_codes": "Wider codes",
    "wider_lq": "LQ of the wider codes",
}
"""Column code → English header (translated through the catalogue) in the downloads."""


def with_headers(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return *frame* with its column codes replaced by words in *lang* (for downloads)."""
    return frame.rename(columns=lambda c: gettext(HEADERS[c], lang) if c in HEADERS else c)


def fit_rows(fit: pd.DataFrame, lang: str) -> list[dict[Any, Any]]:
    """The fit table's rows, a strength no priority covers named by its industry in words."""
    rows = fit.to_dict("records")
    for row in rows:
        if not isinstance(row.get("priority"), str) or not row["priority"]:
            row["priority"] = _industry_words(str(row.get("codes") or ""), lang)
    return rows


def _industry_words(codes: str, lang: str) -> str:
    try:
        return f"{industry_name(codes, lang)} ({codes})"
    except ClassificationError:
        return codes


# --- cached per store state and language -----------------------------------------------


def classified(store: Store, lang: str, hidden: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Every current priority classified (a row per priority and theme), with theme names.

    Kept until the stored data change; *hidden* are the regions whose stored lists
    the reader may not see (they get the bundled list).
    """
    key = ("classified", data_fingerprint(store).priorities, lang, hidden)

    def build() -> pd.DataFrame:
        return classified_priorities(current_priorities(store, hidden), lang, overrides(store))

    return memoised(key, build)


def region_fit(
    store: Store, lang: str, dataset: str, code: str, hidden: frozenset[str] = frozenset()
) -> pd.DataFrame:
    """The priority fit of county *code* on *dataset*: the priorities page's rows for that
    county when *dataset* is the default (the same declared lists, method and data); *hidden*
    are the regions whose stored lists the reader may not see (they get the bundled list)."""
    c = classified(store, lang, hidden)
    declared = declared_divisions(c[c.county_code == code])
    frame = priority_fit(load_dataset(dataset), code, declared=declared, lang=lang)
    return fit_for_people(frame, lang)


def region_partners(
    store: Store, lang: str, code: str, hidden: frozenset[str] = frozenset()
) -> pd.DataFrame:
    """The candidate partners of county *code* (kept until the stored data change)."""
    key = ("partners", data_fingerprint(store).priorities, lang, hidden, code)
    return memoised(key, lambda: partner_table(classified(store, lang, hidden), code, lang))


def national_tables(
    store: Store, lang: str, hidden: frozenset[str] = frozenset()
) -> dict[str, pd.DataFrame]:
    """Every table of :data:`NATIONAL_TABLES` (kept until the stored data change)."""
    key = ("national_tables", data_fingerprint(store).priorities, lang, hidden)
    return memoised(key, lambda: _national_tables(classified(store, lang, hidden), lang))


def _national_tables(c: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    return {name: build(c, lang) for name, (_title, build, _source) in NATIONAL_TABLES.items()}


# --- charts ----------------------------------------------------------------------------


def map_rows(c: pd.DataFrame, theme: str | None) -> pd.DataFrame:
    """One row per county: its value on the map (priorities in *theme*, or its theme count)."""
    rows = county_theme_counts(c, theme)
    return rows.assign(url=[f"/priorities/region/{code}" for code in rows.code])


def map_title(theme: str | None, lang: str) -> str:
    """The title (and legend) of the county map for *theme* (None = all themes)."""
    if theme:
        return gettext("Priorities in the theme {theme}", lang, theme=theme_name(theme, lang))
    return gettext("Number of themes the region declares", lang)


def map_chart(
    c: pd.DataFrame, theme: str | None, lang: str, borders_url: str | None = None
) -> dict[str, Any]:
    """The county map: borders read from *borders_url* (a page), else inline (a file)."""
    borders = borders_url or county_borders()["features"]
    return theme_map(
        map_rows(c, theme),
        borders,
        value_title=map_title(theme, lang),
        lang=lang,
        title=map_title(theme, lang),
    )


def matrix_chart(matrix: pd.DataFrame, lang: str) -> dict[str, Any]:
    """The region × theme heatmap of the wide matrix table, in its row and column order."""
    counts = matrix.drop(columns=["county_code", "themes"])
    long = counts.melt(id_vars="region", var_name="theme", value_name="count")
    return theme_matrix(
        long,
        region_order=list(counts.region),
        theme_order=list(counts.columns[1:]),
        lang=lang,
        title=gettext("Region × theme matrix", lang),
    )


def themes_chart(themes: pd.DataFrame, lang: str) -> dict[str, Any]:
    """Bars: how many regions declare each theme (the theme frequency table)."""
    return ranked_bars(
        themes,
        label="theme_name",
        value="regions",
        value_format="d",
        value_title=gettext("Regions", lang),
        lang=lang,
        title=gettext("Theme frequency", lang),
    )


def partners_chart(frame: pd.DataFrame, region: Region, lang: str) -> dict[str, Any]:
    """Bars: the partner scores of one region."""
    return ranked_bars(
        frame,
        label="partner",
        value="score",
        value_title=gettext("Score", lang),
        lang=lang,
        title=gettext("Candidate partners of {region}", lang, region=region.short_name),
    )
