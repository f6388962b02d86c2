"""The real Swedish datasets that ship with s3atlas, loaded by name.

See ``s3atlas/data/SOURCES.md`` for where every file comes from and how it
was transcribed. Loading works with no network.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib.resources import files

import pandas as pd

from s3atlas.classifications import find_region, is_extra_regio
from s3atlas.stats.bundled_dynamics import new_firms_dataset, patents_dataset
from s3atlas.stats.bundled_sbs import sbs_2015
from s3atlas.stats.model import Dataset, DatasetMeta, StatTable

__all__ = ["BUNDLED", "DEFAULT_DATASET", "bundled_names", "load_bundled"]

_SCB = "SCB RAMS (AM0207I6)"
_SCB_SEX = "SCB RAMS (AM0207K/DagSNI07KonK)"
_SEXES = {"män": "men", "kvinnor": "women"}
_EUROSTAT = "Eurostat nama_10r_3empers"
_KOLADA = "Kolada (RKA)"
#: The A*10 groups of Eurostat's regional accounts that partition the economy (C, G-J, K-N, O-U
#: overlap them).
A10 = ["A", "B-E", "F", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U"]
_KOLADA_MEASURES = {
    "Företagens utgifter för egen FoU": "rd_business",
    "Offentliga sektorns utgifter för FoU": "rd_public",
    "Universitets- och högskolesektorns utgifter för FoU": "rd_higher_education",
}


def _read(name: str) -> pd.DataFrame:
    with files("s3atlas.data").joinpath(f"bundle/{name}").open(encoding="utf-8") as handle:
        return pd.read_csv(handle, dtype=str, keep_default_na=False)


def _rams() -> Dataset:
    frame = _rams_frame_2018()
    meta = DatasetMeta(
        title="Förvärvsarbetande 16+ år efter arbetsställets län och näringsgren (SNI 2007), 2018",
        source="Källa: SCB, RAMS",
        licence="CC0 (SCB öppna data)",
        url="https://www.statistikdatabasen.scb.se/",
        unit="persons",
        notes="Day population (county of work). 21 counties × 15 SCB industry groups.",
    )
    return Dataset("scb_rams_2018", StatTable.build(frame, "county", "sni2007"), meta)


def _rams_frame_2018() -> pd.DataFrame:
    raw = _read("scb_rams_2018_county_industry.csv")
    return pd.DataFrame(
        {
            "region": raw.county_code,
            "industry": raw.sni_group,
            "year": raw.year.astype(int),
            "measure": "employed",
            "value": raw.employed.astype(float),
            "flag": "ok",
            "source": _SCB,
        }
    )


def _rams_frame_by_sex() -> pd.DataFrame:
    raw = _read("scb_rams_2008_2016_county_industry_sex.csv")
    frame = pd.DataFrame(
        {
            "region": raw.county_code,
            "industry": raw.sni_group,
            "year": raw.year.astype(int),
            "measure": "employed",
            "value": raw.employed.astype(float),
            "flag": "ok",
            "source": _SCB_SEX,
            "sex": raw.sex.map(_SEXES),
        }
    )
    key = ["region", "industry", "year", "measure", "flag", "source"]
    total = frame.groupby(key, as_index=False).value.sum().assign(sex="total")
    return pd.concat([frame, total], ignore_index=True)


def _rams_series() -> Dataset:
    frame = pd.concat(
        [_rams_frame_by_sex(), _rams_frame_2018().assign(sex="total")], ignore_index=True
    )
    meta = DatasetMeta(
        title="Förvärvsarbetande 16+ år efter arbetsställets län, näringsgren (SNI 2007) och kön, "
        "2008–2016 och 2018",
        source="Källa: SCB, RAMS",
        licence="CC0 (SCB öppna data)",
        url="https://www.statistikdatabasen.scb.se/",
        unit="persons",
        notes="Day population (county of work). 2008–2016 by sex from SCB table "
        "AM0207K/DagSNI07KonK (15 groups plus 00, industry unknown); 2018 from AM0207I6 "
        "(15 groups, both sexes). Growth is measured within one table, never across the two.",
    )
    return Dataset("scb_rams", StatTable.build(frame, "county", "sni2007"), meta)


def _eurostat() -> Dataset:
    raw = _read("eurostat_nama_10r_3empers_SE.csv")
    extra = raw.nuts_code.map(is_extra_regio)
    raw = raw[(raw.nuts_level == "3") & ~extra & raw.nace_group.isin(A10)]
    frame = pd.DataFrame(
        {
            "region": raw.nuts_code,
            "industry": raw.nace_group,
            "year": raw.year.astype(int),
            "measure": "employed",
            "value": raw.employed_persons.astype(float),
            "flag": "ok",
            "source": _EUROSTAT,
        }
    )
    meta = DatasetMeta(
        title="Employment by NUTS 3 region and NACE Rev. 2 (A*10), Sweden 2000–2017",
        source="© European Union, Eurostat (nama_10r_3empers)",
        licence="Eurostat reuse policy (attribution)",
        url="https://ec.europa.eu/eurostat/databrowser/view/nama_10r_3empers/",
        unit="persons",
        precision=1000.0,
        notes="NUTS 3 = the 21 counties; values in whole thousands. "
        "Only the A*10 partition is kept so sums do not double count; "
        "the extra-regio region SEZZZ is left out.",
    )
    return Dataset("eurostat_employment_se", StatTable.build(frame, "nuts", "sni2007"), meta)


def _kolada() -> Dataset:
    raw = _read("kolada_rd_spending_county.csv")
    values = pd.to_numeric(raw.value_sek_per_inhabitant.replace("", None), errors="coerce")
    frame = pd.DataFrame(
        {
            "region": [find_region(name).code for name in raw.county_name],
            "industry": "TOTAL",
            "year": raw.year.astype(int),
            "measure": raw.kpi.map(_KOLADA_MEASURES),
            "value": values,
            "flag": values.isna().map({True: "missing", False: "ok"}),
            "source": _KOLADA,
        }
    )
    meta = DatasetMeta(
        title="Utgifter för FoU per invånare efter sektor och län (Kolada N85085–N85087)",
        source="Källa: Kolada (RKA), SCB",
        licence="Kolada open data",
        url="https://www.kolada.se/",
        unit="SEK per inhabitant",
        notes="Measures: rd_business, rd_public, rd_higher_education. "
        "Unit taken from Kolada's KPI definitions.",
    )
    return Dataset("kolada_rd", StatTable.build(frame, "county", "sni2007"), meta)


#: The dataset every analysis uses unless told otherwise (the CLI and the web alike).
DEFAULT_DATASET = "scb_rams"

#: Bundled statistical datasets by name.
BUNDLED: dict[str, Callable[[], Dataset]] = {
    "scb_rams": _rams_series,
    "scb_rams_2018": _rams,
    "eurostat_employment_se": _eurostat,
    "kolada_rd": _kolada,
    "tillvaxtanalys_new_firms": new_firms_dataset,
    "eurostat_patents_se": patents_dataset,
    "eurostat_sbs_2015": sbs_2015,
}


def bundled_names() -> list[str]:
    """Return the names of the bundled statistical datasets."""
    return list(BUNDLED)


@cache
def load_bundled(name: str) -> Dataset:
    """Return the bundled dataset *name* (cached; tables are not to be modified in place)."""
    return BUNDLED[name]()
