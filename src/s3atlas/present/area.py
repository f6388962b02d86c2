"""A strength area as shown: its ecosystem map with gaps, coverage, functions and actors.

The numbers come from :mod:`s3atlas.ecosystem` (snapshot, coverage, gap
rules, function classes, network measures); :class:`AreaView` arranges them in
the reader's words and chart specs for the strength-area page, its downloads,
the embedded map and the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pandas as pd

from s3atlas.ecosystem.analysis.coverage import (
    DEFAULT_GAP_RULES,
    coverage_by_phase,
    find_gaps,
    functions_in_phase,
    unmapped_areas,
)
from s3atlas.ecosystem.analysis.functions import classify_actors, classify_functions
from s3atlas.ecosystem.labels import actors_in_words, functions_in_words, gaps_in_words
from s3atlas.ecosystem.store.queries import build_snapshot
from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot
from s3atlas.errors import NotFoundError
from s3atlas.i18n import gettext
from s3atlas.present.memo import memoised
from s3atlas.store import Store, data_fingerprint
from s3atlas.viz.charts import coverage_heatmap
from s3atlas.viz.network import add_gaps, network_elements

__all__ = ["AreaView", "area_view", "coverage_long", "coverage_table"]


@dataclass
class AreaView:
    """Everything the strength-area page shows, for one area in one round.

    Each part is computed on first use and kept with the view; views are shared
    between requests (see :func:`area_view`) and never changed.
    """

    snapshot: EcosystemSnapshot
    area_id: str
    area_name: str
    lang: str

    @property
    def phase_names(self) -> list[str]:
        column = "name_sv" if self.lang == "sv" else "name_en"
        return list(
            self.snapshot.phases.sort_values("order")[column].fillna(self.snapshot.phases.code)
        )

    @cached_property
    def coverage(self) -> pd.DataFrame:
        return coverage_table(self.snapshot, self.lang)

    @cached_property
    def unmapped(self) -> list[str]:
        """The names of the areas no support function is mapped to yet (no gaps judged)."""
        names = self.snapshot.area_names()
        return [names[a] for a in unmapped_areas(self.snapshot)]

    @property
    def is_mapped(self) -> bool:
        return self.area_name not in self.unmapped

    @cached_property
    def coverage_spec(self) -> dict[str, Any]:
        return coverage_heatmap(
            coverage_long(self.snapshot, self.lang),
            phase_order=self.phase_names,
            area_order=[a for a in self.snapshot.areas.name if a not in self.unmapped],
            highlight=self.area_name,
            count_title=gettext("Functions", self.lang),
            lang=self.lang,
            title=gettext("Coverage: support functions per phase", self.lang),
        )

    @cached_property
    def gaps(self) -> pd.DataFrame:
        gaps = gaps_in_words(find_gaps(self.snapshot, area=self.area_id), self.snapshot, self.lang)
        out = gaps[["area", "rule", "phase_code", "gap", "evidence"]]
        pairs = zip(out.rule, out.phase_code, strict=True)
        return out.assign(counted=[self._counted(r, p) for r, p in pairs])

    def _gap_labels(self, gaps: pd.DataFrame) -> list[str]:
        """The gaps as the map draws them: several empty phases become one mark."""
        empty = gaps["rule"] == "empty_phase"
        labels = list(gaps.loc[~empty, "gap"])
        if empty.sum() > 2:
            return [
                gettext(
                    "no support functions in {count} of {total} phases",
                    self.lang,
                    count=int(empty.sum()),
                    total=len(self.snapshot.phases),
                ),
                *labels,
            ]
        return list(gaps.loc[empty, "gap"]) + labels

    def _counted(self, rule: str, phase_code: Any) -> str:
        """Why a gap holds in a phase whose matrix cell is not empty: what the cell counts."""
        rules = DEFAULT_GAP_RULES.set_index("rule")
        if isinstance(phase_code, str):
            phases = [phase_code]
        else:
            phases = str(rules.phases.get(rule, "")).split(";")[:1]
        phase = phases[0] if phases else ""
        codes = functions_in_phase(self.snapshot, self.area_id, phase) if phase else []
        if not codes:
            return ""
        column = "name_sv" if self.lang == "sv" else "name_en"
        functions = self.snapshot.functions
        names = dict(zip(functions.code, functions[column], strict=True))
        wanted = [c for c in str(rules.functions.get(rule, "")).split(";") if c]
        return gettext(
            "The matrix shows {count} in {phase}: {functions}. The gap asks for {wanted}, "
            "which none of them is, so it holds.",
            self.lang,
            count=len(codes),
            phase=_phase_name_map(self.snapshot, self.lang).get(phase, phase),
            functions=", ".join(names.get(c) or c for c in codes),
            wanted=" / ".join(names.get(c) or c for c in wanted) or "–",
        )

    @cached_property
    def functions(self) -> pd.DataFrame:
        """The region's functions with their class; ``here`` marks those serving this area."""
        frame = functions_in_words(classify_functions(self.snapshot), self.snapshot, self.lang)
        frame["here"] = frame.areas.fillna("").map(lambda s: self.area_name in s.split("; "))
        return frame

    def common_functions(self) -> pd.DataFrame:
        frame = self.functions
        return frame[frame["class"].isin(["common", "near_common"])]

    def unique_functions(self) -> pd.DataFrame:
        frame = self.functions
        return frame[(frame["class"] == "unique") & frame["here"]]

    @cached_property
    def actors(self) -> pd.DataFrame:
        frame = actors_in_words(classify_actors(self.snapshot), self.snapshot, self.lang)
        here = frame.areas.fillna("").map(lambda s: self.area_name in s.split("; "))
        here |= frame.actor_id.isin(self._member_ids())
        return frame[here].sort_values(["n_areas", "name"], ascending=[True, True], kind="stable")

    def _member_ids(self) -> set[str]:
        members = self.snapshot.members
        return set(members.actor_id[members.area_id == self.area_id])

    @cached_property
    def unattached(self) -> pd.DataFrame:
        """Actors of the region that neither provide a support function nor belong to an area."""
        frame = classify_actors(self.snapshot)
        loose = (frame["class"] == "absent") & ~frame.actor_id.isin(self.snapshot.members.actor_id)
        return frame[loose].sort_values("name", kind="stable")

    @cached_property
    def insights(self) -> list[str]:
        ins = self.snapshot.insights
        return list(ins.text[ins.area_id == self.area_id]) + list(ins.text[ins.area_id.isna()])

    @cached_property
    def network(self) -> dict[str, Any]:
        """The area's map: members, functions, links and its gaps drawn in the map itself."""
        gaps = self._gap_labels(self.gaps)
        return add_gaps(
            network_elements(self.snapshot, self.area_id, lang=self.lang),
            self.area_id,
            gaps,
            self.lang,
        )


def _mapped_coverage(snapshot: EcosystemSnapshot) -> pd.DataFrame:
    """The area × phase coverage of the areas some support is mapped to: a row of zeros for
    an area nobody has mapped yet would read as gaps the data cannot show."""
    wide = coverage_by_phase(snapshot)
    return wide[~wide.area_id.isin(unmapped_areas(snapshot))]


def coverage_long(snapshot: EcosystemSnapshot, lang: str) -> pd.DataFrame:
    """The area × phase coverage as a long table with display names (area, phase, count)."""
    wide = _mapped_coverage(snapshot)
    names = _phase_name_map(snapshot, lang)
    long = wide.drop(columns="area_id").melt(id_vars="area", var_name="phase", value_name="count")
    long["phase"] = long.phase.map(names)
    return long


def coverage_table(snapshot: EcosystemSnapshot, lang: str) -> pd.DataFrame:
    """The area × phase coverage as people read it: one row per area, one column per phase."""
    wide = _mapped_coverage(snapshot).drop(columns="area_id")
    return wide.rename(
        columns={"area": gettext("Strength area", lang), **_phase_name_map(snapshot, lang)}
    )


def _phase_name_map(snapshot: EcosystemSnapshot, lang: str) -> dict[str, str]:
    column = "name_sv" if lang == "sv" else "name_en"
    return {c: (n or c) for c, n in zip(snapshot.phases.code, snapshot.phases[column], strict=True)}


def _find_area(snapshot: EcosystemSnapshot, area_id: str) -> str:
    names = snapshot.area_names()
    if area_id in names:
        return area_id
    by_name = {n.casefold(): i for i, n in names.items()}
    if area_id.casefold() in by_name:
        return by_name[area_id.casefold()]
    raise NotFoundError(
        gettext("There is no strength area {area} in this round.", area=area_id), value=area_id
    )


def area_view(
    store: Store, region_code: str, area_id: str, round_name: str | None, lang: str
) -> AreaView:
    """Load the snapshot of the round and pick the area (by id, or by name as people type it).

    Views are kept per state of the map (the ecosystem part of the data fingerprint), so an
    unchanged map is not recomputed.
    """
    fingerprint = data_fingerprint(store).ecosystem
    key = ("area_view", fingerprint, region_code, area_id, round_name or None, lang)
    return memoised(key, lambda: _load_view(store, region_code, area_id, round_name, lang))


def _load_view(
    store: Store, region_code: str, area_id: str, round_name: str | None, lang: str
) -> AreaView:
    snapshot = build_snapshot(store, region_code, round_name or None)
    found = _find_area(snapshot, area_id)
    return AreaView(snapshot, found, snapshot.area_names()[found], lang)
