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
from sqlalchemy.orm import Session

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


def _plan_area(area: dict[str, Any]) -> dict[str, Any]:
    proposed = area.get("sni_source") == "proposed"
    description = "SNI-lista: förslag, inte ur källan" if proposed else f"Källa: {_SOURCE}"
    return {"name": area["name"], "sni": list(area.get("sni", [])), "description": description}


def _plan_actors(area: dict[str, Any]) -> list[dict[str, Any]]:
    name = area["name"]
    description = f"Exempelföretag inom {name} enligt källan"
    return [
        {**actor, "area": name, "description": description}
        for actor in area.get("example_actors", [])
    ]


def _plan_provisions(area: dict[str, Any]) -> list[dict[str, Any]]:
    name = area["name"]
    provisions = [
        {"area": name, "function": SEED_FUNCTIONS[f], "note": f"Namngiven i källan: {f}"}
        for f in area.get("functions_named", [])
    ]
    if _CLUSTER_LEADER_INSIGHT in area.get("interview_insights", []):
        note = f"Intervjuinsikt: {_CLUSTER_LEADER_INSIGHT}"
        provisions.append({"area": name, "function": "cluster_management", "note": note})
    return provisions


def _plan_insights(area: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"area": area["name"], "text": text} for text in area.get("interview_insights", [])]


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
    areas = seed["strength_areas"]
    return {
        "region": seed["region"],
        "round": _round_name(seed),
        "areas": [_plan_area(a) for a in areas],
        "actors": [x for a in areas for x in _plan_actors(a)],
        "provisions": [x for a in areas for x in _plan_provisions(a)],
        "insights": [x for a in areas for x in _plan_insights(a)],
    }


def load_demo(store: Store, *, user: str = DEMO_USER) -> dict[str, Any] | None:
    """Load the Västerbotten demo into *store* in one transaction; return counts, or None if it is
    there.

    Nothing is loaded when the region already exists in the store.
    """
    plan = demo_plan()
    with store.transaction() as session:
        seed_vocabulary(session)
        round_ = _add_region(session, plan)
        if round_ is None:
            return None
        area_ids = _add_areas(session, round_, plan["areas"])
        _add_actors(session, round_, area_ids, plan["actors"])
        _add_provisions(session, round_, area_ids, plan["provisions"])
        _add_insights(session, round_, area_ids, plan["insights"])
        counts = {
            "region": round_.region.code,
            "region_name": round_.region.name,
            "round": round_.name,
            **{k: len(plan[k]) for k in ("areas", "actors", "provisions", "insights")},
        }
        session.flush()
        audit.record(
            session, user=user, action="load_demo", entity="round", round_=round_, after=counts
        )
        return counts


def _add_region(session: Session, plan: dict[str, Any]) -> Round | None:
    """Add the demo region and its round, or return None when the region is already there."""
    code, name = str(plan["region"]["county_code"]), plan["region"]["name"]
    if session.scalar(select(Region.id).where(Region.code == code)) is not None:
        return None
    region = Region(code=code, name=name, is_demo=True)
    session.add(region)
    session.flush()
    round_ = Round(region_id=region.id, name=plan["round"], seq=1, region=region)
    session.add(round_)
    session.flush()
    return round_


def _add_areas(session: Session, round_: Round, areas: list[dict[str, Any]]) -> dict[str, int]:
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


def _add_actors(
    session: Session, round_: Round, area_ids: dict[str, int], actors: list[dict[str, Any]]
) -> None:
    """Add the seed's firms, each a member of its strength area."""
    for actor in actors:
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
        member = AreaMember(
            round_id=round_.id, area_id=area_ids[actor["area"]], actor_id=row.id, is_demo=True
        )
        session.add(member)


def _add_provisions(
    session: Session, round_: Round, area_ids: dict[str, int], provisions: list[dict[str, Any]]
) -> None:
    """Add the functions the seed names, as provisions without an actor."""
    for prov in provisions:
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


def _add_insights(
    session: Session, round_: Round, area_ids: dict[str, int], insights: list[dict[str, Any]]
) -> None:
    for insight in insights:
        session.add(
            Insight(
                round_id=round_.id,
                area_id=area_ids[insight["area"]],
                text=insight["text"],
                source=_SOURCE,
                is_demo=True,
            )
        )
