"""Client for SCB's PxWeb API version 1, kept for old saved queries.

SCB's current API is PxWebApi 2 (:mod:`s3atlas.io.pxweb2`); version 1 still
answers for table paths such as ``AM/AM0207/AM0207Z/DagSni07KonKN`` under
``https://api.scb.se/OV0104/v1/doris/sv/ssd``. ``GET`` on the table returns
its variables (``code``, ``text``, ``values``, ``valueTexts``,
``elimination``, ``time``); ``POST`` with ::

    {"query": [{"code": "Region", "selection": {"filter": "item", "values": ["01", "03"]}}, ...],
     "response": {"format": "json-stat2"}}

returns a JSON-stat 2.0 dataset. The client splits a query into requests
under the cell limit; the shared :class:`~s3atlas.io.transport.Transport`
keeps to the rate limit, retries, caches and fails fast offline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from s3atlas.errors import FetchError, InputError
from s3atlas.i18n import gettext
from s3atlas.io.fetched import dataset_source, jsonstat_answer_cells, progress_map, source_text
from s3atlas.io.mapping import Provenance, build_dataset
from s3atlas.io.pxweb2 import MAX_CELLS, SCB_LIMITS
from s3atlas.io.selection import split_selection
from s3atlas.io.transport import Answer, Transport
from s3atlas.stats.model import Dataset, DatasetMeta

__all__ = [
    "DEFAULT_BASE_URL",
    "FetchError",
    "ScbClient",
    "build_query",
    "split_selection",
]

DEFAULT_BASE_URL = "https://api.scb.se/OV0104/v1/doris/sv/ssd"


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
            gettext(
                "not a value of {variable} in this table (values: {sample}, …)",
                variable=variable.get("code"),
                sample=sample,
            ),
            column=str(variable.get("code")),
            value=missing[0],
        )
    return list(wanted)


class ScbClient:
    """SCB PxWeb API v1 client: metadata, then data split by the cell limit.

    Parameters
    ----------
    base_url : str
        Database root, default ``https://api.scb.se/OV0104/v1/doris/sv/ssd``.
    transport : Transport, optional
        The shared transport; default one with SCB's limits and no cache.
    max_cells : int
        Cells per request (SCB: 150 000).
    progress : bool
        Show a progress bar when a query needs several requests.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        transport: Transport | None = None,
        max_cells: int = MAX_CELLS,
        progress: bool = True,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.transport = transport or Transport("SCB", limits=SCB_LIMITS)
        self.max_cells, self.progress = max_cells, progress

    def url(self, table: str) -> str:
        return f"{self.base_url}/{table.strip('/')}"

    def metadata(self, table: str, *, refresh: bool = False) -> dict[str, Any]:
        """Return the table's variables (GET on the table)."""
        meta = self.transport.get(self.url(table), refresh=refresh).doc
        if not isinstance(meta, dict) or not isinstance(meta.get("variables"), list):
            raise InputError(
                gettext("not a PxWeb table (the answer has no variables); is the path a folder?"),
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
    ) -> tuple[dict[str, Any], list[Answer]]:
        """Return the table metadata and the answers to every part of the query."""
        meta = self.metadata(table, refresh=refresh)
        parts = split_selection(self.selection(meta, wanted), self.max_cells)
        url = self.url(table)
        answers = progress_map(
            lambda part: self.transport.post(url, build_query(part), refresh=refresh),
            parts,
            f"SCB {table}",
            show=self.progress,
        )
        return meta, answers

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
        meta, answers = self.fetch(table, wanted, refresh=refresh)
        title = str(meta.get("title") or table)
        cells = jsonstat_answer_cells(answers, lambda a: source_text("SCB", table, title, a))
        roles = {r: str(v["code"]) for v in meta["variables"] if (r := _role(v))}
        if "industry" not in cells:
            cells["industry"] = "TOTAL"
        if "measure" in cells and measure and cells["measure"].nunique() == 1:
            cells = cells.drop(columns="measure")
        url = self.url(table)
        prov = Provenance(url, roles, f"SCB, {title}")
        info = DatasetMeta(
            title=title,
            source=dataset_source("SCB", table, url, answers),
            licence="CC0 1.0",
            url=url,
            retrieved=min(a.retrieved for a in answers).isoformat(timespec="seconds"),
        )
        return build_dataset(cells, name=name, measure=measure or "value", prov=prov, meta=info)
