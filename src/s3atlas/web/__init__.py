"""The s3atlas web app: FastAPI pages (Jinja2 + htmx), the JSON API under ``/api`` and accounts.

Start it with ``s3atlas serve`` (or ``s3atlas demo``), or build it in code::

    from s3atlas.web import create_app
    app = create_app(workspace=Path("my-workspace"))
"""

from s3atlas.web.app import create_app

__all__ = ["create_app"]
