"""Named recipes: the SCB tables the analysis needs, fetched and joined without table ids.

``employment`` — employed persons aged 16+ by region of work (day
population), SNI 2007 industry, sex and year, from three SCB series:

========== ========= =========== ===============================================
series     years     table (v2)  what it is
========== ========= =========== ===============================================
rams       2008–2018 TAB900      RAMS (AM0207, ``AM0207K/DagSNI07KonK`` in v1)
rams_2019  2019–2021 TAB5837     RAMS, new method (``AM0207Z/DagSni07KonKN``)
bas        2020–     TAB3204     BAS, register-based labour-market statistics
                                 (AM0210), which replaced RAMS
========== ========= =========== ===============================================

Level ``groups`` is SNI 2007 as these tables publish it (sections and
groups such as ``B+C``). Level ``sni2`` (2-digit divisions) looks the
tables up in SCB's table search, because their ids are not fixed here; if
SCB publishes none, the recipe says so. The series are joined with
:func:`s3atlas.stats.series.join_series`: breaks flagged, overlap values
kept side by side, never silently spliced.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from s3atlas.errors import InputError, NotFoundError, S3AtlasError
from s3atlas.i18n import gettext as _
from s3atlas.io.mapping import sex_code
from s3atlas.io.pxweb2 import PxWeb2Client, TableMeta, Variable, _classified, to_dataset
from s3atlas.stats.model import Dataset, DatasetMeta, StatTable
from s3atlas.stats.series import SeriesJoin, join_series

__all__ = [
    "LEVELS",
    "RECIPES",
    "Recipe",
    "RecipePart",
    "add_sex_total",
    "fetch_recipe",
    "recipe",
]

LEVELS = ("groups", "sni2")
_TOTAL_WORDS = ("totalt", "samtliga", "total", "tot")


@dataclass(frozen=True)
class RecipePart:
    """One SCB table of a recipe: a fixed id, or a table search for levels without one."""

    series: str
    first: int
    last: int | None
    table: str = ""
    search: str = ""


@dataclass(frozen=True)
class Recipe:
    """A named, documented way to fetch one measure from several SCB tables."""

    name: str
    level: str
    measure: str
    title: str
    parts: tuple[RecipePart, ...]


_EMPLOYMENT_TITLE = "Employed persons 16+ by region of work, SNI 2007, sex and year (RAMS, BAS)"

RECIPES: dict[tuple[str, str], Recipe] = {
    ("employment", "groups"): Recipe(
        "employment",
        "groups",
        "employed",
        _EMPLOYMENT_TITLE,
        (
            RecipePart("rams", 2008, 2018, table="TAB900"),
            RecipePart("rams_2019", 2019, 2021, table="TAB5837"),
            RecipePart("bas", 2020, None, table="TAB3204"),
        ),
    ),
    ("employment", "sni2"): Recipe(
        "employment",
        "sni2",
        "employed",
        _EMPLOYMENT_TITLE,
        (
            RecipePart("rams", 2008, 2018, search="förvärvsarbetande dagbefolkning SNI 2007"),
            RecipePart("bas", 2019, None, search="sysselsatta arbetsställe SNI 2007"),
        ),
    ),
}


def recipe(name: str, level: str) -> Recipe:
    """Return the recipe *name* at *level*, or say which recipes and levels there are."""
    found = RECIPES.get((name, level))
    if found is None:
        known = ", ".join(sorted({f"{n} (--level {lv})" for n, lv in RECIPES}))
        raise NotFoundError(_("no such recipe; recipes: {known}", known=known), value=name)
    return found


def _is_industry(code: str, level: str) -> bool:
    if level == "sni2" and not (len(code) == 2 and code.isdigit()):
        return False
    return _classified(code)


def _is_sex(code: str) -> bool:
    try:
        sex_code(code)
    except S3AtlasError:
        return False
    return True


def _regions(variable: Variable, wanted: Sequence[str] | None, geo: str) -> list[str]:
    width = 2 if geo == "county" else 4
    codes = [c for c in variable.codes if len(c) == width and c.isdigit() and c != "00"]
    if wanted:
        codes = [c for c in codes if any(c.startswith(w) for w in wanted)]
    if not codes:
        why = (
            _("the table has no county with these codes")
            if geo == "county"
            else _("the table has no municipality with these codes")
        )
        raise InputError(
            why,
            column="region",
            value=",".join(wanted or []),
        )
    return codes


def _total_code(variable: Variable) -> list[str]:
    for code in variable.codes:
        text = f"{code} {variable.labels.get(code, '')}".casefold()
        if any(word in text.split() for word in _TOTAL_WORDS):
            return [code]
    raise InputError(
        _(
            "cannot tell which value of {variable} is the total; fetch the table by its id "
            "with --select",
            variable=variable.code,
        ),
        column=variable.code,
    )


def _contents(variable: Variable) -> list[str]:
    if len(variable.codes) == 1:
        return variable.codes
    work = [c for c in variable.codes if "bostad" not in variable.labels.get(c, "").casefold()]
    if len(work) == 1:
        return work
    raise InputError(
        _("the table has several measures; fetch it by its id with --select ContentsCode=…"),
        column=variable.code,
        value=",".join(variable.codes),
    )


def part_selection(
    meta: TableMeta,
    part: RecipePart,
    level: str,
    regions: Sequence[str] | None,
    geo: str,
    years: Sequence[int] | None,
) -> dict[str, list[str]] | None:
    """Return the selection of one recipe table, or None when it has none of the years."""
    out: dict[str, list[str]] = {}
    for variable in meta.variables:
        if variable.role == "region":
            out[variable.code] = _regions(variable, regions, geo)
        elif variable.role == "industry":
            out[variable.code] = [c for c in variable.codes if _is_industry(c, level)]
        elif variable.role == "sex":
            out[variable.code] = [c for c in variable.codes if _is_sex(c)]
        elif variable.role == "year":
            last = part.last or 9999
            picked = [
                c
                for c in variable.codes
                if c.isdigit() and part.first <= int(c) <= last and (not years or int(c) in years)
            ]
            if not picked:
                return None
            out[variable.code] = picked
        elif variable.role == "measure":
            out[variable.code] = _contents(variable)
        elif not variable.elimination:
            out[variable.code] = _total_code(variable)
    return out


def add_sex_total(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``total`` = men + women where a table publishes the sexes but no total.

    A total is suppressed when a part is suppressed, missing when a part is
    missing; its source says it was added up.

    >>> frame = pd.DataFrame({"region": "24", "industry": "C", "year": 2018,
    ...     "measure": "employed", "sex": ["men", "women"], "value": [7.0, 3.0],
    ...     "flag": "ok", "source": "SCB"})
    >>> add_sex_total(frame).query("sex == 'total'")[["value", "flag"]].values.tolist()
    [[10.0, 'ok']]
    """
    if "sex" not in frame.columns or (frame.sex == "total").any():
        return frame
    key = ["region", "industry", "year", "measure"]
    parts = frame[frame.sex.isin(["men", "women"])]
    grouped = parts.groupby(key, sort=False)
    total = grouped.agg(
        value=("value", lambda v: v.sum() if v.notna().all() and len(v) == 2 else np.nan),
        suppressed=("flag", lambda f: (f == "suppressed").any()),
        source=("source", "first"),
    ).reset_index()
    total["flag"] = np.where(
        total.value.notna(), "ok", np.where(total.suppressed, "suppressed", "missing")
    )
    total["sex"] = "total"
    total["source"] = total.source + "; " + _("total = men + women")
    return pd.concat([frame, total.drop(columns="suppressed")], ignore_index=True)


def _find(client: PxWeb2Client, part: RecipePart, level: str, refresh: bool) -> TableMeta:
    if part.table:
        return client.metadata(part.table, refresh=refresh)
    for hit in client.search(part.search):
        meta = client.metadata(str(hit.get("id")), refresh=refresh)
        industry = meta.variable("industry")
        if (
            industry
            and meta.variable("region")
            and any(_is_industry(c, level) for c in industry.codes)
        ):
            return meta
    raise NotFoundError(
        _("SCB's table search found no table for this recipe at this level; try --level groups"),
        value=part.search,
    )


@dataclass(frozen=True)
class RecipeResult:
    """A fetched recipe: the dataset to save and the join that made it."""

    dataset: Dataset
    join: SeriesJoin
    tables: list[str]


def fetch_recipe(
    client: PxWeb2Client,
    chosen: Recipe,
    *,
    name: str,
    regions: Sequence[str] | None = None,
    geo: str = "county",
    years: Sequence[int] | None = None,
    refresh: bool = False,
) -> RecipeResult:
    """Fetch every table of a recipe and join them into one flagged series."""
    parts, tables, retrieved = [], [], []
    for part in chosen.parts:
        meta = _find(client, part, chosen.level, refresh)
        selection = part_selection(meta, part, chosen.level, regions, geo, years)
        if selection is None:
            continue
        answers = client.fetch(meta.id, selection, refresh=refresh)
        dataset = to_dataset(meta, answers, name=name, measure=chosen.measure)
        parts.append((part.series, add_sex_total(dataset.table.frame)))
        tables.append(meta.id)
        retrieved.append(dataset.meta.retrieved)
    if not parts:
        raise NotFoundError(_("no table of the recipe covers these years"), column="years")
    join = join_series(parts, measure=chosen.measure)
    table = StatTable.build(join.chained(), geo, "sni2007")
    note = _(
        "Joined from SCB tables {tables}. Each year comes from the newest series that covers "
        "it; in overlap years the older series' values are kept as the measure "
        "{measure}_<series>.",
        tables=", ".join(tables),
        measure=chosen.measure,
    )
    info = DatasetMeta(
        title=_(chosen.title),
        source=_(
            "{agency}, table {table}; {url}; retrieved {date}",
            agency="SCB",
            table=" + ".join(tables),
            url=f"{client.base_url}/tables",
            date=min(retrieved)[:10],
        ),
        licence="CC0 1.0",
        url="https://www.statistikdatabasen.scb.se/",
        notes=note,
        retrieved=min(retrieved),
        series_break=join.describe(),
    )
    return RecipeResult(Dataset(name, table, info), join, tables)
