"""The indicator model: kinds, directions, flags, and the built-in context indicators.

Following Gianelle & Kleibrink (2015), *Monitoring mechanisms for smart
specialisation strategies* (S3 Policy Brief 13/2015, JRC), a strategy's
intervention logic runs from priorities to expected changes to actions, and
four kinds of indicator follow it:

* ``context`` – the region's situation, which policy alone does not move
  (R&D spending, new firms, patents, specialisation);
* ``result`` – the expected change of a priority: baseline, milestones, target;
* ``output`` – what an action delivers (baseline 0, target);
* ``input`` – the resources spent (budget).

Each indicator has a code, a name in Swedish and English, a unit, a source, a
definition, a direction (``higher`` or ``lower`` is better) and, when it is
computed from a dataset, the statistic it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "CONTEXT",
    "DIRECTIONS",
    "KINDS",
    "VALUE_FLAGS",
    "Indicator",
    "context_indicator",
]

KINDS = ("context", "result", "output", "input")
DIRECTIONS = ("higher", "lower")
#: Flags of a value: as published, preliminary, estimated, or a break in the series.
VALUE_FLAGS = ("ok", "preliminary", "estimated", "break")


@dataclass(frozen=True)
class Indicator:
    """One indicator of a monitoring framework (targets live with the region's framework)."""

    code: str
    kind: str
    name_sv: str
    name_en: str
    unit: str = ""
    source: str = ""
    definition: str = ""
    direction: str = "higher"
    statistic: str = ""
    goal: str = ""
    #: The expected change the indicator follows (the priority's objective).
    objective: str = ""
    #: Where no bundled or stored data serves it: the statistic one would need.
    needs: str = ""
    #: The code of the indicator whose values this one shows (a framework's name for it).
    serves: str = ""
    baseline_year: int | None = None
    baseline_value: float | None = None
    target_year: int | None = None
    target_value: float | None = None
    milestones: dict[int, float] = field(default_factory=dict)
    #: True when the targets are examples, not the region's own.
    example: bool = False

    def name(self, lang: str) -> str:
        """Return the name in *lang* (``sv`` or ``en``)."""
        return self.name_sv if lang == "sv" else self.name_en


_KOLADA = "Kolada (RKA), SCB"

#: The context indicators s3atlas computes for every county from its bundled data.
CONTEXT: tuple[Indicator, ...] = (
    Indicator(
        "rd_total",
        "context",
        "FoU-utgifter per invånare, alla sektorer",
        "R&D expenditure per inhabitant, all sectors",
        "SEK per inhabitant",
        f"{_KOLADA}; N85085 + N85086 + N85087",
        "Business, public and higher-education R&D expenditure per inhabitant, summed.",
        statistic="kolada_rd: rd_business + rd_public + rd_higher_education",
    ),
    Indicator(
        "rd_business",
        "context",
        "Företagens FoU-utgifter per invånare",
        "Business R&D expenditure per inhabitant",
        "SEK per inhabitant",
        f"{_KOLADA}; N85085",
        "Business enterprises' expenditure on their own R&D per inhabitant.",
        statistic="kolada_rd: rd_business",
    ),
    Indicator(
        "rd_public",
        "context",
        "Offentliga sektorns FoU-utgifter per invånare",
        "Public-sector R&D expenditure per inhabitant",
        "SEK per inhabitant",
        f"{_KOLADA}; N85086",
        "Government-sector expenditure on R&D per inhabitant.",
        statistic="kolada_rd: rd_public",
    ),
    Indicator(
        "rd_higher_education",
        "context",
        "Universitets- och högskolesektorns FoU-utgifter per invånare",
        "Higher-education R&D expenditure per inhabitant",
        "SEK per inhabitant",
        f"{_KOLADA}; N85087",
        "Universities' and university colleges' expenditure on R&D per inhabitant.",
        statistic="kolada_rd: rd_higher_education",
    ),
    Indicator(
        "new_firms_per_1000_employed",
        "context",
        "Nystartade företag per 1 000 sysselsatta",
        "New firms per 1,000 employed",
        "per 1,000 employed",
        "Tillväxtanalys (nystartade företag); SCB RAMS (sysselsatta)",
        "New firms ÷ employed persons (county of work) × 1,000; series breaks are flagged.",
        statistic="tillvaxtanalys_new_firms ÷ scb_rams employed × 1000",
    ),
    Indicator(
        "patents_per_million",
        "context",
        "EPO-patentansökningar per miljon invånare",
        "EPO patent applications per million inhabitants",
        "per million inhabitants",
        "© European Union, Eurostat (pat_ep_rtot)",
        "Patent applications to the EPO by inventor's region, per million inhabitants.",
        statistic="eurostat_patents_se: patents_per_million_inhabitants",
    ),
    Indicator(
        "higher_education_share",
        "context",
        "Andel av befolkningen med eftergymnasial utbildning",
        "Share of the population with tertiary education",
        "%",
        "",
        "Share of the population aged 25–64 with at least three years of post-secondary education.",
        needs="SCB, Befolkningens utbildning (UF0506), per län",
    ),
)


def context_indicator(code: str) -> Indicator | None:
    """Return the built-in context indicator *code*, or None.

    >>> context_indicator("rd_total").unit
    'SEK per inhabitant'
    """
    return next((i for i in CONTEXT if i.code == code), None)
