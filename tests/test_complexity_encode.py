"""Encoding a long table: every input form and row order gives the same year matrices."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from s3atlas.complexity.conventions import ECOMPLEXITY, S3ATLAS
from s3atlas.complexity.encode import encode_long, year_matrix
from s3atlas.errors import InputError


def _table(cells: list[tuple[int, int, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2000 + y for y, _, _, _ in cells],
            "region": pd.array([f"r{r:02d}" for _, r, _, _ in cells], dtype=object),
            "industry": pd.array([f"{i:04d}" for _, _, i, _ in cells], dtype=object),
            "value": [v for _, _, _, v in cells],
        }
    )


def _forms(frame: pd.DataFrame) -> dict[str, pd.DataFrame | pa.Table]:
    """The same table as object strings, Arrow strings, categoricals and a chunked Arrow table."""
    arrow_strings = frame.astype({"region": "string[pyarrow]", "industry": "string[pyarrow]"})
    categorical = frame.astype({"region": "category", "industry": "category"})
    table = pa.Table.from_pandas(frame, preserve_index=False)
    half = len(frame) // 2
    chunked = pa.concat_tables(  # two chunks whose dictionaries differ
        [
            table.slice(0, half).cast(_dictionary_schema(table)),
            table.slice(half).cast(_dictionary_schema(table)),
        ]
    )
    return {
        "object": frame,
        "arrow strings": arrow_strings,
        "categorical": categorical,
        "arrow table": table,
        "chunked dictionary table": chunked,
    }


def _dictionary_schema(table: pa.Table) -> pa.Schema:
    fields = [
        pa.field(f.name, pa.dictionary(pa.int32(), pa.string()))
        if f.name in ("region", "industry")
        else f
        for f in table.schema
    ]
    return pa.schema(fields)


def _matrices(frame: pd.DataFrame | pa.Table) -> list[tuple[object, list[str], list[str], list]]:
    panel = encode_long(frame, ECOMPLEXITY)
    out = []
    for k in range(len(panel.years)):
        ym = year_matrix(panel, k, ECOMPLEXITY)
        out.append(
            (
                int(ym.year),
                [str(panel.regions[i]) for i in ym.regions],
                [str(panel.industries[i]) for i in ym.industries],
                ym.values.tolist(),
            )
        )
    return out


cells = st.lists(
    st.tuples(
        st.integers(0, 3),
        st.integers(0, 4),
        st.integers(0, 5),
        st.floats(0, 100, allow_nan=False),
    ),
    min_size=2,
    max_size=60,
    unique_by=lambda c: c[:3],
)


@settings(max_examples=60, deadline=None)
@given(cells=cells, seed=st.integers(0, 2**16))
def test_every_input_form_and_row_order_gives_the_same_year_matrices(cells, seed):
    frame = _table(cells)
    ordered = frame.sort_values(["year", "region", "industry"]).reset_index(drop=True)
    expected = _matrices(ordered)
    shuffled = frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    for rows, table in (("shuffled", shuffled), ("in year order", ordered)):
        for name, form in _forms(table).items():
            assert _matrices(form) == expected, f"{name}, {rows}"


def test_a_year_laid_out_like_the_first_reuses_its_codes_and_others_are_hashed():
    first = [(0, r, i, float(1 + r + i)) for r in (3, 1, 2) for i in (2, 0)]
    other = [(1, r, i, float(2 + r * i)) for r in (1, 4) for i in (0, 1, 2)]  # new region r04
    same = [(2, r, i, float(3 + r)) for r in (3, 1, 2) for i in (2, 0)]  # first year's layout
    frame = _table(first + other + same)
    arrow = frame.astype({"region": "string[pyarrow]", "industry": "string[pyarrow]"})
    panel = encode_long(arrow, S3ATLAS)
    assert panel.regions.tolist() == ["r01", "r02", "r03", "r04"]
    assert panel.industries.tolist() == ["0000", "0001", "0002"]
    first_codes, other_codes = [2, 2, 0, 0, 1, 1], [0, 0, 0, 3, 3, 3]
    assert panel.region_code.tolist() == [*first_codes, *other_codes, *first_codes]
    assert panel.industry_code.tolist() == [2, 0] * 3 + [0, 1, 2] * 2 + [2, 0] * 3
    assert _matrices(arrow) == _matrices(frame)


def test_years_in_order_are_grouped_without_reordering_rows():
    frame = _table([(0, 1, 1, 1.0), (0, 2, 1, 2.0), (1, 1, 1, 3.0), (3, 2, 2, 4.0)])
    panel = encode_long(frame, S3ATLAS)
    assert panel.order is None
    assert panel.years.tolist() == [2000, 2001, 2003]
    assert panel.bounds.tolist() == [0, 2, 3, 4]


def test_years_out_of_order_keep_input_row_numbers_in_errors():
    # row 3 (1-based) repeats row 1's cell; the years are out of order
    frame = _table([(1, 1, 1, 1.0), (0, 2, 1, 2.0), (1, 1, 1, 3.0), (0, 1, 1, 4.0)])
    panel = encode_long(frame, S3ATLAS)
    assert panel.order is not None
    with pytest.raises(InputError) as caught:
        year_matrix(panel, 1, S3ATLAS)
    assert caught.value.row == 3
    assert caught.value.value == "2001/r01/0001"


def test_missing_year_in_an_arrow_table_is_an_error_naming_the_row():
    table = pa.table(
        {
            "year": pa.array([2000, None, 2001], pa.int64()),
            "region": ["a", "b", "a"],
            "industry": ["x", "x", "x"],
            "value": [1.0, 2.0, 3.0],
        }
    )
    with pytest.raises(InputError) as caught:
        encode_long(table, S3ATLAS, first_row=2)
    assert caught.value.row == 3
    assert caught.value.column == "year"


def test_missing_region_in_an_arrow_table_is_an_error_naming_the_row():
    table = pa.table(
        {
            "year": [2000, 2000, 2000],
            "region": pa.array(["a", "b", None]).dictionary_encode(),
            "industry": ["x", "y", "x"],
            "value": [1.0, 2.0, 3.0],
        }
    )
    with pytest.raises(InputError) as caught:
        encode_long(table, S3ATLAS)
    assert (caught.value.row, caught.value.column) == (3, "region")


def test_missing_value_in_an_arrow_table_follows_the_conventions():
    table = pa.table(
        {
            "year": [2000, 2000],
            "region": ["a", "b"],
            "industry": ["x", "x"],
            "value": pa.array([1.0, None]),
        }
    )
    with pytest.raises(InputError) as caught:
        encode_long(table, S3ATLAS)
    assert caught.value.row == 2
    with pytest.warns(UserWarning, match="read as 0"):
        panel = encode_long(table, ECOMPLEXITY)
    assert panel.value.tolist() == [1.0, 0.0]


def test_integer_codes_are_read_as_text_labels():
    frame = pd.DataFrame(
        {"year": [2000] * 4, "region": [10, 9, 10, 9], "industry": [1, 1, 2, 2], "value": 1.0}
    )
    panel = encode_long(frame, S3ATLAS)
    assert panel.regions.tolist() == ["10", "9"]  # sorted as text, as ecomplexity sorts them
    assert np.array_equal(panel.region_code, [0, 1, 0, 1])
