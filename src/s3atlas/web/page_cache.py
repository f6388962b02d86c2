"""Rendered pages, kept until the stored data change.

A page marked :func:`shared_page` is the same for every anonymous visitor who
asks for the same URL in the same language while the store holds the same
data — apart from the session's CSRF token. :class:`PageCacheMiddleware`
(inside the session middleware, outside gzip) therefore keeps the body of
such a 200 response with the token cut out, and answers the next anonymous
request for that URL by splicing in *that* session's token (creating one when
the session has none, as rendering would). One session's token never reaches
another session.

What "the same data" means is the one data fingerprint of the store
(:func:`s3atlas.store.data_fingerprint`, shared by every cache; the views find
it in the request's state and do not read it again). Every edit moves it, from
this process or any other (several workers, the CLI), so a cached page is never
served after the data under it changed.

A signed-in user gets pages kept for that user alone: the key holds who asks
(id, name, role, regions), read from the store's sign-in session on every
request, so signing out, a password change or a new role takes effect at once
and one user's page never reaches another. (A page names its user and shows
what they may edit; apart from the CSRF token nothing else of the session is
on it.) A session that has ended passes through to the views.

A page is rendered once however many visitors ask for it at the same moment:
the first renders, the others wait for that render (after an edit every page
is new at once, and twenty renders of a 1,4 s page in one process took 30 s).
The first answer for a URL is kept too, so a page is not rendered twice to be
learnt and then kept.

The page names the address it was asked at (the links to its style sheets and
scripts are absolute: ``http://host/static/…``), so a kept page is cut at that
origin as well as at the token, and the visitor's own origin is spliced in. A
page kept for one host therefore serves every host, which lets a worker warm its
pages before it knows the address visitors use (:mod:`s3atlas.web.warm`). Only
a host of plain address characters is cut (any other passes through uncached),
and a page in which the host is still found after the cut is not kept, so no
visitor's address ever reaches another visitor.

Compressed answers are spliced too: each constant run of the page is deflated
once, the token and the origin are deflated per request and the gzip trailer
(CRC-32, length) is computed over the spliced body, so a cache hit costs
microseconds even for the 140 KB priorities page.
"""

from __future__ import annotations

import re
import secrets
import struct
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from itertools import chain, zip_longest
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from s3atlas.accounts import Principal, session_principal
from s3atlas.store import Store, data_fingerprint
from s3atlas.web.cache import FINGERPRINT_STATE
from s3atlas.web.security import SESSION_KEY

__all__ = ["PageCacheMiddleware", "shared_page"]

T = TypeVar("T")
_MARK = "s3atlas.shared_page"
_GZIP_MINIMUM = 2048
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
_DEFLATE_END = b"\x03\x00"  # an empty final block with fixed Huffman codes
_PLAIN_HOST = re.compile(rb"[A-Za-z0-9.\-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")
_TOKEN, _ORIGIN = 0, 1  # what a kept page's holes are filled with


def shared_page(request: Request) -> None:
    """Dependency: the response is the same for every anonymous visitor (URL, language, data),
    and for every request of one signed-in user."""
    request.state._state[_MARK] = True


# --- kept pages -------------------------------------------------------------------------


def _deflate(data: bytes, level: int = 6) -> bytes:
    """Raw deflate of *data*, flushed to a byte boundary and not final: pieces concatenate."""
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(zlib.Z_SYNC_FLUSH)


def _interleave(parts: Iterable[bytes], fills: Iterable[bytes]) -> bytes:
    return b"".join(chain.from_iterable(zip_longest(parts, fills, fillvalue=b"")))


@dataclass(frozen=True)
class _Page:
    """A kept response: its headers and its body cut at the CSRF token and at the origin.

    ``holes[i]`` says what goes between ``parts[i]`` and ``parts[i + 1]``.
    """

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    parts: tuple[bytes, ...]
    holes: tuple[int, ...]
    packed: tuple[bytes, ...]

    @classmethod
    def keep(
        cls,
        status: int,
        headers: list[tuple[bytes, bytes]],
        body: bytes,
        token: str | None,
        origin: str | None = None,
    ) -> _Page:
        marks = {m.encode(): kind for m, kind in ((token, _TOKEN), (origin, _ORIGIN)) if m}
        parts: tuple[bytes, ...] = (body,)
        holes: tuple[int, ...] = ()
        if marks:
            cut = re.compile(b"|".join(re.escape(m) for m in marks))
            parts = tuple(cut.split(body))
            holes = tuple(marks[found.group()] for found in cut.finditer(body))
        drop = {b"content-length", b"content-encoding", b"vary"}
        kept = tuple((k, v) for k, v in headers if k.lower() not in drop)
        return cls(status, kept, parts, holes, tuple(_deflate(p) for p in parts))

    @property
    def needs_token(self) -> bool:
        return _TOKEN in self.holes

    def body(self, token: str | None, gzip: bool, origin: str = "") -> tuple[bytes, bool]:
        """Return the body with *token* and *origin* spliced in, gzip-compressed when asked and
        worth it."""
        fills = {_TOKEN: (token or "").encode(), _ORIGIN: origin.encode()}
        plain = _interleave(self.parts, (fills[h] for h in self.holes))
        if not gzip or len(plain) < _GZIP_MINIMUM:
            return plain, False
        pieces = {kind: _deflate(fill, 1) for kind, fill in fills.items()}
        stream = _interleave(self.packed, (pieces[h] for h in self.holes))
        trailer = struct.pack("<II", zlib.crc32(plain), len(plain) & 0xFFFFFFFF)
        return _GZIP_HEADER + stream + _DEFLATE_END + trailer, True


class _Lru:
    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def discard(self, key: Hashable) -> None:
        with self._lock:
            self._items.pop(key, None)


def _header(scope: Scope, name: bytes) -> bytes:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return b""


def _names_host(parts: Iterable[bytes], host: bytes) -> bool:
    """Whether an address at *host* is left in *parts* (another scheme, or escaped in JSON or
    a query string)."""
    host = host.lower()
    marks = (b"//" + host, b"\\/\\/" + host, b"%2f%2f" + host)
    return any(mark in part.lower() for part in parts for mark in marks)


def _origin(scope: Scope) -> str:
    """The scheme and host the page was asked at, as its absolute links begin (with the
    slash after the host, so a host that begins another address's name is not cut there)."""
    return f"{scope['scheme']}://{_header(scope, b'host').decode('ascii')}/"


@dataclass(frozen=True)
class _Answer:
    """A whole response of the app: start message, body (unpacked if kept), the view's mark."""

    start: Message
    headers: list[tuple[bytes, bytes]]
    body: bytes
    marked: bool
    shareable: bool

    @classmethod
    def of(cls, start: Message, body: bytes, marked: bool) -> _Answer:
        """The answer of *start* and *body*: shareable when a marked 200 sets no cookie."""
        headers = list(start.get("headers", []))
        shareable = (
            start.get("status") == 200
            and marked
            and not any(k.lower() == b"set-cookie" for k, _ in headers)
        )
        if shareable and (b"content-encoding", b"gzip") in headers:
            body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
        return cls(start, headers, body, marked, shareable)

    async def replay(self, send: Send) -> None:
        """Send the answer on as one start and one body message."""
        await send(self.start)
        await send({"type": "http.response.body", "body": self.body})


def _page_of(answer: _Answer, scope: Scope) -> _Page | None:
    """The page to keep of a shareable *answer*, or None when it names its host another way."""
    token = scope.get("session", {}).get("csrf")
    page = _Page.keep(200, answer.headers, answer.body, token, _origin(scope))
    return None if _names_host(page.parts, _header(scope, b"host")) else page


class PageCacheMiddleware:
    """Answer anonymous GETs of :func:`shared_page` views from kept bodies (see the module doc).

    The first anonymous answer for a URL (per language and data fingerprint) is
    rendered once and kept when its view says it is shared; visitors who ask for
    it while it renders wait for that render instead of starting their own. URLs
    whose views are not shared are remembered and pass through untouched.
    """

    def __init__(self, app: ASGIApp, store: Store, *, pages: int = 256) -> None:
        self.app = app
        self.store = store
        self.pages = _Lru(pages)
        self.shared = _Lru(4 * pages)  # URL → whether its view is shared (True/False)
        self._renders: dict[Hashable, anyio.Event] = {}
        self._sqlite = store.url.startswith("sqlite")

    def _base(self, scope: Scope) -> tuple[Any, ...] | None:
        """The key of the URL (any host: see the module doc), or None when not kept."""
        if scope["type"] != "http" or scope["method"] != "GET":
            return None
        if not _PLAIN_HOST.fullmatch(_header(scope, b"host")):
            return None
        return (
            scope["scheme"],
            scope.get("root_path", ""),
            scope["path"],
            scope.get("query_string", b""),
            scope.get("state", {}).get("lang"),
            bool(_header(scope, b"hx-request")),
        )

    async def _read(self, function: Callable[..., T], *args: Any) -> T:
        if self._sqlite:  # a local file read: cheaper than a thread hop
            return function(*args)
        return await anyio.to_thread.run_sync(function, *args)

    async def _visitor(self, scope: Scope) -> Principal | bool | None:
        """Who asks: ``None`` (anonymous), the signed-in user, or ``False`` (a session that
        ended: the views decide). The views find the user in the request's state."""
        token = scope.get("session", {}).get(SESSION_KEY)
        if not token:
            return None
        user = (
            await self._read(session_principal, self.store, token)
            if isinstance(token, str)
            else None
        )
        if user is None:
            return False
        scope.setdefault("state", {})["user"] = user
        return user

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        base = self._base(scope)
        visitor = await self._visitor(scope) if base is not None else False
        if base is None or visitor is False or self.shared.get(base) is False:
            await self.app(scope, receive, send)
            return
        fingerprint = await self._read(data_fingerprint, self.store)
        scope.setdefault("state", {})[FINGERPRINT_STATE] = fingerprint  # the views read it here
        key = (base, visitor, fingerprint)
        page: _Page | None = self.pages.get(key)
        while page is None and key in self._renders:  # another visitor renders it: wait
            await self._renders[key].wait()
            page = self.pages.get(key)
        if page is None:
            done = self._renders[key] = anyio.Event()
            try:
                page = await self._render(base, key, scope, receive, send)
            finally:
                del self._renders[key]
                done.set()
            if page is None:
                return  # not shareable: already answered as rendered
        await self._send(page, scope, send)

    async def _render(
        self, base: tuple[Any, ...], key: Hashable, scope: Scope, receive: Receive, send: Send
    ) -> _Page | None:
        """Render without compression and keep a shared answer; pass anything else on as is.

        A URL first seen is rendered as the visitor asked (it may not be shared:
        a download streams, a form is compressed by the app), and its body is
        kept when the view says it is shared.
        """
        known = self.shared.get(base)
        answer = await self._answer(scope, receive, send, known)
        if not answer.marked:
            self.shared.put(base, False)
        elif answer.shareable:
            self.shared.put(base, True)
        page = _page_of(answer, scope) if answer.shareable else None
        if answer.shareable and page is None:  # it names the host another way: not for others
            self.shared.put(base, False)
        if page is None:
            if known:
                await answer.replay(send)
            return None
        self.pages.put(key, page)
        return None if not known else page

    async def _answer(
        self, scope: Scope, receive: Receive, send: Send, known: bool | None
    ) -> _Answer:
        """The app's whole answer, passed on as it comes unless the URL is *known* (asked plain)."""
        headers = [(k, v) for k, v in scope["headers"] if k != b"accept-encoding"]
        inner = {**scope, "headers": headers} if known else scope
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":  # a copy: outer layers add cookies
                start = {**message, "headers": list(message.get("headers", []))}
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            if not known:
                await send(message)

        await self.app(inner, receive, capture)
        return _Answer.of(start, b"".join(chunks), bool(inner.get("state", {}).get(_MARK)))

    async def _send(self, page: _Page, scope: Scope, send: Send) -> None:
        token = None
        if page.needs_token:
            session = scope["session"]
            token = session.get("csrf")
            if not token:
                token = session["csrf"] = secrets.token_urlsafe(32)
        gzip = b"gzip" in _header(scope, b"accept-encoding")
        body, packed = page.body(token, gzip, _origin(scope))
        headers = [*page.headers, (b"content-length", str(len(body)).encode())]
        headers.append((b"vary", b"Accept-Encoding"))
        if packed:
            headers.append((b"content-encoding", b"gzip"))
        await send({"type": "http.response.start", "status": page.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
