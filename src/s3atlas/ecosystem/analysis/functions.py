"""System-common and system-unique functions and actors (*systemgemensamt / systemunikt*).

A support function (or an actor) is classified by the share of the region's
strength areas it serves, counted from the provisions of a snapshot; a
provision with no area serves every area:

==============  ===========================================================
class           rule (``s`` = served areas / all areas, ``n`` = served)
==============  ===========================================================
``common``      ``s == 1`` – serves every strength area (*systemgemensam*)
``near_common`` ``threshold <= s < 1`` – serves nearly all
``shared``      ``n >= 2`` and ``s < threshold``
``unique``      ``n == 1`` – serves one strength area (*systemunik*)
``absent``      ``n == 0`` – in the vocabulary, nobody provides it
==============  ===========================================================

With fewer than two areas nothing can be unique or common in a useful sense;
the rules still apply literally. The concepts follow Region Västerbotten's
mapping "Framtidens många innovationsekosystem" (2024): system-common
functions can serve all strength areas with one capacity; system-unique ones
are needed for excellence (*spets*), and other regions may borrow them.
"""

from __future__ import annotations

import pandas as pd

from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot
from s3atlas.errors import InputError
from s3atlas.i18n import gettext

__all__ = [
    "CLASSES",
    "DEFAULT_THRESHOLD",
    "classify_actors",
    "classify_functions",
    "classify_share",
]

DEFAULT_THRESHOLD = 0.75
"""Share of strength areas from which a function counts as nearly system-common."""

CLASSES: tuple[str, ...] = ("common", "near_common", "shared", "unique", "absent")
"""The class codes, in the order results are sorted; the words are
:func:`s3atlas.ecosystem.labels.class_label`."""


def classify_share(n_served: int, n_areas: int, threshold: float = DEFAULT_THRESHOLD) -> str:
    """Return the class of something that serves *n_served* of *n_areas* strength areas.

    Examples
    --------
    >>> [classify_share(n, 9) for n in (9, 7, 3, 1, 0)]
    ['common', 'near_common', 'shared', 'unique', 'absent']
    """
    if not 0 < threshold <= 1:
        raise InputError(
            gettext("the threshold is a share of the strength areas, above 0 and at most 1"),
            column="threshold",
            value=threshold,
        )
    if n_served == 0 or n_areas == 0:
        return "absent"
    if n_served >= n_areas:
        return "common"
    if n_served / n_areas >= threshold:
        return "near_common"
    return "unique" if n_served == 1 else "shared"


def _joined(values: pd.Series) -> str:
    return "; ".join(sorted({str(v) for v in values.dropna()}))


def _served(snapshot: EcosystemSnapshot, key: str) -> pd.DataFrame:
    """Distinct (key, area) pairs with area and actor names attached."""
    prov = snapshot.expanded_provisions()
    prov["area"] = prov.area_id.map(snapshot.area_names())
    prov["actor"] = prov.actor_id.map(snapshot.actor_names())
    return prov.drop_duplicates(subset=[key, "area_id", "actor_id", "function_code"])


def _finish(frame: pd.DataFrame, n_areas: int, threshold: float) -> pd.DataFrame:
    frame["n_areas"] = frame["n_areas"].astype(int)
    frame["share"] = frame.n_areas / n_areas if n_areas else 0.0
    frame["class"] = [classify_share(n, n_areas, threshold) for n in frame.n_areas]
    order = {c: i for i, c in enumerate(CLASSES)}
    frame = frame.assign(_o=frame["class"].map(order))
    return frame.sort_values(["_o", "n_areas"], ascending=[True, False], kind="stable").drop(
        columns="_o"
    )


def classify_functions(
    snapshot: EcosystemSnapshot, threshold: float = DEFAULT_THRESHOLD
) -> pd.DataFrame:
    """Classify every function of the vocabulary as system-common … system-unique.

    Parameters
    ----------
    snapshot : EcosystemSnapshot
    threshold : float
        Share of areas from which a function is ``near_common`` (default 0.75).

    Returns
    -------
    DataFrame
        ``function_code, n_areas, share, class, areas, actors, unnamed`` –
        ``areas`` and ``actors`` are the evidence (names joined with ``; ``),
        ``unnamed`` counts provisions whose actor is not yet named. The
        function's name and the class in words are
        :mod:`s3atlas.ecosystem.labels`.

    Examples
    --------
    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> out = classify_functions(example_snapshot()).set_index("function_code")
    >>> int(out.loc["strategic_financing", "n_areas"]), out.loc["strategic_financing", "class"]
    (3, 'common')
    >>> out.loc["early_phase_excellence", ["class", "areas"]].tolist()
    ['unique', 'Skoglig bioekonomi']
    """
    classify_share(0, 1, threshold)
    served = _served(snapshot, "function_code")
    rows = []
    for fn in snapshot.functions.itertuples(index=False):
        mine = served[served.function_code == fn.code]
        unnamed = snapshot.provisions[
            (snapshot.provisions.function_code == fn.code) & snapshot.provisions.actor_id.isna()
        ]
        rows.append(
            {
                "function_code": fn.code,
                "n_areas": mine.area_id.nunique(),
                "areas": _joined(mine.area),
                "actors": _joined(mine.actor),
                "unnamed": len(unnamed),
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=["function_code", "n_areas", "areas", "actors", "unnamed"],
    )
    frame = _finish(frame, len(snapshot.areas), threshold)
    return frame[
        [
            "function_code",
            "n_areas",
            "share",
            "class",
            "areas",
            "actors",
            "unnamed",
        ]
    ].reset_index(drop=True)


def classify_actors(
    snapshot: EcosystemSnapshot, threshold: float = DEFAULT_THRESHOLD
) -> pd.DataFrame:
    """Classify every actor by the strength areas its provisions serve.

    Returns
    -------
    DataFrame
        ``actor_id, name, kind, n_areas, share, class, areas, functions,
        borrowable`` – ``functions`` are the codes of the functions it
        provides, joined with ``; ``; an actor with no provision is ``absent``
        (it is in the map but provides no function yet).

    Examples
    --------
    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> out = classify_actors(example_snapshot()).set_index("actor_id")
    >>> out.loc["region", "class"], out.loc["testbed", "class"], out.loc["norra", "class"]
    ('common', 'unique', 'absent')
    """
    classify_share(0, 1, threshold)
    served = _served(snapshot, "actor_id")
    rows = []
    for actor in snapshot.actors.itertuples(index=False):
        mine = served[served.actor_id == actor.actor_id]
        rows.append(
            {
                "actor_id": actor.actor_id,
                "name": actor.name,
                "kind": actor.kind,
                "n_areas": mine.area_id.nunique(),
                "areas": _joined(mine.area),
                "functions": _joined(mine.function_code),
                "borrowable": bool(actor.borrowable),
            }
        )
    frame = pd.DataFrame(
        rows, columns=["actor_id", "name", "kind", "n_areas", "areas", "functions", "borrowable"]
    )
    frame = _finish(frame, len(snapshot.areas), threshold)
    return frame[
        [
            "actor_id",
            "name",
            "kind",
            "n_areas",
            "share",
            "class",
            "areas",
            "functions",
            "borrowable",
        ]
    ].reset_index(drop=True)
