"""Borrowable capacity across regions: who offers a system-unique function, who lacks it.

The seed's workshop question for a system-unique function (*systemunik
funktion*: it serves one strength area of the region) is "Kan andra regioner
låna kapacitet av den?" — can other regions borrow its capacity? The answer
is recorded on the provision (``borrowable``: yes, no or conditions, with
``borrow_terms``). This module builds the national view from the maps of
several regions:

*offers*
    provisions answered *yes* or *conditions* whose function is system-unique
    in its region (:func:`~s3atlas.ecosystem.analysis.functions.classify_functions`),
    with the national priority themes of the area they serve;
*candidates*
    for every offer and every other region with a strength area in one of the
    offer's themes that has no provision of that function for that area: the
    pair, with the reason in Swedish and English.

A strength area's themes are the national priority themes
(:mod:`s3atlas.priorities.themes`) whose SNI divisions it has; an area
without SNI codes is themed by its name (:func:`s3atlas.priorities.classify.classify_text`).
Only the maps the caller passes contribute: the CLI and the web pass the
latest round of each *published* region.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import select

from s3atlas.ecosystem.analysis.functions import classify_functions
from s3atlas.ecosystem.store.queries import build_snapshot, provisions_frame
from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot
from s3atlas.priorities.classify import classify_text
from s3atlas.priorities.themes import HORIZONTAL, UNCLASSIFIED, Taxonomy, load_taxonomy
from s3atlas.store import Store
from s3atlas.store.tables import Region, Round

__all__ = [
    "CANDIDATE_COLUMNS",
    "OFFER_COLUMNS",
    "RegionMap",
    "area_themes",
    "borrow_candidates",
    "borrowable_offers",
    "published_maps",
]

OFFER_COLUMNS = [
    "region_code",
    "region",
    "function_code",
    "actor",
    "area",
    "themes",
    "borrowable",
    "borrow_terms",
]
CANDIDATE_COLUMNS = [
    "region_code",
    "region",
    "function_code",
    "area",
    "theme",
    "borrower_code",
    "borrower",
    "borrower_area",
    "borrowable",
    "borrow_terms",
]


@dataclass(frozen=True)
class RegionMap:
    """One region's map: its snapshot and the borrowability answers of its provisions.

    ``answers`` has columns ``provision_id`` (str, the store id), ``borrowable``
    and ``borrow_terms``.
    """

    snapshot: EcosystemSnapshot
    answers: pd.DataFrame


def area_themes(areas: pd.DataFrame, taxonomy: Taxonomy | None = None) -> dict[str, list[str]]:
    """Return the national priority themes of each strength area (area_id → theme ids).

    Examples
    --------
    >>> areas = pd.DataFrame({"area_id": ["1", "2"], "name": ["Skog", "Livsmedel"],
    ...                       "sni": ["02;16", ""]})
    >>> area_themes(areas)
    {'1': ['forest_bioeconomy'], '2': ['food']}
    """
    taxonomy = taxonomy or load_taxonomy()
    out: dict[str, list[str]] = {}
    for area_id, name, sni in zip(areas.area_id, areas.name, areas.sni, strict=True):
        divisions = {code[:2] for code in str(sni or "").split(";") if code}
        themes = [t.id for t in taxonomy.themes if divisions & set(t.divisions)]
        if not themes:
            themes = [
                m.theme
                for m in classify_text(str(name), taxonomy)
                if m.theme not in (HORIZONTAL, UNCLASSIFIED)
            ]
        out[str(area_id)] = themes
    return out


def _unique_functions(snapshot: EcosystemSnapshot) -> set[str]:
    classes = classify_functions(snapshot)
    return set(classes.loc[classes["class"] == "unique", "function_code"])


def _offers_of(region: RegionMap, themes: dict[str, list[str]]) -> list[dict[str, Any]]:
    snap = region.snapshot
    answers = region.answers[region.answers.borrowable.isin(["yes", "conditions"])]
    prov = snap.provisions.assign(pid=snap.provisions.provision_id.str.split(":").str[0])
    prov = prov.drop_duplicates("pid").merge(answers, left_on="pid", right_on="provision_id")
    unique = _unique_functions(snap)
    actors, area_names = snap.actor_names(), snap.area_names()
    rows = []
    p: Any
    for p in prov[prov.function_code.isin(unique)].itertuples():
        area_ids = list(themes) if pd.isna(p.area_id) else [p.area_id]
        rows.append(
            {
                "region_code": snap.region_code,
                "region": snap.region_name,
                "function_code": p.function_code,
                "actor": None if pd.isna(p.actor_id) else actors.get(p.actor_id),
                "area": "; ".join(area_names.get(a, a) for a in area_ids),
                "themes": sorted({t for a in area_ids for t in themes.get(a, [])}),
                "borrowable": p.borrowable,
                "borrow_terms": None if pd.isna(p.borrow_terms) else p.borrow_terms,
            }
        )
    return rows


def borrowable_offers(maps: Iterable[RegionMap], taxonomy: Taxonomy | None = None) -> pd.DataFrame:
    """Return the system-unique functions regions offer to share (:data:`OFFER_COLUMNS`).

    ``themes`` is a list of theme ids of the area (or areas) the provision serves.
    """
    taxonomy = taxonomy or load_taxonomy()
    rows = [row for m in maps for row in _offers_of(m, area_themes(m.snapshot.areas, taxonomy))]
    return pd.DataFrame(rows, columns=OFFER_COLUMNS)


def _provided(snapshot: EcosystemSnapshot) -> set[tuple[str, str]]:
    """(function, area_id) pairs the region has; a provision for no area serves every area."""
    prov = snapshot.provisions
    areas = list(snapshot.areas.area_id)
    return {
        (f, a)
        for f, area in zip(prov.function_code, prov.area_id, strict=True)
        for a in (areas if pd.isna(area) else [area])
    }


def _candidate(
    offer: dict[str, Any], snap: EcosystemSnapshot, area: str, theme: str
) -> dict[str, Any]:
    return {
        **{c: offer[c] for c in CANDIDATE_COLUMNS[:4]},
        "theme": theme,
        "borrower_code": snap.region_code,
        "borrower": snap.region_name,
        "borrower_area": area,
        "borrowable": offer["borrowable"],
        "borrow_terms": offer["borrow_terms"],
    }


def borrow_candidates(maps: Iterable[RegionMap], taxonomy: Taxonomy | None = None) -> pd.DataFrame:
    """Return candidate pairs: an offer and a region that lacks the function in the same theme.

    One row per offer, theme and borrowing strength area (:data:`CANDIDATE_COLUMNS`):
    the offering region, function and area, the shared theme and the borrowing
    region and area; the reason in words is
    :func:`s3atlas.ecosystem.labels.borrow_reason`.
    """
    taxonomy = taxonomy or load_taxonomy()
    maps = list(maps)
    offers: list[dict[str, Any]] = [
        {str(k): v for k, v in row.items()}
        for row in borrowable_offers(maps, taxonomy).to_dict("records")
    ]
    rows = []
    for m in maps:
        snap, have = m.snapshot, _provided(m.snapshot)
        for area_id, themes in area_themes(snap.areas, taxonomy).items():
            area = snap.area_names()[area_id]
            for offer in offers:
                if (
                    offer["region_code"] == snap.region_code
                    or (
                        offer["function_code"],
                        area_id,
                    )
                    in have
                ):
                    continue
                for theme in sorted(set(themes) & set(offer["themes"])):
                    rows.append(_candidate(offer, snap, area, theme))
    frame = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
    return frame.sort_values(["region_code", "function_code", "borrower_code"], kind="stable")


def published_maps(store: Store, published: Iterable[str]) -> list[RegionMap]:
    """Return the latest round of every region of the store whose code is in *published*.

    The caller passes the publishing check's answer (in the web app and CLI:
    :func:`s3atlas.web.auth.published_regions`), so unpublished maps never contribute.
    """
    wanted = set(published)
    with store.read() as session:
        codes = [
            c for c in session.scalars(select(Region.code).order_by(Region.code)) if c in wanted
        ]
        rounds = {
            c: session.scalar(select(Round.id).join(Region).where(Region.code == c)) for c in codes
        }
    maps = []
    for code in codes:
        if rounds[code] is None:
            continue
        snapshot = build_snapshot(store, code)
        maps.append(RegionMap(snapshot, _answers(store, code, snapshot.round)))
    return maps


def _answers(store: Store, code: str, round_name: str | None) -> pd.DataFrame:
    frame = provisions_frame(store, code, round_name)
    return pd.DataFrame(
        {
            "provision_id": frame.id.astype(str),
            "borrowable": frame.borrowable,
            "borrow_terms": frame.borrow_terms,
        }
    )
