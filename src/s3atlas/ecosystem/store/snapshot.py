"""One region's innovation ecosystem in one mapping round, as plain DataFrames.

:class:`EcosystemSnapshot` is the contract between the store (which fills it,
see ``s3atlas.ecosystem.store.queries.build_snapshot``) and everything that reads an
ecosystem without a database: the analyses (``s3atlas.ecosystem.analysis``:
``functions``, ``coverage``, ``network``) and the writers
(``s3atlas.ecosystem.io``: ``tables``, ``graph``). Every frame has exactly
the columns listed below, in that order; identifiers are strings (the store
turns its integer keys into
strings), missing values are ``None``/``NA``.

``areas`` – the region's strength areas (*styrkeområden*)
    ``area_id`` (str, unique), ``name`` (str), ``sni`` (str: SNI 2007
    division codes joined with ``;``, e.g. ``"02;16;17"``; may be empty).
``actors`` – who is in the ecosystem (*aktörer*)
    ``actor_id`` (str, unique), ``name`` (str), ``kind`` (str: an actor-kind
    code of the store's vocabulary, e.g. ``firm``, ``university``),
    ``org_no`` (str or NA: Swedish organisation number), ``sni`` (str or NA:
    the actor's own SNI code), ``municipality`` (str or NA), ``website``
    (str or NA), ``borrowable`` (bool: other regions may borrow its
    capacity), ``interest`` and ``influence`` (Int64 1–5 or NA: the
    stakeholder grid), ``is_demo`` (bool: demo content, not real data),
    ``external`` (bool: a partner from another region that shares projects
    with the region's actors, e.g. from CORDIS; never one of its own) and
    ``home_region`` (str or NA: the external partner's county or country).
``functions`` – the vocabulary of support functions
    ``code`` (str, unique), ``name_sv``, ``name_en`` (str).
``phases`` – the phases of the innovation journey, in order
    ``code`` (str, unique), ``order`` (int, 1 = earliest), ``name_sv``,
    ``name_en`` (str).
``provisions`` – "actor X provides function F to area A in phase P"
    ``provision_id`` (str; a provision that covers several phases is one
    row per phase with the same id, so ``(provision_id, phase_code)`` is
    unique), ``actor_id`` (str or NA: the function is
    known to exist before anyone has named who provides it),
    ``function_code`` (str), ``area_id`` (str or NA = every area of the
    region), ``phase_code`` (str or NA = every phase).
``links`` – relations between actors
    ``source_id``, ``target_id`` (str: actor ids), ``kind`` (str: a
    link-kind code of the store's vocabulary; :data:`LINK_KINDS` are the
    usual ones).
``members`` – which actors belong to which strength area, whether or not
    they provide a function there: ``area_id``, ``actor_id`` (str).
``insights`` – interview insights (*intervjuinsikter*)
    ``area_id`` (str or NA = about the whole system), ``text`` (str),
    ``round`` (str or NA).

Build one with :meth:`EcosystemSnapshot.from_frames`, which fills in missing
optional columns, coerces types and checks that every reference resolves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

import pandas as pd

from s3atlas.errors import InputError
from s3atlas.i18n import gettext

__all__ = [
    "COLUMNS",
    "LINK_KINDS",
    "EcosystemSnapshot",
    "example_snapshot",
]

LINK_KINDS: tuple[str, ...] = ("collaboration", "funding", "membership", "supply")
"""The kinds of link between two actors."""

COLUMNS: dict[str, tuple[str, ...]] = {
    "areas": ("area_id", "name", "sni"),
    "actors": (
        "actor_id",
        "name",
        "kind",
        "org_no",
        "sni",
        "municipality",
        "website",
        "borrowable",
        "interest",
        "influence",
        "is_demo",
        "external",
        "home_region",
    ),
    "functions": ("code", "name_sv", "name_en"),
    "phases": ("code", "order", "name_sv", "name_en"),
    "provisions": ("provision_id", "actor_id", "function_code", "area_id", "phase_code"),
    "links": ("source_id", "target_id", "kind"),
    "members": ("area_id", "actor_id"),
    "insights": ("area_id", "text", "round"),
}
"""The columns of every frame of a snapshot, in order."""

_REQUIRED: dict[str, tuple[str, ...]] = {
    "areas": ("area_id", "name"),
    "actors": ("actor_id", "name", "kind"),
    "functions": ("code",),
    "phases": ("code",),
    "provisions": ("function_code",),
    "links": ("source_id", "target_id", "kind"),
    "members": ("area_id", "actor_id"),
    "insights": ("text",),
}
_BOOL = ("borrowable", "is_demo", "external")
_GRID = ("interest", "influence")


def _empty(name: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in COLUMNS[name]})


def _text(series: pd.Series) -> pd.Series:
    """Strings stay strings, numbers become their text, missing stays ``None``."""

    def one(value: Any) -> Any:
        if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        return text or None

    # Built as an object array: ``Series.map`` keeps pandas' string dtype, whose missing
    # value is NaN, and a NaN phase reads as a phase named "nan" further on.
    return pd.Series([one(v) for v in series], index=series.index, dtype=object)


def _normalise(name: str, frame: pd.DataFrame | None) -> pd.DataFrame:
    if frame is None:
        return _empty(name)
    missing = [c for c in _REQUIRED[name] if c not in frame.columns]
    if missing:
        raise InputError(
            gettext(
                "the {table} table needs the columns {columns}",
                table=name,
                columns=", ".join(missing),
            ),
            column=missing[0],
        )
    out = frame.reset_index(drop=True).copy()
    for column in COLUMNS[name]:
        if column not in out.columns:
            out[column] = None
    out = out.loc[:, list(COLUMNS[name])]
    for column in out.columns:
        if column in _BOOL:
            out[column] = (
                out[column]
                .map(lambda v: bool(v) if v is not None and v == v else False)
                .astype(bool)
            )
        elif column in _GRID:
            out[column] = pd.to_numeric(out[column], errors="coerce").astype("Int64")
        elif column == "order":
            out[column] = pd.to_numeric(out[column], errors="coerce").fillna(0).astype(int)
        else:
            out[column] = _text(out[column])
    return out


def _check_unique(frame: pd.DataFrame, table: str, column: str) -> None:
    dup = frame[column][frame[column].notna() & frame[column].duplicated()]
    if len(dup):
        raise InputError(
            gettext("the value stands twice in the {table} table", table=table),
            column=column,
            value=dup.iloc[0],
        )


def _check_refs(
    frame: pd.DataFrame, table: str, column: str, known: Iterable[Any], what: str
) -> None:
    known = set(known)
    bad = frame[column][frame[column].notna() & ~frame[column].isin(known)]
    if len(bad):
        raise InputError(
            gettext(
                "a row of the {table} table refers to an unknown {what}", table=table, what=what
            ),
            column=column,
            value=bad.iloc[0],
        )


@dataclass(frozen=True)
class EcosystemSnapshot:
    """One region's ecosystem in one round (or the current state when ``round`` is None).

    See the module docstring for every column. Build with :meth:`from_frames`.

    Examples
    --------
    >>> snap = example_snapshot()
    >>> snap.region_code, len(snap.areas), sorted(snap.phases.code)[:2]
    ('24', 3, ['commercialisation', 'development'])
    """

    region_code: str
    region_name: str
    round: str | None = None
    areas: pd.DataFrame = field(default_factory=lambda: _empty("areas"))
    actors: pd.DataFrame = field(default_factory=lambda: _empty("actors"))
    functions: pd.DataFrame = field(default_factory=lambda: _empty("functions"))
    phases: pd.DataFrame = field(default_factory=lambda: _empty("phases"))
    provisions: pd.DataFrame = field(default_factory=lambda: _empty("provisions"))
    links: pd.DataFrame = field(default_factory=lambda: _empty("links"))
    members: pd.DataFrame = field(default_factory=lambda: _empty("members"))
    insights: pd.DataFrame = field(default_factory=lambda: _empty("insights"))

    @property
    def region(self) -> tuple[str, str]:
        """``(code, name)`` of the region."""
        return (self.region_code, self.region_name)

    @classmethod
    def from_frames(
        cls,
        region_code: str,
        region_name: str,
        round: str | None = None,
        **frames: pd.DataFrame | None,
    ) -> EcosystemSnapshot:
        """Build a checked snapshot; missing optional columns become NA, omitted frames empty.

        Raises
        ------
        InputError
            A required column is missing, an id is duplicated, a reference does
            not resolve (naming column and value).

        Examples
        --------
        >>> snap = EcosystemSnapshot.from_frames(
        ...     "24", "Västerbotten",
        ...     actors=pd.DataFrame(
        ...         {"actor_id": [1], "name": ["Umeå universitet"], "kind": ["university"]}
        ...     ))
        >>> snap.actors.loc[0, "actor_id"], bool(snap.actors.loc[0, "borrowable"])
        ('1', False)
        """
        unknown = set(frames) - set(COLUMNS)
        if unknown:
            raise InputError(
                gettext("unknown snapshot tables: {tables}", tables=", ".join(sorted(unknown)))
            )
        norm = {name: _normalise(name, frames.get(name)) for name in COLUMNS}
        snap = cls(str(region_code), str(region_name), round, **norm)
        snap.validate()
        return snap

    def validate(self) -> EcosystemSnapshot:
        """Check uniqueness and references; return self."""
        _check_unique(self.areas, "areas", "area_id")
        _check_unique(self.actors, "actors", "actor_id")
        _check_unique(self.functions, "functions", "code")
        _check_unique(self.phases, "phases", "code")
        keyed = self.provisions.assign(
            _key=self.provisions.provision_id + "/" + self.provisions.phase_code.fillna("*")
        )
        _check_unique(keyed, "provisions", "_key")
        actor_ids = self.actors.actor_id
        _check_refs(self.provisions, "provisions", "actor_id", actor_ids, gettext("actor"))
        _check_refs(
            self.provisions, "provisions", "function_code", self.functions.code, gettext("function")
        )
        _check_refs(
            self.provisions, "provisions", "area_id", self.areas.area_id, gettext("strength area")
        )
        _check_refs(self.provisions, "provisions", "phase_code", self.phases.code, gettext("phase"))
        _check_refs(self.links, "links", "source_id", actor_ids, gettext("actor"))
        _check_refs(self.links, "links", "target_id", actor_ids, gettext("actor"))
        _check_refs(
            self.members, "members", "area_id", self.areas.area_id, gettext("strength area")
        )
        _check_refs(self.members, "members", "actor_id", actor_ids, gettext("actor"))
        _check_refs(
            self.insights, "insights", "area_id", self.areas.area_id, gettext("strength area")
        )
        return self

    def frames(self) -> dict[str, pd.DataFrame]:
        """Return the frames by name (``areas``, ``actors``, …)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in COLUMNS}

    def area_names(self) -> dict[str, str]:
        """Map area_id → name."""
        return dict(zip(self.areas.area_id, self.areas.name, strict=True))

    def actor_names(self) -> dict[str, str]:
        """Map actor_id → name."""
        return dict(zip(self.actors.actor_id, self.actors.name, strict=True))

    def expanded_provisions(self) -> pd.DataFrame:
        """Provisions with NA area/phase spread over every area/phase of the region.

        Columns are those of ``provisions`` plus ``all_areas`` and
        ``all_phases`` (bool: the row came from an NA).

        Examples
        --------
        >>> snap = example_snapshot()
        >>> wide = snap.expanded_provisions()
        >>> int(wide.area_id.isna().sum()), int(wide.phase_code.isna().sum())
        (0, 0)
        """
        prov = self.provisions.copy()
        prov["all_areas"] = prov.area_id.isna()
        prov["all_phases"] = prov.phase_code.isna()
        prov["area_id"] = [list(self.areas.area_id) if pd.isna(a) else [a] for a in prov.area_id]
        prov["phase_code"] = [
            list(self.phases.code) if pd.isna(p) else [p] for p in prov.phase_code
        ]
        prov = prov.explode("area_id").explode("phase_code")
        return prov.dropna(subset=["area_id", "phase_code"]).reset_index(drop=True)


def _records(columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> pd.DataFrame:
    return pd.DataFrame([list(r) for r in rows], columns=list(columns))


# A small illustrative ecosystem for docstrings and tests. Names are of real
# Västerbotten organisations only where the seed document names them; the
# rest is illustrative (is_demo=True).
_EXAMPLE: Mapping[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {
    "areas": (
        ("area_id", "name", "sni"),
        [
            ("skog", "Skoglig bioekonomi", "02;16;17;18;20;24;31"),
            ("life", "Life Science", "21"),
            ("digi", "Digitalisering", "26;61;62;63"),
        ],
    ),
    "actors": (
        (
            "actor_id",
            "name",
            "kind",
            "municipality",
            "borrowable",
            "interest",
            "influence",
            "is_demo",
        ),
        [
            ("region", "Region Västerbotten", "region", "Umeå", False, 5, 5, True),
            ("umu", "Umeå universitet", "university", "Umeå", True, 4, 4, True),
            ("inno", "Innovationskontoret", "innovation_office", "Umeå", False, 4, 2, True),
            ("almi", "Finansiär Nord", "financier", "Umeå", False, 3, 4, True),
            ("skogsklustret", "Skogsklustret", "cluster_organisation", "Umeå", False, 5, 3, True),
            (
                "norra",
                "Skogsägarna Norra Skog, Ekonomisk Förening",
                "firm",
                "Umeå",
                False,
                2,
                2,
                True,
            ),
            (
                "lundstrom",
                "N K Lundströms Trävaror Aktiebolag",
                "firm",
                "Vännäs",
                False,
                1,
                1,
                True,
            ),
            ("testbed", "Testbädd Digital", "test_demo_facility", "Skellefteå", True, 3, 2, True),
        ],
    ),
    "provisions": (
        ("provision_id", "actor_id", "function_code", "area_id", "phase_code"),
        [
            ("p1", "region", "strategic_financing", None, None),
            ("p2", "inno", "innovation_office", None, "idea"),
            ("p3", "inno", "innovation_office", None, "verification"),
            ("p4", "skogsklustret", "cluster_management", "skog", None),
            ("p5", "almi", "funding_agencies", "life", "idea"),
            ("p6", "umu", "early_phase_excellence", "skog", "development"),
            ("p7", "testbed", "test_demo", "digi", "test_demo"),
            ("p8", "umu", "incubation", "skog", "idea"),
            ("p9", "umu", "incubation", "life", "idea"),
            ("p10", None, "cluster_management", "digi", None),
        ],
    ),
    "links": (
        ("source_id", "target_id", "kind"),
        [
            ("region", "skogsklustret", "funding"),
            ("region", "umu", "collaboration"),
            ("region", "almi", "collaboration"),
            ("umu", "inno", "membership"),
            ("skogsklustret", "norra", "membership"),
            ("skogsklustret", "lundstrom", "membership"),
            ("norra", "lundstrom", "supply"),
            ("region", "testbed", "funding"),
        ],
    ),
    "insights": (
        ("area_id", "text", "round"),
        [
            ("skog", "Har en klusterledare", None),
            (
                "life",
                "Ekosystemgemensamma resurser funkar hyfsat resten av resan men ej finansieringen",
                None,
            ),
        ],
    ),
}


_EXAMPLE_FUNCTIONS = (
    "strategic_financing",
    "funding_agencies",
    "innovation_office",
    "cluster_management",
    "early_phase_excellence",
    "incubation",
    "test_demo",
)
"""The support functions of the example, named as the default vocabulary names them."""


def _vocabulary_frames() -> dict[str, pd.DataFrame]:
    """The example's functions and phases, with the words of the default vocabulary."""
    from s3atlas.ecosystem.store.vocabulary import DEFAULT_FUNCTIONS, DEFAULT_PHASES

    terms = {code: (code, sv, en) for code, sv, en in DEFAULT_FUNCTIONS}
    functions = [terms[code] for code in _EXAMPLE_FUNCTIONS]
    phases = [(code, order, sv, en) for order, (code, sv, en) in enumerate(DEFAULT_PHASES, 1)]
    return {
        "functions": _records(("code", "name_sv", "name_en"), functions),
        "phases": _records(("code", "order", "name_sv", "name_en"), phases),
    }


def example_snapshot() -> EcosystemSnapshot:
    """Return a small illustrative Västerbotten ecosystem (3 areas, 8 actors).

    Used by docstrings and tests; it is demo content, not a real mapping. Its
    functions and phases carry the default vocabulary's words.

    Examples
    --------
    >>> example_snapshot().actors.is_demo.all()
    np.True_
    >>> example_snapshot().functions.set_index("code").name_sv["innovation_office"]
    'Innovationskontor'
    """
    frames = {name: _records(cols, rows) for name, (cols, rows) in _EXAMPLE.items()}
    return EcosystemSnapshot.from_frames(
        "24", "Västerbotten", None, **frames, **_vocabulary_frames()
    )
