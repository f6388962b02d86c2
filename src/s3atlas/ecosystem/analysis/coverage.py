"""Coverage of the strength areas by support functions and phases, and the gaps (*luckor*).

Two matrices show what each strength area's system has: strength area ×
phase (how many distinct functions are present in each phase of the
innovation journey) and strength area × function (how many providers). A
provision with no area counts for every area, one with no phase for every
phase.

Gaps come from an explicit rule table, :data:`DEFAULT_GAP_RULES`, one row per
rule, so a region can change them without code. Each rule has a
``condition``:

``absent``
    none of the rule's ``functions`` is provided to the area, in any phase.
``absent_in``
    none of the ``functions`` is provided to the area in any of ``phases``.
``only_in``
    the ``functions`` are provided to the area, but only in ``phases``
    (e.g. financing that stops after the early phase).
``empty_phase``
    the area has no function at all in a phase (``functions``/``phases``
    unused; ``{phase}`` in the labels is replaced by the phase name).

The rules judge only an area whose support has been mapped (at least one
function provided to it): an area where nothing is mapped yet has no gaps to
find, since the data cannot tell a missing function from one nobody has
written down; :func:`unmapped_areas` names those areas, and the pages say so.

The default rules come from what the interviews in Region Västerbotten's
mapping (*Framtidens många innovationsekosystem*, 2025) found missing: a
cluster leader (*klusterledare*), excellence in the early phase (*spets i
tidig fas*) and financing for the rest of the journey.
"""

from __future__ import annotations

import pandas as pd

from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot
from s3atlas.errors import InputError
from s3atlas.i18n import gettext

__all__ = [
    "CONDITIONS",
    "DEFAULT_GAP_RULES",
    "coverage_by_function",
    "coverage_by_phase",
    "find_gaps",
    "functions_in_phase",
    "unmapped_areas",
]

CONDITIONS = ("absent", "absent_in", "only_in", "empty_phase")

FINANCING = "strategic_financing;funding_agencies;venture_capital"

DEFAULT_GAP_RULES = pd.DataFrame(
    [
        (
            "no_cluster_management",
            "absent",
            "cluster_management",
            "",
            "no cluster leadership",
        ),
        (
            "no_early_excellence",
            "absent_in",
            "early_phase_excellence",
            "idea",
            "no excellence in the early phase",
        ),
        ("no_financing", "absent", FINANCING, "", "no financing"),
        (
            "financing_only_early",
            "only_in",
            FINANCING,
            "idea",
            "financing missing after the early phase",
        ),
        (
            "empty_phase",
            "empty_phase",
            "",
            "",
            "no support functions in the phase {phase}",
        ),
    ],
    columns=["rule", "condition", "functions", "phases", "label"],
)
"""The default gap rules; ``functions`` and ``phases`` are codes joined with ``;``, ``label``
is the gap in English words (``{phase}`` for the phase), translated through the
message catalogue where it is shown (:func:`s3atlas.ecosystem.labels.gap_label`)."""


def _codes(text: object) -> list[str]:
    return [c.strip() for c in str(text or "").split(";") if c.strip()]


def _present(snapshot: EcosystemSnapshot) -> pd.DataFrame:
    """Distinct (area, phase, function, actor) rows with NA area/phase expanded."""
    cols = ["area_id", "phase_code", "function_code", "actor_id"]
    return snapshot.expanded_provisions()[cols].drop_duplicates().reset_index(drop=True)


def _area_frame(
    snapshot: EcosystemSnapshot, wide: pd.DataFrame, columns: list[str]
) -> pd.DataFrame:
    wide = wide.reindex(index=list(snapshot.areas.area_id), columns=columns).fillna(0).astype(int)
    wide.columns = [str(c) for c in wide.columns]
    out = wide.reset_index(names="area_id")
    out.insert(1, "area", out.area_id.map(snapshot.area_names()))
    return out


def coverage_by_phase(snapshot: EcosystemSnapshot) -> pd.DataFrame:
    """Strength area × phase: how many distinct functions each area has in each phase.

    Returns
    -------
    DataFrame
        ``area_id, area`` and one integer column per phase code, in phase order.

    Examples
    --------
    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> m = coverage_by_phase(example_snapshot()).set_index("area_id")
    >>> int(m.loc["life", "idea"]), int(m.loc["life", "growth"])
    (4, 1)
    """
    present = _present(snapshot).drop_duplicates(["area_id", "phase_code", "function_code"])
    counts = present.groupby(["area_id", "phase_code"]).size().unstack("phase_code")
    phases = list(snapshot.phases.sort_values("order").code)
    return _area_frame(snapshot, counts, phases)


def functions_in_phase(snapshot: EcosystemSnapshot, area_id: str, phase_code: str) -> list[str]:
    """The distinct functions one cell of :func:`coverage_by_phase` counts, in vocabulary order.

    The cell's number is ``len()`` of this list; a gap can still hold in a cell
    with functions when none of them is the one the gap rule asks for.

    Examples
    --------
    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> snap = example_snapshot()
    >>> cell = functions_in_phase(snap, "life", "growth")
    >>> cell, len(cell) == int(coverage_by_phase(snap).set_index("area_id").loc["life", "growth"])
    (['strategic_financing'], True)
    """
    present = _present(snapshot)
    here = present[(present.area_id == area_id) & (present.phase_code == phase_code)]
    found = set(here.function_code)
    return [str(code) for code in snapshot.functions.code if code in found]


def coverage_by_function(snapshot: EcosystemSnapshot) -> pd.DataFrame:
    """Strength area × function: how many providers each area has of each function.

    A provision whose actor is not yet named counts as one provider.

    Examples
    --------
    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> m = coverage_by_function(example_snapshot()).set_index("area_id")
    >>> int(m.loc["skog", "cluster_management"]), int(m.loc["life", "cluster_management"])
    (1, 0)
    """
    present = _present(snapshot)
    present["provider"] = present.actor_id.where(
        present.actor_id.notna(), "?" + present.function_code
    )
    present = present.drop_duplicates(["area_id", "function_code", "provider"])
    counts = present.groupby(["area_id", "function_code"]).size().unstack("function_code")
    return _area_frame(snapshot, counts, list(snapshot.functions.code))


def _check_rule(rule: pd.Series, known_phases: set[str]) -> None:
    if rule.condition not in CONDITIONS:
        raise InputError(
            gettext("unknown gap condition; expected one of {names}", names=", ".join(CONDITIONS)),
            column="condition",
            value=rule.condition,
        )
    unknown = [p for p in _codes(rule.phases) if p not in known_phases]
    if unknown:
        raise InputError(
            gettext("gap rule {rule} names an unknown phase", rule=rule.rule),
            column="phases",
            value=unknown[0],
        )


def _rule_hits(
    rule: pd.Series, have: pd.DataFrame, phases: list[str]
) -> list[tuple[str | None, str]]:
    """Return (phase, evidence) for every time *rule* fires for one area's provisions."""
    if rule.condition == "empty_phase":
        return [(p, "") for p in phases if p not in set(have.phase_code)]
    mine = have[have.function_code.isin(_codes(rule.functions))]
    rule_phases = _codes(rule.phases)
    if rule.condition == "absent":
        return [] if len(mine) else [(None, "")]
    if rule.condition == "absent_in":
        return [] if mine.phase_code.isin(rule_phases).any() else [(None, "")]
    if len(mine) and mine.phase_code.isin(rule_phases).all():  # only_in
        return [(None, "; ".join(sorted(set(mine.function_code))))]
    return []


def find_gaps(
    snapshot: EcosystemSnapshot,
    rules: pd.DataFrame | None = None,
    area: str | None = None,
) -> pd.DataFrame:
    """Spell out the gaps of every strength area (or of one) by the rule table.

    Parameters
    ----------
    snapshot : EcosystemSnapshot
    rules : DataFrame, optional
        Columns ``rule, condition, functions, phases, label``; default
        :data:`DEFAULT_GAP_RULES`. A rule whose functions are all unknown to
        the vocabulary is skipped (it cannot be evidenced).
    area : str, optional
        Only this area (its id or name, case-insensitive).

    Returns
    -------
    DataFrame
        ``area_id, area, rule, phase_code, evidence``: one row per gap, as
        codes (the rule, and the phase for ``empty_phase``); the words are
        :func:`s3atlas.ecosystem.labels.gap_label`. An area with no function
        mapped yet has none (:func:`unmapped_areas`).

    Examples
    --------
    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> gaps = find_gaps(example_snapshot(), area="Life Science")
    >>> gaps.rule.tolist()[:2]
    ['no_cluster_management', 'no_early_excellence']
    """
    rules = DEFAULT_GAP_RULES if rules is None else rules
    phases = list(snapshot.phases.sort_values("order").code)
    known_functions = set(snapshot.functions.code)
    present = _present(snapshot)
    rows = []
    for area_row in _select_areas(snapshot, area).itertuples():
        have = present[present.area_id == area_row.area_id]
        if have.empty:  # nothing mapped yet: no verdict (see the module docstring)
            continue
        for _, rule in rules.iterrows():
            _check_rule(rule, set(phases))
            if (
                rule.condition != "empty_phase"
                and not set(_codes(rule.functions)) & known_functions
            ):
                continue
            for phase, evidence in _rule_hits(rule, have, phases):
                rows.append((area_row.area_id, area_row.name, rule.rule, phase, evidence))
    return pd.DataFrame(rows, columns=["area_id", "area", "rule", "phase_code", "evidence"])


def unmapped_areas(snapshot: EcosystemSnapshot, area: str | None = None) -> list[str]:
    """Return the ids of the strength areas (or of the one *area*, as :func:`find_gaps` takes
    it) that no support function is mapped to yet.

    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> unmapped_areas(example_snapshot())
    []
    """
    mapped = set(_present(snapshot).area_id)
    return [str(a) for a in _select_areas(snapshot, area).area_id if a not in mapped]


def _select_areas(snapshot: EcosystemSnapshot, area: str | None) -> pd.DataFrame:
    if area is None:
        return snapshot.areas
    wanted = area.strip().casefold()
    hit = snapshot.areas[
        (snapshot.areas.area_id.str.casefold() == wanted)
        | (snapshot.areas.name.str.casefold() == wanted)
    ]
    if hit.empty:
        from s3atlas.errors import NotFoundError

        known = ", ".join(snapshot.areas.name)
        raise NotFoundError(
            gettext("no strength area of that name; known: {known}", known=known),
            column="area",
            field=gettext("Strength area"),
            value=area,
        )
    return hit
