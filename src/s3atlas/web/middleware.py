"""Two small ASGI layers: HEAD answered like GET, and no error escapes without the security headers.

:class:`HeadAsGet`
    ``HEAD`` gets exactly the status and headers ``GET`` would, without the
    body (RFC 9110, 9.3.2); FastAPI's routes answer only the methods they name.
:class:`ErrorBoundary`
    Sits inside :class:`~s3atlas.web.security.SecurityHeadersMiddleware`. An
    unexpected exception becomes the one error shape (500) *here*, so the
    response carries the CSP and ``X-Frame-Options`` like every other, and the
    exception is not raised on to the server, which would close the keep-alive
    connection. An exception after the response has been sent in full (a mounted
    sub-app already answered it) is only kept from the server for the same reason.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["ErrorBoundary", "HeadAsGet", "HttpMiddleware"]

log = logging.getLogger("s3atlas.web")


class HttpMiddleware(ABC):
    """An ASGI layer that acts on the requests :meth:`applies` to and passes the rest (lifespan,
    websockets, other methods) through unchanged; subclasses say what they do in :meth:`handle`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def applies(self, scope: Scope) -> bool:
        """Whether this layer acts on *scope* (default: every HTTP request)."""
        return bool(scope["type"] == "http")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.applies(scope):
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    @abstractmethod
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer an HTTP request this layer applies to."""


class HeadAsGet(HttpMiddleware):
    """Run ``HEAD`` as ``GET`` and send the headers without the body."""

    def applies(self, scope: Scope) -> bool:
        return bool(scope["type"] == "http" and scope["method"] == "HEAD")

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class ErrorBoundary(HttpMiddleware):
    """Answer an unexpected exception with the 500 error page or JSON, inside the header layer."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = {"started": False, "done": False}

        async def tracking(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["started"] = True
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                state["done"] = True
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception as exc:
            if state["done"]:
                return  # answered (and logged) by the sub-app's handler
            if state["started"]:
                raise
            from s3atlas.web.errors import error_response, internal_error

            request = Request(scope, receive)
            log.exception("unhandled error on %s %s", request.method, request.url.path)
            error = internal_error()
            response = error_response(request, error)
            del exc
            await response(scope, receive, send)
