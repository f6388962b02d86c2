"""The embeddable ecosystem map of a strength area: a page for an iframe and a file to keep.

``GET /region/{region_code}/area/{area_id}/embed`` is the network alone with a line that
names the map, credits s3atlas and links back to the full page; it may be shown in a frame
on any site (its own ``frame-ancestors *``), and only where anonymous visitors may read the
region. ``GET /region/{region_code}/area/{area_id}/map.html`` is the same map as one HTML
file with the network library, the drawing script and the styles inside it, to open from
disk or put on an intranet. The static site keeps both beside the area page.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from markupsafe import Markup
from starlette.responses import Response

from s3atlas.classifications import find_region
from s3atlas.present.area import area_view
from s3atlas.web.deps import get_store, render, require_map_reader
from s3atlas.web.i18n import language_of
from s3atlas.web.page_cache import shared_page
from s3atlas.web.views.downloads import attachment

__all__ = ["EMBED_CSP", "router"]

router = APIRouter()

EMBED_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors *; base-uri 'self'; "
    "form-action 'self'"
)
"""The app's content security policy, except that any site may frame the embedded map."""

_INLINE = ("vendor/cytoscape.min.js", "js/app.js")
_STYLES = ("css/app.css", "css/pages.css")


def _static(name: str) -> Markup:
    from s3atlas.web.app import STATIC_DIR

    text = (STATIC_DIR / name).read_text(encoding="utf-8")
    return Markup(text.replace("</script", "<\\/script"))  # the package's own files


def _values(request: Request, region_code: str, area_id: str, round: str | None) -> dict[str, Any]:
    region = find_region(region_code)
    view = area_view(get_store(request), region.code, area_id, round, language_of(request))
    back = request.url_for("area_page", region_code=region.code, area_id=view.area_id)
    return {"region": region, "view": view, "round": view.snapshot.round or "", "back_url": back}


@router.get(
    "/region/{region_code}/area/{area_id}/embed",
    name="area_embed",
    dependencies=[Depends(shared_page)],
)
def area_embed(
    request: Request,
    region_code: str,
    area_id: str,
    round: str | None = None,
    _reader: Any = Depends(require_map_reader),
) -> Response:
    """The ecosystem map alone, for an iframe, with attribution and a link back."""
    response = render(
        request, "embed.html", inline=False, **_values(request, region_code, area_id, round)
    )
    response.headers["content-security-policy"] = EMBED_CSP
    response.headers["x-frame-options"] = "ALLOWALL"  # ignored by browsers: the CSP decides
    return response


@router.get("/region/{region_code}/area/{area_id}/map.html", name="area_map_file")
def area_map_file(
    request: Request,
    region_code: str,
    area_id: str,
    round: str | None = None,
    _reader: Any = Depends(require_map_reader),
) -> Response:
    """The ecosystem map as one self-contained, interactive HTML file."""
    values = _values(request, region_code, area_id, round)
    page = render(
        request,
        "embed.html",
        inline=True,
        scripts=[_static(n) for n in _INLINE],
        styles=[_static(n) for n in _STYLES],
        **values,
    )
    name = f"ecosystem-{values['region'].code}-{values['view'].area_id}.html"
    return attachment(bytes(page.body), "text/html; charset=utf-8", name)
