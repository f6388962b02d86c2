"""Candidate partners for interregional collaboration, with the reasons for each.

A partner is scored on three things a strategist can check:

* shared themes: the Jaccard similarity J of the two regions' theme sets,
* geography: whether the counties share a land border,
* complementary measured strength: the share of the region's declared themes
  in which the partner is measurably strong (e.g. LQ ≥ 1) and the region is not
  — capacity the region could borrow (Tillväxtverket's question for
  system-unique functions: "can other regions borrow its capacity?").

score = w_shared · J + w_neighbour · [neighbours]
        + w_complement · (complementary themes ÷ declared themes)

with weights 1, 0.25 and 0.5 by default. Each partner says why as reason codes
(``shared``, ``neighbour``, ``complementary``) beside the theme ids they rest on;
:func:`s3atlas.priorities.labels.partner_reasons` puts them into words.

Measured strength is optional (a region × theme table, e.g.
:func:`s3atlas.priorities.fit.measured_strength`, or a callable returning one), so
the overview works before statistics are loaded.

County borders: ``data/classification/county_neighbours.csv``, written from
Lantmäteriet's county boundaries (*länsgränser*, GSD-Översiktskartan); only
land borders count, so borders that run only through water (Mälaren between
Uppsala and Södermanland, Vättern between Östergötland and Västra Götaland)
and Gotland have none. Cross-checked against the shared boundaries of
Eurostat's NUTS 2021 level-3 polygons.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Any

import pandas as pd

from s3atlas.classifications import counties, find_region
from s3atlas.priorities.overlap import region_similarity, region_theme_matrix

__all__ = ["PARTNER_COLUMNS", "county_neighbours", "neighbours_of", "partners"]

PARTNER_COLUMNS = [
    "county_code",
    "partner_code",
    "partner",
    "score",
    "similarity",
    "shared_themes",
    "neighbour",
    "complementary_themes",
    "reason_codes",
]
Measured = pd.DataFrame | Callable[[], pd.DataFrame]


@cache
def county_neighbours() -> pd.DataFrame:
    """Return the county pairs that share a land border, both ways: county_code, neighbour_code.

    >>> pairs = county_neighbours()
    >>> sorted(pairs[pairs.county_code == "25"].neighbour_code)
    ['24']
    """
    path = files("s3atlas.data").joinpath("classification/county_neighbours.csv")
    with path.open(encoding="utf-8") as handle:
        rows = [(r["county_code"], r["neighbour_code"]) for r in csv.DictReader(handle)]
    both = rows + [(b, a) for a, b in rows]
    frame = pd.DataFrame(sorted(set(both)), columns=["county_code", "neighbour_code"])
    return frame


def neighbours_of(region: str) -> list[str]:
    """Return the county codes that share a land border with *region* (code or name).

    >>> neighbours_of("Kalmar")
    ['05', '06', '07', '10']
    """
    code = find_region(region).county_code or ""
    pairs = county_neighbours()
    return sorted(pairs[pairs.county_code == code].neighbour_code)


def _strong(measured: pd.DataFrame | None, threshold: float) -> dict[str, set[str]]:
    if measured is None:
        return {}
    table = measured.copy()
    table.index = table.index.astype(str)
    return {
        str(code): {str(t) for t, v in row.items() if pd.notna(v) and v >= threshold}
        for code, row in table.iterrows()
    }


def _reason_codes(shared: list[str], neighbour: bool, complementary: list[str]) -> str:
    """The reasons a partner is suggested, as ``"; "``-joined codes."""
    flags = (
        ("shared", bool(shared)),
        ("neighbour", neighbour),
        ("complementary", bool(complementary)),
    )
    return "; ".join(code for code, given in flags if given)


def partners(
    classified: pd.DataFrame,
    region: str,
    measured: Measured | None = None,
    *,
    strength_threshold: float = 1.0,
    weights: tuple[float, float, float] = (1.0, 0.25, 0.5),
    top: int | None = None,
) -> pd.DataFrame:
    """Return candidate partners of *region*, best first, with the reason codes
    (:data:`PARTNER_COLUMNS`).

    Parameters
    ----------
    classified : DataFrame
        Output of :func:`~s3atlas.priorities.classify.classify_priorities` for all regions.
    region : str
        The region, as a code or a name.
    measured : DataFrame or callable, optional
        Measured strength per region (index: county code) × theme (columns);
        a theme counts as strong at ``>= strength_threshold``.
    weights : (shared, neighbour, complement)
        Weights of the three parts of the score.
    top : int, optional
        Keep the best *top* partners.

    Examples
    --------
    >>> from s3atlas.priorities.classify import classify_priorities
    >>> from s3atlas.seeddata import declared_priorities
    >>> best = partners(classify_priorities(declared_priorities()), "Gotland", top=1)
    >>> best[["partner", "score", "shared_themes", "reason_codes"]].values.tolist()
    [['Kalmar', 0.667, 'food; visitor_economy', 'shared']]
    """
    code = find_region(region).county_code or ""
    matrix = region_theme_matrix(classified)
    themes = {c: set(matrix.columns[matrix.loc[c] > 0]) for c in matrix.index}
    mine = themes.get(code, set())
    similarity = region_similarity(matrix)
    table = measured() if callable(measured) else measured
    strong = _strong(table, strength_threshold)
    near = set(neighbours_of(code)) if code else set()
    names = dict(zip(counties().county_code, counties().short_name, strict=True))
    rows = []
    for other in sorted(set(names) - {code}):
        shared = [t for t in matrix.columns if t in mine and t in themes.get(other, set())]
        complementary = [
            t
            for t in matrix.columns
            if t in mine and t in strong.get(other, set()) and t not in strong.get(code, set())
        ]
        sim = _similarity(similarity, code, other)
        score = (
            weights[0] * sim
            + weights[1] * (other in near)
            + weights[2] * (len(complementary) / len(mine) if mine else 0.0)
        )
        if score > 0:
            rows.append(
                {
                    "county_code": code,
                    "partner_code": other,
                    "partner": names[other],
                    "score": round(score, 3),
                    "similarity": round(sim, 3),
                    "shared_themes": "; ".join(shared),
                    "neighbour": other in near,
                    "complementary_themes": "; ".join(complementary),
                    "reason_codes": _reason_codes(shared, other in near, complementary),
                }
            )
    return _ranked(rows, top)


def _similarity(similarity: pd.DataFrame, code: str, other: str) -> float:
    """The similarity of two regions' declared themes (0 where either declares none)."""
    if code in similarity.index and other in similarity.index:
        value: Any = similarity.loc[code, other]  # a float; the stubs type a cell as any scalar
        return float(value)
    return 0.0


def _ranked(rows: list[dict[str, Any]], top: int | None) -> pd.DataFrame:
    """The partner rows as a table, best score first (ties by code), the best *top* kept."""
    frame = pd.DataFrame(rows, columns=PARTNER_COLUMNS)
    frame = frame.sort_values(["score", "partner_code"], ascending=[False, True]).reset_index(
        drop=True
    )
    return frame.head(top) if top else frame
