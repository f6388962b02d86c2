"""The ecosystem map of a region as a file: GEXF (Gephi), Kumu JSON or an Excel workbook.

``GET /region/{region_code}/map.{gexf|json|xlsx}?round=…`` writes the round's
snapshot with the exporters of :mod:`s3atlas.ecosystem.io.graph` and
:mod:`s3atlas.ecosystem.io.tables` (the same files ``s3atlas ecosystem export``
writes), for whoever may read the region's map.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from s3atlas.classifications import find_region
from s3atlas.ecosystem.store.queries import build_snapshot
from s3atlas.i18n import gettext
from s3atlas.viz.downloads import download_name
from s3atlas.web.deps import get_store, require_map_reader
from s3atlas.web.i18n import language_of
from s3atlas.web.views.downloads import attachment, split_filename

__all__ = ["FORMATS", "map_file_url", "router"]

router = APIRouter()

FORMATS: dict[str, tuple[str, str]] = {
    "gexf": ("gexf", "application/gexf+xml"),
    "json": ("kumu", "application/json"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
"""File ending → (exporter format, media type)."""


def map_file_url(region_code: str, fmt: str, round_name: str | None = None) -> str:
    """The URL of the map file.

    >>> map_file_url("24", "gexf", "2025")
    '/region/24/map.gexf?round=2025'
    """
    return f"/region/{region_code}/map.{fmt}" + (f"?round={round_name}" if round_name else "")


def _write(snapshot: Any, exporter: str, path: Path) -> bytes:
    from s3atlas.ecosystem.io import graph as io_graph
    from s3atlas.ecosystem.io import tables as io_tables

    if exporter == "xlsx":
        io_tables.write_workbook(snapshot, path)
    else:
        io_graph.write_graph(snapshot, path, exporter)
    return path.read_bytes()


@router.get("/region/{region_code}/map.{fmt}", name="map_file")
def map_file(
    request: Request,
    region_code: str,
    fmt: str,
    round: str | None = None,
    _reader: Any = Depends(require_map_reader),
) -> Response:
    """The round's ecosystem map for Gephi, Kumu or Excel."""
    _name, fmt = split_filename(f"map.{fmt}", tuple(FORMATS))
    region = find_region(region_code)
    lang = language_of(request)
    snapshot = build_snapshot(get_store(request), region.code, round or None)
    exporter, media_type = FORMATS[fmt]
    with tempfile.TemporaryDirectory() as folder:
        body = _write(snapshot, exporter, Path(folder) / f"map.{fmt}")
    stem = f"{region.short_name} {gettext('Ecosystem map', lang)} {snapshot.round or ''}"
    return attachment(body, media_type, download_name(stem, fmt))
