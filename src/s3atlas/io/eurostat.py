"""Client for Eurostat's dissemination API (JSON-stat 2.0), for regional (NUTS) datasets.

``GET https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data/{dataset}
?format=JSON&lang=EN&geo=SE331&time=2021&unit=NR`` answers a JSON-stat 2.0
dataset; each query parameter other than ``format`` and ``lang`` filters a
dimension. Eurostat's flags travel in ``status``: ``c`` confidential
(suppressed), ``e`` estimated, ``:`` not available; ``p`` provisional and
``b`` break in series leave the value as it is.

Datasets with defaults here (any other can be fetched with ``--filter``):

================== ============ ===========================================
dataset            measure      what it is
================== ============ ===========================================
nama_10r_3empers   employed_ths employment (thousand persons) by NUTS 3
sbs_r_nuts06_r2    employed     SBS persons employed by NUTS 2 and NACE
sbs_r_nuts2021     (by filter)  SBS by NUTS 2021 regions
pat_ep_rtot        patents      EPO patent applications by NUTS 3
ipr_ta_reg         trademarks   EU trade mark applications by NUTS 3
bd_hgnace2_r3      new_firms    business demography: births by NUTS 3
================== ============ ===========================================
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from s3atlas.classifications import nuts_regions
from s3atlas.errors import InputError, S3AtlasError
from s3atlas.i18n import gettext as _
from s3atlas.io.fetched import dataset_source, jsonstat_answer_cells, source_text
from s3atlas.io.mapping import Provenance, build_dataset, industry_code
from s3atlas.io.transport import Transport
from s3atlas.stats.model import Dataset, DatasetMeta

__all__ = ["DATASETS", "DEFAULT_EUROSTAT_URL", "EurostatClient", "EurostatDataset", "swedish_nuts"]

DEFAULT_EUROSTAT_URL = "https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data"


@dataclass(frozen=True)
class EurostatDataset:
    """A dataset's measure name and the filters that pick one number per region and year."""

    measure: str
    filters: dict[str, str] = field(default_factory=dict)
    level: int = 3


DATASETS: dict[str, EurostatDataset] = {
    "nama_10r_3empers": EurostatDataset(
        "employed_ths", {"unit": "THS", "wstatus": "EMP", "nace_r2": "TOTAL"}
    ),
    "sbs_r_nuts06_r2": EurostatDataset("employed", {"indic_sb": "V16110"}, level=2),
    "sbs_r_nuts2021": EurostatDataset("value", {}, level=2),
    "pat_ep_rtot": EurostatDataset("patents", {"unit": "NR"}),
    "ipr_ta_reg": EurostatDataset("trademarks", {"unit": "NR"}),
    "bd_hgnace2_r3": EurostatDataset("new_firms", {"indic_sb": "V11910", "nace_r2": "B-S_X_K642"}),
}


def swedish_nuts(level: int) -> list[str]:
    """Return Sweden's NUTS codes at *level* (2: eight regions, 3: 21 counties).

    >>> len(swedish_nuts(3)), swedish_nuts(2)[0]
    (21, 'SE11')
    """
    nuts = nuts_regions()
    return sorted(nuts[nuts.level == level].nuts_code)


def _one_industry(codes: pd.Series) -> pd.Series:
    """Keep NACE codes; a single aggregate the filters chose (``B-S_X_K642``) becomes TOTAL."""
    if codes.nunique() != 1:
        return codes
    try:
        industry_code(str(codes.iloc[0]))
    except S3AtlasError:
        return pd.Series("TOTAL", index=codes.index)
    return codes


class EurostatClient:
    """Eurostat dissemination API client: one dataset for NUTS regions and years."""

    def __init__(self, transport: Transport, base_url: str = DEFAULT_EUROSTAT_URL) -> None:
        self.transport = transport
        self.base_url = base_url.rstrip("/")

    def params(
        self,
        dataset: str,
        regions: Sequence[str] | None,
        years: Sequence[str] | None,
        filters: Mapping[str, str],
    ) -> list[tuple[str, str]]:
        """Return the query parameters: the dataset's defaults, then *filters*, regions, years."""
        known = DATASETS.get(dataset, EurostatDataset("value"))
        chosen = {**known.filters, **filters}
        params = [("format", "JSON"), ("lang", "EN")]
        params += [(key, value) for key, value in chosen.items()]
        params += [("geo", code) for code in regions or swedish_nuts(known.level)]
        params += [("time", year) for year in years or []]
        return params

    def fetch_dataset(
        self,
        dataset: str,
        *,
        name: str,
        regions: Sequence[str] | None = None,
        years: Sequence[str] | None = None,
        filters: Mapping[str, str] | None = None,
        measure: str = "",
        refresh: bool = False,
    ) -> Dataset:
        """Fetch *dataset* for NUTS *regions* (default: Sweden's) and *years* (default: all)."""
        url = f"{self.base_url}/{dataset}"
        answer = self.transport.get(
            url, self.params(dataset, regions, years, filters or {}), refresh=refresh
        )
        title = str(answer.doc.get("label") or dataset)
        cells = jsonstat_answer_cells(
            [answer], lambda a: source_text("Eurostat", dataset, title, a)
        )
        if "region" not in cells or "year" not in cells:
            raise InputError(_("the answer has no geo or time dimension"), value=dataset)
        cells["industry"] = _one_industry(cells["industry"]) if "industry" in cells else "TOTAL"
        cells = cells.drop(columns=[c for c in ("measure",) if c in cells])
        known = DATASETS.get(dataset, EurostatDataset("value"))
        prov = Provenance(answer.url, {"region": "geo", "year": "time"}, title)
        meta = DatasetMeta(
            title=title,
            source=dataset_source("© European Union, Eurostat", dataset, url, [answer]),
            licence="CC BY 4.0",
            url=answer.url,
            retrieved=answer.retrieved.isoformat(timespec="seconds"),
        )
        return build_dataset(
            cells, name=name, measure=measure or known.measure, prov=prov, meta=meta
        )
