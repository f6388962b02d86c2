"""Horizontal criteria scored per cluster and mapping round, by self- and independent assessment.

The bundled list (``data/clusters/horizontal_criteria.yaml``) holds the
horizontal principles of the EU cohesion policy funds — equality between
women and men, non-discrimination (Regulation (EU) No 1303/2013, Art. 7) and
sustainable development (Art. 8) — scored 1–5. The gap between the cluster's
own score and the independent score is shown per criterion:

    gap = score_self − score_independent

Examples
--------
>>> crit = load_criteria()
>>> list(crit.criteria["code"])
['gender_equality', 'non_discrimination', 'sustainable_development']
>>> scores = pd.DataFrame({"criterion": ["gender_equality", "gender_equality"],
...                        "assessor_type": ["self", "independent"], "score": [4, 2]})
>>> compare_assessors(scores)[["criterion", "self", "independent", "gap"]].to_dict("records")
[{'criterion': 'gender_equality', 'self': 4.0, 'independent': 2.0, 'gap': 2.0}]
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from s3atlas.clusters._data import load_yaml, require
from s3atlas.clusters.models import ASSESSORS
from s3atlas.errors import InputError
from s3atlas.i18n import gettext

__all__ = ["Criteria", "compare_assessors", "load_criteria"]


@dataclass(frozen=True)
class Criteria:
    """The criteria (code, position, name_sv, name_en), the score range and the source."""

    criteria: pd.DataFrame
    low: int
    high: int
    source: str

    def resolve(self, text: str) -> str:
        """Return the criterion code of *text* (code or name), or raise naming the nearest."""
        wanted = str(text or "").strip().casefold()
        row: Any  # an itertuples row: the criteria table's columns are all text
        for row in self.criteria.itertuples():
            if wanted in (row.code.casefold(), row.name_sv.casefold(), row.name_en.casefold()):
                return str(row.code)
        near = difflib.get_close_matches(str(text), list(self.criteria["code"]), n=1, cutoff=0.5)
        hint = "; " + gettext("did you mean {label}?", label=repr(near[0])) if near else ""
        raise InputError(
            gettext(
                "unknown criterion; expected one of {codes}{hint}",
                codes=", ".join(self.criteria["code"]),
                hint=hint,
            ),
            column="criterion",
            value=text,
        )

    def check_score(self, value: Any) -> int:
        """Return *value* as a whole score inside the scale, or raise :class:`InputError`."""
        try:
            score = int(str(value).strip())
        except ValueError:
            score = None
        if score is None or not self.low <= score <= self.high:
            raise InputError(
                gettext(
                    "a score is a whole number from {low} to {high}", low=self.low, high=self.high
                ),
                column="score",
                value=value,
            )
        return score


def load_criteria(path: str | Path | None = None) -> Criteria:
    """Read the horizontal criteria YAML (*path*, or the bundled one)."""
    data = load_yaml("horizontal_criteria.yaml", path)
    file = str(path or "horizontal_criteria.yaml")
    scale = require(data.get("scale"), ("min", "max"), file, "scale")
    rows = [
        require(c, ("code", "name_sv", "name_en"), file, f"criterion {i}")
        for i, c in enumerate(data.get("criteria") or [], start=1)
    ]
    frame = pd.DataFrame(
        [
            {
                "code": r["code"],
                "position": r.get("position", i),
                "name_sv": r["name_sv"],
                "name_en": r["name_en"],
            }
            for i, r in enumerate(rows, start=1)
        ],
        columns=["code", "position", "name_sv", "name_en"],
    )
    return Criteria(
        frame.sort_values("position", kind="stable").reset_index(drop=True),
        int(scale["min"]),
        int(scale["max"]),
        " ".join(str(data.get("source", "")).split()),
    )


def compare_assessors(scores: pd.DataFrame) -> pd.DataFrame:
    """Self vs independent score per criterion (and round, when given): columns self, independent,
    gap.

    Parameters
    ----------
    scores : DataFrame
        Columns ``criterion``, ``assessor_type`` (self/independent), ``score``
        and optionally ``round``.
    """
    keys = [c for c in ("round", "criterion") if c in scores.columns]
    if scores.empty:
        return pd.DataFrame(columns=[*keys, *ASSESSORS, "gap"])
    wide = scores.pivot_table(index=keys, columns="assessor_type", values="score", aggfunc="mean")
    wide = wide.reindex(columns=list(ASSESSORS)).astype(float)
    wide["gap"] = wide["self"] - wide["independent"]
    wide.columns.name = None
    return wide.reset_index()
