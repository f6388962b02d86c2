"""The tables and charts of the priorities pages, cached per store state and language.

The national page's tables (:data:`NATIONAL_TABLES`: the classification, the
region × theme matrix, theme frequency, unique priorities, declared against
measured specialisation) and a region's candidate partners are built here
from the core of :mod:`s3atlas.priorities`, and so are the chart specs drawn
from them; :mod:`.priorities_page` routes, renders and serves the downloads.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import pandas as pd

from s3atlas.analysis.fit import declared_divisions, national_fit, priority_fit
from s3atlas.analysis.labels import labels
from s3atlas.classifications import Region, counties
from s3atlas.i18n import gettext, use_language
from s3atlas.priorities import (
    UNCLASSIFIED,
    classify_priorities,
    current_priorities,
    load_taxonomy,
    measured_strength,
    overrides,
    partners,
    region_theme_matrix,
    theme_name,
    theme_prevalence,
    unique_priorities,
)
from s3atlas.stats import DEFAULT_DATASET, load_dataset
from s3atlas.store import Store, data_fingerprint
from s3atlas.viz.charts import ranked_bars
from s3atlas.viz.priorities_charts import theme_map, theme_matrix
from s3atlas.web.cache import memoised
from s3atlas.web.views.national import GEOJSON_URL, county_geojson

__all__ = [
    "FIT_SOURCE",
    "HEADERS",
    "NATIONAL_TABLES",
    "PARTNER_TOP",
    "SOURCE",
    "classified",
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

SOURCE = "Tillväxtverket (2018), Smart specialisering i 21 regioner; s3atlas themes.yaml"
FIT_SOURCE = "SCB, RAMS 2008–2016 och 2018 (sysselsatta efter län och näringsgren); " + SOURCE
PARTNER_TOP = 10


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
    "themes": "Themes",
    "theme_names": "Themes (names)",
    "resolution": "Resolution",
    "codes": "Codes",
    "divisions": "SNI divisions",
    "wider_codes": "Wider codes",
    "wider_lq": "LQ of the wider codes",
}
"""Column code → English header (translated through the catalogue) in the downloads."""


def with_headers(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return *frame* with its column codes replaced by words in *lang* (for downloads)."""
    return frame.rename(columns=lambda c: gettext(HEADERS[c], lang) if c in HEADERS else c)


# --- the core, cached per store state and language ------------------------------------


@cache
def _measured() -> pd.DataFrame:
    return measured_strength()


def _names(theme_ids: Any, lang: str) -> str:
    return ", ".join(theme_name(t, lang) for t in str(theme_ids or "").split("; ") if t)


def classified(store: Store, lang: str, hidden: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Every current priority classified (a row per priority and theme), with theme names.

    Kept until the stored data change; *hidden* are the regions whose stored lists
    the reader may not see (they get the bundled list).
    """
    key = ("classified", data_fingerprint(store).priorities, lang, hidden)
    return memoised(key, lambda: _classified(store, lang, hidden))


def _classified(store: Store, lang: str, hidden: frozenset[str]) -> pd.DataFrame:
    with use_language(lang):
        frame = classify_priorities(current_priorities(store, hidden), overrides=overrides(store))
    return frame.assign(theme_name=[theme_name(t, lang) for t in frame.theme])


def _classification(c: pd.DataFrame, lang: str) -> pd.DataFrame:
    columns = [
        "county_code",
        "region",
        "priority",
        "theme",
        "theme_name",
        "kind",
        "confidence",
        "method",
        "matched",
        "reason",
    ]
    return c[columns].reset_index(drop=True)


def _matrix(c: pd.DataFrame, lang: str) -> pd.DataFrame:
    counts = region_theme_matrix(c, binary=False)
    ids = [t for t in load_taxonomy().ids if t in counts.columns]
    codes = counties().county_code
    counts = counts.reindex(index=codes, columns=ids, fill_value=0)
    out = counts.rename(columns=lambda t: theme_name(t, lang)).reset_index()
    out.insert(1, "region", counties().short_name.to_numpy())
    out["themes"] = (counts > 0).sum(axis=1).to_numpy()
    out.columns.name = None
    return out


def _themes(c: pd.DataFrame, lang: str) -> pd.DataFrame:
    frame = theme_prevalence(c, n_regions=21)
    frame.insert(1, "theme_name", [theme_name(t, lang) for t in frame.theme])
    return frame


def _unique(c: pd.DataFrame, lang: str) -> pd.DataFrame:
    frame = unique_priorities(c)
    return frame.assign(unique_theme_names=[_names(t, lang) for t in frame.unique_themes])


def _fit(c: pd.DataFrame, lang: str) -> pd.DataFrame:
    frame = national_fit(load_dataset(DEFAULT_DATASET), declared_divisions(c), lang=lang)
    return _fit_for_people(frame, lang)


def _fit_for_people(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    regions = dict(zip(counties().county_code, counties().short_name, strict=True))
    frame.insert(1, "region", frame.county_code.map(regions))
    frame.insert(4, "theme_names", [_names(t, lang) for t in frame.themes])
    return frame.assign(status_label=labels("status", frame.status, lang))


def region_fit(
    store: Store, lang: str, dataset: str, code: str, hidden: frozenset[str] = frozenset()
) -> pd.DataFrame:
    """The priority fit of county *code* on *dataset*: the priorities page's rows for that
    county when *dataset* is the default (the same declared lists, method and data); *hidden*
    are the regions whose stored lists the reader may not see (they get the bundled list)."""
    c = classified(store, lang, hidden)
    declared = declared_divisions(c[c.county_code == code])
    frame = priority_fit(load_dataset(dataset), code, declared=declared, lang=lang)
    return _fit_for_people(frame, lang)


def _partners(c: pd.DataFrame, code: str, lang: str) -> pd.DataFrame:
    with use_language(lang):
        frame = partners(c, code, _measured(), top=PARTNER_TOP)
    return frame.assign(
        shared_theme_names=[_names(t, lang) for t in frame.shared_themes],
        complementary_theme_names=[_names(t, lang) for t in frame.complementary_themes],
    )


def region_partners(
    store: Store, lang: str, code: str, hidden: frozenset[str] = frozenset()
) -> pd.DataFrame:
    """The candidate partners of county *code* (kept until the stored data change)."""
    key = ("partners", data_fingerprint(store).priorities, lang, hidden, code)
    return memoised(key, lambda: _partners(classified(store, lang, hidden), code, lang))


TableFn = Callable[[pd.DataFrame, str], pd.DataFrame]
NATIONAL_TABLES: dict[str, tuple[str, TableFn, str]] = {
    "classification": ("Priorities and their themes", _classification, SOURCE),
    "matrix": ("Region × theme matrix", _matrix, SOURCE),
    "themes": ("Theme frequency", _themes, SOURCE),
    "unique": ("Unique priorities", _unique, SOURCE),
    "fit": ("Declared and measured", _fit, FIT_SOURCE),
}
"""Table name → (title, builder(classified, language), source)."""


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
    themed = c[c.theme != UNCLASSIFIED].drop_duplicates(["county_code", "priority", "theme"])
    if theme:
        values = themed[themed.theme == theme].groupby("county_code").priority.nunique()
    else:
        values = themed.groupby("county_code").theme.nunique()
    codes = counties().county_code
    return pd.DataFrame(
        {
            "code": codes,
            "name": counties().short_name,
            "value": values.reindex(codes, fill_value=0).to_numpy(),
            "url": [f"/priorities/region/{code}" for code in codes],
        }
    )


def map_title(theme: str | None, lang: str) -> str:
    """The title (and legend) of the county map for *theme* (None = all themes)."""
    if theme:
        return gettext("Priorities in the theme {theme}", lang, theme=theme_name(theme, lang))
    return gettext("Number of themes the region declares", lang)


def map_chart(
    c: pd.DataFrame, theme: str | None, lang: str, inline: bool = False
) -> dict[str, Any]:
    """The county map (borders by URL on the page, inline in a file)."""
    borders = county_geojson()["features"] if inline else GEOJSON_URL
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
