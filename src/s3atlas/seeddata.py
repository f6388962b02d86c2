"""Facts from the seed documents, bundled: declared S3 priorities and Västerbotten's strength areas.

Sources: Tillväxtverket, *Smart specialisering i 21 regioner* (2018), and
Region Västerbotten, *Framtidens många innovationsekosystem* (see
``data/SOURCES.md``).
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib.resources import files
from typing import Any

import pandas as pd
import yaml

__all__ = ["declared_priorities", "vasterbotten_strength_areas"]


@cache
def declared_priorities() -> pd.DataFrame:
    """Return the 80 declared priorities of the 21 regions: county_code, region, priority.

    >>> frame = declared_priorities()
    >>> len(frame), frame.county_code.nunique()
    (80, 21)
    """
    path = files("s3atlas.data").joinpath("seed/s3_priorities_2018.csv")
    # newline="" for the csv module; Traversable.open takes no newline, so wrap the bytes
    with io.TextIOWrapper(path.open("rb"), encoding="utf-8", newline="") as handle:
        return pd.DataFrame(list(csv.DictReader(handle)), dtype=str)


@cache
def vasterbotten_strength_areas() -> dict[str, Any]:
    """Return the Västerbotten seed: region, strength areas (SNI, actors, functions, insights),
    lessons.

    >>> seed = vasterbotten_strength_areas()
    >>> [area["name"] for area in seed["strength_areas"]][:2]
    ['Skoglig bioekonomi', 'Life Science']
    """
    path = files("s3atlas.data").joinpath("seed/vasterbotten_strength_areas.yaml")
    with path.open(encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle))
