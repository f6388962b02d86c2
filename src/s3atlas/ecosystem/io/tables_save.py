"""Save a checked ecosystem-map snapshot into a workspace store, one transaction.

Rows already in the round are reused, not duplicated (see
:func:`save_snapshot`), so importing the same file twice changes nothing.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from s3atlas.ecosystem.io.tables_files import SHEETS
from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot

__all__ = ["save_snapshot", "store_vocabulary"]


def store_vocabulary(store: Any) -> dict[str, pd.DataFrame]:
    """The vocabulary of a workspace store, as :func:`~.tables_check.parse_tables` takes it."""
    from s3atlas.ecosystem.store.vocabulary import vocabulary_frame

    with store.read() as session:
        return {
            name: vocabulary_frame(session, name)
            for name in ("actor_kind", "function", "phase", "link_kind")
        }


def _na(value: Any) -> Any:
    return (
        None
        if value is None or value is pd.NA or (isinstance(value, float) and value != value)
        else value
    )


class _Saver:
    """Write a checked snapshot into one open round, reusing rows that are already there."""

    def __init__(self, edit: Any) -> None:
        from s3atlas.ecosystem.store import models

        self.edit, self.m, self.session = edit, models, edit.session
        self.counts = {t: [0, 0] for t in SHEETS}

    def _stored(self, model: Any) -> list[Any]:
        from sqlalchemy import select

        return list(self.session.scalars(select(model).where(model.round_id == self.edit.round.id)))

    def _add(self, table: str, entity: str, row: Any) -> Any:
        self.session.add(row)
        self.edit.log("create", entity, row)
        self.counts[table][0] += 1
        return row

    def areas(self, frame: pd.DataFrame) -> dict[str, int]:
        stored = {a.name.casefold(): a for a in self._stored(self.m.StrengthArea)}
        ids: dict[str, int] = {}
        a: Any  # an itertuples row of the checked areas table (name and area_id are text)
        for a in frame.itertuples(index=False):
            row = stored.get(a.name.casefold())
            if row is None:
                codes = [c.strip() for c in str(_na(a.sni) or "").split(";") if c.strip()]
                row = stored[a.name.casefold()] = self._add(
                    "areas",
                    "area",
                    self.m.StrengthArea(
                        round_id=self.edit.round.id,
                        name=a.name,
                        industries=[self.m.AreaIndustry(sni_code=c) for c in codes],
                    ),
                )
            else:
                self.counts["areas"][1] += 1
            ids[a.area_id] = row.id
        return ids

    def actors(self, frame: pd.DataFrame) -> dict[str, int]:
        from s3atlas.ecosystem.store.actors import normalise_name, normalise_org_number

        stored = self._stored(self.m.Actor)
        by_name = {a.name_norm: a for a in stored}
        by_org = {a.org_number: a for a in stored if a.org_number}
        ids = {}
        for a in frame.to_dict(orient="records"):
            org = normalise_org_number(_na(a["org_no"])) if _na(a["org_no"]) else None
            row = by_name.get(normalise_name(a["name"])) or (by_org.get(org) if org else None)
            if row is None:
                row = self._add(
                    "actors",
                    "actor",
                    self.m.Actor(
                        round_id=self.edit.round.id,
                        name=a["name"],
                        name_norm=normalise_name(a["name"]),
                        kind=a["kind"],
                        org_number=org,
                        sni_code=_na(a["sni"]),
                        municipality=_na(a["municipality"]),
                        website=_na(a["website"]),
                        borrowable=bool(a["borrowable"]),
                        interest=_na(a["interest"]),
                        influence=_na(a["influence"]),
                        is_demo=bool(a["is_demo"]),
                        external=bool(a["external"]),
                        home_region=_na(a["home_region"]),
                    ),
                )
                by_name[row.name_norm] = row
            else:
                self.counts["actors"][1] += 1
            ids[a["actor_id"]] = row.id
        return ids

    def provisions(
        self, frame: pd.DataFrame, actors: dict[str, int], areas: dict[str, int]
    ) -> None:
        have = {(p.function, p.actor_id, p.area_id) for p in self._stored(self.m.Provision)}
        for _pid, group in frame.groupby("provision_id", sort=False, dropna=False):
            first = group.iloc[0]
            key = (
                first.function_code,
                actors.get(_na(first.actor_id)),
                areas.get(_na(first.area_id)),
            )
            if key in have:
                self.counts["provisions"][1] += 1
                continue
            phases = [] if group.phase_code.isna().any() else sorted(set(group.phase_code))
            have.add(key)
            self._add(
                "provisions",
                "provision",
                self.m.Provision(
                    round_id=self.edit.round.id,
                    function=key[0],
                    actor_id=key[1],
                    area_id=key[2],
                    phases=[self.m.ProvisionPhase(phase=p) for p in phases],
                ),
            )

    def links(self, frame: pd.DataFrame, actors: dict[str, int]) -> None:
        have = {(k.source_id, k.target_id, k.kind) for k in self._stored(self.m.Link)}
        link: Any  # an itertuples row of the checked links table: text actor keys and kind
        for link in frame.itertuples(index=False):
            key = (actors[link.source_id], actors[link.target_id], link.kind)
            if key in have:
                self.counts["links"][1] += 1
                continue
            have.add(key)
            self._add(
                "links",
                "link",
                self.m.Link(
                    round_id=self.edit.round.id, source_id=key[0], target_id=key[1], kind=key[2]
                ),
            )

    def insights(self, frame: pd.DataFrame, areas: dict[str, int]) -> None:
        have = {(i.area_id, i.text) for i in self._stored(self.m.Insight)}
        for ins in frame.itertuples(index=False):
            key = (areas.get(_na(ins.area_id)), ins.text)
            if key in have:
                self.counts["insights"][1] += 1
                continue
            have.add(key)
            self._add(
                "insights",
                "insight",
                self.m.Insight(round_id=self.edit.round.id, area_id=key[0], text=key[1]),
            )


def save_snapshot(
    store: Any, snapshot: EcosystemSnapshot, *, user: str, round_name: str | None = None
) -> pd.DataFrame:
    """Save a checked snapshot into the region's round in one transaction: all rows or none.

    Rows already in the round (areas by name, actors by normalised name or
    organisation number, provisions by function/actor/area, links by
    source/target/kind, insights by area/text) are kept, not duplicated, so
    importing the same file twice changes nothing.

    Returns
    -------
    DataFrame
        ``table, added, unchanged``.
    """
    from s3atlas.ecosystem.store.edit import editing

    with editing(store, snapshot.region_code, round_name, user) as edit:
        saver = _Saver(edit)
        areas = saver.areas(snapshot.areas)
        actors = saver.actors(snapshot.actors)
        saver.provisions(snapshot.provisions, actors, areas)
        saver.links(snapshot.links, actors)
        saver.insights(snapshot.insights, areas)
    return pd.DataFrame(
        [(t, a, u) for t, (a, u) in saver.counts.items()], columns=["table", "added", "unchanged"]
    )
