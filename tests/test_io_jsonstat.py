"""JSON-stat 2.0: list and object values, status symbols, Eurostat's shape, broken documents."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from s3atlas.errors import InputError
from s3atlas.io.jsonstat import jsonstat_cells, parse_document, read_jsonstat


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English, the language the assertions are written in."""
    monkeypatch.setenv("S3ATLAS_LANG", "en")


FIXTURE = Path(__file__).parent / "fixtures" / "io" / "scb_rams_2018_north.jsonstat2.json"


def eurostat_doc() -> dict:
    """Eurostat's API shape: sparse value object, status letters, extra size-1 dimensions."""
    return {
        "version": "2.0",
        "class": "dataset",
        "label": "Employment by NUTS 3 regions",
        "source": "ESTAT",
        "id": ["freq", "unit", "nace_r2", "wstatus", "geo", "time"],
        "size": [1, 1, 2, 1, 2, 1],
        "dimension": {
            "freq": {"category": {"index": {"A": 0}}},
            "unit": {"category": {"index": {"THS": 0}}},
            "nace_r2": {"category": {"index": {"A": 0, "B-E": 1}}},
            "wstatus": {"category": {"index": {"EMP": 0}}},
            "geo": {"category": {"index": {"SE331": 0, "SE332": 1}}},
            "time": {"category": {"index": {"2017": 0}}},
        },
        "value": {"0": 5.1, "1": 4.0, "3": 17.2},
        "status": {"1": "e", "2": "c"},
        "role": {"time": ["time"], "geo": ["geo"]},
    }


def test_scb_fixture_reads_with_codes_and_labels() -> None:
    table = read_jsonstat(FIXTURE, name="n", measure="employed").table
    assert table.matrix("employed", 2018).loc["24", "B+C"] == 15336


def test_eurostat_sparse_values_and_status_letters() -> None:
    frame = read_jsonstat(eurostat_doc(), name="e", measure="employed_thousands").table.frame
    frame = frame.set_index(["region", "industry"])
    assert frame.loc[("SE331", "A"), "value"] == 5.1
    assert frame.loc[("SE332", "A"), "flag"] == "estimated"
    assert frame.loc[("SE331", "B-E"), "flag"] == "suppressed" and np.isnan(
        frame.loc[("SE331", "B-E"), "value"]
    )
    assert frame.loc[("SE332", "B-E"), "value"] == 17.2


def test_cells_are_row_major_over_the_dimensions() -> None:
    cells = jsonstat_cells(json.loads(FIXTURE.read_text(encoding="utf-8")))
    assert cells[["region", "industry"]].values.tolist()[:4] == [
        ["24", "A"],
        ["24", "B+C"],
        ["24", "J"],
        ["25", "A"],
    ]


def test_truncated_text_names_the_line() -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    with pytest.raises(InputError, match="truncated") as caught:
        parse_document(text[:300], "north.json")
    assert caught.value.file == "north.json" and caught.value.row == text[:300].count("\n") + 1


def test_category_count_must_match_size() -> None:
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    doc["size"][1] = 4
    with pytest.raises(InputError, match="3 categories but its size says 4") as caught:
        read_jsonstat(doc, name="x", measure="employed")
    assert caught.value.column == "SNI2007"


def test_unrecognised_dimension_with_several_categories_is_refused() -> None:
    doc = eurostat_doc()
    doc["dimension"]["wstatus"]["category"]["index"] = {"EMP": 0, "SAL": 1}
    doc["size"][3] = 2
    with pytest.raises(InputError, match="select one of them") as caught:
        read_jsonstat(doc, name="x", measure="employed")
    assert caught.value.column == "wstatus"


def test_jsonstat_1_documents_are_pointed_to_json_stat2() -> None:
    with pytest.raises(InputError, match="json-stat2"):
        read_jsonstat({"dataset": {"value": [1], "dimension": {}}}, name="x")


def test_eurostat_definition_differs_keeps_the_value_and_the_flag() -> None:
    doc = eurostat_doc()
    doc["status"] = {"3": "d"}  # SE332 × B-E: 17.2, "d" = definition differs
    frame = read_jsonstat(doc, name="e", measure="employed_thousands").table.frame
    cell = frame.set_index(["region", "industry"]).loc[("SE332", "B-E")]
    assert cell.value == 17.2 and cell.flag == "definition_differs"
