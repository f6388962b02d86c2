"""The app factory: pages, the ``/api`` sub-app, static files, sessions, language and errors."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.sessions import SessionMiddleware

from s3atlas import __version__
from s3atlas.store import open_store
from s3atlas.store.limits import text_limit
from s3atlas.web.deps import TEMPLATES_DIR, WebContext
from s3atlas.web.errors import install_error_handlers
from s3atlas.web.i18n import LanguageMiddleware, install_jinja
from s3atlas.web.middleware import ErrorBoundary, HeadAsGet
from s3atlas.web.openapi import install_error_docs
from s3atlas.web.page_cache import PageCacheMiddleware
from s3atlas.web.security import SecurityHeadersMiddleware, check_csrf, load_secret_key
from s3atlas.web.warm import warming
from s3atlas.workspace import resolve_workspace

__all__ = [
    "SECURE_COOKIES_ENV",
    "SESSION_COOKIE",
    "STATIC_DIR",
    "app_from_environment",
    "create_app",
]

STATIC_DIR = Path(__file__).parent / "static"
SESSION_COOKIE = "s3atlas_session"
SESSION_MAX_AGE = 8 * 3600
SECURE_COOKIES_ENV = "S3ATLAS_SECURE_COOKIES"
log = logging.getLogger("s3atlas.web")


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    install_jinja(templates.env)
    templates.env.globals["version"] = __version__
    templates.env.globals["maxlength"] = text_limit  # form limits come from the schema
    return templates


def _api(context: WebContext) -> FastAPI:
    from s3atlas.web.views import API_ROUTERS

    api = FastAPI(
        title="s3atlas API",
        version=__version__,
        description="Read (and, with the right role, edit) regional smart-specialisation data. "
        'Errors always have the shape {"error": code, "message": ..., "detail": ...}.',
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(check_csrf)],
    )
    api.state.context = context
    install_error_handlers(api)
    install_error_docs(api)
    for router in API_ROUTERS:
        api.include_router(router)
    return api


def create_app(
    workspace: Path | None = None,
    db_url: str | None = None,
    *,
    secure_cookies: bool = False,
    warm: bool = False,
) -> FastAPI:
    """Return the web app over *workspace* (default: ``S3ATLAS_WORKSPACE`` or the user data dir).

    Parameters
    ----------
    workspace : Path, optional
        The workspace directory; created when missing.
    db_url : str, optional
        The store URL (default: ``S3ATLAS_DB`` or SQLite in the workspace).
    secure_cookies : bool
        Mark the session cookie ``Secure`` (serve over HTTPS or beyond the loopback interface).
    warm : bool
        On start-up, compute the costly pages once in the background (:mod:`s3atlas.web.warm`),
        as ``s3atlas serve`` does for each worker.
    """
    from s3atlas.web.views import ROUTERS

    space = resolve_workspace(workspace).ensure()
    store = open_store(space.db_url(db_url))
    context = WebContext(space, store, _templates(), secure_cookies=secure_cookies)
    app = FastAPI(
        title="s3atlas",
        version=__version__,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(check_csrf)],
        lifespan=warming if warm else None,
    )
    app.state.context = context
    install_error_handlers(app)
    app.mount("/api", _api(context), name="api")
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    for router in ROUTERS:
        app.include_router(router)
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(PageCacheMiddleware, store=store)  # inside the session, outside gzip
    app.add_middleware(
        SessionMiddleware,
        secret_key=load_secret_key(space.root),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=secure_cookies,
    )
    app.add_middleware(LanguageMiddleware)
    app.add_middleware(ErrorBoundary)  # inside the headers: a 500 carries them too
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(HeadAsGet)
    return app


def app_from_environment() -> FastAPI:
    """Return the app over ``S3ATLAS_WORKSPACE`` and ``S3ATLAS_DB`` (the factory of each worker).

    ``s3atlas serve --workers N`` sets these, and ``S3ATLAS_SECURE_COOKIES`` (``1``/``0``),
    before uvicorn starts the worker processes.
    """
    return create_app(secure_cookies=os.environ.get(SECURE_COOKIES_ENV) == "1", warm=True)
