"""Numbers in Swedish and English: the fast path gives exactly Babel's text."""

from __future__ import annotations

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from s3atlas.i18n import format_number


@given(
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False) | st.integers(-(10**12), 10**12),
    st.integers(0, 3),
    st.sampled_from(["sv", "en"]),
)
def test_format_number_is_babels_format_decimal(value, decimals, lang):
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    assert format_number(value, decimals, lang) == format_decimal(value, pattern, locale=lang)


def test_swedish_and_english_forms():
    # SOURCES: RAMS 2018 national total 4 920 748 employed
    assert format_number(4_920_748, 0, "sv") == "4\xa0920\xa0748"
    assert format_number(4_920_748, 0, "en") == "4,920,748"
    assert format_number(0.2857142857, 2, "sv") == "0,29"
