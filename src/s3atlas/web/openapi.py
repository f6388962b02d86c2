"""The API's OpenAPI document tells the whole truth about errors.

FastAPI documents only its own 422 body (``HTTPValidationError``), which is not
the shape the API answers with. :func:`install_error_docs` replaces it: every
operation lists the statuses it can answer with, each with the one error shape
(:meth:`s3atlas.errors.S3AtlasError.to_dict`):

* 422 for any operation with parameters or a body (bad input);
* 404 for any operation with path parameters or a year (nothing there);
* 401 and 403 for writes (sign-in, role and CSRF token) and for the operations
  that need a signed-in user or a published region;
* 429 where a limit applies, 500 everywhere.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

__all__ = ["ERROR_SCHEMA", "install_error_docs"]

ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "required": ["error", "message", "detail"],
    "properties": {
        "error": {"type": "string", "description": "a stable code, e.g. not_found"},
        "message": {"type": "string", "description": "what is wrong, with where"},
        "detail": {"type": "string", "description": "what is wrong"},
        "file": {"type": "string"},
        "row": {"type": "integer"},
        "column": {"type": "string"},
        "value": {"type": "string"},
    },
}
_TEXT = {
    401: "Sign in first",
    403: "Not allowed: role, CSRF token or an unpublished region",
    404: "Nothing there",
    422: "Something in the request is wrong",
    500: "Something went wrong on the server; it was logged",
}
_WRITES = {"put", "post", "patch", "delete"}


def _statuses(method: str, operation: dict[str, Any]) -> list[int]:
    params = operation.get("parameters", [])
    out = {500}
    if params or "requestBody" in operation:
        out.add(422)
    if any(p.get("in") == "path" or p.get("name") == "year" for p in params):
        out.add(404)
    if method in _WRITES or "/regions/{" in operation.get("x-path", ""):
        out |= {401, 403}
    return sorted(out)


def _document(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    components["Error"] = ERROR_SCHEMA
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            for status in _statuses(method, {**operation, "x-path": path}):
                responses[str(status)] = {"description": _TEXT[status], "content": body}
    return schema


def install_error_docs(app: FastAPI) -> None:
    """Make ``app.openapi()`` document the error statuses and shape of every operation."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _document(
                get_openapi(
                    title=app.title,
                    version=app.version,
                    description=app.description,
                    routes=app.routes,
                )
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
