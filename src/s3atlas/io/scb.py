"""Client for SCB's PxWeb API (Statistikdatabasen), version 1.

A table is addressed by its path in the database tree, e.g.
``AM/AM0207/AM0207Z/DagSni07KonKN`` under
``https://api.scb.se/OV0104/v1/doris/sv/ssd``. ``GET`` on the table returns
its variables (``code``, ``text``, ``values``, ``valueTexts``,
``elimination``, ``time``); ``POST`` with ::

    {"query": [{"code": "Region", "selection": {"filter": "item", "values": ["01", "03"]}}, ...],
     "response": {"format": "json-stat2"}}

returns a JSON-stat 2.0 dataset. SCB limits the cells per request and the
requests per time window (see :class:`ScbLimits`); the client splits a query
into requests under the cell limit, waits to stay under the rate limit,
retries 429 and 5xx answers with exponential back-off (honouring
``Retry-After``), caches every answer on disk and shows progress.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pandas as pd
from rich.console import Console
from rich.progress import Progress

from s3atlas.errors import FetchError, InputError, NotFoundError
from s3atlas.io.jsonstat import jsonstat_cells, parse_document
from s3atlas.io.mapping import Provenance, build_dataset
from s3atlas.stats.model import Dataset, DatasetMeta

__all__ = [
    "DEFAULT_BASE_URL",
    "FetchError",
    "RateLimiter",
    "ScbClient",
    "ScbLimits",
    "build_query",
    "split_selection",
]

DEFAULT_BASE_URL = "https://api.scb.se/OV0104/v1/doris/sv/ssd"
_RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class ScbLimits:
    """SCB's published limits and the client's retry policy."""

    max_cells: int = 150_000
    max_requests: int = 30
    window_seconds: float = 10.0
    max_retries: int = 5
    backoff_seconds: float = 1.0
    max_backoff_seconds: float = 60.0
    timeout_seconds: float = 60.0


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

    def wait(self) -> None:
        """Block until one more request is allowed, then record it."""
        now = self.clock()
        while self.starts and now - self.starts[0] >= self.window:
            self.starts.popleft()
        if len(self.starts) >= self.max_requests:
            self.sleep(self.window - (now - self.starts[0]))
            self.starts.popleft()
            now = self.clock()
        self.starts.append(now)


def split_selection(
    selection: Mapping[str, Sequence[str]], max_cells: int
) -> list[dict[str, list[str]]]:
    """Split a selection (variable → values) into parts of at most *max_cells* cells.

    The variable with the most values is cut first, in order, so the parts
    cover every cell exactly once.

    Examples
    --------
    >>> parts = split_selection({"Region": ["01", "03", "04"], "Tid": ["2017", "2018"]}, 4)
    >>> [p["Region"] for p in parts]
    [['01', '03'], ['04']]
    """
    sel = {k: list(v) for k, v in selection.items()}
    total = math.prod(len(v) for v in sel.values())
    if total <= max_cells or not sel:
        return [sel]
    var = max(sel, key=lambda k: len(sel[k]))
    rest = total // len(sel[var])
    chunk = max(1, max_cells // rest)
    parts = [{**sel, var: sel[var][i : i + chunk]} for i in range(0, len(sel[var]), chunk)]
    return [piece for part in parts for piece in split_selection(part, max_cells)]


def build_query(selection: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """Return the PxWeb v1 query body for a selection, asking for JSON-stat 2.0.

    >>> build_query({"Tid": ["2018"]})["query"][0]["selection"]
    {'filter': 'item', 'values': ['2018']}
    """
    return {
        "query": [
            {"code": code, "selection": {"filter": "item", "values": list(values)}}
            for code, values in selection.items()
        ],
        "response": {"format": "json-stat2"},
    }


def _role(variable: Mapping[str, Any]) -> str | None:
    code = str(variable.get("code", "")).casefold()
    if variable.get("time") or code in ("tid", "år"):
        return "year"
    if code == "region":
        return "region"
    if code.startswith("sni"):
        return "industry"
    if code in ("kon", "kön"):
        return "sex"
    return "measure" if code == "contentscode" else None


def _pick(variable: Mapping[str, Any], wanted: Sequence[str] | None) -> list[str] | None:
    values = [str(v) for v in variable.get("values", [])]
    if wanted is None or list(wanted) == ["*"]:
        return values if wanted or not variable.get("elimination") else None
    missing = [w for w in wanted if w not in values]
    if missing:
        sample = ", ".join(values[:8])
        raise InputError(
            f"not a value of {variable.get('code')} in this table (values: {sample}, …)",
            column=str(variable.get("code")),
            value=missing[0],
        )
    return list(wanted)


class ScbClient:
    """SCB PxWeb API v1 client with splitting, rate limiting, retries and an on-disk cache.

    Parameters
    ----------
    base_url : str
        Database root, default ``https://api.scb.se/OV0104/v1/doris/sv/ssd``.
    cache_dir : path, optional
        Where answers are kept (``<workspace>/cache/scb``); None disables the cache.
    limits : ScbLimits
        Cells per request, requests per window, retries and back-off.
    http : httpx.Client, optional
        The HTTP client (tests pass one pointing at a local server).
    sleep, clock : callables
        Injected so tests need not wait.
    progress : bool
        Show a Rich progress bar on stderr.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        cache_dir: str | Path | None = None,
        limits: ScbLimits | None = None,
        http: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        progress: bool = True,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.limits = limits or ScbLimits()
        self.http = http or httpx.Client(
            timeout=self.limits.timeout_seconds, headers={"User-Agent": "s3atlas"}
        )
        self.sleep = sleep
        self.limiter = RateLimiter(
            self.limits.max_requests, self.limits.window_seconds, clock, sleep
        )
        self.progress = progress
        self.requests_sent = 0

    def url(self, table: str) -> str:
        return f"{self.base_url}/{table.strip('/')}"

    # -- HTTP with cache, rate limit and back-off ---------------------------------------
    def _cache_path(self, method: str, url: str, body: Any) -> Path | None:
        if self.cache_dir is None:
            return None
        key = json.dumps([method, url, body], sort_keys=True, ensure_ascii=False)
        return self.cache_dir / f"{hashlib.sha256(key.encode()).hexdigest()}.json"

    def _store(self, path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, path)

    def request(
        self, method: str, table: str, body: Any = None, *, refresh: bool = False
    ) -> dict[str, Any]:
        """Send one request (or answer it from the cache) and return the parsed JSON."""
        url = self.url(table)
        cached = self._cache_path(method, url, body)
        if cached is not None and cached.exists() and not refresh:
            return parse_document(cached.read_text(encoding="utf-8"), str(cached))
        text = self._send(method, url, body)
        doc = parse_document(text, url)
        if cached is not None:
            self._store(cached, text)
        return doc

    def _send(self, method: str, url: str, body: Any) -> str:
        for attempt in range(self.limits.max_retries + 1):
            self.limiter.wait()
            self.requests_sent += 1
            try:
                response = self.http.request(method, url, json=body)
            except httpx.TransportError as error:
                if attempt == self.limits.max_retries:
                    raise FetchError(f"no answer from {url}: {error}") from None
                self.sleep(self._backoff(attempt, None))
                continue
            if response.status_code in _RETRY_STATUSES and attempt < self.limits.max_retries:
                self.sleep(self._backoff(attempt, response.headers.get("Retry-After")))
                continue
            return self._checked(response, url)
        raise FetchError(f"{url} kept answering with errors")  # pragma: no cover

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), self.limits.max_backoff_seconds)
        return min(self.limits.backoff_seconds * 2**attempt, self.limits.max_backoff_seconds)

    def _checked(self, response: httpx.Response, url: str) -> str:
        status = response.status_code
        if status == 404:
            raise NotFoundError(
                "no such table in the SCB database; check the table path", value=url
            )
        if status in (400, 403):
            raise InputError(f"SCB refused the query ({status}): {response.text[:200]}", value=url)
        if status >= 400:
            raise FetchError(
                f"SCB answered {status} after {self.limits.max_retries} retries", value=url
            )
        return response.content.decode("utf-8-sig")

    # -- queries ------------------------------------------------------------------------
    def metadata(self, table: str, *, refresh: bool = False) -> dict[str, Any]:
        """Return the table's variables (GET on the table)."""
        meta = self.request("GET", table, refresh=refresh)
        if not isinstance(meta.get("variables"), list):
            raise InputError(
                "not a PxWeb table (the answer has no variables); is the path a folder?",
                value=table,
            )
        return meta

    def selection(
        self, meta: Mapping[str, Any], wanted: Mapping[str, Sequence[str] | None]
    ) -> dict[str, list[str]]:
        """Return variable → values: *wanted* by role or code; all where it cannot be left out."""
        out: dict[str, list[str]] = {}
        for variable in meta["variables"]:
            code = str(variable["code"])
            chosen = _pick(variable, wanted.get(code, wanted.get(_role(variable) or "", None)))
            if chosen is not None:
                out[code] = chosen
        return out

    def fetch(
        self, table: str, wanted: Mapping[str, Sequence[str] | None], *, refresh: bool = False
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Return the table metadata and the JSON-stat documents of every part of the query."""
        meta = self.metadata(table, refresh=refresh)
        parts = split_selection(self.selection(meta, wanted), self.limits.max_cells)
        docs = []
        console = Console(stderr=True)
        with Progress(console=console, transient=True, disable=not self.progress) as bar:
            task = bar.add_task(f"SCB {table}", total=len(parts))
            for part in parts:
                docs.append(self.request("POST", table, build_query(part), refresh=refresh))
                bar.advance(task)
        return meta, docs

    def fetch_dataset(
        self,
        table: str,
        *,
        name: str,
        region: Sequence[str] | None = None,
        industry: Sequence[str] | None = None,
        years: Sequence[str] | None = None,
        measure: str = "",
        extra: Mapping[str, Sequence[str]] | None = None,
        refresh: bool = False,
    ) -> Dataset:
        """Fetch a table as a validated dataset (``None`` selects all values; ``["*"]`` too)."""
        wanted: dict[str, Sequence[str] | None] = {
            "region": region or ["*"],
            "industry": industry or ["*"],
            "year": years or ["*"],
            **(extra or {}),
        }
        meta, docs = self.fetch(table, wanted, refresh=refresh)
        url = self.url(table)
        cells = pd.concat([jsonstat_cells(doc, url) for doc in docs], ignore_index=True)
        roles = {r: str(v["code"]) for v in meta["variables"] if (r := _role(v))}
        if "industry" not in cells:
            cells["industry"] = "TOTAL"
        if "measure" in cells and measure and cells["measure"].nunique() == 1:
            cells = cells.drop(columns="measure")
        prov = Provenance(url, roles, f"SCB, {meta.get('title') or table}")
        info = DatasetMeta(
            title=str(meta.get("title") or table), source=prov.source, licence="CC0 1.0", url=url
        )
        return build_dataset(cells, name=name, measure=measure or "value", prov=prov, meta=info)
