"""Measured specialisation per theme: the region × theme LQs that partner matching reads.

A theme is a set of SNI 2007 divisions (``themes.yaml``). It is matched
against the data's codes with the same matcher, and measured with the same
group LQ, as a declared priority (:mod:`s3atlas.analysis.fit`, which holds the
one priority-fit method): a theme whose divisions lie only inside wider codes
(``B+C`` holds 29 divisions) is not measured, so nobody reads a ``B+C`` LQ as
a strength in textiles.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from s3atlas.analysis.fit import group_lq
from s3atlas.analysis.profile import analysis_frames
from s3atlas.analysis.strengthareas import area_coverage
from s3atlas.priorities.themes import Taxonomy, load_taxonomy

__all__ = ["measured_strength", "theme_coverage"]


def theme_coverage(industry_codes: list[str], taxonomy: Taxonomy | None = None) -> pd.DataFrame:
    """Return how the data's codes measure each theme: theme, resolution, codes, wider_codes.

    >>> codes = ["A", "B+C", "D+E", "F", "I", "L", "M+N"]
    >>> table = theme_coverage(codes).set_index("theme")
    >>> table.loc["transport_logistics", ["resolution", "codes"]].tolist()
    ['absent', '']
    >>> table.loc["energy_cleantech", ["resolution", "codes", "wider_codes"]].tolist()
    ['coarser', 'D+E', 'B+C']
    >>> table.loc["forest_bioeconomy", ["resolution", "wider_codes"]].tolist()
    ['coarser', 'A, B+C']
    """
    taxonomy = taxonomy or load_taxonomy()
    rows = []
    for theme in taxonomy.themes:
        cov = area_coverage(theme.divisions, industry_codes)
        resolution = (
            "coarser"
            if cov["coarser"]
            else "incomplete"
            if cov["missing"] and cov["exact"]
            else "exact"
            if cov["exact"]
            else "absent"
        )
        rows.append(
            {
                "theme": theme.id,
                "resolution": resolution,
                "codes": ", ".join(cov["exact"]),
                "wider_codes": ", ".join(cov["coarser"]),
            }
        )
    return pd.DataFrame(rows, columns=["theme", "resolution", "codes", "wider_codes"])


def measured_strength(dataset: Any = None, taxonomy: Taxonomy | None = None) -> pd.DataFrame:
    """Return region × theme LQs where the data measure the theme (NaN elsewhere).

    Defaults to the default dataset's latest year (SCB RAMS 2018); this is the
    ``measured`` table :func:`s3atlas.priorities.partners.partners` takes.

    >>> strength = measured_strength()
    >>> bool(strength["textiles"].isna().all())
    True
    >>> round(float(strength.loc["25", "transport_logistics"]), 2)
    1.1
    """
    from s3atlas.stats import DEFAULT_DATASET, load_dataset

    end = analysis_frames(dataset if dataset is not None else load_dataset(DEFAULT_DATASET))["end"]
    coverage = theme_coverage([str(c) for c in end.columns], taxonomy)
    out = pd.DataFrame(index=end.index.astype(str))
    for row in coverage.itertuples():
        codes = [c for c in str(row.codes).split(", ") if c]
        usable = row.resolution in ("exact", "incomplete") and codes
        out[row.theme] = (
            [group_lq(end, codes, region) for region in end.index] if usable else np.nan
        )
    out.columns.name = "theme"
    return out
