"""The editable vocabulary of the ecosystem map: actor kinds, support functions, phases, link kinds.

The terms live in tables (``eco_actor_kinds``, ``eco_functions``,
``eco_phases``, ``eco_link_kinds``) so a region can add its own. The defaults
below are what a new store starts with: the ``eco_0001`` migration inserts
them, and :func:`seed_vocabulary` (run by ``s3atlas workspace init``) adds any
default a store is missing without touching terms users edited.

The support functions and phases follow Region Västerbotten's mapping of
innovation ecosystems per strength area (*Framtidens många
innovationsekosystem*, 2025) and the innovation journey in the product brief.

Examples
--------
>>> [code for code, *_ in DEFAULT_PHASES][:3]
['idea', 'verification', 'development']
>>> dict((c, sv) for c, sv, _ in DEFAULT_FUNCTIONS)["strategic_financing"]
'Strategisk finansiering'
"""

from __future__ import annotations

from typing import Literal

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from s3atlas.ecosystem.store.models import ActorKind, LinkKind, Phase, SupportFunction
from s3atlas.errors import InputError
from s3atlas.fields import field_words
from s3atlas.i18n import current_language, gettext

__all__ = [
    "DEFAULT_ACTOR_KINDS",
    "DEFAULT_FUNCTIONS",
    "DEFAULT_LINK_KINDS",
    "DEFAULT_PHASES",
    "EARLY_PHASE",
    "EARLY_PHASE_EXCELLENCE",
    "VOCABULARIES",
    "Vocabulary",
    "resolve_term",
    "seed_vocabulary",
    "vocabulary_frame",
]

Term = tuple[str, str, str]
Vocabulary = Literal["actor_kind", "function", "phase", "link_kind"]

DEFAULT_ACTOR_KINDS: tuple[Term, ...] = (
    ("firm", "Företag", "Firm"),
    ("cluster_organisation", "Klusterorganisation", "Cluster organisation"),
    ("science_park", "Science park", "Science park"),
    ("incubator", "Inkubator", "Incubator"),
    ("university", "Universitet eller högskola", "University"),
    ("innovation_office", "Innovationskontor", "Innovation office"),
    ("research_institute", "Forskningsinstitut", "Research institute"),
    ("test_demo_facility", "Test- och demomiljö", "Test and demonstration facility"),
    ("financier", "Finansiär", "Financier"),
    ("public_agency", "Myndighet", "Public agency"),
    ("region", "Region", "Region"),
    ("municipality", "Kommun", "Municipality"),
    ("network", "Nätverk", "Network"),
    ("business_support", "Företagsfrämjande organisation", "Business support organisation"),
    ("other", "Övrig", "Other"),
)

DEFAULT_FUNCTIONS: tuple[Term, ...] = (
    ("strategic_financing", "Strategisk finansiering", "Strategic financing"),
    ("funding_agencies", "Finansierande myndigheter", "Funding agencies"),
    ("innovation_office", "Innovationskontor", "Innovation office"),
    ("cluster_management", "Klusterledning", "Cluster management"),
    (
        "early_phase_excellence",
        "Forskning och spets i tidig fas",
        "Research and excellence in the early phase",
    ),
    ("test_demo", "Test och demo", "Test and demonstration"),
    ("incubation", "Inkubation", "Incubation"),
    ("business_advice", "Affärsrådgivning", "Business advice"),
    ("skills_supply", "Kompetensförsörjning", "Skills supply"),
    ("internationalisation", "Internationalisering", "Internationalisation"),
    ("venture_capital", "Riskkapital", "Venture capital"),
    ("ip_advice", "Immaterialrättslig rådgivning", "Intellectual property advice"),
    ("networking", "Nätverk och mötesplatser", "Networks and meeting places"),
    ("orchestration", "Orkestrering av ekosystemet", "Ecosystem orchestration"),
)

DEFAULT_PHASES: tuple[Term, ...] = (
    ("idea", "Idé och tidig fas", "Idea and early phase"),
    ("verification", "Verifiering", "Verification"),
    ("development", "Utveckling", "Development"),
    ("test_demo", "Test och demonstration", "Test and demonstration"),
    ("commercialisation", "Kommersialisering", "Commercialisation"),
    ("growth", "Tillväxt och uppskalning", "Growth and scale-up"),
    ("internationalisation", "Internationalisering", "Internationalisation"),
)

DEFAULT_LINK_KINDS: tuple[Term, ...] = (
    ("collaboration", "Samverkan", "Collaboration"),
    ("funding", "Finansiering", "Funding"),
    ("membership", "Medlemskap", "Membership"),
    ("supply", "Leverans", "Supply"),
    ("ownership", "Ägande", "Ownership"),
    ("knowledge", "Kunskapsutbyte", "Knowledge exchange"),
)

EARLY_PHASE = "idea"
"""The phase code of the early phase (*tidig fas*)."""

EARLY_PHASE_EXCELLENCE = "early_phase_excellence"
"""The function code of excellence in the early phase (*spets i tidig fas*)."""

VOCABULARIES: dict[str, tuple[type, tuple[Term, ...], str]] = {
    "actor_kind": (ActorKind, DEFAULT_ACTOR_KINDS, "kind"),
    "function": (SupportFunction, DEFAULT_FUNCTIONS, "function"),
    "phase": (Phase, DEFAULT_PHASES, "phase"),
    "link_kind": (LinkKind, DEFAULT_LINK_KINDS, "kind"),
}
"""Vocabulary name → (table model, default terms, field name used in error messages)."""


def seed_vocabulary(session: Session) -> int:
    """Add the default terms a store is missing; return how many were added.

    Terms already present (perhaps renamed by users) are left alone.
    """
    added = 0
    for model, defaults, _field in VOCABULARIES.values():
        present = set(session.scalars(select(model.code)))  # type: ignore[attr-defined]
        for position, (code, name_sv, name_en) in enumerate(defaults):
            if code not in present:
                session.add(model(code=code, name_sv=name_sv, name_en=name_en, position=position))
                added += 1
    session.flush()
    return added


def resolve_term(session: Session, vocabulary: Vocabulary, text: str) -> str:
    """Return the code of *text*: a code, or a Swedish or English name (case-insensitive).

    Raises
    ------
    InputError
        Naming the field, the value and the known codes when *text* is not a term.
    """
    model, _defaults, field = VOCABULARIES[vocabulary]
    wanted = (text or "").strip().casefold()
    code = None
    for row in session.execute(select(model.code, model.name_sv, model.name_en)):  # type: ignore[attr-defined]
        if wanted in (row.code.casefold(), row.name_sv.casefold(), row.name_en.casefold()):
            code = row.code
            break
    if code is None:
        names = model.name_sv if current_language() == "sv" else model.name_en  # type: ignore[attr-defined]
        known = ", ".join(session.scalars(select(names).order_by(model.position)))  # type: ignore[attr-defined]
        raise InputError(
            gettext(_UNKNOWN[vocabulary], known=known),
            column=field,
            field=field_words(field),
            value=text,
        )
    return str(code)


_UNKNOWN: dict[str, str] = {
    "actor_kind": "unknown actor kind; expected one of: {known}",
    "function": "unknown function; expected one of: {known}",
    "phase": "unknown phase; expected one of: {known}",
    "link_kind": "unknown link kind; expected one of: {known}",
}


def vocabulary_frame(session: Session, vocabulary: Vocabulary) -> pd.DataFrame:
    """Return one vocabulary as a DataFrame: code, name_sv, name_en, position (in order)."""
    model = VOCABULARIES[vocabulary][0]
    rows = session.execute(
        select(model.code, model.name_sv, model.name_en, model.position).order_by(model.position)  # type: ignore[attr-defined]
    ).all()
    return pd.DataFrame(rows, columns=["code", "name_sv", "name_en", "position"])
