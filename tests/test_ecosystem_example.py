"""The illustrative ecosystem of docstrings and tests speaks the default vocabulary's words."""

from __future__ import annotations

from s3atlas.ecosystem.store.snapshot import example_snapshot
from s3atlas.ecosystem.store.vocabulary import DEFAULT_FUNCTIONS, DEFAULT_PHASES


def test_example_functions_carry_the_vocabulary_names():
    terms = {code: (sv, en) for code, sv, en in DEFAULT_FUNCTIONS}
    functions = example_snapshot().functions
    for row in functions.itertuples():
        assert (row.name_sv, row.name_en) == terms[row.code]
    # the example once said "Innovationskontoret" where the vocabulary says "Innovationskontor"
    assert functions.set_index("code").name_sv["innovation_office"] == "Innovationskontor"


def test_example_phases_are_the_vocabulary_phases_in_order():
    phases = example_snapshot().phases.sort_values("order")
    assert list(zip(phases.code, phases.name_sv, phases.name_en, strict=True)) == list(
        DEFAULT_PHASES
    )
    assert list(phases.order) == [1, 2, 3, 4, 5, 6, 7]
