"""One HTTP transport for every statistics service (SCB, Kolada, Eurostat).

A request goes through four layers, outermost first:

1. **retries** (`tenacity`): a 429 or 5xx answer, a dropped connection or a
   truncated body is tried again with exponential back-off; a ``Retry-After``
   header (seconds or an HTTP date) wins over the back-off.
2. **cache** (`hishel`): every successful answer is kept in one SQLite file in
   the workspace (``<workspace>/cache/http.sqlite``) until ``refresh`` asks
   for a new one. ``GET`` answers are keyed by URL, ``POST`` answers by URL
   and body.
3. **retrieval stamp**: each answer from the network gets the time it arrived,
   which the cache keeps with it, so a cached number still says when it was
   retrieved.
4. **rate limit**: at most ``max_requests`` requests start in any
   ``window_seconds`` (SCB publishes 30 per 10 s).

No connection at all (refused, unknown host, no answer within
``connect_seconds``) is not retried: it raises :class:`OfflineError` at once,
with a message that says how to import a downloaded file instead.
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

import httpx
import tenacity
from hishel import Headers, SqliteStorage
from hishel import Request as CachedRequest
from hishel import Response as CachedResponse
from hishel.httpx import CacheTransport

from s3atlas.errors import FetchError, InputError, NotFoundError, OfflineError
from s3atlas.i18n import gettext as _
from s3atlas.io.jsonstat import parse_document

__all__ = ["Answer", "Limits", "RateLimiter", "Transport", "retry_after_seconds"]

RETRIEVED_HEADER = "x-s3atlas-retrieved"


@dataclass(frozen=True)
class Limits:
    """A service's published limits and the client's retry policy."""

    max_requests: int = 10
    window_seconds: float = 1.0
    attempts: int = 5
    backoff_seconds: float = 1.0
    max_backoff_seconds: float = 60.0
    timeout_seconds: float = 60.0
    connect_seconds: float = 3.0


@dataclass(frozen=True)
class Answer:
    """A parsed JSON answer with where and when it was retrieved."""

    doc: Any
    url: str
    retrieved: datetime
    from_cache: bool = False

    @property
    def date(self) -> str:
        """The retrieval date as ``YYYY-MM-DD`` (UTC)."""
        return self.retrieved.date().isoformat()


class RateLimiter:
    """Allow at most *max_requests* starts in any *window* seconds (a sliding window)."""

    def __init__(
        self,
        max_requests: int,
        window: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.max_requests, self.window = max_requests, window
        self.clock, self.sleep = clock, sleep
        self.starts: deque[float] = deque()
        self.lock = threading.Lock()

    def wait(self) -> None:
        """Block until one more request is allowed, then record it."""
        with self.lock:
            now = self.clock()
            while self.starts and now - self.starts[0] >= self.window:
                self.starts.popleft()
            if len(self.starts) >= self.max_requests:
                self.sleep(self.window - (now - self.starts[0]))
                self.starts.popleft()
                now = self.clock()
            self.starts.append(now)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Return the wait a ``Retry-After`` header asks for, in seconds (None if absent or bad).

    >>> retry_after_seconds("3")
    3.0
    >>> retry_after_seconds("Sat, 05 Dec 2026 12:00:10 GMT",
    ...                     now=datetime(2026, 12, 5, 12, 0, 0, tzinfo=UTC))
    10.0
    >>> retry_after_seconds("soon") is None
    True
    """
    if not value:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class _Transient(Exception):
    """An answer worth asking for again (429, 5xx, dropped or truncated)."""

    def __init__(self, why: str, wait: float | None = None) -> None:
        super().__init__(why)
        self.why, self.wait = why, wait


class _Limited(httpx.BaseTransport):
    """Wait for the rate limiter before each request that goes to the network."""

    def __init__(self, inner: httpx.BaseTransport, limiter: RateLimiter) -> None:
        self.inner, self.limiter = inner, limiter

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.limiter.wait()
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


class _Stamped(httpx.BaseTransport):
    """Add the retrieval time to every answer from the network."""

    def __init__(self, inner: httpx.BaseTransport, now: Callable[[], datetime]) -> None:
        self.inner, self.now = inner, now

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.headers[RETRIEVED_HEADER] = self.now().isoformat(timespec="seconds")
        return response

    def close(self) -> None:
        self.inner.close()


class _Resolving(httpx.HTTPTransport):
    """Fail within *seconds* when a host name cannot be resolved (no network, no DNS)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(retries=0)
        self.seconds = seconds
        self.known: set[str] = set()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        if host not in self.known:
            _resolve(host, request.url.port or 443, self.seconds)
            self.known.add(host)
        return super().handle_request(request)


def _resolve(host: str, port: int, seconds: float) -> None:
    found: list[BaseException | None] = []

    def look_up() -> None:
        try:
            socket.getaddrinfo(host, port)
            found.append(None)
        except OSError as error:
            found.append(error)

    thread = threading.Thread(target=look_up, daemon=True)
    thread.start()
    thread.join(seconds)
    if not found:
        raise httpx.ConnectTimeout(f"no answer for {host} within {seconds:g} s")
    if found[0] is not None:
        raise httpx.ConnectError(str(found[0]))


class _Network(httpx.BaseTransport):
    """The real network: through the proxy the environment names (``https_proxy``,
    ``no_proxy``), else direct with the fast name check."""

    def __init__(self, connect_seconds: float) -> None:
        self.direct = _Resolving(connect_seconds)
        proxies = getproxies()
        proxy = proxies.get("https") or proxies.get("all")
        # the proxy resolves host names; the connect timeout still bounds the wait
        self.proxied = httpx.HTTPTransport(proxy=proxy, retries=0) if proxy else None

    def route(self, host: str) -> httpx.BaseTransport:
        """Return the transport for *host*: direct for loopback and ``no_proxy`` hosts."""
        if self.proxied is None or host in _LOOPBACK or proxy_bypass(host):
            return self.direct
        return self.proxied

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.route(request.url.host).handle_request(request)

    def close(self) -> None:
        self.direct.close()
        if self.proxied is not None:
            self.proxied.close()


_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class _Cache(CacheTransport):
    """hishel's cache, with ``POST`` answers kept too (keyed by URL and body)."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "POST":
            return super().handle_request(request)
        storage = self.config["storage"]
        caching = request.extensions.get("caching") or {}
        key = caching.get("key") or cache_key("POST", str(request.url), request.content.decode())
        for entry in storage.get_entries(key):
            content = b"".join(_chunks(entry.response.stream))
            headers = [(k, v) for k in entry.response.headers for v in _values(entry, k)]
            return httpx.Response(
                entry.response.status_code,
                headers=headers,
                content=content,
                extensions={"caching": {"from_cache": True, "revalidated": False, "stored": False}},
            )
        response = self.next_transport.handle_request(request)
        response.read()
        if response.is_success:
            grouped: dict[str, list[str]] = {}
            for name, value in response.headers.multi_items():
                grouped.setdefault(name, []).append(value)
            for stale in ("content-encoding", "content-length"):  # the body is stored decoded
                grouped.pop(stale, None)
            stored = storage.create_entry(
                CachedRequest(request.method, str(request.url)),
                CachedResponse(response.status_code, Headers(grouped), iter([response.content])),
                key,
            )
            b"".join(_chunks(stored.response.stream))  # reading the stream completes the entry
        return response


def _chunks(stream: Any) -> Iterator[bytes]:
    yield from stream or []


def _values(entry: Any, name: str) -> list[str]:
    return list(entry.response.headers.get_list(name) or [])


def _json(content: bytes, url: str) -> Any:
    """Parse a JSON answer; a truncated or malformed one raises InputError saying where."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(_("the answer is not UTF-8 text"), value=url) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return parse_document(text, url)  # raises with the line and character


def cache_key(method: str, url: str, body: Any = None) -> str:
    """Return the cache key of a request: its method, full URL and JSON body."""
    text = json.dumps([method, url, body], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Transport:
    """HTTP for one statistics service: rate limit, retries, on-disk cache, fast offline failure.

    Parameters
    ----------
    service : str
        The service's name for people (``"SCB"``, ``"Kolada"``, ``"Eurostat"``).
    limits : Limits
        Requests per window, attempts, back-off and timeouts.
    cache_dir : path, optional
        Folder of the cache file ``http.sqlite``; None keeps nothing.
    network : httpx transport, optional
        What actually sends requests (tests pass an ``httpx.MockTransport``).
    sleep, clock, now : callables
        Injected so tests need not wait.
    """

    def __init__(
        self,
        service: str,
        *,
        limits: Limits | None = None,
        cache_dir: str | Path | None = None,
        network: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = _utcnow,
    ) -> None:
        from s3atlas import __version__

        self.service = service
        self.limits = limits or Limits()
        self.sleep = sleep
        self.limiter = RateLimiter(
            self.limits.max_requests, self.limits.window_seconds, clock, sleep
        )
        inner: httpx.BaseTransport = network or _Network(self.limits.connect_seconds)
        inner = _Stamped(_Limited(inner, self.limiter), now)
        self.storage: SqliteStorage | None = None
        if cache_dir is not None:
            Path(cache_dir).mkdir(parents=True, exist_ok=True)
            self.storage = SqliteStorage(database_path=Path(cache_dir) / "http.sqlite")
            inner = _Cache(inner, storage=self.storage)
        self.client = httpx.Client(
            transport=inner,
            timeout=httpx.Timeout(self.limits.timeout_seconds, connect=self.limits.connect_seconds),
            headers={"User-Agent": f"s3atlas/{__version__}", "Accept": "application/json"},
            follow_redirects=True,
        )
        self.now = now

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, params: Any = None, *, refresh: bool = False) -> Answer:
        """GET *url* and return its parsed JSON answer."""
        return self.request("GET", url, params=params, refresh=refresh)

    def post(self, url: str, body: Any, params: Any = None, *, refresh: bool = False) -> Answer:
        """POST the JSON *body* to *url* and return the parsed JSON answer."""
        return self.request("POST", url, params=params, body=body, refresh=refresh)

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Any = None,
        body: Any = None,
        refresh: bool = False,
    ) -> Answer:
        """Send one request (or answer it from the cache), retrying what is worth retrying."""
        full = str(httpx.Request(method, url, params=params).url)
        key = cache_key(method, full, body)
        if refresh:
            self.forget(key)
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.limits.attempts),
            wait=self._wait,
            retry=tenacity.retry_if_exception_type(_Transient),
            sleep=self.sleep,
            reraise=True,
        )
        try:
            return retrying(self._once, method, full, body, key)
        except _Transient as error:
            raise FetchError(
                _(
                    "{service} did not answer usefully after {attempts} attempts ({why})",
                    service=self.service,
                    attempts=self.limits.attempts,
                    why=error.why,
                ),
                value=full,
            ) from None

    def forget(self, key: str) -> None:
        """Drop the cached answers stored under *key*."""
        if self.storage is not None:
            for entry in self.storage.get_entries(key):
                self.storage.remove_entry(entry.id)

    def _wait(self, state: tenacity.RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, _Transient) and error.wait is not None:
            return min(error.wait, self.limits.max_backoff_seconds)
        backoff = self.limits.backoff_seconds * 2 ** (state.attempt_number - 1)
        return float(min(backoff, self.limits.max_backoff_seconds))

    def _once(self, method: str, url: str, body: Any, key: str) -> Answer:
        try:
            response = self.client.request(
                method, url, json=body, extensions={"caching": {"key": key}}
            )
        except (httpx.ConnectError, httpx.ConnectTimeout):
            raise OfflineError(self._offline(url)) from None
        except httpx.TransportError as error:
            raise _Transient(str(error) or type(error).__name__) from None
        self._check(response, url)
        try:
            doc = _json(response.content, url)
        except InputError as error:
            self.forget(key)  # a cut-off answer must not be served again
            raise _Transient(error.detail) from None
        stamp = response.headers.get(RETRIEVED_HEADER)
        retrieved = datetime.fromisoformat(stamp) if stamp else self.now()
        cached = bool(response.extensions.get("caching", {}).get("from_cache"))
        return Answer(doc, url, retrieved, from_cache=cached)

    def _check(self, response: httpx.Response, url: str) -> None:
        status = response.status_code
        if status == 429 or status >= 500:
            wait = retry_after_seconds(response.headers.get("Retry-After"), self.now())
            raise _Transient(f"HTTP {status}", wait)
        if status == 404:
            raise NotFoundError(
                _("{service} has no such table or indicator", service=self.service), value=url
            )
        if status >= 400:
            raise InputError(
                _(
                    "{service} refused the query (HTTP {status}): {text}",
                    service=self.service,
                    status=status,
                    text=response.text[:300],
                ),
                value=url,
            )

    def _offline(self, url: str) -> str:
        host = urlsplit(url).hostname or url
        return _(
            "No connection to {service} ({host}). The computer seems to be offline, or the "
            "service does not answer. Try again later, or download the table in a web browser "
            "and import the file: s3atlas data import FILE --name NAME --measure MEASURE",
            service=self.service,
            host=host,
        )
