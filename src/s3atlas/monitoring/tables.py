"""Monitoring results as people read them: words for codes, headers in the language.

The command line, the pages and the downloads all show these tables.
"""

from __future__ import annotations

import pandas as pd
from babel import Locale

from s3atlas.classifications import counties, nuts_regions
from s3atlas.i18n import current_language, gettext
from s3atlas.monitoring.catalogue import CONTEXT
from s3atlas.monitoring.peers import DIMENSION_NAMES

__all__ = [
    "GROUP_LABELS",
    "LIST_SEPARATOR",
    "STATUS_LABELS",
    "group_label",
    "indicator_label",
    "peers_table",
    "region_name",
    "report_table",
    "scoreboard_summary_columns",
    "scoreboard_table",
    "status_label",
    "steps_table",
    "unit_label",
]

#: Status code → English label (the catalogue gives the Swedish one).
STATUS_LABELS = {
    "on_track": "on track",
    "at_risk": "at risk",
    "off_track": "off track",
    "no_target": "no target",
    "no_data": "no data",
}
#: Performance group → English label.
GROUP_LABELS = {
    "leader": "leader",
    "strong": "strong",
    "moderate": "moderate",
    "emerging": "emerging",
}


#: Units of the built-in indicators → English words (the catalogue gives the Swedish ones).
UNIT_LABELS = {
    "SEK per inhabitant": "SEK per inhabitant",
    "per 1,000 employed": "per 1,000 employed",
    "per million inhabitants": "per million inhabitants",
    "persons": "persons",
    "LQ": "LQ",
    "%": "%",
}


def unit_label(unit: str, lang: str) -> str:
    """Return a unit in *lang* (units the catalogue does not know are shown as given).

    >>> unit_label("persons", "sv")
    'personer'
    """
    return gettext(UNIT_LABELS[unit], lang) if unit in UNIT_LABELS else unit


def status_label(code: str, lang: str) -> str:
    """Return the words for a status code.

    >>> status_label("on_track", "sv")
    'i fas'
    """
    return gettext(STATUS_LABELS.get(code, code), lang)


def group_label(code: str, lang: str) -> str:
    """Return the words for a performance group."""
    return gettext(GROUP_LABELS.get(code, code), lang)


def indicator_label(code: str, lang: str) -> str:
    """Return the name of a built-in context indicator (else the code)."""
    found = next((i for i in CONTEXT if i.code == code), None)
    return found.name(lang) if found else code


_NUTS_COUNTRIES = {"EL": "GR", "UK": "GB"}
"""NUTS country codes that differ from ISO 3166 (Greece, the United Kingdom)."""


def region_name(code: str, lang: str | None = None) -> str:
    """Return a county's or a Swedish NUTS region's name; a foreign NUTS region is named by
    its country (the bundled data carry no foreign region names); else the code as given.

    >>> region_name("24"), region_name("NO07", "sv"), region_name("EL30", "en")
    ('Västerbotten', 'en region i Norge', 'a region in Greece')
    """
    names = dict(zip(counties().county_code, counties().short_name, strict=True))
    nuts = nuts_regions()
    names |= dict(zip(nuts.nuts_code, nuts.name, strict=True))
    if code in names:
        return str(names[code])
    prefix = code[:2].upper()
    country = Locale.parse(lang or current_language()).territories.get(
        _NUTS_COUNTRIES.get(prefix, prefix)
    )
    if country and len(code) > 2 and not code.startswith("SE"):
        return gettext("a region in {country}", lang, country=country)
    return code


def report_table(report: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The region's indicators with value, target and status, as shown."""
    from s3atlas.monitoring.sentences import in_words

    example = gettext("example", lang)
    words = in_words(report, lang)
    return pd.DataFrame(
        {
            gettext("Goal or priority", lang): report.goal,
            gettext("Indicator", lang): words["name"],
            gettext("Unit", lang): [unit_label(u, lang) for u in report.unit],
            gettext("Year", lang): report.year.astype("Int64"),
            gettext("Value", lang): report.value,
            gettext("Sweden", lang): report.sweden_value,
            gettext("Baseline", lang): _pair(report.baseline_year, report.baseline_value),
            gettext("Target", lang): [
                f"{t} ({example})" if t and ex else t
                for t, ex in zip(
                    _pair(report.target_year, report.target_value), report.example, strict=True
                )
            ],
            gettext("Status", lang): [status_label(s, lang) for s in report.status],
            gettext("Why", lang): words.why,
            gettext("Against Sweden", lang): words.against_sweden,
            gettext("Source", lang): report.source,
        }
    )


def _pair(years: pd.Series, values: pd.Series) -> list[str]:
    return [
        "" if pd.isna(y) or pd.isna(v) else f"{v:g} ({int(y)})"
        for y, v in zip(years, values, strict=True)
    ]


def _dimensions(codes: list[str], lang: str) -> str:
    return ", ".join(gettext(DIMENSION_NAMES.get(c, c), lang) for c in codes)


def peers_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Peers with their distance, the distance per dimension and what they are similar on."""
    out = pd.DataFrame(
        {
            gettext("Rank", lang): frame["rank"],
            gettext("Code", lang): frame.region,
            gettext("Region", lang): [region_name(c, lang) for c in frame.region],
            gettext("Distance", lang): frame.distance.round(3),
        }
    )
    for column in [c for c in frame.columns if c.startswith("d_")]:
        name = gettext(DIMENSION_NAMES.get(column[2:], column[2:]), lang)
        out[name[:1].upper() + name[1:]] = frame[column].round(3)
    out[gettext("Similar on", lang)] = [_dimensions(list(c), lang) for c in frame.similar_on]
    return out


#: The scoreboard's verdict columns, before the indicator values (English source words).
_SCOREBOARD_SUMMARY = (
    "Region",
    "Composite (0–1)",
    "Relative to the national average (=100)",
    "Performance group",
    "Strengths",
    "Weaknesses",
)
#: Joins the indicators of a county's strengths (or weaknesses) in one cell.
LIST_SEPARATOR = "; "


def scoreboard_summary_columns(lang: str) -> list[str]:
    """The headers of the scoreboard's verdict columns in *lang*: region to weaknesses; the
    columns after them hold each indicator raw and normalised."""
    return [gettext(column, lang) for column in _SCOREBOARD_SUMMARY]


def scoreboard_table(
    scores: pd.DataFrame, wide: pd.DataFrame, normalised: pd.DataFrame, lang: str
) -> pd.DataFrame:
    """The county scoreboard: composite, relative score, group, strengths and weaknesses, and
    every indicator raw and normalised."""
    frame = scores.set_index("region")
    region, composite, relative, group, strengths, weaknesses = scoreboard_summary_columns(lang)
    out = pd.DataFrame(index=frame.index)
    out[region] = [region_name(c, lang) for c in frame.index]
    out[composite] = frame.composite.round(3)
    out[relative] = frame.relative.round(1)
    out[group] = [group_label(g, lang) for g in frame.group]
    out[strengths] = [_indicator_list(s, lang) for s in frame.strengths]
    out[weaknesses] = [_indicator_list(s, lang) for s in frame.weaknesses]
    for code in wide.columns:
        name = indicator_label(code, lang)
        out[name] = wide.loc[frame.index, code]
        out[f"{name} ({gettext('normalised', lang)})"] = normalised.loc[frame.index, code].round(3)
    out = out.sort_values(composite, ascending=False)
    return out.rename_axis(gettext("Code", lang)).reset_index()


def _indicator_list(codes: list[str], lang: str) -> str:
    return LIST_SEPARATOR.join(indicator_label(c, lang) for c in codes)


def steps_table(steps: pd.DataFrame, years: dict[str, int], lang: str) -> pd.DataFrame:
    """How each indicator was normalised: year, mean, sd, outliers, skewness, square root,
    min and max."""
    yes, no = gettext("yes", lang), gettext("no", lang)
    return pd.DataFrame(
        {
            gettext("Indicator", lang): [indicator_label(c, lang) for c in steps.indicator],
            gettext("Year", lang): [years.get(c) for c in steps.indicator],
            gettext("Mean", lang): steps["mean"].astype(float).round(2),
            gettext("Standard deviation", lang): steps.sd.astype(float).round(2),
            gettext("Outliers replaced", lang): steps.outliers.astype(int),
            gettext("Skewness", lang): steps.skewness.astype(float).round(2),
            gettext("Square root", lang): [yes if r else no for r in steps.square_root],
            gettext("Minimum (after transformation)", lang): steps["min"].astype(float).round(2),
            gettext("Maximum (after transformation)", lang): steps["max"].astype(float).round(2),
        }
    )
