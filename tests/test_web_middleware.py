"""The ASGI layers act on HTTP requests only and pass everything else through unchanged."""

from __future__ import annotations

from typing import Any

from tests.asyncrun import run

from s3atlas.web.middleware import HeadAsGet, HttpMiddleware


class _Marking(HttpMiddleware):
    async def handle(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app({**scope, "marked": True}, receive, send)


def _seen_by_app(layer: type[HttpMiddleware], scope: dict[str, Any]) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.update(scope)

    async def nothing() -> dict[str, Any]:
        return {}

    async def ignore(message: Any) -> None:
        return None

    run(layer(app)(scope, nothing, ignore))
    return seen


def test_a_layer_handles_http_requests():
    assert _seen_by_app(_Marking, {"type": "http", "method": "GET"})["marked"] is True


def test_a_layer_passes_lifespan_through_untouched():
    assert _seen_by_app(_Marking, {"type": "lifespan"}) == {"type": "lifespan"}


def test_head_is_run_as_get_and_other_methods_pass_through():
    assert _seen_by_app(HeadAsGet, {"type": "http", "method": "HEAD"})["method"] == "GET"
    assert _seen_by_app(HeadAsGet, {"type": "http", "method": "POST"})["method"] == "POST"
