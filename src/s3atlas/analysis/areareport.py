"""One region's strength areas with what they rest on: geography, granularity, year and comparison.

:func:`area_report` scores the areas (:func:`~s3atlas.analysis.strengthareas.evaluate_areas`)
on a dataset and keeps the region's rows, each stating the region and the
level it is measured at (a county asked for in a NUTS 2 table is measured
through its NUTS 2 region, which may hold other counties too), the industry
granularity, the year, the number of regions compared and which sections of
the economy the data do not cover (Eurostat SBS: no A, K or O–U apart
from 95).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from s3atlas.analysis.strengthareas import evaluate_areas, seed_areas
from s3atlas.classifications import (
    SCB_GROUPS,
    counties,
    divisions_of,
    find_region,
    industries,
    industry_level,
    nuts_regions,
    region_parent,
)
from s3atlas.errors import ClassificationError, InputError, NotFoundError
from s3atlas.i18n import gettext

__all__ = [
    "area_report",
    "data_coverage",
    "granularity",
    "level_word",
    "region_level",
    "resolve_area_region",
]

_NUTS_LEVELS = {2: "country", 3: "nuts1", 4: "nuts2", 5: "nuts3"}
_LEVEL_WORDS = {
    "county": ("county", "counties"),
    "municipality": ("municipality", "municipalities"),
    "country": ("country", "countries"),
    "nuts1": ("NUTS 1 region", "NUTS 1 regions"),
    "nuts2": ("NUTS 2 region", "NUTS 2 regions"),
    "nuts3": ("NUTS 3 region", "NUTS 3 regions"),
}


def level_word(level: str, plural: bool = False, lang: str | None = None) -> str:
    """Return the level's name for people ("the NUTS 2 regions" in the plural).

    >>> level_word("nuts2", lang="sv"), level_word("county", plural=True, lang="sv")
    ('NUTS 2-region', 'länen')
    """
    words = _LEVEL_WORDS.get(level, ("region", "regions"))
    return gettext(words[1] if plural else words[0], lang)


def region_level(table: Any) -> str:
    """Return the level of the table's regions: county, municipality, nuts1–3, country or the
    scheme's own name when the level is not one of these (or is mixed)."""
    if table.region_scheme != "nuts":
        return str(table.region_scheme)
    lengths = {len(code) for code in table.regions}
    return _NUTS_LEVELS.get(lengths.pop(), "nuts") if len(lengths) == 1 else "nuts"


def _nuts_by_name(text: str) -> str | None:
    nuts = nuts_regions()
    hits = nuts[nuts.name.str.casefold() == text.strip().casefold()]
    return str(hits.nuts_code.iloc[0]) if len(hits) == 1 else None


def _swedish_code(text: str, level: str) -> str | None:
    try:
        found = find_region(_nuts_by_name(text) or text)
    except ClassificationError:
        return None
    if found.scheme == level:
        return found.code
    try:
        return region_parent(found.code, found.scheme, level)
    except ClassificationError:
        return None  # a wider region than the table's (Sweden in a NUTS 2 table)


def _swedish_name(code: str) -> str:
    try:
        return find_region(code).name
    except ClassificationError:
        return code  # another country's region: the file gives codes only


def resolve_area_region(table: Any, text: str) -> dict[str, Any]:
    """Return the table's region for a code or name, the name and the counties it holds.

    A county in a NUTS 2 table becomes its NUTS 2 region. Codes of other
    countries' regions are taken as they stand in the table.

    >>> from s3atlas.stats import load_dataset
    >>> found = resolve_area_region(load_dataset("eurostat_sbs_2015").table, "Västerbotten")
    >>> found["code"], found["name"], found["counties"]
    ('SE33', 'Övre Norrland', ['Västerbottens län', 'Norrbottens län'])
    >>> resolve_area_region(load_dataset("eurostat_sbs_2015").table, "övre norrland")["code"]
    'SE33'
    """
    given = str(text).strip()
    level = region_level(table)
    code = given.upper() if given.upper() in table.regions else _swedish_code(given, level)
    if code is None or code not in table.regions:
        raise NotFoundError(
            gettext(
                "region {region} is not in the data, which hold {regions}",
                region=given,
                regions=level_word(level, plural=True),
            ),
            value=given,
        )
    name = _swedish_name(code)
    held = counties()[counties().nuts2 == code] if level == "nuts2" else counties().iloc[:0]
    return {"code": code, "name": name, "level": level, "counties": held.name.tolist()}


def granularity(codes: Iterable[str], scheme: str) -> str:
    """Return the level of the table's industry codes: division, scb_group, section… or mixed.

    >>> granularity(["16", "17", "95"], "sni2007"), granularity(["A", "B+C"], "sni2007")
    ('division', 'scb_group')
    """
    if scheme != "sni2007":
        return scheme
    codes = [code for code in codes if code != "TOTAL"]
    if set(codes) <= set(SCB_GROUPS):
        return "scb_group"
    levels = {industry_level(code) for code in codes}
    return levels.pop() if len(levels) == 1 else "mixed"


def _runs(letters: list[str]) -> list[str]:
    order = [item.code for item in industries("section")]
    runs: list[list[str]] = []
    for letter in letters:
        if runs and order.index(letter) == order.index(runs[-1][-1]) + 1:
            runs[-1].append(letter)
        else:
            runs.append([letter])
    return [run[0] if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs]


def data_coverage(codes: Iterable[str], scheme: str, lang: str | None = None) -> str:
    """Say which SNI sections the table's codes leave out, wholly or in part.

    >>> data_coverage(["05", "10", "95"], "sni2007", lang="en").split(";")[0]
    'not in the data: sections A, D–R, T–U'
    """
    if scheme != "sni2007":
        return ""
    present = frozenset(d for code in codes if code != "TOTAL" for d in divisions_of(code))
    absent, partly = [], []
    for section in industries("section"):
        inside = sorted(section.divisions & present)
        if not inside:
            absent.append(section.code)
        elif len(inside) < len(section.divisions):
            partly.append(
                gettext(
                    "of section {section} only {divisions}",
                    lang,
                    section=section.code,
                    divisions=", ".join(inside),
                )
            )
    if not absent and not partly:
        return gettext("the data cover every section", lang)
    parts = (
        [gettext("not in the data: sections {sections}", lang, sections=", ".join(_runs(absent)))]
        if absent
        else []
    )
    return "; ".join(parts + partly)


def _year(table: Any, measure: str, year: int | None) -> int:
    years = sorted(int(y) for y in table.select(measure=measure).frame.year.unique())
    if year is None:
        return years[-1]
    if int(year) not in years:
        raise InputError(
            gettext(
                "the year is not in the data; years in it: {years}",
                years=", ".join(map(str, years)),
            ),
            column="year",
            value=year,
        )
    return int(year)


def _blank_cells(table: Any, code: str, measure: str, year: int) -> int:
    cells = table.select(region=code, measure=measure, year=year).frame
    return int(cells.flag.isin(["suppressed", "missing"]).sum())


def area_report(
    dataset: Any,
    region: str,
    *,
    areas: Mapping[str, Iterable[str]] | None = None,
    year: int | None = None,
    lang: str,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Return the region's scored strength areas (default: Västerbotten's nine) and their context.

    The context says: ``dataset``, ``source``, ``region``, ``region_name``, ``level``, ``counties``
    (held by the region), ``granularity``, ``year``, ``measure``,
    ``regions_in_data``, ``blank_cells`` (the region's suppressed or missing
    cells, left out of its total), ``cells`` and ``coverage`` (sections not
    in the data). Every row carries region, level, granularity, year and
    ``regions`` (the number compared for that area).
    """
    table = dataset.table
    measure = "employed" if "employed" in table.measures else table.measures[0]
    year = _year(table, measure, year)
    found = resolve_area_region(table, region)
    matrix = table.matrix(measure, year)
    scored = evaluate_areas(matrix, areas or seed_areas(), scheme=table.industry_scheme, lang=lang)
    context = {
        "dataset": dataset.name,
        "source": dataset.meta.source,
        "region": found["code"],
        "region_name": found["name"],
        "level": found["level"],
        "counties": found["counties"],
        "granularity": granularity(matrix.columns.astype(str), table.industry_scheme),
        "year": year,
        "measure": measure,
        "regions_in_data": int(matrix.shape[0]),
        "blank_cells": _blank_cells(table, found["code"], measure, year),
        "cells": int(matrix.shape[1]),
        "coverage": data_coverage(matrix.columns.astype(str), table.industry_scheme, lang),
    }
    mine = scored[scored.region == found["code"]].reset_index(drop=True)
    return _with_context(mine, context), context


def _with_context(rows: pd.DataFrame, context: Mapping[str, Any]) -> pd.DataFrame:
    keep = ["dataset", "region_name", "level", "granularity", "year", "measure", "coverage"]
    held = ", ".join(context["counties"])
    return rows.assign(**{key: context[key] for key in keep}, region_counties=held)
