"""The firm survey's standard items and answer scale, kept as editable data (Swedish and English).

The bundled set (``data/clusters/survey_items.yaml``) is the one Norra
Mellansverige used in its cluster mapping: "Har klustret bidragit till ökad
samverkan med: andra företag / forskare eller doktorander / politiker eller
offentliga aktörer / studenter eller elever / företag, andra …", answered on
the scale "Ja, i mycket hög grad" … "Nej, inte alls", plus "Vet ej".

Labels are matched by code, Swedish or English label, ignoring case and
spacing. An unknown label raises :class:`~s3atlas.errors.InputError` that
suggests the nearest valid label (:func:`difflib.get_close_matches`).

Examples
--------
>>> items = load_survey_items()
>>> items.answer_code("ja, i HÖG grad")
'high'
>>> items.answer_code("Ja i hög grad")
'high'
>>> items.item_code("Forskare eller doktorander")
'researchers'
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from s3atlas.clusters._data import load_yaml, require
from s3atlas.errors import InputError
from s3atlas.i18n import gettext

__all__ = ["SurveyItems", "load_survey_items"]


def _norm(text: object) -> str:
    """Compare labels without case, punctuation or extra spaces."""
    return " ".join(re.sub(r"[^\w…]+", " ", str(text).casefold()).split())


@dataclass(frozen=True)
class SurveyItems:
    """Items (code, label_sv, label_en, partner_group) and answers (code, label_sv, label_en,
    positive, scored)."""

    question_sv: str
    question_en: str
    items: pd.DataFrame
    answers: pd.DataFrame

    def _lookup(self, frame: pd.DataFrame, text: object, what: str, column: str | None) -> str:
        wanted = _norm(text)
        for row in frame.itertuples():
            if wanted in (_norm(row.code), _norm(row.label_sv), _norm(row.label_en)):
                return str(row.code)
        labels = [*frame["label_sv"], *frame["label_en"], *frame["code"]]
        near = difflib.get_close_matches(str(text), labels, n=1, cutoff=0.4)
        hint = "; " + gettext("did you mean {label}?", label=repr(near[0])) if near else ""
        valid = gettext("Valid: {labels}", labels="; ".join(frame["label_sv"]))
        unknown = gettext("unknown survey item" if what == "survey item" else "unknown answer")
        raise InputError(
            gettext("{problem}{hint}. {valid}", problem=unknown, hint=hint, valid=valid),
            column=column,
            value=text,
        )

    def item_code(self, text: object, column: str | None = None) -> str:
        """Return the item code of *text*, or raise :class:`InputError` suggesting the nearest
        item."""
        return self._lookup(self.items, text, "survey item", column)

    def answer_code(self, text: object, column: str | None = None) -> str:
        """Return the answer code of *text*, or raise :class:`InputError` suggesting the nearest
        label."""
        return self._lookup(self.answers, text, "answer", column)

    def label(self, kind: str, code: str, lang: str = "sv") -> str:
        """Return the label of an item or answer code (``kind``: ``"item"`` or ``"answer"``)."""
        frame = self.items if kind == "item" else self.answers
        row = frame.loc[frame["code"] == code]
        return str(row[f"label_{lang}"].iloc[0]) if len(row) else code

    @property
    def positive(self) -> list[str]:
        """The answer codes counted as "yes" (e.g. very high and high degree)."""
        return list(self.answers.loc[self.answers["positive"], "code"])


def load_survey_items(path: str | Path | None = None) -> SurveyItems:
    """Read the survey items YAML (*path*, or the bundled one)."""
    data = load_yaml("survey_items.yaml", path)
    file = str(path or "survey_items.yaml")
    items = _entries(data, "items", "item", file)
    answers = _entries(data, "answers", "answer", file)
    if not items or not answers:
        raise InputError(gettext("the survey needs at least one item and one answer"), file=file)
    item_frame = pd.DataFrame([_item_row(i) for i in items])
    answer_frame = pd.DataFrame([_answer_row(a) for a in answers])
    _check_unique_codes(item_frame, "item", file)
    _check_unique_codes(answer_frame, "answer", file)
    return SurveyItems(
        str(data.get("question_sv", "")), str(data.get("question_en", "")), item_frame, answer_frame
    )


def _entries(data: dict[str, Any], key: str, what: str, file: str) -> list[dict[str, Any]]:
    """The list under *key*, each entry checked to have a code and a label in both languages."""
    return [
        require(entry, ("code", "label_sv", "label_en"), file, f"{what} {n}")
        for n, entry in enumerate(data.get(key) or [], start=1)
    ]


def _item_row(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": item["code"],
        "label_sv": item["label_sv"],
        "label_en": item["label_en"],
        "partner_group": item.get("partner_group"),
    }


def _answer_row(answer: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": answer["code"],
        "label_sv": answer["label_sv"],
        "label_en": answer["label_en"],
        "positive": bool(answer.get("positive", False)),
        "scored": bool(answer.get("scored", True)),
    }


def _check_unique_codes(frame: pd.DataFrame, what: str, file: str) -> None:
    """Refuse a code that stands twice, naming the first repeated one."""
    repeated = frame["code"].duplicated()
    if repeated.any():
        raise InputError(
            gettext("the codes of the survey items must be unique")
            if what == "item"
            else gettext("the codes of the answers must be unique"),
            file=file,
            column="code",
            value=frame.loc[repeated, "code"].iloc[0],
        )
