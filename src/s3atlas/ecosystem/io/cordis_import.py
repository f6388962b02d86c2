"""Import the actor network of a region from CORDIS project data into a new mapping round.

:func:`import_cordis` reads and checks the whole file first
(:mod:`s3atlas.ecosystem.io.cordis`), then writes in one transaction: it opens
a new round of the region (a copy of the latest, marked with the file as its
source), creates or matches the organisations placed in the region as the
region's actors, keeps the organisations of other regions and countries that
share a project with them as *external partners* (``external`` set, with
their county or country as ``home_region``; never the region's own actors),
and links every pair that shares a project (kind ``collaboration``; weight =
number of shared projects, ``eu_contribution`` = what the two received in
them). Every row written has its audit entry. A bad file, or any failure,
changes nothing.

An organisation is matched to an actor of the round by PIC, then by Swedish
organisation number (from its VAT number), then by its normalised name.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import or_, select

from s3atlas.classifications import find_region, municipalities
from s3atlas.ecosystem.io.cordis import (
    kind_of_activity,
    org_number_of_vat,
    pair_projects,
    place_rows,
    read_participants,
    read_places,
    read_projects,
)
from s3atlas.ecosystem.store.actors import create_actor, normalise_name, normalise_org_number
from s3atlas.ecosystem.store.edit import Edit, editing_new_round
from s3atlas.ecosystem.store.models import Actor, Link
from s3atlas.errors import InputError
from s3atlas.i18n import gettext
from s3atlas.store import Store, audit
from s3atlas.store.rounds import ensure_region

__all__ = ["UNPLACED_COLUMNS", "import_cordis", "plan_cordis"]

UNPLACED_COLUMNS = ["row", "pic", "name", "city", "project"]
"""The columns of the list of Swedish rows no region could be found for."""


def plan_cordis(
    path: str | Path,
    county: str,
    *,
    projects: str | Path | None = None,
    places: str | Path | None = None,
) -> dict[str, Any]:
    """Read and check everything the import needs, without touching a store.

    Returns a dict: ``own`` and ``external`` (one row per organisation:
    pic, name, kind, org_number, municipality, home), ``pairs`` (see
    :func:`~s3atlas.ecosystem.io.cordis.pair_projects`), ``unplaced`` (Swedish
    rows with no region) and ``labels`` (project id → acronym).
    """
    rows = place_rows(read_participants(path), read_places(places) if places else None)
    own_rows = rows[rows.home == county]
    own = set(own_rows.pic)
    pairs = pair_projects(rows[rows.home.notna()], own)
    partner_pics = set(pairs.pic_b) - own
    labels = dict(
        zip(rows.project, rows.acronym.where(rows.acronym != "", rows.project), strict=True)
    )
    if projects:
        labels.update(read_projects(projects))
    unplaced = rows[rows.home.isna()]
    return {
        "own": _organisations(own_rows),
        "external": _organisations(rows[rows.pic.isin(partner_pics)]),
        "pairs": pairs,
        "unplaced": unplaced.assign(project=unplaced.project)[UNPLACED_COLUMNS].reset_index(
            drop=True
        ),
        "labels": labels,
        "rows": int((rows.home == county).sum()),
    }


def _organisations(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per PIC (its first row in the file) with the actor's fields."""
    first = rows.sort_values("row").drop_duplicates("pic")
    return (
        pd.DataFrame(
            {
                "pic": first.pic,
                "name": first.name,
                "kind": [kind_of_activity(a) for a in first.activity],
                "org_number": [_org_number(v) for v in first.vat],
                "municipality": [
                    _municipality(c) if str(h).isdigit() else None
                    for c, h in zip(first.city, first.home, strict=True)
                ],
                "home": first.home,
            }
        )
        .reset_index(drop=True)
        .astype(object)
        .where(lambda f: f.notna(), None)
    )


def _org_number(vat: str) -> str | None:
    digits = org_number_of_vat(vat)
    try:
        return normalise_org_number(digits) if digits else None
    except InputError:
        return None  # a VAT number whose check digit is wrong identifies nothing


def _municipality(city: str) -> str | None:
    """Return the municipality a city names ("Stockholm" is the county first, then the
    municipality)."""
    try:
        found = find_region(city)
    except InputError:
        return None
    if found.scheme == "municipality":
        return found.short_name
    same = municipalities().short_name
    return next((m for m in same if m.casefold() == found.short_name.casefold()), None)


def import_cordis(
    store: Store,
    path: str | Path,
    region: str,
    *,
    user: str,
    projects: str | Path | None = None,
    places: str | Path | None = None,
    round_name: str | None = None,
) -> dict[str, Any]:
    """Import the CORDIS participants of *region* (a county: code, name or NUTS code).

    Returns a summary: region, round, rows (participations placed in the
    region), own and external organisations (created and matched), links
    (created and updated) and ``unplaced`` (a DataFrame of the Swedish rows no
    region was found for).

    Raises
    ------
    InputError
        A bad file (naming the file, row, column and value), or a region that is no county.
    """
    county = find_region(region)
    if county.scheme != "county":
        raise InputError(
            gettext("expected a county (e.g. 01 or Stockholm)"), column="--region", value=region
        )
    plan = plan_cordis(path, county.code, projects=projects, places=places)
    ensure_region(store, county.code, county.name, user=user)
    name = round_name or f"CORDIS {date.today().isoformat()}"
    source = f"CORDIS organization.csv: {Path(path).name}"
    with editing_new_round(store, county.code, name, user, source=source) as edit:
        own, own_made = _actors(edit, plan["own"], external=False)
        partners, partners_made = _actors(edit, plan["external"], external=True)
        made, changed = _links(edit, plan["pairs"], {**partners, **own}, plan["labels"])
    return {
        "region": county.code,
        "round": name,
        "rows": plan["rows"],
        "actors": len(own),
        "actors_created": own_made,
        "partners": len(partners),
        "partners_created": partners_made,
        "links": made + changed,
        "links_created": made,
        "unplaced": plan["unplaced"],
    }


def _match(edit: Edit, org: Any) -> Actor | None:
    conditions = [Actor.pic == org.pic, Actor.name_norm == normalise_name(org.name)]
    if org.org_number:
        conditions.append(Actor.org_number == org.org_number)
    found = edit.session.scalars(
        select(Actor).where(Actor.round_id == edit.round.id, or_(*conditions))
    ).all()
    for test in (
        lambda a: a.pic == org.pic,
        lambda a: org.org_number and a.org_number == org.org_number,
        lambda _: True,
    ):
        hit = next((a for a in found if test(a)), None)
        if hit is not None:
            return hit
    return None


def _actors(edit: Edit, orgs: pd.DataFrame, *, external: bool) -> tuple[dict[str, int], int]:
    """Create or match every organisation; return PIC → actor id and how many were created."""
    ids: dict[str, int] = {}
    created = 0
    org: Any
    for org in orgs.itertuples():
        actor = _match(edit, org)
        if actor is None:
            actor = create_actor(
                edit,
                org.name,
                org.kind,
                allow_similar=True,
                org_number=org.org_number,
                municipality=org.municipality,
                pic=org.pic,
                external=external,
                home_region=None if not external else org.home,
            )
            created += 1
        elif actor.pic is None:
            before = audit.snapshot_of(actor)
            actor.pic = org.pic
            edit.log("update", "actor", actor, before)
        ids[org.pic] = actor.id
    return ids, created


def _links(
    edit: Edit, pairs: pd.DataFrame, ids: dict[str, int], labels: dict[str, str]
) -> tuple[int, int]:
    """Create or update one collaboration link per pair; return (created, updated)."""
    created = updated = 0
    pair: Any
    for pair in pairs.itertuples():
        source, target = ids[pair.pic_a], ids[pair.pic_b]
        if source == target:
            continue  # two PICs of one organisation
        names = ", ".join(labels.get(p, p) for p in pair.project_ids.split(";"))
        values = {
            "weight": float(pair.projects),
            "eu_contribution": round(float(pair.contribution), 2),
            "note": f"CORDIS: {names}",
        }
        link = edit.session.scalar(
            select(Link).where(
                Link.kind == "collaboration",
                or_(
                    (Link.source_id == source) & (Link.target_id == target),
                    (Link.source_id == target) & (Link.target_id == source),
                ),
            )
        )
        if link is None:
            link = Link(
                round_id=edit.round.id, source_id=source, target_id=target, kind="collaboration"
            )
            for field, value in values.items():
                setattr(link, field, value)
            edit.session.add(link)
            edit.log("create", "link", link)
            created += 1
        else:
            before = audit.snapshot_of(link)
            for field, value in values.items():
                setattr(link, field, value)
            edit.log("update", "link", link, before)
            updated += 1
    return created, updated
