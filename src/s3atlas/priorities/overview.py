"""The tables of the national priorities overview, built from the classified priorities.

Every builder takes the classified priorities (:func:`classified_priorities`:
a row per priority and theme, with the theme's name) and the reader's
language, and returns the table the priorities page shows and offers for
download: the classification, the region × theme matrix, theme frequency,
unique priorities and declared against measured specialisation
(:data:`NATIONAL_TABLES`), a region's candidate partners, the count per county
the map colours, and the themes and lists the national page shows. Caching
per stored state is the caller's business.

Examples
--------
>>> from s3atlas.seeddata import declared_priorities
>>> c = classified_priorities(declared_priorities(), lang="en")
>>> int(matrix_table(c, "en").set_index("county_code").loc["24", "themes"])
6
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

import pandas as pd

from s3atlas.analysis.fit import declared_divisions, national_fit
from s3atlas.analysis.labels import labels
from s3atlas.classifications import counties
from s3atlas.memo import Memo, content_key
from s3atlas.priorities.classify import CLASSIFIED_COLUMNS, classify_priorities
from s3atlas.priorities.fit import measured_strength
from s3atlas.priorities.labels import partner_reasons, with_reasons
from s3atlas.priorities.overlap import region_theme_matrix, theme_prevalence, unique_priorities
from s3atlas.priorities.partners import partners
from s3atlas.priorities.themes import UNCLASSIFIED, load_taxonomy, theme_name
from s3atlas.stats import DEFAULT_DATASET, load_dataset

__all__ = [
    "FIT_SOURCE",
    "NATIONAL_TABLES",
    "PARTNER_TOP",
    "SOURCE",
    "TableBuilder",
    "classification_table",
    "classified_priorities",
    "county_theme_counts",
    "fit_for_people",
    "fit_table",
    "matrix_table",
    "partner_table",
    "priority_themes",
    "region_priorities",
    "theme_names",
    "themes_table",
    "unique_table",
]

SOURCE = "Tillväxtverket (2018), Smart specialisering i 21 regioner; s3atlas themes.yaml"
FIT_SOURCE = "SCB, RAMS 2008–2016 och 2018 (sysselsatta efter län och näringsgren); " + SOURCE
PARTNER_TOP = 10
"""How many candidate partners a region is shown."""

_CLASSIFICATION_COLUMNS = [
    *CLASSIFIED_COLUMNS[: CLASSIFIED_COLUMNS.index("theme") + 1],
    "theme_name",
    *CLASSIFIED_COLUMNS[CLASSIFIED_COLUMNS.index("theme") + 1 :],
    "reason",
]


def theme_names(theme_ids: Any, lang: str) -> str:
    """The names of ``"; "``-separated theme ids, comma-separated (empty for none).

    >>> theme_names("food; visitor_economy", "en")
    'Food and agriculture, Visitor economy and experiences'
    """
    return ", ".join(theme_name(t, lang) for t in str(theme_ids or "").split("; ") if t)


def classified_priorities(
    priorities: pd.DataFrame, lang: str, overrides: Any = None
) -> pd.DataFrame:
    """Classify *priorities* (a row per priority and theme) and add each theme's name.

    *overrides*: the themes set by hand (:func:`s3atlas.priorities.overrides`).
    """
    frame = classify_priorities(priorities, overrides=overrides)
    return frame.assign(theme_name=[theme_name(t, lang) for t in frame.theme])


def classification_table(c: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every priority with its theme and why it got it: the reason code and its parameters
    (the matched words and the taxonomy patterns they matched), and the reason in words."""
    return with_reasons(c, lang)[_CLASSIFICATION_COLUMNS].reset_index(drop=True)


def matrix_table(c: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Region × theme: how many of each county's priorities fall in each theme, and its themes."""
    counts = region_theme_matrix(c, binary=False)
    ids = [t for t in load_taxonomy().ids if t in counts.columns]
    codes = counties().county_code
    counts = counts.reindex(index=codes, columns=ids, fill_value=0)
    out = counts.rename(columns=lambda t: theme_name(t, lang)).reset_index()
    out.insert(1, "region", counties().short_name.to_numpy())
    out["themes"] = (counts > 0).sum(axis=1).to_numpy()
    out.columns.name = None
    return out


def themes_table(c: pd.DataFrame, lang: str) -> pd.DataFrame:
    """How many of the 21 regions declare each theme."""
    frame = theme_prevalence(c, n_regions=21)
    frame.insert(1, "theme_name", [theme_name(t, lang) for t in frame.theme])
    return frame


def unique_table(c: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The priorities whose themes no other region declares."""
    frame = unique_priorities(c)
    return frame.assign(unique_theme_names=[theme_names(t, lang) for t in frame.unique_themes])


def fit_for_people(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A priority-fit table with the region's name, theme names and the verdict in words."""
    regions = dict(zip(counties().county_code, counties().short_name, strict=True))
    frame.insert(1, "region", frame.county_code.map(regions))
    frame.insert(4, "theme_names", [theme_names(t, lang) for t in frame.themes])
    return frame.assign(status_label=labels("status", frame.status, lang))


_FITS = Memo(8)


def fit_table(c: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every region's declared priorities against measured specialisation (default dataset).

    Kept by the content of the declared divisions: pages, downloads and reports of any
    store with the same lists share one computation (half a second).
    """
    declared = declared_divisions(c)
    key = (DEFAULT_DATASET, content_key(declared), lang)
    fit = _FITS.get(key, lambda: national_fit(load_dataset(DEFAULT_DATASET), declared, lang=lang))
    return fit_for_people(fit.copy(), lang)


@cache
def _measured() -> pd.DataFrame:
    return measured_strength()


def partner_table(c: pd.DataFrame, code: str, lang: str) -> pd.DataFrame:
    """The :data:`PARTNER_TOP` candidate partners of county *code*, with theme names and the
    reasons in words (``reasons``) beside their codes."""
    frame = partners(c, code, _measured(), top=PARTNER_TOP)
    return frame.assign(
        shared_theme_names=[theme_names(t, lang) for t in frame.shared_themes],
        complementary_theme_names=[theme_names(t, lang) for t in frame.complementary_themes],
        reasons=[partner_reasons(row, lang) for row in frame.to_dict("records")],
    )


TableBuilder = Callable[[pd.DataFrame, str], pd.DataFrame]
NATIONAL_TABLES: Mapping[str, tuple[str, TableBuilder, str]] = {
    "classification": ("Priorities and their themes", classification_table, SOURCE),
    "matrix": ("Region × theme matrix", matrix_table, SOURCE),
    "themes": ("Theme frequency", themes_table, SOURCE),
    "unique": ("Unique priorities", unique_table, SOURCE),
    "fit": ("Declared and measured", fit_table, FIT_SOURCE),
}
"""Table name → (title, builder(classified, language), source)."""


def county_theme_counts(c: pd.DataFrame, theme: str | None) -> pd.DataFrame:
    """One row per county (code, name, value): its priorities in *theme*, or its theme count."""
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
        }
    )


def priority_themes(priorities: pd.DataFrame, lang: str, overrides: Any = None) -> pd.DataFrame:
    """Return the themes of *priorities*: theme, name, kind, regions (count), region_names."""
    columns = ["theme", "name", "kind", "regions", "region_names"]
    classified = classify_priorities(priorities, overrides=overrides)
    # the regions by the names every page uses, not as each list spells them
    table = counties()
    names = dict(zip(table.county_code, table.short_name, strict=True))
    classified = classified.assign(region=classified.county_code.map(names))
    grouped = classified.groupby(["theme", "kind"]).agg(
        regions=("county_code", "nunique"),
        region_names=("region", lambda r: ", ".join(sorted(set(r)))),
    )
    frame = grouped.reset_index().sort_values(["regions", "theme"], ascending=[False, True])
    frame["name"] = [theme_name(t, lang) for t in frame.theme]
    return frame[columns].reset_index(drop=True)


def region_priorities(priorities: pd.DataFrame) -> list[dict[str, Any]]:
    """Return one entry per county: code, name, short_name, priorities (a list, maybe empty)."""
    grouped = priorities.groupby("county_code").priority.apply(list)
    return [
        {
            "code": r.county_code,
            "name": r.name,
            "short_name": r.short_name,
            "priorities": grouped.get(r.county_code, []),
        }
        for r in counties().itertuples(index=False)
    ]
