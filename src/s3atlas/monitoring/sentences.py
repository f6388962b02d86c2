"""A monitoring report's codes and numbers as the sentences people read, in Swedish or English.

:func:`s3atlas.monitoring.region_report` returns codes (the status and its
reason) and the numbers behind them; the command line, the pages and the
report put them into words here, through the message catalogue, so all of
them say the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from s3atlas.classifications.sni import industry_name
from s3atlas.i18n import format_number, format_words, gettext
from s3atlas.monitoring.report import DECIMALS
from s3atlas.monitoring.status import DEFAULT_TOLERANCE, reason_text

__all__ = [
    "in_words",
    "indicator_name",
    "reason_words",
    "trend_words",
    "wider_group_words",
]


def _known(value: Any) -> bool:
    return value is not None and not pd.isna(value)


def _int(value: Any) -> int | None:
    return int(value) if _known(value) else None


def _float(value: Any) -> float | None:
    return float(value) if _known(value) else None


def indicator_name(row: Mapping[Any, Any], lang: str) -> str:
    """Return the indicator's own name in *lang* (the framework holds both).

    >>> indicator_name({"name_sv": "Export", "name_en": "Exports"}, "en")
    'Exports'
    """
    return str(row["name_sv"] if lang == "sv" else row["name_en"])


def _extra(row: Mapping[Any, Any], lang: str) -> list[str]:
    """Sentences on a break in the series and on a wider industry group measured instead."""
    out = []
    if row.get("flag") == "break" and _known(row.get("year")):
        out.append(gettext("The series breaks in {year}.", lang, year=int(row["year"])))
    if row.get("wider_group"):
        out.append(wider_group_words(str(row["wider_group"]), lang))
    return out


def wider_group_words(codes: str, lang: str) -> str:
    """The sentence on the wider industry groups measured in place of a priority's industries,
    each group by its name with its code.

    >>> wider_group_words("J", "sv")
    'Mätt med den bredare branschgruppen informations- och kommunikationsverksamhet (J), som \
rymmer mer än prioriteringens branscher.'
    """
    groups = codes.split(" + ")
    named = [f"{_lower_first(industry_name(code, lang))} ({code})" for code in groups]
    msgid = (
        "Measured by the wider industry group {groups}, which holds more than the priority's "
        "industries."
        if len(groups) == 1
        else "Measured by the wider industry groups {groups}, which hold more than the "
        "priority's industries."
    )
    return gettext(msgid, lang, groups=format_words(named, lang))


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def reason_words(row: Mapping[Any, Any], lang: str) -> str:
    """Return why a report row has its status, in *lang*.

    >>> row = {"reason": "no_target", "judged_year": 2020, "value": 3.0, "unit": "%"}
    >>> reason_words(row, "sv")
    'Inget mål är satt; värdet 2020 är 3,0.'
    """
    tolerance = _float(row.get("tolerance"))
    first = reason_text(
        str(row["reason"]),
        lang,
        year=_int(row.get("judged_year")),
        actual=_float(row.get("value")),
        expected=_float(row.get("expected")),
        tolerance=DEFAULT_TOLERANCE if tolerance is None else tolerance,
        needs=str(row.get("needs") or ""),
        decimals=DECIMALS.get(str(row.get("unit")), 1),
    )
    return " ".join([first, *_extra(row, lang)])


def _sweden(row: Mapping[Any, Any], lang: str) -> str:
    first, last = _float(row.get("trend_first_share")), _float(row.get("trend_last_share"))
    if first is None or last is None:
        return ""
    closer = abs(last - 1) < abs(first - 1)
    way = gettext("closer to Sweden", lang) if closer else gettext("further from Sweden", lang)
    return gettext(
        "Against Sweden: {first} % in {first_year}, {last} % in {last_year} ({way}).",
        lang,
        first=format_number(first * 100, 0, lang),
        first_year=_int(row.get("trend_first_year")),
        last=format_number(last * 100, 0, lang),
        last_year=_int(row.get("trend_last_year")),
        way=way,
    )


def _peers(row: Mapping[Any, Any], lang: str) -> str:
    average, year = _float(row.get("peer_value")), _int(row.get("year"))
    if average is None or year is None:
        return ""
    decimals = DECIMALS.get(str(row.get("unit")), 1)
    return gettext(
        "Peer regions' average in {year}: {value}.",
        lang,
        year=year,
        value=format_number(average, decimals, lang),
    )


def trend_words(row: Mapping[Any, Any], lang: str) -> str:
    """Return the row's value against Sweden over time and against its peers, in *lang*.

    >>> row = {"trend_first_year": 2010, "trend_first_share": 0.8, "trend_last_year": 2018,
    ...        "trend_last_share": 0.9, "peer_value": None, "year": 2018, "unit": "%"}
    >>> trend_words(row, "en")
    'Against Sweden: 80 % in 2010, 90 % in 2018 (closer to Sweden).'
    """
    return " ".join(part for part in (_sweden(row, lang), _peers(row, lang)) if part)


def in_words(report: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return *report* with the indicator's ``name``, the reason (``why``) and the trend
    (``against_sweden``) as sentences in *lang*."""
    rows = report.to_dict("records")
    return report.assign(
        name=[indicator_name(r, lang) for r in rows],
        why=[reason_words(r, lang) for r in rows],
        against_sweden=[trend_words(r, lang) for r in rows],
    )
