"""The long statistics table: validation, selection and matrices."""

import math

import pandas as pd
import pytest

from s3atlas.errors import ClassificationError, InputError
from s3atlas.stats import StatTable


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The messages these tests match are the English ones (errors are translated when shown)."""
    monkeypatch.setenv("S3ATLAS_LANG", "en")


def _frame(**overrides):
    frame = pd.DataFrame(
        {
            "region": ["24", "24", "25"],
            "industry": ["A", "F", "A"],
            "year": [2018, 2018, 2018],
            "measure": "employed",
            "value": [4348.0, 10679.0, 2000.0],
        }
    )
    return frame.assign(**overrides)


def test_defaults_flag_ok_and_empty_source():
    table = StatTable.build(_frame(), "county", "sni2007")
    assert set(table.frame.flag) == {"ok"}
    assert table.regions == ["24", "25"]


def test_suppressed_cells_carry_no_value():
    table = StatTable.build(_frame(flag=["ok", "suppressed", "ok"]), "county", "sni2007")
    assert math.isnan(table.matrix("employed", 2018).loc["24", "F"])
    assert table.flag_counts() == {
        "ok": 2,
        "suppressed": 1,
        "missing": 0,
        "estimated": 0,
        "definition_differs": 0,
    }


def test_definition_differs_cells_keep_their_value_and_flag():
    frame = _frame(flag=["ok", "definition_differs", "ok"])
    table = StatTable.build(frame, "county", "sni2007")
    assert table.matrix("employed", 2018).loc["24", "F"] == 10679.0
    assert table.flag_counts()["definition_differs"] == 1


def test_duplicate_cells_are_refused_with_the_row():
    frame = _frame(region=["24", "24", "24"], industry=["A", "A", "F"], _row=[2, 3, 4])
    with pytest.raises(
        InputError, match=r"a.csv, row 3, column 'value'.*duplicate cell \(region=24, industry=A"
    ):
        StatTable.build(frame, "county", "sni2007", file="a.csv")


def test_negative_counts_are_refused():
    with pytest.raises(InputError, match="negative count"):
        StatTable.build(_frame(value=[1.0, -5.0, 2.0]), "county", "sni2007")


def test_unknown_region_code_is_a_classification_error():
    with pytest.raises(ClassificationError, match=r"^Region, value '99'") as refused:
        StatTable.build(_frame(region=["24", "99", "25"]), "county", "sni2007")
    assert refused.value.column == "region"


def test_nuts_code_in_a_county_table_is_mixed_classifications():
    with pytest.raises(ClassificationError, match="mixed region classifications"):
        StatTable.build(_frame(region=["24", "SE332", "25"]), "county", "sni2007")


def test_select_filters_on_every_axis():
    table = StatTable.build(_frame(), "county", "sni2007")
    assert table.select(region="24", industry=["F"]).frame.value.tolist() == [10679.0]
