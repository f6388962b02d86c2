"""Client for Kolada's API version 3 (key figures for Swedish municipalities and regions).

Kolada, run by RKA, publishes key performance indicators (KPIs, *nyckeltal*)
at ``https://api.kolada.se/v3`` (documented at ``/v3/docs``).

- ``GET /kpi/{id}`` — the KPI's title, description and whether it is divided by sex;
- ``GET /data/kpi/{id}/municipality/{ids}/year/{years}`` — the values:
  ``{"values": [{"kpi", "municipality", "period", "values": [{"gender": "T",
  "value": 12.3, "status": ""}, …]}], "next_url": …}``; a long answer comes
  in pages linked by ``next_url``.

Region ids are ``0000`` for Sweden, ``00NN`` for region (county) ``NN`` and
the four-digit municipality codes. ``gender`` is ``T`` (total), ``K``
(women) or ``M`` (men). A value without a number is missing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import pandas as pd

from s3atlas.errors import InputError
from s3atlas.i18n import gettext as _
from s3atlas.io.fetched import dataset_source, source_text
from s3atlas.io.mapping import Provenance, build_dataset
from s3atlas.io.transport import Answer, Transport
from s3atlas.stats.model import Dataset, DatasetMeta

__all__ = ["DEFAULT_KOLADA_URL", "KoladaClient", "kolada_cells", "kolada_region"]

DEFAULT_KOLADA_URL = "https://api.kolada.se/v3"
_GENDER = {"T": "total", "K": "women", "M": "men"}
_MAX_IDS = 20  # region ids per request, to keep URLs short


def kolada_region(code: str) -> str:
    """Return Kolada's id for a region code: ``24`` → ``0024``; ``2480`` and ``0000`` stay.

    >>> kolada_region("24"), kolada_region("2480"), kolada_region("0000")
    ('0024', '2480', '0000')
    """
    text = str(code).strip()
    if len(text) == 2 and text.isdigit():
        return "00" + text
    if len(text) == 4 and text.isdigit():
        return text
    raise InputError(
        _("a Kolada region is a county code (24) or a municipality code (2480)"),
        column="region",
        value=code,
    )


def _region_code(kolada_id: str) -> str:
    """Kolada ``0024`` → county ``24``; ``0000`` → ``00`` (Sweden); municipalities stay."""
    return kolada_id[2:] if kolada_id.startswith("00") else kolada_id


def kolada_cells(values: Sequence[dict[str, Any]], source: str) -> pd.DataFrame:
    """Return raw cells (one per region, year and sex) of Kolada data rows.

    >>> rows = [{"kpi": "N1", "municipality": "0024", "period": 2022,
    ...          "values": [{"gender": "T", "value": 3.5, "status": ""},
    ...                     {"gender": "K", "value": None, "status": "Missing"}]}]
    >>> kolada_cells(rows, "Kolada")[["region", "year", "sex", "value"]].values.tolist()
    [['24', '2022', 'total', '3.5'], ['24', '2022', 'women', '.']]
    """
    records = []
    for position, row in enumerate(values):
        for cell in row.get("values") or []:
            number = cell.get("value")
            records.append(
                {
                    "region": _region_code(str(row.get("municipality", ""))),
                    "year": str(row.get("period", "")),
                    "sex": _GENDER.get(str(cell.get("gender")), str(cell.get("gender"))),
                    "value": "." if number is None else repr(float(number)),
                    "_row": None,
                    "_col": f"values[{position}]",
                    "_source": source,
                }
            )
    return pd.DataFrame.from_records(records)


class KoladaClient:
    """Kolada v3 client: one KPI for regions and years, every value with its provenance."""

    def __init__(self, transport: Transport, base_url: str = DEFAULT_KOLADA_URL) -> None:
        self.transport = transport
        self.base_url = base_url.rstrip("/")

    def kpi(self, kpi: str, *, refresh: bool = False) -> dict[str, Any]:
        """Return the KPI's description (title, whether divided by sex …)."""
        answer = self.transport.get(f"{self.base_url}/kpi/{kpi}", refresh=refresh)
        found = answer.doc.get("values") or []
        return dict(found[0]) if found else {"id": kpi, "title": kpi}

    def pages(self, url: str, *, refresh: bool = False) -> Iterator[Answer]:
        """Yield the answer at *url* and every page after it (``next_url``)."""
        seen = set()
        next_url: str | None = url
        while next_url and next_url not in seen:
            seen.add(next_url)
            answer = self.transport.get(next_url, refresh=refresh)
            yield answer
            next_url = answer.doc.get("next_url") or answer.doc.get("next_page")

    def fetch_dataset(
        self,
        kpi: str,
        *,
        name: str,
        regions: Sequence[str],
        years: Sequence[str] | None = None,
        measure: str = "",
        refresh: bool = False,
    ) -> Dataset:
        """Fetch one KPI for *regions* (county or municipality codes) and *years*."""
        info = self.kpi(kpi, refresh=refresh)
        title = str(info.get("title") or kpi)
        ids = [kolada_region(r) for r in regions]
        frames, answers = [], []
        for start in range(0, len(ids), _MAX_IDS):
            batch = ",".join(ids[start : start + _MAX_IDS])
            url = f"{self.base_url}/data/kpi/{kpi}/municipality/{batch}"
            url += f"/year/{','.join(years)}" if years else ""
            for answer in self.pages(url, refresh=refresh):
                answers.append(answer)
                rows = answer.doc.get("values") or []
                frames.append(kolada_cells(rows, source_text("Kolada", kpi, title, answer)))
        cells = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        if cells.empty:
            raise InputError(
                _("Kolada has no values of this KPI for these regions and years"), value=kpi
            )
        cells["industry"] = "TOTAL"
        prov = Provenance(answers[0].url, {"region": "municipality", "year": "period"}, title)
        meta = DatasetMeta(
            title=title,
            source=dataset_source("Kolada (RKA)", kpi, f"{self.base_url}/kpi/{kpi}", answers),
            licence="CC BY 4.0",
            url=f"{self.base_url}/kpi/{kpi}",
            notes=str(info.get("description") or ""),
            retrieved=min(a.retrieved for a in answers).isoformat(timespec="seconds"),
        )
        return build_dataset(cells, name=name, measure=measure or kpi, prov=prov, meta=meta)
