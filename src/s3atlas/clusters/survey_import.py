"""Reading firm-survey files (CSV or Excel, wide or long) into checked tables, before anything is
stored.

Two layouts are read:

* **wide** — one row per respondent, one column per item: ``respondent_id``,
  ``cluster``, optionally ``wave``, then one column per item named by its
  code or its Swedish or English label. A blank cell is an unanswered item.
* **long** — one row per answer: ``respondent_id, cluster, wave, item, answer``.

Everything is checked before a row is returned: unknown answer labels (with
the nearest valid label suggested), unknown item columns, missing item
columns, blank respondent ids or clusters, a respondent twice in the same
cluster and wave. The error names the file, the row (as a spreadsheet shows
it: the header is row 1) and the column. Storing is
:func:`s3atlas.clusters.service.import_survey`, one transaction.

Examples
--------
>>> import io
>>> text = "respondent_id,cluster,item,answer\\nr1,Kluster A,other_firms,Ja i hög grad\\n"
>>> parsed = parse_survey(pd.read_csv(io.StringIO(text), dtype=str), file="a.csv", wave="2017")
>>> parsed.answers[["respondent_id", "wave", "item", "answer"]].to_dict("records")
[{'respondent_id': 'r1', 'wave': '2017', 'item': 'other_firms', 'answer': 'high'}]
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from s3atlas.clusters.survey_items import SurveyItems, _norm, load_survey_items
from s3atlas.errors import InputError
from s3atlas.io.neutralise import unneutralise_frame

__all__ = ["ParsedSurvey", "parse_survey", "read_survey", "read_table"]

_META = {
    "respondent_id": (
        "respondent_id",
        "respondent",
        "respondent id",
        "respondent-id",
        "svarande",
        "id",
    ),
    "cluster": ("cluster", "kluster", "klusterinitiativ"),
    "wave": ("wave", "våg", "omgång", "year", "år"),
    "item": ("item", "fråga", "question"),
    "answer": ("answer", "svar"),
}
_LONG = ("respondent_id", "cluster", "item", "answer")


@dataclass(frozen=True)
class ParsedSurvey:
    """A checked survey file: respondents (row, wave, cluster, respondent_id) and answers.

    ``answers`` has columns row, column, wave, cluster, respondent_id, item,
    answer (answer codes; unanswered items have no row).
    """

    file: str
    layout: str
    respondents: pd.DataFrame
    answers: pd.DataFrame


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV (UTF-8 or latin-1, comma or semicolon) or Excel file as text cells."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        return pd.read_excel(
            path, dtype=str, engine="openpyxl" if path.suffix.lower() != ".xls" else None
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    try:
        sep = (
            csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t").delimiter
        )
    except csv.Error:
        sep = ","
    return pd.read_csv(io.StringIO(text), dtype=str, sep=sep, keep_default_na=False)


def _meta_columns(frame: pd.DataFrame) -> dict[str, str]:
    found: dict[str, str] = {}
    for column in frame.columns:
        for role, names in _META.items():
            if _norm(column) in {_norm(n) for n in names} and role not in found:
                found[role] = str(column)
    return found


def _cell(value: object) -> str:
    return (
        "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()
    )


def _wave_of(row: pd.Series, meta: dict[str, str], wave: str | None, file: str, at: int) -> str:
    given = _cell(row[meta["wave"]]) if "wave" in meta else ""
    if given and wave and given != wave:
        raise InputError(
            f"the file says wave {given!r} but the import was asked for wave {wave!r}",
            file=file,
            row=at,
            column=meta["wave"],
            value=given,
        )
    chosen = given or (wave or "")
    if not chosen:
        raise InputError(
            "no survey wave: add a 'wave' column or give --wave",
            file=file,
            row=at,
            column=meta.get("wave", "wave"),
        )
    return chosen


def _required(row: pd.Series, meta: dict[str, str], role: str, file: str, at: int) -> str:
    value = _cell(row[meta[role]])
    if not value:
        raise InputError(
            f"{role.replace('_', ' ')} must not be empty", file=file, row=at, column=meta[role]
        )
    return value


def _check_meta(meta: dict[str, str], roles: tuple[str, ...], file: str) -> None:
    for role in roles:
        if role not in meta:
            raise InputError(f"the file has no {role!r} column", file=file, row=1, column=role)


def _wide(
    frame: pd.DataFrame, meta: dict[str, str], items: SurveyItems, file: str, wave: str | None
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    _check_meta(meta, ("respondent_id", "cluster"), file)
    item_columns: dict[str, str] = {}
    for column in frame.columns:
        if str(column) not in meta.values():
            item_columns[str(column)] = items.item_code(column, column=str(column))
    missing = [code for code in items.items["code"] if code not in item_columns.values()]
    if missing:
        label = items.label("item", missing[0])
        raise InputError(
            f"missing item column {label!r} ({missing[0]}); add it (blank cells mean no answer)",
            file=file,
            row=1,
            column=label,
        )
    respondents, answers = [], []
    index: Any  # iterrows labels: the file's integer row positions (a filtered RangeIndex)
    for index, row in frame.iterrows():
        at = int(index) + 2
        base = _respondent(row, meta, wave, file, at)
        respondents.append(base)
        for column, code in item_columns.items():
            text = _cell(row[column])
            if text:
                try:
                    answer = items.answer_code(text, column=column)
                except InputError as error:
                    raise InputError(
                        error.detail, file=file, row=at, column=column, value=text
                    ) from None
                answers.append({**base, "column": column, "item": code, "answer": answer})
    return respondents, answers


def _respondent(
    row: pd.Series, meta: dict[str, str], wave: str | None, file: str, at: int
) -> dict[str, object]:
    """The spreadsheet row *at*'s respondent: its row number, wave, cluster and id."""
    return {
        "row": at,
        "wave": _wave_of(row, meta, wave, file, at),
        "cluster": _required(row, meta, "cluster", file, at),
        "respondent_id": _required(row, meta, "respondent_id", file, at),
    }


def _long(
    frame: pd.DataFrame, meta: dict[str, str], items: SurveyItems, file: str, wave: str | None
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    _check_meta(meta, _LONG, file)
    respondents: dict[tuple[str, str, str], dict[str, object]] = {}
    answers = []
    index: Any  # iterrows labels: the file's integer row positions (a filtered RangeIndex)
    for index, row in frame.iterrows():
        at = int(index) + 2
        base = _respondent(row, meta, wave, file, at)
        respondents.setdefault(
            (str(base["wave"]), str(base["cluster"]), str(base["respondent_id"])), base
        )
        item_text = _cell(row[meta["item"]])
        if not item_text:
            raise InputError("missing item", file=file, row=at, column=meta["item"])
        try:
            item = items.item_code(item_text, column=meta["item"])
            text = _cell(row[meta["answer"]])
            answer = items.answer_code(text, column=meta["answer"]) if text else None
        except InputError as error:
            raise InputError(
                error.detail, file=file, row=at, column=error.column, value=error.value
            ) from None
        if answer is not None:
            answers.append({**base, "column": meta["answer"], "item": item, "answer": answer})
    return list(respondents.values()), answers


def _check_duplicates(
    respondents: pd.DataFrame, answers: pd.DataFrame, layout: str, file: str
) -> None:
    keys = ["wave", "cluster", "respondent_id"]
    if layout == "wide":
        dup = respondents[respondents.duplicated(keys, keep=False)]
        column = "respondent_id"
    else:
        dup = answers[answers.duplicated([*keys, "item"], keep=False)]
        column = "item"
    if len(dup):
        first, second = dup.iloc[0], dup.iloc[1]
        what = "respondent" if layout == "wide" else "answer to this item from respondent"
        raise InputError(
            f"duplicate {what} {second['respondent_id']!r} in cluster {second['cluster']!r}, wave "
            f"{second['wave']!r} (first on row {first['row']})",
            file=file,
            row=int(second["row"]),
            column=column,
            value=second[column],
        )


def parse_survey(
    frame: pd.DataFrame, *, file: str, wave: str | None = None, items: SurveyItems | None = None
) -> ParsedSurvey:
    """Check a survey table (wide or long) and return it as answer codes; raise on the first
    problem."""
    items = items or load_survey_items()
    frame = frame.dropna(how="all")
    frame = frame.loc[~frame.apply(lambda r: all(_cell(v) == "" for v in r), axis=1)]
    if frame.empty:
        raise InputError("the file has no rows", file=file)
    meta = _meta_columns(frame)
    layout = "long" if "item" in meta and "answer" in meta else "wide"
    parse = _long if layout == "long" else _wide
    respondents, answers = parse(frame, meta, items, file, str(wave).strip() if wave else None)
    resp = pd.DataFrame(respondents, columns=["row", "wave", "cluster", "respondent_id"])
    ans = pd.DataFrame(
        answers, columns=["row", "column", "wave", "cluster", "respondent_id", "item", "answer"]
    )
    _check_duplicates(resp, ans, layout, file)
    return ParsedSurvey(file, layout, resp, ans)


def read_survey(
    path: str | Path, *, wave: str | None = None, items: SurveyItems | None = None
) -> ParsedSurvey:
    """Read and check a survey file (see :func:`parse_survey`)."""
    return parse_survey(
        unneutralise_frame(read_table(path)), file=Path(path).name, wave=wave, items=items
    )
