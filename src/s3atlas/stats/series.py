"""Joining time series across a break in source or method, never silently.

SCB's employment statistics changed source twice: RAMS (2008–2018), RAMS
under a new method (2019–2021) and BAS, the register-based labour-market
statistics that replaced RAMS (2020 on). Years that two series both cover
(the *overlap*) show how far the levels differ. :func:`join_series` chains
the series into one — each year from the newest series that covers it — and
keeps everything else visible:

- every cell keeps the series it came from (``series``) and its source;
- ``series_break`` is true in the first year of each new series;
- in overlap years the older series' values are kept too, as the measure
  ``<measure>_<series>`` (for example ``employed_rams_2019``), so both
  values of an overlap year are in the dataset side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from s3atlas.errors import InputError
from s3atlas.i18n import gettext as _

__all__ = ["SeriesBreak", "SeriesJoin", "join_series"]


@dataclass(frozen=True)
class SeriesBreak:
    """Where one series gives way to the next, and the years both cover."""

    year: int
    before: str
    after: str
    overlap: list[int] = field(default_factory=list)

    def describe(self) -> str:
        """Return the break for people, e.g. ``2020: rams_2019 → bas (overlap 2020–2021)``."""
        text = f"{self.year}: {self.before} → {self.after}"
        if self.overlap:
            years = (
                f"{self.overlap[0]}–{self.overlap[-1]}"
                if len(self.overlap) > 1
                else str(self.overlap[0])
            )
            text += " " + _("(overlap {years})", years=years)
        return text


@dataclass(frozen=True)
class SeriesJoin:
    """The joined series: every input cell, flagged, and the breaks between the series."""

    frame: pd.DataFrame
    breaks: list[SeriesBreak]
    measure: str

    def chained(self) -> pd.DataFrame:
        """Return the dataset table: the chained series plus older values of overlap years.

        Older values of overlap years get the measure ``<measure>_<series>``.
        """
        frame = self.frame.copy()
        older = ~frame["chained"]
        frame.loc[older, "measure"] = frame.loc[older, "measure"] + "_" + frame.loc[older, "series"]
        return frame.drop(columns=["series", "series_break", "chained"]).reset_index(drop=True)

    def overlap_totals(self) -> pd.DataFrame:
        """Return year × series totals for the overlap years (sex total only), for people.

        Columns ``year``, ``series``, ``total``; one row per series and overlap year.
        """
        years = sorted({y for b in self.breaks for y in b.overlap})
        part = self.frame[self.frame.year.isin(years) & (self.frame.measure == self.measure)]
        if "sex" in part.columns:
            part = part[part.sex == "total"]
        totals = part.groupby(["year", "series"], sort=True)["value"].sum(min_count=1)
        return totals.rename("total").reset_index()

    def describe(self) -> str:
        """Return all breaks for people, separated by semicolons (empty if none)."""
        return "; ".join(b.describe() for b in self.breaks)


def _years(frame: pd.DataFrame) -> set[int]:
    return {int(y) for y in frame.year.unique()}


def join_series(parts: Sequence[tuple[str, pd.DataFrame]], *, measure: str) -> SeriesJoin:
    """Chain series given oldest first into one, flagging breaks and keeping overlap values.

    Parameters
    ----------
    parts : list of (name, long table)
        Each table has ``region``, ``industry``, ``year``, ``measure``,
        ``value``, ``flag``, ``source`` (and optionally ``sex``), all of
        measure *measure*. Oldest series first.
    measure : str
        The measure of the series (for example ``employed``).

    Returns
    -------
    SeriesJoin
        Every cell with ``series``, ``series_break`` and ``chained`` (the cell
        is the one the joined series uses), and the breaks.

    Examples
    --------
    >>> def part(years, values):
    ...     return pd.DataFrame({"region": "24", "industry": "C", "year": years,
    ...                          "measure": "employed", "value": values, "flag": "ok",
    ...                          "source": ""})
    >>> joined = join_series([("rams", part([2018, 2019], [100.0, 104.0])),
    ...                       ("bas", part([2019, 2020], [101.0, 103.0]))], measure="employed")
    >>> joined.describe()
    '2019: rams → bas (överlapp 2019)'
    >>> for row in joined.chained()[["year", "measure", "value"]].values.tolist():
    ...     print(row)
    [2018, 'employed', 100.0]
    [2019, 'employed', 101.0]
    [2019, 'employed_rams', 104.0]
    [2020, 'employed', 103.0]
    """
    if not parts:
        raise InputError(_("no series to join"), column="series")
    names = [name for name, _frame in parts]
    if len(set(names)) != len(names):
        raise InputError(_("series names must differ"), column="series", value=names)
    covered = [_years(frame) for _name, frame in parts]
    newest = {}
    for index, years in enumerate(covered):
        newest.update(dict.fromkeys(years, index))
    frames, breaks = [], []
    for index, (name, frame) in enumerate(parts):
        out = frame.copy()
        out["series"] = name
        start = min(covered[index]) if covered[index] else None
        out["series_break"] = (index > 0) & (out.year == start)
        out["chained"] = out.year.map(newest) == index
        frames.append(out)
        if index > 0 and start is not None:
            overlap = sorted(covered[index - 1] & covered[index])
            breaks.append(SeriesBreak(start, names[index - 1], name, overlap))
    frame = pd.concat(frames, ignore_index=True)
    sort = ["year", "region", "industry"] + (["sex"] if "sex" in frame.columns else [])
    frame = frame.sort_values([*sort, "series"], kind="stable").reset_index(drop=True)
    return SeriesJoin(frame, breaks, measure)
