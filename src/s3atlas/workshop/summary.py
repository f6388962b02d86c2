"""What a workshop received: the submissions as a table, the live board's groups and the
Excel summary.

:func:`submissions_frame` reads the store; :func:`board_groups` and
:func:`summary_table` are pure functions of that frame, so the board, the
download and the command line show the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from sqlalchemy import select

from s3atlas.ecosystem.store.models import StrengthArea, SupportFunction
from s3atlas.i18n import gettext
from s3atlas.store import Store
from s3atlas.viz.downloads import to_xlsx_bytes
from s3atlas.workshop.models import Submission
from s3atlas.workshop.submissions import workshop_row
from s3atlas.workshop.workshops import aware, get_workshop

__all__ = [
    "COLUMNS",
    "board_groups",
    "function_names",
    "submissions_frame",
    "summary_table",
    "summary_xlsx",
]

COLUMNS = [
    "id",
    "status",
    "question",
    "text",
    "function",
    "areas",
    "actor_name",
    "home_region",
    "borrowable",
    "author",
    "organisation",
    "merged_into",
    "created_at",
    "decided_by",
    "decided_at",
]


def submissions_frame(store: Store, workshop_id: int) -> pd.DataFrame:
    """Return every submission of a workshop, oldest first, with function and area names."""
    with store.read() as session:
        workshop = workshop_row(session, int(workshop_id))
        subs = list(
            session.scalars(
                select(Submission)
                .where(Submission.workshop_id == int(workshop_id))
                .order_by(Submission.id)
            )
        )
        query = select(StrengthArea.key, StrengthArea.name).where(
            StrengthArea.round_id == workshop.round_id
        )
        areas = {str(key): str(name) for key, name in session.execute(query).all()}
    rows = [_row(s, areas) for s in subs]
    return pd.DataFrame(rows, columns=COLUMNS)


def function_names(store: Store, lang: str) -> dict[str, str]:
    """Support-function code → its stored name in *lang* (the vocabulary keeps both names)."""
    with store.read() as session:
        functions = session.scalars(select(SupportFunction)).all()
        return {f.code: (f.name_en if lang == "en" else f.name_sv) for f in functions}


def _row(sub: Submission, areas: dict[str, str]) -> dict[str, Any]:
    keys = sub.area_keys.split(";") if sub.area_keys else []
    return {
        "id": sub.id,
        "status": sub.status,
        "question": sub.question + 1,
        "text": sub.text,
        "function": sub.function,
        "areas": "; ".join(areas.get(k, k) for k in keys),
        "actor_name": sub.actor_name,
        "home_region": sub.home_region,
        "borrowable": sub.borrowable,
        "author": sub.author,
        "organisation": sub.organisation,
        "merged_into": sub.merged_into_id,
        "created_at": aware(sub.created_at),
        "decided_by": sub.decided_by,
        "decided_at": aware(sub.decided_at) if sub.decided_at else None,
    }


def _missing_as_none(row: dict[Any, Any]) -> dict[str, Any]:
    """A record with pandas' missing markers (NaN, NA, NaT) as ``None``, as templates expect."""
    return {str(k): (None if v is None or pd.isna(v) else v) for k, v in row.items()}


def board_groups(frame: pd.DataFrame, lang: str, names: Mapping[str, str]) -> list[dict[str, Any]]:
    """Group the submissions by function for the live board; merged ones count under the kept one.

    Each group is ``{"function", "name", "items"}``; each item is the submission row as a dict
    plus ``merged`` (the texts merged into it). Groups follow the function names; submissions
    without a function come last. *names* are the function names in *lang*
    (:func:`function_names`).

    >>> frame = pd.DataFrame([
    ...     {"id": 1, "status": "pending", "function": "incubation", "merged_into": None,
    ...      "text": "Uminova"},
    ...     {"id": 2, "status": "merged", "function": "incubation", "merged_into": 1,
    ...      "text": "Uminova Innovation"},
    ...     {"id": 3, "status": "pending", "function": None, "merged_into": None, "text": "?"}])
    >>> names = {"incubation": "Incubation"}
    >>> [(g["name"], [i["id"] for i in g["items"]]) for g in board_groups(frame, "en", names)]
    [('Incubation', [1]), ('Function not chosen yet', [3])]
    >>> board_groups(frame, "en", names)[0]["items"][0]["merged"]
    ['Uminova Innovation']
    """
    shown = frame[frame["status"] != "merged"]
    merged = frame[frame["status"] == "merged"]
    groups: dict[str, dict[str, Any]] = {}
    for row in (_missing_as_none(r) for r in shown.to_dict("records")):
        code = row["function"] if isinstance(row["function"], str) else ""
        name = names.get(code, code) if code else gettext("Function not chosen yet", lang)
        group = groups.setdefault(code, {"function": code or None, "name": name, "items": []})
        row["merged"] = merged.loc[merged["merged_into"] == row["id"], "text"].tolist()
        group["items"].append(row)
    return sorted(groups.values(), key=lambda g: (g["function"] is None, str(g["name"])))


_HEADERS = {
    "id": "No.",
    "status": "Status",
    "question": "Question",
    "text": "Example",
    "function_name": "Function",
    "areas": "Strength areas",
    "actor_name": "Who provides it",
    "home_region": "Region",
    "borrowable": "Can other regions borrow it?",
    "author": "Name",
    "organisation": "Organisation",
    "merged_into": "Merged into",
    "created_at": "Submitted",
    "decided_by": "Decided by",
    "decided_at": "Decided",
}
_STATUS = {
    "pending": "Not handled",
    "accepted": "Accepted",
    "rejected": "Rejected",
    "merged": "Merged",
}
_BORROW = {"yes": "Yes", "no": "No", "conditions": "With conditions"}


def _naive(value: Any) -> Any:
    return value.replace(tzinfo=None) if hasattr(value, "tzinfo") and value is not None else value


def summary_table(frame: pd.DataFrame, lang: str, names: Mapping[str, str]) -> pd.DataFrame:
    """Return the submissions as the summary shows them: headings, status and answers in words.

    *names* are the function names in *lang* (:func:`function_names`).
    """
    out = frame.copy()
    out["function_name"] = [names.get(f, f) if isinstance(f, str) else None for f in out.function]
    out["status"] = [gettext(_STATUS[s], lang) for s in out["status"]]
    out["borrowable"] = [
        gettext(_BORROW[b], lang) if b in _BORROW else None for b in out["borrowable"]
    ]
    for column in ("created_at", "decided_at"):
        out[column] = [_naive(v) if v is not None and v == v else None for v in out[column]]
    out = out[list(_HEADERS)]
    return out.rename(columns={k: gettext(v, lang) for k, v in _HEADERS.items()})


def summary_xlsx(store: Store, workshop_id: int, lang: str) -> bytes:
    """Return the workshop summary as an Excel workbook (times in UTC)."""
    info = get_workshop(store, workshop_id)
    table = summary_table(submissions_frame(store, workshop_id), lang, function_names(store, lang))
    accepted = int((table[gettext("Status", lang)] == gettext("Accepted", lang)).sum())
    notes = {
        gettext("Region", lang): f"{info['region_name']} ({info['region']})",
        gettext("Mapping round", lang): info["round"],
        gettext("Submissions", lang): str(len(table)),
        gettext("Accepted", lang): str(accepted),
        gettext("Times", lang): "UTC",
    }
    return to_xlsx_bytes(
        table,
        sheet_name=gettext("Submissions", lang),
        source=gettext("Workshop {title}", lang, title=info["title"]),
        title=info["title"],
        notes=notes,
        lang=lang,
    )
