"""The development-phase model of cluster initiatives, kept as editable data.

The bundled model (``data/clusters/phase_model.yaml``) follows the cluster
life cycle of Menzel & Fornahl (2010): emergence → growth → sustainment →
decline. Regions that use another model (e.g. Reglab's cluster development
model, named in Norra Mellansverige's cluster mapping) edit the YAML file.

References
----------
Menzel, M.-P. & Fornahl, D. (2010). Cluster life cycles — dimensions and
rationales of cluster evolution. *Industrial and Corporate Change* 19(1),
205–238. doi:10.1093/icc/dtp036

Examples
--------
>>> model = load_phase_model()
>>> list(model.phases["code"])
['emergence', 'growth', 'sustainment', 'decline']
>>> model.name("growth", "sv")
'Tillväxt'
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from s3atlas.clusters._data import load_yaml, require
from s3atlas.errors import InputError
from s3atlas.i18n import current_language, gettext

__all__ = ["PhaseModel", "load_phase_model"]

_COLUMNS = ["code", "position", "name_sv", "name_en", "description_sv", "description_en"]


@dataclass(frozen=True)
class PhaseModel:
    """An ordered phase model: its name, source and one row per phase."""

    name_sv: str
    name_en: str
    source: str
    phases: pd.DataFrame

    def name(self, code: str, lang: str = "sv") -> str:
        """Return the phase name of *code* in *lang* (the code itself when unknown)."""
        row = self.phases.loc[self.phases["code"] == code]
        return str(row[f"name_{lang}"].iloc[0]) if len(row) else code

    def resolve(self, text: str) -> str:
        """Return the code of *text* (a code or a Swedish/English name), or raise naming the
        nearest."""
        wanted = str(text or "").strip().casefold()
        row: Any  # an itertuples row: the phase table's columns are all text
        for row in self.phases.itertuples():
            if wanted in (row.code.casefold(), row.name_sv.casefold(), row.name_en.casefold()):
                return str(row.code)
        shown = f"name_{current_language()}"
        # every way of writing a phase → its name in the language of the message
        known = {
            str(written): str(row[shown])
            for _, row in self.phases.iterrows()
            for written in (row["code"], row["name_sv"], row["name_en"])
        }
        near = difflib.get_close_matches(str(text), list(known), n=1, cutoff=0.5)
        hint = "; " + gettext("did you mean {label}?", label=repr(known[near[0]])) if near else ""
        raise InputError(
            gettext(
                "unknown phase; expected one of {codes}{hint}",
                codes=", ".join(self.phases[shown]),
                hint=hint,
            ),
            column="phase",
            value=text,
        )


def assessor_label(code: str, lang: str = "sv") -> str:
    """Who assessed, in words: the cluster itself or an independent assessor.

    >>> assessor_label("self", "sv"), assessor_label("independent", "en")
    ('Självskattning', 'Independent assessment')
    """
    if code == "self":
        return gettext("Self-assessment", lang)
    return gettext("Independent assessment", lang)


def load_phase_model(path: str | Path | None = None) -> PhaseModel:
    """Read the phase model YAML (*path*, or the bundled one)."""
    data = load_yaml("phase_model.yaml", path)
    file = str(path or "phase_model.yaml")
    meta = require(data.get("model"), ("name_sv", "name_en", "source"), file, "model")
    rows = [
        require(p, ("code", "name_sv", "name_en"), file, f"phase {i}")
        for i, p in enumerate(data.get("phases") or [], start=1)
    ]
    if not rows:
        raise InputError(gettext("the phase model lists no phases"), file=file, column="phases")
    frame = pd.DataFrame(
        [
            {c: r.get(c, i if c == "position" else "") for c in _COLUMNS}
            for i, r in enumerate(rows, start=1)
        ],
        columns=_COLUMNS,
    )
    if frame["code"].duplicated().any():
        raise InputError(
            gettext("phase codes must be unique"),
            file=file,
            column="code",
            value=frame.loc[frame["code"].duplicated(), "code"].iloc[0],
        )
    frame = frame.sort_values("position", kind="stable").reset_index(drop=True)
    return PhaseModel(
        str(meta["name_sv"]), str(meta["name_en"]), " ".join(str(meta["source"]).split()), frame
    )
