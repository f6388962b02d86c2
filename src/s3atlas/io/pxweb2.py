"""Client for SCB's PxWebApi 2 (Statistikdatabasen), the API that replaces PxWeb v1.

Tables have short ids such as ``TAB900``. The API root (default
``https://statistikdatabasen.scb.se/api/v2``) answers:

- ``GET /tables?query=…`` — a search: ``{"tables": [{"id", "label", "firstPeriod",
  "lastPeriod", "variableNames", …}], "page": {…}}``;
- ``GET /tables/{id}/metadata`` — the table's variables as a JSON-stat 2.0
  dataset without values; ``dimension[v].extension.elimination`` says whether
  a variable may be left out (SCB then sums over it);
- ``GET /tables/{id}/data?valueCodes[Region]=01,03&outputFormat=json-stat2``
  or ``POST`` the same selection as ``{"selection": [{"variableCode": "Region",
  "valueCodes": ["01", "03"]}]}`` for large selections — the data as JSON-stat 2.0.

SCB allows about 30 calls per 10 s and 150 000 cells per call; the client
expands selection expressions against the metadata, splits a query over the
cell limit into parts and merges them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from s3atlas.errors import InputError, NotFoundError, S3AtlasError
from s3atlas.i18n import gettext as _
from s3atlas.io.fetched import dataset_source, jsonstat_answer_cells, progress_map, source_text
from s3atlas.io.jsonstat import dimension_role
from s3atlas.io.mapping import Provenance, build_dataset, industry_code
from s3atlas.io.selection import cell_count, expand, split_selection
from s3atlas.io.transport import Answer, Limits, Transport
from s3atlas.stats.model import Dataset, DatasetMeta

__all__ = [
    "DEFAULT_V2_URL",
    "MAX_CELLS",
    "SCB_LIMITS",
    "PxWeb2Client",
    "TableMeta",
    "Variable",
    "data_body",
    "data_params",
    "parse_metadata",
    "to_dataset",
]

DEFAULT_V2_URL = "https://statistikdatabasen.scb.se/api/v2"
#: SCB's published limits: 30 calls per 10 seconds.
SCB_LIMITS = Limits(max_requests=30, window_seconds=10.0)
#: SCB's published limit of cells per call.
MAX_CELLS = 150_000
_MAX_URL = 2000  # longer GET URLs are sent as POST


@dataclass(frozen=True)
class Variable:
    """One variable (dimension) of a table."""

    code: str
    label: str
    codes: list[str]
    labels: dict[str, str]
    elimination: bool
    role: str | None


@dataclass(frozen=True)
class TableMeta:
    """A table's id, title and variables."""

    id: str
    label: str
    variables: list[Variable]
    updated: str = ""

    def variable(self, code_or_role: str) -> Variable | None:
        """Return the variable with this code, or else with this role (region, year…)."""
        for variable in self.variables:
            if variable.code == code_or_role:
                return variable
        return next((v for v in self.variables if v.role == code_or_role), None)


def parse_metadata(doc: Mapping[str, Any], table: str) -> TableMeta:
    """Read a PxWebApi 2 metadata answer (JSON-stat 2.0 without values) into a TableMeta.

    Examples
    --------
    >>> doc = {"class": "dataset", "label": "Jobs", "id": ["Region", "Tid"], "size": [2, 1],
    ...        "role": {"time": ["Tid"], "geo": ["Region"]},
    ...        "dimension": {
    ...          "Region": {"label": "region", "extension": {"elimination": True},
    ...                     "category": {"index": {"01": 0, "03": 1},
    ...                                  "label": {"01": "Stockholm", "03": "Uppsala"}}},
    ...          "Tid": {"label": "år", "category": {"index": {"2023": 0}}}}}
    >>> meta = parse_metadata(doc, "TAB1")
    >>> [(v.code, v.role, v.codes, v.elimination) for v in meta.variables]
    [('Region', 'region', ['01', '03'], True), ('Tid', 'year', ['2023'], False)]
    """
    ids, dims = doc.get("id"), doc.get("dimension")
    if not isinstance(ids, list) or not isinstance(dims, dict):
        raise InputError(
            _("not a PxWebApi 2 table description (no 'id' and 'dimension')"), value=table
        )
    variables = []
    for code in ids:
        dim = dims.get(code) or {}
        category = dim.get("category") or {}
        index = category.get("index") or list(category.get("label") or {})
        codes = (
            [str(c) for c in index]
            if isinstance(index, list)
            else [c for c, _pos in sorted(index.items(), key=lambda item: item[1])]
        )
        extension = dim.get("extension") or {}
        variables.append(
            Variable(
                code=str(code),
                label=str(dim.get("label") or code),
                codes=codes,
                labels={str(k): str(v) for k, v in (category.get("label") or {}).items()},
                elimination=bool(extension.get("elimination", False)),
                role=dimension_role(dict(doc), str(code)),
            )
        )
    return TableMeta(
        str(table), str(doc.get("label") or table), variables, str(doc.get("updated") or "")
    )


def data_params(selection: Mapping[str, Sequence[str]], lang: str) -> dict[str, str]:
    """Return the query parameters of a GET data request for *selection*.

    >>> data_params({"Region": ["01", "03"], "Tid": ["2023"]}, "sv")["valueCodes[Region]"]
    '01,03'
    """
    params = {"lang": lang, "outputFormat": "json-stat2"}
    params.update({f"valueCodes[{code}]": ",".join(values) for code, values in selection.items()})
    return params


def data_body(selection: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """Return the JSON body of a POST data request for *selection*.

    >>> data_body({"Tid": ["2023"]})
    {'selection': [{'variableCode': 'Tid', 'valueCodes': ['2023']}]}
    """
    return {
        "selection": [
            {"variableCode": code, "valueCodes": list(values)} for code, values in selection.items()
        ]
    }


class PxWeb2Client:
    """SCB PxWebApi 2 client: search, metadata and data, split by the cell limit.

    Parameters
    ----------
    transport : Transport
        The shared transport (rate limit, retries, cache).
    base_url : str
        API root, default ``https://statistikdatabasen.scb.se/api/v2``.
    lang : str
        ``sv`` or ``en``: the language of labels and titles.
    max_cells : int
        Cells per call (SCB: 150 000).
    progress : bool
        Show a progress bar when a query needs several calls.
    """

    def __init__(
        self,
        transport: Transport,
        base_url: str = DEFAULT_V2_URL,
        *,
        lang: str = "sv",
        max_cells: int = MAX_CELLS,
        progress: bool = True,
    ) -> None:
        self.transport = transport
        self.base_url = base_url.rstrip("/")
        self.lang, self.max_cells, self.progress = lang, max_cells, progress

    def search(self, query: str, *, page_size: int = 20) -> list[dict[str, Any]]:
        """Return the tables a free-text search finds (id, label, first and last period…)."""
        params = {"query": query, "lang": self.lang, "pageSize": str(page_size)}
        answer = self.transport.get(f"{self.base_url}/tables", params)
        return list(answer.doc.get("tables") or [])

    def metadata(self, table: str, *, refresh: bool = False) -> TableMeta:
        """Return the variables of *table*."""
        params = {"lang": self.lang, "outputFormat": "json-stat2"}
        url = f"{self.base_url}/tables/{table}/metadata"
        return parse_metadata(self.transport.get(url, params, refresh=refresh).doc, table)

    def selection(
        self, meta: TableMeta, wanted: Mapping[str, Sequence[str] | None]
    ) -> dict[str, list[str]]:
        """Return variable → codes: *wanted* (by code or role, expressions expanded).

        A variable that is not asked for is left out where SCB allows it
        (elimination: SCB sums over it), else all its values are taken.
        """
        known = {v.code for v in meta.variables} | {v.role for v in meta.variables if v.role}
        unknown = [key for key in wanted if key not in known]
        if unknown:
            names = ", ".join(v.code for v in meta.variables)
            raise InputError(
                _("the table has no such variable (variables: {names})", names=names),
                column=unknown[0],
                value=meta.id,
            )
        out: dict[str, list[str]] = {}
        for variable in meta.variables:
            asked = wanted.get(variable.code, wanted.get(variable.role or "", None))
            if asked is None and variable.elimination:
                continue
            codes = expand(asked or ["*"], variable.codes, variable.code)
            if not codes:
                raise InputError(
                    _("the selection picks no value of {variable}", variable=variable.code),
                    column=variable.code,
                    value=",".join(asked or []),
                )
            out[variable.code] = codes
        return out

    def fetch(
        self, table: str, selection: Mapping[str, Sequence[str]], *, refresh: bool = False
    ) -> list[Answer]:
        """Return the JSON-stat answers of every part of *selection* (split by the cell limit)."""
        parts = split_selection(selection, self.max_cells)
        label = _("SCB {table}: {cells} cells", table=table, cells=cell_count(selection))
        return progress_map(
            lambda part: self._data(table, part, refresh), parts, label, show=self.progress
        )

    def _data(self, table: str, part: Mapping[str, Sequence[str]], refresh: bool) -> Answer:
        url = f"{self.base_url}/tables/{table}/data"
        params = data_params(part, self.lang)
        if len(url) + sum(len(k) + len(v) + 2 for k, v in params.items()) <= _MAX_URL:
            return self.transport.get(url, params, refresh=refresh)
        short = {"lang": self.lang, "outputFormat": "json-stat2"}
        return self.transport.post(url, data_body(part), short, refresh=refresh)

    def fetch_dataset(
        self,
        table: str,
        *,
        name: str,
        wanted: Mapping[str, Sequence[str] | None],
        measure: str = "",
        refresh: bool = False,
    ) -> Dataset:
        """Fetch *table* as a validated dataset, every cell with its provenance.

        Region and year default to all values (``*``), industry to every SNI
        2007 code (totals and "unknown" left out, and named in the notes); any
        other variable SCB can sum over is left out unless *wanted* names it.
        """
        meta = self.metadata(table, refresh=refresh)
        everything: dict[str, Sequence[str] | None] = {
            role: ["*"] for role in ("region", "year") if meta.variable(role)
        }
        industry = meta.variable("industry")
        left_out: list[str] = []
        if industry and not {"industry", industry.code} & set(wanted):
            everything["industry"] = [c for c in industry.codes if _classified(c)]
            left_out = [c for c in industry.codes if not _classified(c)]
        chosen = self.selection(meta, {**everything, **wanted})
        answers = self.fetch(table, chosen, refresh=refresh)
        dataset = to_dataset(meta, answers, name=name, measure=measure)
        if not left_out:
            return dataset
        note = _(
            "Industry codes outside SNI 2007 (totals, unknown) were left out: {codes}.",
            codes=", ".join(left_out),
        )
        notes = " ".join(filter(None, [dataset.meta.notes, note]))
        return replace(dataset, meta=replace(dataset.meta, notes=notes))


def _classified(code: str) -> bool:
    """Whether *code* is an SNI 2007 code or group (not a total or 'unknown')."""
    try:
        return industry_code(code) != "TOTAL"
    except S3AtlasError:
        return False


def to_dataset(
    meta: TableMeta, answers: Sequence[Answer], *, name: str, measure: str = ""
) -> Dataset:
    """Turn the answers of one table into a validated dataset with per-cell provenance."""
    if not answers:
        raise NotFoundError(_("the query returned no data"), value=meta.id)
    cells = jsonstat_answer_cells(answers, lambda a: source_text("SCB", meta.id, meta.label, a))
    if "region" not in cells:
        raise InputError(_("the table has no region variable"), value=meta.id)
    if "industry" not in cells:
        cells["industry"] = "TOTAL"
    if "measure" in cells and measure and cells["measure"].nunique() == 1:
        cells = cells.drop(columns="measure")
    roles = {v.role: v.code for v in meta.variables if v.role}
    first = answers[0]
    prov = Provenance(first.url, roles, source_text("SCB", meta.id, meta.label, first))
    table_url = first.url.split("/data")[0]
    info = DatasetMeta(
        title=meta.label,
        source=dataset_source("SCB", meta.id, table_url, answers),
        licence="CC0 1.0",
        url=table_url,
        retrieved=min(a.retrieved for a in answers).isoformat(timespec="seconds"),
    )
    return build_dataset(cells, name=name, measure=measure or "value", prov=prov, meta=info)
