"""The one transport: retries honouring Retry-After, the on-disk cache, fast failure offline."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from s3atlas.errors import FetchError, NotFoundError, OfflineError
from s3atlas.i18n import use_language
from s3atlas.io.transport import Limits, RateLimiter, Transport, retry_after_seconds


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with use_language("en"):
        yield


class Script:
    """A fake service answering a fixed list of responses in turn (then the last one again)."""

    def __init__(self, *responses: httpx.Response) -> None:
        self.responses = list(responses)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.responses.pop(0) if len(self.responses) > 1 else self.responses[0]


def transport(
    script: Script, tmp_path: Path | None, sleeps: list[float], **limits: float
) -> Transport:
    return Transport(
        "SCB",
        limits=Limits(**limits),  # type: ignore[arg-type]
        cache_dir=tmp_path,
        network=httpx.MockTransport(script),
        sleep=sleeps.append,
        now=lambda: datetime(2026, 12, 5, 9, 30, tzinfo=UTC),
    )


def test_429_waits_as_long_as_retry_after_says(tmp_path: Path) -> None:
    script = Script(
        httpx.Response(429, headers={"Retry-After": "7"}, json={"error": "Too many requests"}),
        httpx.Response(200, json={"ok": 1}),
    )
    sleeps: list[float] = []
    answer = transport(script, tmp_path, sleeps, backoff_seconds=0.5).get("http://scb.test/a")
    assert answer.doc == {"ok": 1} and len(script.requests) == 2
    assert sleeps == [7.0]  # the server's 7 s, not the 0.5 s back-off


def test_500_then_success_backs_off_once(tmp_path: Path) -> None:
    script = Script(httpx.Response(500, text="Internal error"), httpx.Response(200, json=[1]))
    sleeps: list[float] = []
    assert transport(script, tmp_path, sleeps, backoff_seconds=2).get("http://scb.test/a").doc == [
        1
    ]
    assert sleeps == [2.0]


def test_persistent_503_gives_up_after_the_attempts(tmp_path: Path) -> None:
    script = Script(httpx.Response(503, text="busy"))
    sleeps: list[float] = []
    with pytest.raises(
        FetchError, match=r"SCB did not answer usefully after 3 attempts \(HTTP 503\)"
    ):
        transport(script, tmp_path, sleeps, attempts=3, backoff_seconds=1).get("http://scb.test/a")
    assert sleeps == [1.0, 2.0] and len(script.requests) == 3


def test_truncated_body_is_retried_and_never_cached(tmp_path: Path) -> None:
    whole = b'{"value": [1, 2, 3]}'
    script = Script(httpx.Response(200, content=whole[:9]), httpx.Response(200, content=whole))
    sleeps: list[float] = []
    first = transport(script, tmp_path, sleeps).get("http://scb.test/a")
    assert first.doc == {"value": [1, 2, 3]} and len(script.requests) == 2
    again = transport(Script(httpx.Response(500)), tmp_path, []).get("http://scb.test/a")
    assert again.doc == first.doc and again.from_cache  # the whole answer, from the cache


def test_a_body_that_stays_truncated_says_so(tmp_path: Path) -> None:
    script = Script(httpx.Response(200, content=b'{"value": [1, 2'))
    with pytest.raises(FetchError, match="truncated"):
        transport(script, tmp_path, [], attempts=2).get("http://scb.test/a")


def test_cached_answer_keeps_its_retrieval_time_and_refresh_asks_again(tmp_path: Path) -> None:
    script = Script(httpx.Response(200, json={"n": 1}), httpx.Response(200, json={"n": 2}))
    first = transport(script, tmp_path, []).post("http://scb.test/d", {"q": 1})
    later = Transport(
        "SCB",
        cache_dir=tmp_path,
        network=httpx.MockTransport(script),
        now=lambda: datetime(2027, 1, 1, tzinfo=UTC),
    )
    cached = later.post("http://scb.test/d", {"q": 1})
    assert cached.doc == {"n": 1} and cached.from_cache and len(script.requests) == 1
    assert cached.retrieved == first.retrieved == datetime(2026, 12, 5, 9, 30, tzinfo=UTC)
    other_body = later.post("http://scb.test/d", {"q": 2})
    assert other_body.doc == {"n": 2} and not other_body.from_cache
    fresh = later.post("http://scb.test/d", {"q": 1}, refresh=True)
    assert fresh.doc == {"n": 2} and fresh.retrieved.year == 2027 and len(script.requests) == 3


def test_404_is_not_found_and_not_retried(tmp_path: Path) -> None:
    script = Script(httpx.Response(404, json={"title": "Not found"}))
    with pytest.raises(NotFoundError):
        transport(script, tmp_path, []).get("http://scb.test/tables/TAB0/metadata")
    assert len(script.requests) == 1


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_refused_connection_fails_at_once_in_swedish() -> None:
    sleeps: list[float] = []
    client = Transport("SCB", sleep=sleeps.append)
    started = time.monotonic()
    with use_language("sv"), pytest.raises(OfflineError) as caught:
        client.get(f"http://127.0.0.1:{_closed_port()}/api/v2/tables")
    assert time.monotonic() - started < 5 and sleeps == []  # no back-off when offline
    assert caught.value.message().startswith("Ingen anslutning till SCB (127.0.0.1)")
    assert "s3atlas data import" in caught.value.message()


def test_rate_limiter_waits_for_the_window() -> None:
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(3, 10.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(4):
        limiter.wait()
        now[0] += 1.0
    assert waits == [7.0]  # the fourth start waits until 10 s after the first


def test_thirty_one_calls_to_scb_wait_once_for_the_window(tmp_path: Path) -> None:
    sleeps: list[float] = []
    clock = [0.0]
    client = Transport(
        "SCB",
        limits=Limits(max_requests=30, window_seconds=10.0),
        network=httpx.MockTransport(lambda _request: httpx.Response(200, json={})),
        sleep=sleeps.append,
        clock=lambda: clock[0],
    )
    for n in range(31):
        client.get(f"http://scb.test/{n}")
    assert sleeps == [10.0]  # SCB: at most 30 calls in any 10 seconds


def test_retry_after_may_be_an_http_date() -> None:
    now = datetime(2026, 12, 5, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("Sat, 05 Dec 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Sat, 05 Dec 2026 11:00:00 GMT", now) == 0.0


def test_a_host_name_that_does_not_resolve_fails_within_the_connect_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def hanging(*args: object, **kwargs: object) -> None:
        time.sleep(10)  # what a resolver does with no network and a slow DNS server

    monkeypatch.setattr(socket, "getaddrinfo", hanging)
    client = Transport("Kolada", limits=Limits(connect_seconds=0.5))
    started = time.monotonic()
    with pytest.raises(OfflineError, match=r"No connection to Kolada \(api.kolada.test\)"):
        client.get("https://api.kolada.test/v3/kpi/N03937")
    assert time.monotonic() - started < 2


def test_a_proxy_in_the_environment_is_used_except_for_loopback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from s3atlas.io.transport import _Network

    for name in ("HTTPS_PROXY", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("https_proxy", "http://proxy.region.test:3128")
    network = _Network(3.0)
    assert network.route("statistikdatabasen.scb.se") is network.proxied is not None
    assert network.route("127.0.0.1") is network.direct
    monkeypatch.delenv("https_proxy")
    assert _Network(3.0).proxied is None
