"""Written-out findings: short paragraphs that say in words what a region's numbers show.

As Metroverse writes a paragraph per city, s3atlas writes a few sentences per region from
message-catalogue templates, with the rounding of the tables (:func:`lq_text`,
:func:`signed_percent`'s whole per cent) so that the words and the tables never disagree.
A sentence is only written where the data can carry it: growth within the data's rounding
or hidden by suppressed cells is said to be unknown, and a priority the industry groups are
too coarse to test is counted as undetermined, never as supported or not.

Inputs are the plain tables the pages show: :func:`s3atlas.analysis.profile.region_strengths`,
:func:`s3atlas.analysis.fit.priority_fit` and :func:`s3atlas.analysis.dynamics.region_dynamics`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from s3atlas.analysis.composite import lq_text
from s3atlas.i18n import format_number, format_percent_value, gettext

__all__ = [
    "dynamics_finding",
    "growth_finding",
    "in_sentence",
    "priority_finding",
    "region_findings",
    "specialisation_finding",
]

_UNDECIDED = ("undetermined", "not_measured")


def in_sentence(name: str) -> str:
    """Return an industry name as it reads inside a sentence (first letter small).

    >>> in_sentence("Jordbruk, skogsbruk och fiske"), in_sentence("IT-tjänster")
    ('jordbruk, skogsbruk och fiske', 'IT-tjänster')
    """
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def _most_specialised(strengths: pd.DataFrame) -> Mapping[str, Any] | None:
    ranked = strengths[strengths.ranked & strengths.lq.notna()]
    if ranked.empty:
        return None
    ordered = ranked.sort_values(["lq", "rank"], ascending=[False, True], kind="stable")
    top = {str(k): v for k, v in ordered.iloc[0].items()}
    return top


def specialisation_finding(region: str, row: Mapping[str, Any], lang: str) -> str:
    """Return "<region> is most specialised in <industry> (LQ 1.8; rank 7 of 21 counties)."."""
    counted = gettext("{count} counties", lang, count=int(row["regions"]))
    rank = gettext("rank {rank} of {counted}", lang, rank=int(row["lq_rank"]), counted=counted)
    return gettext(
        "{region} is most specialised in {industry} (LQ {lq}; {rank}).",
        lang,
        region=region,
        industry=in_sentence(str(row["name"])),
        lq=lq_text(float(row["lq"]), lang),
        rank=rank,
    )


def _change(value: float, lang: str) -> str:
    """Return "grew by 44 %" / "fell by 18 %" / "stayed about the same", rounded as tables."""
    text = format_percent_value(abs(value), 0, lang=lang)
    if text.startswith("0"):
        return gettext("stayed about the same", lang)
    verb = "grew by {percent}" if value > 0 else "fell by {percent}"
    return gettext(verb, lang, percent=text)


def growth_finding(row: Mapping[str, Any], lang: str) -> str:
    """Return how employment in the industry changed, against the same industry in Sweden."""
    period = f"{row['base_year']}–{row['growth_end_year']}"
    growth, national = float(row["growth"]), float(row["national_growth"])
    if row["trend"] == "uncertain":
        return gettext(
            "Whether employment there grew {period} cannot be told: the change is within the "
            "rounding of the statistics.",
            lang,
            period=period,
        )
    if growth != growth or national != national or row["trend"] == "unknown":
        return gettext(
            "Growth there {period} is not known: a value is missing or suppressed.",
            lang,
            period=period,
        )
    return gettext(
        "Employment there {change} {period}, while in Sweden as a whole it {national}.",
        lang,
        change=_change(growth, lang),
        period=period,
        national=_change(national, lang),
    )


def _none_decided(total: int, counts: pd.Series, lang: str) -> str:
    """The sentence for a list the statistics cannot judge at all (no "supports 0 and not 0")."""
    undetermined = int(sum(counts.get(s, 0) for s in _UNDECIDED))
    if not undetermined:
        return gettext(
            "The statistics cannot judge any of the {total} declared priorities.", lang, total=total
        )
    return gettext(
        "The statistics cannot yet judge the {total} declared priorities: for {undetermined} "
        "of them the industry groups of the statistics are too coarse to tell.",
        lang,
        total=total,
        undetermined=undetermined,
    )


def priority_finding(fit: pd.DataFrame, lang: str) -> str:
    """Return how many declared priorities the statistics support, do not, or cannot decide."""
    declared = fit[fit.status != "undeclared_strength"]
    counts = declared.status.value_counts()
    decided = int(counts.get("supported", 0)) + int(counts.get("not_supported", 0))
    text = (
        _none_decided(len(declared), counts, lang)
        if not decided
        else gettext(
            "Of the {total} declared priorities, the statistics support {supported} and do not "
            "support {not_supported}; for {undetermined} the industry groups of the statistics are "
            "too coarse to tell.",
            lang,
            total=len(declared),
            supported=int(counts.get("supported", 0)),
            not_supported=int(counts.get("not_supported", 0)),
            undetermined=int(sum(counts.get(s, 0) for s in _UNDECIDED)),
        )
    )
    horizontal = int(counts.get("not_testable", 0))
    if horizontal:
        text += " " + gettext(
            "{count} are horizontal priorities that no industry measures.", lang, count=horizontal
        )
    undeclared = int((fit.status == "undeclared_strength").sum())
    if undeclared:
        text += " " + gettext(
            "{count} measured strengths are covered by no declared priority.",
            lang,
            count=undeclared,
        )
    return text


def dynamics_finding(dynamics: pd.DataFrame, lang: str) -> str:
    """Return the latest new-firm and patent rates against Sweden, with their years."""
    from s3atlas.analysis.dynamics import NEW_FIRMS, PATENTS

    templates = {
        NEW_FIRMS: "In {year}, {value} new firms were started per 1,000 employed, "
        "against {sweden} in Sweden.",
        PATENTS: "In {year}, {value} EPO patent applications were filed per million "
        "inhabitants, against {sweden} in Sweden.",
    }
    sentences = []
    for indicator, template in templates.items():
        rows = dynamics[(dynamics.indicator == indicator) & dynamics.region_value.notna()]
        if rows.empty:
            continue
        last = rows.sort_values("year").iloc[-1]
        sentences.append(
            gettext(
                template,
                lang,
                year=int(last.year),
                value=format_number(last.region_value, 1, lang=lang),
                sweden=format_number(last.sweden_value, 1, lang=lang),
            )
        )
    return " ".join(sentences)


def region_findings(
    region: str,
    strengths: pd.DataFrame,
    lang: str,
    *,
    fit: pd.DataFrame | None = None,
    dynamics: pd.DataFrame | None = None,
) -> list[str]:
    """Return the paragraphs of findings for *region* (its name as it reads in a sentence).

    Parameters
    ----------
    region : str
        The region's short name, e.g. "Västerbotten".
    strengths : DataFrame
        :func:`~s3atlas.analysis.profile.region_strengths` in *lang*.
    lang : str
        ``"sv"`` or ``"en"``.
    fit, dynamics : DataFrame, optional
        :func:`~s3atlas.analysis.fit.priority_fit` and
        :func:`~s3atlas.analysis.dynamics.region_dynamics`; their paragraphs are left out
        when not given.

    Examples
    --------
    >>> from s3atlas.stats import load_dataset
    >>> from s3atlas.analysis.profile import region_strengths
    >>> table = region_strengths(load_dataset("scb_rams"), "24", lang="en")
    >>> print(region_findings("Västerbotten", table, "en")[0])  # doctest: +NORMALIZE_WHITESPACE
    Västerbotten is most specialised in agriculture, forestry and fishing (LQ 1.8; rank 7 of
    21 counties). Employment there grew by 44% 2008–2016, while in Sweden as a whole it grew
    by 28%.
    """
    paragraphs = []
    top = _most_specialised(strengths)
    if top is not None:
        first = specialisation_finding(region, top, lang)
        if pd.notna(top.get("base_year")):
            first += " " + growth_finding(top, lang)
        paragraphs.append(first)
    if fit is not None and len(fit):
        paragraphs.append(priority_finding(fit, lang))
    if dynamics is not None and len(dynamics):
        text = dynamics_finding(dynamics, lang)
        if text:
            paragraphs.append(text)
    return paragraphs
