"""County indicators of the national overview: one number per county, from bundled statistics.

Employed persons and the share in mining and manufacturing come from SCB's
RAMS 2018 (table AM0207I6), R&D spending per inhabitant from Kolada (RKA,
N85085–N85087, 2021), and the number of declared priorities from the regions'
lists (Tillväxtverket 2018, or a newer stored list). Labels are English message
ids; the command line and the web translate them.

Examples
--------
>>> int(indicator_values("employed").sum())  # SCB RAMS 2018, national total
4920748
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from s3atlas.classifications import counties
from s3atlas.errors import InputError
from s3atlas.i18n import format_number, format_percent_value, gettext
from s3atlas.seeddata import declared_priorities

__all__ = ["DEFAULT_INDICATOR", "INDICATORS", "Indicator", "county_indicator", "indicator_values"]


@dataclass(frozen=True)
class Indicator:
    """A county indicator the national map can show."""

    key: str
    label: str
    source: str
    percent: bool = False
    decimals: int = 0

    def format(self, value: float | None, lang: str) -> str:
        """*value* as the reader's language writes it (a percentage where the indicator is one)."""
        if self.percent:
            return format_percent_value(value, self.decimals, lang=lang)
        return format_number(value, self.decimals, lang=lang)


#: The indicator the national map shows unless another is asked for.
DEFAULT_INDICATOR = "employed"

INDICATORS: dict[str, Indicator] = {
    i.key: i
    for i in (
        Indicator("employed", "Employed persons (2018)", "SCB, RAMS (AM0207I6)"),
        Indicator(
            "manufacturing_share",
            "Share employed in mining and manufacturing (2018)",
            "SCB, RAMS (AM0207I6)",
            percent=True,
            decimals=1,
        ),
        Indicator(
            "rd_total", "R&D spending per inhabitant, SEK (2021)", "Kolada (RKA) N85085–N85087"
        ),
        Indicator(
            "rd_business", "Business R&D spending per inhabitant, SEK (2021)", "Kolada (RKA) N85085"
        ),
        Indicator(
            "priorities",
            "Declared priorities (2018)",
            "Tillväxtverket, Smart specialisering i 21 regioner",
        ),
    )
}
"""Indicator key → what it is, where it comes from and how its numbers are written."""


@cache
def _statistics() -> pd.DataFrame:
    from s3atlas.stats import load_dataset

    rams = load_dataset("scb_rams_2018").table.matrix("employed", 2018)
    rd = load_dataset("kolada_rd").table
    parts = {
        m: rd.matrix(m, 2021)["TOTAL"] for m in ("rd_business", "rd_public", "rd_higher_education")
    }
    frame = pd.DataFrame(
        {
            "employed": rams.sum(axis=1),
            "manufacturing_share": rams["B+C"] / rams.sum(axis=1),
            "rd_total": pd.DataFrame(parts).sum(axis=1, min_count=3),
            "rd_business": parts["rd_business"],
        }
    )
    frame.index.name = "code"
    return frame


def _priority_counts(priorities: pd.DataFrame) -> pd.Series:
    codes = counties().county_code
    counts = priorities.groupby("county_code").size().reindex(codes, fill_value=0)
    return counts.astype(float).rename_axis("code")


def indicator_values(key: str, priorities: pd.DataFrame | None = None) -> pd.Series:
    """Return indicator *key* per county code (NaN where missing).

    *priorities*: the lists to count for ``"priorities"`` (default: the bundled 2018 lists).

    >>> int(indicator_values("employed")["24"])
    131393
    """
    if key not in INDICATORS:
        raise InputError(
            gettext("unknown indicator; expected one of {known}", known=", ".join(INDICATORS)),
            column="indicator",
            value=key,
        )
    if key == "priorities":
        return _priority_counts(declared_priorities() if priorities is None else priorities)
    return _statistics()[key]


def county_indicator(key: str, priorities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return one row per county in SCB's order: code, name, short_name, value (NaN if missing).

    >>> county_indicator("priorities").query("code == '24'").value.item()  # six in the 2018 list
    6.0
    """
    values = indicator_values(key, priorities)
    frame = counties()[["county_code", "name", "short_name"]]
    frame = frame.rename(columns={"county_code": "code"})
    return frame.assign(value=values.reindex(frame.code).astype(float).to_numpy())
