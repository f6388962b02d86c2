"""`s3atlas areas` through Typer's runner: strength areas at NUTS 2 × division (Eurostat SBS)."""

import csv
import json
from importlib.resources import files

import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app

_register_all()
runner = CliRunner()

# SE33's 58 published division cells in the file (rows "C10;SE33;2608" …); 10 are blank
# (07, 08, 09, 12, 14, 19, 21, 50, 51, 53).
SE33 = {
    "05": 0, "06": 0, "10": 2608, "11": 80, "13": 105, "15": 101, "16": 3838, "17": 1912,
    "18": 259, "20": 198, "22": 968, "23": 703, "24": 2774, "25": 3699, "26": 829, "27": 1042,
    "28": 2771, "29": 3769, "30": 157, "31": 434, "32": 433, "33": 1327, "35": 2782, "36": 52,
    "37": 246, "38": 793, "39": 47, "41": 4141, "42": 2761, "43": 14968, "45": 4566,
    "46": 6047, "47": 15305, "49": 9116, "52": 2876, "55": 3423, "56": 5925, "58": 1095,
    "59": 240, "60": 705, "61": 1477, "62": 3284, "63": 156, "68": 3673, "69": 1779,
    "70": 1758, "71": 5617, "72": 450, "73": 677, "74": 445, "75": 157, "77": 838, "78": 3326,
    "79": 498, "80": 843, "81": 3455, "82": 3323, "95": 208,
}  # fmt: skip


def _json(*args):
    result = runner.invoke(app, ["areas", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return {row["area"]: row for row in json.loads(result.output)}


def _published_nuts2_divisions():
    """The file read with the csv module alone: NUTS 2 (no ..ZZ) × division, plain numbers only."""
    path = files("s3atlas.data").joinpath("bundle/eurostat_sbs_r_nuts06_r2_2015.csv")
    cells = {}
    with path.open(encoding="utf-8") as handle:
        for nace, geo, text in csv.reader(handle, delimiter=";"):
            value = text.strip().removesuffix(" d")  # Eurostat's "d" flag keeps the value
            nuts2 = len(geo) == 4 and not geo.endswith("ZZ")
            if nuts2 and len(nace) == 3 and nace[1:].isdigit() and value.isdigit():
                cells.setdefault(geo, {})[nace[1:]] = int(value)
    return cells


def test_digitalisation_lq_for_se33_matches_a_calculation_from_the_file():
    rows = _json("24", "--dataset", "eurostat_sbs_2015")
    digital = rows["Digitalisering"]  # divisions 26, 61, 62, 63: all four published in SE33
    # SE33: 829 + 1,477 + 3,284 + 156 = 5,746 of 135,059 (the sum of its 58 published cells)
    assert 829 + 1477 + 3284 + 156 == 5746 and sum(SE33.values()) == 135059
    assert digital["value"] == 5746
    # Europe: the NUTS 2 regions where all four cells are published
    cells = _published_nuts2_divisions()
    assert cells["SE33"] == SE33
    area = ["26", "61", "62", "63"]
    compared = [g for g, row in cells.items() if all(d in row for d in area)]
    e_area = sum(sum(cells[g][d] for d in area) for g in compared)
    e_total = sum(sum(cells[g].values()) for g in compared)
    assert digital["regions"] == len(compared)
    assert digital["lq"] == pytest.approx((5746 / 135059) / (e_area / e_total))
    assert digital["status"] == "exact"


def test_forest_bioeconomy_is_scored_on_the_six_divisions_sbs_covers():
    forest = _json("Västerbotten")["Skoglig bioekonomi"]  # 02, 16, 17, 18, 20, 24, 31
    assert forest["status"] == "partly_covered"
    assert (forest["covered"], forest["n_divisions"]) == (6, 7)
    # 16: 3,838 + 17: 1,912 + 18: 259 + 20: 198 + 24: 2,774 + 31: 434 = 9,415
    assert forest["value"] == 3838 + 1912 + 259 + 198 + 2774 + 434 == 9415
    assert "6 av 7 huvudgrupper" in forest["note"] and "02 (avdelning A)" in forest["note"]
    assert forest["lq"] > 1


def test_life_science_is_undetermined_in_se33_because_c21_is_blank():
    life = _json("24")["Life Science"]
    assert life["status"] == "undetermined"
    assert life["value"] is None and life["lq"] is None
    assert "uppgifterna för 21 är sekretessbelagda eller saknas" in life["note"]


def test_every_row_states_geography_granularity_year_and_coverage():
    for row in _json("24").values():
        assert row["region"] == "SE33" and row["region_name"] == "Övre Norrland"
        assert row["level"] == "nuts2" and row["granularity"] == "division"
        assert row["year"] == 2015 and row["dataset"] == "eurostat_sbs_2015"
        assert row["region_counties"] == "Västerbottens län, Norrbottens län"
        assert row["coverage"] == "saknas i data: avdelning A, K, O–R, T–U; av avdelning S bara 95"


def test_table_says_what_the_numbers_rest_on_in_swedish():
    result = runner.invoke(app, ["areas", "Västerbottens län"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    text = result.output
    assert "Styrkeområden för Övre Norrland (SE33, NUTS 2-region), 2015" in text
    assert "SE33 omfattar Västerbottens län och Norrbottens län" in text
    # 327 four-character codes in the file less the 8 Extra-Regio codes ..ZZ
    assert "jämförs med de 319 NUTS 2-regionerna i data" in text
    assert "saknas i data: avdelning A, K, O–R, T–U" in text
    assert "10 av 68 uppgifter per näring för SE33 är sekretessbelagda eller saknas" in text
    assert "Life Science: mäts exakt av 21; kan inte bestämmas för SE33" in text
    assert "© European Union, Eurostat (sbs_r_nuts06_r2)" in text


def test_statuses_read_in_swedish_in_the_table():
    from s3atlas.analysis.areareport import area_report
    from s3atlas.cli.areas import for_people
    from s3atlas.i18n import use_language
    from s3atlas.stats import load_dataset

    with use_language("sv"):
        rows, _context = area_report(load_dataset("eurostat_sbs_2015"), "24", lang="sv")
        shown = for_people(rows).set_index("Område")
    assert shown.loc["Skoglig bioekonomi", "Status"] == "delvis täckt"
    assert shown.loc["Skoglig bioekonomi", "Mätta huvudgrupper"] == "6/7"
    assert shown.loc["Life Science", "Status"] == "kan inte bestämmas"
    assert shown.loc["Digitalisering", "LQ-plats"] == f"70/{rows.regions[8]}"


def test_english_on_request():
    result = runner.invoke(app, ["--lang", "en", "areas", "24"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "compared with the 319 NUTS 2 regions in the data" in result.output
    assert (
        "scored on 6 of 7 divisions; outside the data's coverage: 02 (section A)" in result.output
    )


@pytest.mark.parametrize("given", ["24", "Västerbotten", "SE331", "SE33", "se33", "Övre Norrland"])
def test_region_by_code_or_name(given):
    assert _json(given)["Digitalisering"]["region"] == "SE33"


def test_other_countries_regions_by_their_code():
    assert _json("AT11")["Digitalisering"]["region_name"] == "AT11"


def test_unknown_region_is_a_clean_error():
    result = runner.invoke(app, ["areas", "Atlantis"])
    assert result.exit_code == 1
    assert "regionen Atlantis finns inte i data, som gäller NUTS 2-regionerna" in result.output
    assert "Traceback" not in result.output


def test_a_wider_region_than_the_data_is_a_clean_error():
    result = runner.invoke(app, ["areas", "SE"])  # Sweden in a NUTS 2 table
    assert result.exit_code == 1
    assert "regionen SE finns inte i data, som gäller NUTS 2-regionerna" in result.output


def test_a_municipality_is_measured_through_its_nuts2_region():
    assert _json("Umeå")["Digitalisering"]["region"] == "SE33"  # Umeå lies in county 24


def test_county_data_say_the_areas_cannot_be_scored():
    rows = _json("24", "--dataset", "scb_rams_2018")
    forest = rows["Skoglig bioekonomi"]
    assert forest["status"] == "coarser" and forest["lq"] is None
    assert forest["level"] == "county" and forest["granularity"] == "scb_group"
    assert forest["coverage"] == "data täcker alla avdelningar"
