"""Labels to codes and SCB's cell symbols."""

from __future__ import annotations

import pandas as pd
import pytest

from s3atlas.errors import ClassificationError, InputError
from s3atlas.io.mapping import industry_code, parse_values, region_code, sex_code


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English, the language the assertions are written in."""
    monkeypatch.setenv("S3ATLAS_LANG", "en")


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("01 Stockholms län", ("01", "county")),
        ("01 Stockholm county", ("01", "county")),
        ("Västerbotten", ("24", "county")),
        ("SE332 Norrbottens län", ("SE332", "nuts")),
        ("SE33", ("SE33", "nuts")),
        ("2580 Luleå", ("2580", "municipality")),
        ("Riket", ("", "country")),
    ],
)
def test_region_labels(label: str, expected: tuple[str, str]) -> None:
    assert region_code(label) == expected


@pytest.mark.parametrize("label", ["27 Norrlands län", "SE999", "9999 Ingenstans", "Atlantis"])
def test_unknown_regions_raise_classification_errors(label: str) -> None:
    with pytest.raises(ClassificationError):
        region_code(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("B+C mining, quarrying, manufacturing", "B+C"),
        (
            "R+S+T+U establishments for arts, entertainment and recreation; "
            "other service companies etc.",
            "R+S+T+U",
        ),
        ("62 Dataprogrammering, datakonsultverksamhet o.d.", "62"),
        ("totalt", "TOTAL"),
    ],
)
def test_industry_labels(label: str, expected: str) -> None:
    assert industry_code(label) == expected


def test_sex_labels_and_an_unknown_one() -> None:
    assert [sex_code(s) for s in ("Kvinnor", "men", "1+2")] == ["women", "men", "total"]
    with pytest.raises(InputError):
        sex_code("okänt")


def test_scb_symbols() -> None:
    values, flags, bad = parse_values(pd.Series(["..", ".", "-", "", "1 281", "2,5", "-3", "abc"]))
    assert flags.tolist() == ["suppressed", "missing", "ok", "missing", "ok", "ok", "ok", "ok"]
    assert values.tolist()[2:3] + values.tolist()[4:7] == [0.0, 1281.0, 2.5, -3.0]
    assert bad.tolist() == [False] * 7 + [True]
