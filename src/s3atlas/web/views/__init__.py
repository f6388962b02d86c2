"""The views of the web app, one module per page family.

``ROUTERS`` are the HTML pages (and their htmx fragments); ``API_ROUTERS`` are
mounted under ``/api`` and appear in ``/api/openapi.json``. Add a module by
importing it here and appending its ``router``.
"""

from s3atlas.web.views import (
    actors,
    api,
    area,
    area_links,
    auth_views,
    borrowing,
    clusters,
    downloads,
    embed,
    map_export,
    monitoring,
    national,
    national_downloads,
    priorities_page,
    region,
    workshop,
)

__all__ = ["API_ROUTERS", "ROUTERS"]

ROUTERS = [
    national.router,
    national_downloads.router,
    auth_views.router,
    region.router,
    area.router,
    area_links.router,
    actors.router,
    downloads.router,
    map_export.router,
    clusters.router,
    priorities_page.router,
    borrowing.router,
    workshop.router,
    monitoring.router,
    embed.router,
]

API_ROUTERS = [
    api.router,
    borrowing.api_router,
    monitoring.api_router,
]
