"""Which rows an analysis uses: Extra-Regio regions left out, absent pairs left out of the output.

Extra-Regio codes (``SEZ``, ``SEZZ``, ``SEZZZ``; see
:func:`s3atlas.classifications.regions.is_extra_regio`) are not regions:
they hold what belongs to no region of a country. With them, RCA and ECI
compare real regions with an accounting remainder, so complexity leaves them
out unless asked to keep them, and says how many rows it left out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from s3atlas.complexity.encode import Panel, YearMatrix

__all__ = ["LeftOut", "LeftOutNote", "extra_regio_codes", "kept_rows", "without_extra_regio"]


class LeftOutNote(UserWarning):
    """Rows of the input were left out of the analysis; the message says which and how many."""


@dataclass(frozen=True)
class LeftOut:
    """Rows left out of an analysis: how many and the region codes they had."""

    rows: int
    regions: tuple[str, ...]

    def message(self) -> str:
        """The note a person reads, in the current language.

        >>> from s3atlas.i18n import use_language
        >>> with use_language("en"):
        ...     LeftOut(18, ("SEZZZ",)).message()
        'Rows with Extra-Regio codes (SEZZZ) left out of the analysis: 18'
        """
        from s3atlas.i18n import format_number, gettext  # Babel loads only for a note

        return gettext(
            "Rows with Extra-Regio codes ({codes}) left out of the analysis: {rows}",
            codes=", ".join(self.regions),
            rows=format_number(self.rows, 0),
        )


def extra_regio_codes(labels: NDArray[np.object_]) -> NDArray[np.bool_]:
    """True for each region label that is an Extra-Regio code.

    >>> extra_regio_codes(np.array(["SE331", "SEZZZ"], dtype=object)).tolist()
    [False, True]
    """
    from s3atlas.classifications.regions import is_extra_regio

    return np.fromiter((is_extra_regio(str(c)) for c in labels), dtype=bool, count=len(labels))


def without_extra_regio(panel: Panel) -> tuple[Panel, LeftOut]:
    """*panel* without the rows of Extra-Regio regions, and what was left out.

    Nothing is copied when the panel has no Extra-Regio region. The rows
    that stay keep their input row numbers for error messages.
    """
    drop = extra_regio_codes(panel.regions)
    if not drop.any():
        return panel, LeftOut(0, ())
    return _drop_regions(panel, drop)


def _drop_regions(panel: Panel, drop: NDArray[np.bool_]) -> tuple[Panel, LeftOut]:
    keep = ~drop[panel.region_code]
    positions = np.flatnonzero(keep)
    year_of = np.repeat(np.arange(len(panel.years)), np.diff(panel.bounds))
    counts = np.bincount(year_of[positions], minlength=len(panel.years))
    renumber = (np.cumsum(~drop) - 1).astype(np.int32)
    left_out = LeftOut(int(len(keep) - len(positions)), tuple(map(str, panel.regions[drop])))
    return replace(
        panel,
        regions=panel.regions[~drop],
        region_code=renumber[panel.region_code[positions]],
        industry_code=panel.industry_code[positions],
        value=panel.value[positions],
        order=positions if panel.order is None else panel.order[positions],
        bounds=np.concatenate([[0], np.cumsum(counts)]).astype(np.intp),
    ), left_out


def kept_rows(ym: YearMatrix, full_grid: bool) -> NDArray[np.intp] | None:
    """Flat positions of the year's output rows: None for every pair of the grid.

    By default only pairs with an input row are written; ``full_grid`` writes
    every region × industry pair of the year, absent pairs with value 0.
    """
    return None if full_grid else ym.present
