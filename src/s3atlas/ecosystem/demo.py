"""Demo content: Region Västerbotten's innovation ecosystem as the seed document describes it.

Source: Region Västerbotten, *Framtidens många innovationsekosystem – en
kartläggning på styrkeområdesnivå* (2025), bundled as
:func:`s3atlas.seeddata.vasterbotten_strength_areas`. The demo states only
what that document states and invents no actor:

* the nine strength areas with their SNI lists (for seven of them the lists
  are proposals, marked so in the area description);
* the firms it names, with the place it gives, as example firms and members
  of their area (a member provides no support function by being one);
* the functions it names, as provisions without an actor (the document says
  the function is there, not who provides it) for their area and every phase:
  Skoglig bioekonomi — strategic financing, and cluster management because
  the interviews say "Har en klusterledare"; Life Science — funding
  agencies, strategic financing and the innovation office, and no cluster
  management ("Kan RV vara en klusterledare…");
* the interview insights of both areas.

Both areas lack excellence in the early phase ("Man upplever att spets behövs
i tidig fas"): the demo records no ``early_phase_excellence`` provision for
them, so coverage and gap analysis find that gap. Every row is ``is_demo``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from s3atlas.ecosystem.store.actors import normalise_name
from s3atlas.ecosystem.store.models import (
    Actor,
    AreaIndustry,
    AreaMember,
    Insight,
    Provision,
    StrengthArea,
)
from s3atlas.ecosystem.store.vocabulary import resolve_term, seed_vocabulary
from s3atlas.seeddata import vasterbotten_strength_areas
from s3atlas.store import Store, audit
from s3atlas.store.tables import Region, Round

__all__ = ["DEMO_ROUND", "DEMO_USER", "SEED_FUNCTIONS", "demo_plan", "load_demo"]

DEMO_USER = "s3atlas-demo"
"""Who the audit log says loaded the demo."""

DEMO_ROUND = "2025"
"""The round of the demo: the year of the seed's in-depth interviews (its last mapping step)."""

SEED_FUNCTIONS: dict[str, str] = {
    "Strategisk finansiering": "strategic_financing",
    "Finansierande myndigheter": "funding_agencies",
    "Innovationskontoret": "innovation_office",
}
"""The function names the seed uses → vocabulary codes."""

_CLUSTER_LEADER_INSIGHT = "Har en klusterledare"
_SOURCE = "Region Västerbotten, Framtidens många innovationsekosystem (2025)"


def _round_name(seed: dict[str, Any]) -> str:
    history = seed.get("mapping_history") or []
    return str(history[-1]["year"]) if history else DEMO_ROUND


def demo_plan() -> dict[str, Any]:
    """Return what the demo will contain, as plain data (no database).

    Examples
    --------
    >>> plan = demo_plan()
    >>> plan["round"], len(plan["areas"]), len(plan["actors"])
    ('2025', 9, 5)
    >>> sorted(p["function"] for p in plan["provisions"] if p["area"] == "Life Science")
    ['funding_agencies', 'innovation_office', 'strategic_financing']
    """
    seed = vasterbotten_strength_areas()
    areas, actors, provisions, insights = [], [], [], []
    for area in seed["strength_areas"]:
        name = area["name"]
        proposed = area.get("sni_source") == "proposed"
        areas.append(
            {
                "name": name,
                "sni": list(area.get("sni", [])),
                "description": "SNI-lista: förslag, inte ur källan"
                if proposed
                else f"Källa: {_SOURCE}",
            }
        )
        for actor in area.get("example_actors", []):
            actors.append(
                {
                    **actor,
                    "area": name,
                    "description": f"Exempelföretag inom {name} enligt källan",
                }
            )
        for function in area.get("functions_named", []):
            provisions.append(
                {
                    "area": name,
                    "function": SEED_FUNCTIONS[function],
                    "note": f"Namngiven i källan: {function}",
                }
            )
        texts = list(area.get("interview_insights", []))
        if _CLUSTER_LEADER_INSIGHT in texts:
            provisions.append(
                {
                    "area": name,
                    "function": "cluster_management",
                    "note": f"Intervjuinsikt: {_CLUSTER_LEADER_INSIGHT}",
                }
            )
        insights += [{"area": name, "text": text} for text in texts]
    return {
        "region": seed["region"],
        "round": _round_name(seed),
        "areas": areas,
        "actors": actors,
        "provisions": provisions,
        "insights": insights,
    }


def load_demo(store: Store, *, user: str = DEMO_USER) -> dict[str, Any] | None:
    """Load the Västerbotten demo into *store* in one transaction; return counts, or None if it is
    there.

    Nothing is loaded when the region already exists in the store.
    """
    plan = demo_plan()
    with store.transaction() as session:
        seed_vocabulary(session)
        code, region_name = str(plan["region"]["county_code"]), plan["region"]["name"]
        if session.scalar(select(Region.id).where(Region.code == code)) is not None:
            return None
        region = Region(code=code, name=region_name, is_demo=True)
        session.add(region)
        session.flush()
        round_ = Round(region_id=region.id, name=plan["round"], seq=1)
        session.add(round_)
        session.flush()
        area_ids = _add_areas(session, round_, plan["areas"])
        for actor in plan["actors"]:
            row = Actor(
                round_id=round_.id,
                name=actor["name"],
                name_norm=normalise_name(actor["name"]),
                kind=resolve_term(session, "actor_kind", actor["kind"]),
                municipality=actor.get("municipality"),
                description=actor["description"],
                is_demo=True,
            )
            session.add(row)
            session.flush()
            session.add(
                AreaMember(
                    round_id=round_.id,
                    area_id=area_ids[actor["area"]],
                    actor_id=row.id,
                    is_demo=True,
                )
            )
        for prov in plan["provisions"]:
            session.add(
                Provision(
                    round_id=round_.id,
                    actor_id=None,
                    area_id=area_ids[prov["area"]],
                    is_demo=True,
                    function=resolve_term(session, "function", prov["function"]),
                    note=prov["note"],
                )
            )
        for insight in plan["insights"]:
            session.add(
                Insight(
                    round_id=round_.id,
                    area_id=area_ids[insight["area"]],
                    text=insight["text"],
                    source=_SOURCE,
                    is_demo=True,
                )
            )
        counts = {
            "region": code,
            "region_name": region_name,
            "round": round_.name,
            **{k: len(plan[k]) for k in ("areas", "actors", "provisions", "insights")},
        }
        session.flush()
        audit.record(
            session, user=user, action="load_demo", entity="round", round_=round_, after=counts
        )
        return counts


def _add_areas(session: Any, round_: Round, areas: list[dict[str, Any]]) -> dict[str, int]:
    ids = {}
    for area in areas:
        row = StrengthArea(
            round_id=round_.id,
            name=area["name"],
            description=area["description"],
            is_demo=True,
            industries=[AreaIndustry(sni_code=c) for c in sorted(set(area["sni"]))],
        )
        session.add(row)
        session.flush()
        ids[area["name"]] = row.id
    return ids
