"""Text that looks like a number to ``str.isdigit`` but not to ``int``.

``"²".isdigit()`` is true and ``int("²")`` raises ``ValueError``; a 30-digit id
overflows the store's integer columns. Each place below once passed such text
to ``int`` or to the store and crashed; now each answers as it does for any
other text that is not a number or not a row.
"""

from __future__ import annotations

import pytest

from s3atlas.clusters.links import _by_id_key_or_name
from s3atlas.ecosystem.store.actors import normalise_org_number
from s3atlas.errors import InputError, NotFoundError
from s3atlas.i18n import use_language
from s3atlas.io.jsonstat import _values
from s3atlas.io.selection import expand
from s3atlas.io.transport import retry_after_seconds
from s3atlas.store import Store
from s3atlas.store.limits import MAX_ID, is_whole_number
from s3atlas.workshop import get_workshop
from s3atlas.workshop.submissions import _question

NOT_NUMBERS = ["²", "٣", "9" * 30, "-1", "1.5", ""]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_is_whole_number_refuses_what_int_or_the_store_cannot_take(text: str) -> None:
    assert not is_whole_number(text)


def test_is_whole_number_keeps_the_bounds() -> None:
    # The largest id PostgreSQL's INTEGER holds is 2**31 - 1 = 2 147 483 647.
    assert MAX_ID == 2_147_483_647
    assert is_whole_number("2147483647")
    assert not is_whole_number("2147483648")
    assert is_whole_number("3", maximum=3)
    assert not is_whole_number("4", maximum=3)


@pytest.mark.parametrize("text", ["top(²)", "bottom(٣)", f"top({'9' * 30})"])
def test_selection_count_that_is_not_a_number_is_refused(text: str) -> None:
    with use_language("sv"), pytest.raises(InputError) as caught:
        expand([text], ["01", "03"], "Region")
    assert caught.value.value == text
    assert "heltal" in str(caught.value)


def test_jsonstat_cell_positions_that_are_not_numbers_are_refused() -> None:
    with use_language("sv"), pytest.raises(InputError) as caught:
        _values({"value": {"0": 1, "²": 2}}, 2, "tabell.json")
    assert caught.value.value == "²"
    assert "cellposition utanför de 2 cellerna" in str(caught.value)
    # A status keyed by "²" is ignored, like any key outside the cells.
    cells, status = _values({"value": [1, 2], "status": {"²": ".."}}, 2, "tabell.json")
    assert list(cells) == [1, 2]
    assert status == [None, None]


def test_retry_after_with_a_superscript_is_not_a_delay() -> None:
    assert retry_after_seconds("²") is None
    assert retry_after_seconds("12") == 12.0


def test_org_number_of_superscript_digits_is_an_other_id_not_a_crash() -> None:
    # Ten "²" are not ten digits: not Luhn-checked, kept as another kind of id.
    assert normalise_org_number("²" * 10) == "²" * 10


def test_workshop_question_must_be_an_ascii_number_below_the_count() -> None:
    assert _question("2", 3) == 2
    for text in ("²", "3", "9" * 30):
        with pytest.raises(InputError):
            _question(text, 3)


def test_cluster_lookup_by_a_superscript_finds_nothing() -> None:
    assert _by_id_key_or_name([], "²") is None


@pytest.mark.parametrize("workshop_id", ["²", "9" * 30, 2**40])
def test_workshop_that_cannot_be_an_id_is_not_found(store: Store, workshop_id: object) -> None:
    with pytest.raises(NotFoundError):
        get_workshop(store, workshop_id)
