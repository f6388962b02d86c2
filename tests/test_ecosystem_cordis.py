"""CORDIS import: the reference file's Stockholm participants, counted by hand, all or nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app
from s3atlas.ecosystem.io.cordis import kind_of_activity, org_number_of_vat, read_participants
from s3atlas.ecosystem.io.cordis_import import import_cordis
from s3atlas.ecosystem.store import rounds
from s3atlas.ecosystem.store.models import Link
from s3atlas.ecosystem.store.queries import actors_frame
from s3atlas.errors import InputError
from s3atlas.i18n import use_language
from s3atlas.store import Store
from s3atlas.store.rounds import ensure_region
from s3atlas.store.tables import Round

_register_all()
runner = CliRunner()
USER = "anna"

# Hand count of the reference file (../shared/data/reference/cordis_h2020_organizations_subset.csv,
# nutsCode empty, so rows are placed by city). Rows of Stockholm county (01):
#   Stockholm: FOI, Storstockholms brandförsvar, Borg & Co, ECEEE, SEI, Stockholms universitet (2
#   rows), Naturvårdsverket (2), IVL, KTH (3), Massive Dynamic, Karolinska institutet (2),
#   Region Stockholm; Haninge: Södertörns brandförsvarsförbund; Järfälla (JARFALLA): Midsummer,
#   Scibreak.  = 20 rows, 15 organisations.
STOCKHOLM_ORGS = {
    "TOTALFORSVARETS FORSKNINGSINSTITUT",
    "STORSTOCKHOLMS BRANDFORSVAR",
    "BORG & CO AB",
    "EUROPEAN COUNCIL FOR AN ENERGY EFFICIENT ECONOMY FORENING - ECEEE",
    "STIFTELSEN THE STOCKHOLM ENVIRONMENT INSTITUTE",
    "STOCKHOLMS UNIVERSITET",
    "NATURVARDSVERKET",
    "IVL SVENSKA MILJOEINSTITUTET AB",
    "KUNGLIGA TEKNISKA HOEGSKOLAN",
    "MASSIVE DYNAMIC SWEDEN AB",
    "KAROLINSKA INSTITUTET",
    "REGION STOCKHOLM",
    "SODERTORNS BRANFORSVARSFORBUND",
    "MIDSUMMER AB",
    "SCIBREAK AB",
}
# The 17 projects with a Stockholm participant: (placed participants n, Stockholm ones k).
# Every Stockholm organisation is linked to every other participant of its project, so a
# project gives C(n,2) - C(n-k,2) pairs:
PROJECTS = {
    "101003777": (32, 1),  # BiodivRestore: 31 pairs
    "101037247": (45, 1),  # SILVANUS: 44
    "101037867": (27, 2),  # VACCELERATE: 351 - 300 = 51
    "634361": (13, 1),  # 12
    "640868": (8, 1),  # 7
    "642420": (33, 1),  # 32
    "645403": (7, 1),  # 6
    "776541": (32, 1),  # NextGen, 33 rows, GOTLANDS KOMMUN (VISBY) unplaced: 31
    "776866": (35, 1),  # 34
    "800999": (8, 1),  # 7
    "813124": (8, 1),  # 7
    "823964": (11, 1),  # 10
    "832576": (18, 1),  # 17
    "847153": (11, 2),  # EEW4: 55 - 36 = 19
    "874627": (20, 1),  # 19
    "883204": (8, 2),  # EU-RADION: 28 - 15 = 13
    "957788": (11, 1),  # 10
}
# Σ pairs = 350; 27 pairs share two projects (Naturvårdsverket is in BiodivRestore and
# BiodivERsA3, Karolinska in VACCELERATE and EXPANSE, KTH in Sage2 and FocusCoE), so 323 links.
# Three links join two Stockholm organisations: Borg & Co–ECEEE (EEW4), FOI–Storstockholms
# brandförsvar (EU-RADION), Karolinska–Region Stockholm (VACCELERATE).
# External partners: Σ (n - k) = 307 participations, of organisations that appear once per
# distinct partner: 270 organisations (counted in _distinct_partners below from the raw rows).
UNPLACED = {"GOTLANDS KOMMUN", "KONSTHOLMEN TB AB", "BJORLING STEN", "GRANS SAMEBY"}


@pytest.fixture(scope="module")
def reference(shared_dir: Path) -> Path:
    return shared_dir / "data" / "reference" / "cordis_h2020_organizations_subset.csv"


def _distinct_partners(path: Path) -> int:
    """Count the other organisations of the Stockholm projects with the csv module alone."""
    import csv

    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    projects = set(PROJECTS)
    unplaced = {r["organisationID"] for r in rows if r["name"] in UNPLACED}
    own = {r["organisationID"] for r in rows if r["name"] in STOCKHOLM_ORGS}
    return len(
        {
            r["organisationID"]
            for r in rows
            if r["projectID"] in projects and r["organisationID"] not in own | unplaced
        }
    )


def test_activity_types_map_to_actor_kinds():
    assert [kind_of_activity(c) for c in ("HES", "REC", "PRC", "PUB", "OTH")] == [
        "university",
        "research_institute",
        "firm",
        "public_agency",
        "other",
    ]
    assert org_number_of_vat("SE556464687401") == "5564646874"
    assert org_number_of_vat("PL5250011266") is None


def test_hand_count_of_pairs_matches_the_projects():
    from math import comb

    pairs = sum(comb(n, 2) - comb(n - k, 2) for n, k in PROJECTS.values())
    assert pairs == 350  # 323 links + 27 pairs that share two projects


def test_stockholm_import_creates_its_organisations_partners_and_links(
    store: Store, reference: Path
):
    summary = import_cordis(store, reference, "01", user=USER, round_name="CORDIS 2023")
    assert summary["rows"] == 20
    assert (summary["actors"], summary["actors_created"]) == (15, 15)
    assert summary["partners"] == _distinct_partners(reference) == 270
    assert summary["links"] == summary["links_created"] == 323
    assert set(summary["unplaced"].name) == UNPLACED

    actors = actors_frame(store, "01", "CORDIS 2023")
    own = actors[~actors.external]
    assert set(own.name) == STOCKHOLM_ORGS
    assert own.home_region.isna().all()
    partners = actors[actors.external]
    assert len(partners) == 270
    assert not set(partners.name) & STOCKHOLM_ORGS
    # two Swedish partners of Västra Götaland (BORAS): Högskolan i Borås, RISE
    assert set(partners[partners.home_region == "14"].name) == {
        "HOEGSKOLAN I BORAS",
        "RISE RESEARCH INSTITUTES OF SWEDEN AB",
    }
    kth = own.set_index("name").loc["KUNGLIGA TEKNISKA HOEGSKOLAN"]
    assert (kth.kind, kth.pic, kth.org_number) == ("university", "999990946", "2021003054")
    assert own.set_index("name").loc["MIDSUMMER AB", "municipality"] == "Järfälla"


def test_links_are_weighted_by_projects_and_eu_contribution(store: Store, reference: Path):
    import_cordis(store, reference, "01", user=USER, round_name="CORDIS 2023")
    actors = actors_frame(store, "01").set_index("id").name
    with store.read() as session:
        links = {
            frozenset((actors[link.source_id], actors[link.target_id])): link
            for link in session.query(Link).all()
        }
        # Karolinska and Region Stockholm share VACCELERATE: 344 808.00 + 329 246.75
        ki_region = links[frozenset(("KAROLINSKA INSTITUTET", "REGION STOCKHOLM"))]
        assert (ki_region.weight, ki_region.eu_contribution) == (1.0, 674054.75)
        assert ki_region.note == "CORDIS: VACCELERATE"
        own_pairs = [p for p in links if p <= STOCKHOLM_ORGS]
        assert len(own_pairs) == 3
        double = [link for link in links.values() if link.weight == 2.0]
        assert len(double) == 27
        source = session.query(Round).filter(Round.name == "CORDIS 2023").one().source
    assert source == f"CORDIS organization.csv: {reference.name}"
    listed = rounds.rounds_frame(store, "01").set_index("round")
    assert listed.loc["CORDIS 2023", "source"] == source


def test_a_place_file_places_the_rows_cordis_spells_as_localities(
    store: Store, reference: Path, tmp_path: Path
):
    places = tmp_path / "places.csv"
    places.write_text("city,region\nVISBY,Gotland\nOsterbybruk,Östhammar\n", encoding="utf-8")
    summary = import_cordis(store, reference, "01", user=USER, places=places)
    assert set(summary["unplaced"].name) == {"BJORLING STEN", "GRANS SAMEBY"}
    # Gotlands kommun shares NextGen with IVL: one more partner and one more link
    assert (summary["partners"], summary["links"]) == (271, 324)
    partners = actors_frame(store, "01")
    assert partners.set_index("name").loc["GOTLANDS KOMMUN", "home_region"] == "09"


def test_a_second_import_matches_actors_by_pic(store: Store, reference: Path):
    import_cordis(store, reference, "01", user=USER, round_name="first")
    again = import_cordis(store, reference, "01", user=USER, round_name="second")
    assert (again["actors_created"], again["partners_created"], again["links_created"]) == (0, 0, 0)
    assert again["links"] == 323
    assert len(actors_frame(store, "01", "second")) == 285


def test_existing_actor_is_matched_by_organisation_number(store: Store, reference: Path):
    from s3atlas.ecosystem.store.actors import add_actor

    ensure_region(store, "01", "Stockholms län", user=USER)
    rounds.open_round(store, "01", "2025", user=USER)
    kth = add_actor(store, "01", "KTH", "university", org_number="202100-3054", user=USER)
    summary = import_cordis(store, reference, "01", user=USER, round_name="CORDIS")
    assert summary["actors_created"] == 14
    frame = actors_frame(store, "01").set_index("key")
    assert frame.loc[kth["key"], "pic"] == "999990946"
    assert frame.loc[kth["key"], "name"] == "KTH"


def test_a_bad_file_changes_nothing(store: Store, reference: Path, tmp_path: Path):
    lines = reference.read_text(encoding="utf-8").splitlines()
    assert '"STORSTOCKHOLMS BRANDFORSVAR","SSBF","False","OTH"' in lines[5]  # file row 6
    lines[5] = lines[5].replace('"OTH"', '"XYZ"')
    bad = tmp_path / "organization.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with use_language("en"), pytest.raises(InputError, match="unknown activity type") as caught:
        import_cordis(store, bad, "01", user=USER)
    assert (caught.value.row, caught.value.column, caught.value.value) == (6, "activityType", "XYZ")
    with store.read() as session:
        assert session.query(Round).count() == 0


def test_a_failure_while_writing_rolls_the_round_back(
    store: Store, reference: Path, monkeypatch: pytest.MonkeyPatch
):
    from s3atlas.ecosystem.io import cordis_import

    def broken(*args, **kwargs):
        raise InputError("disk full")

    monkeypatch.setattr(cordis_import, "_links", broken)
    with pytest.raises(InputError, match="disk full"):
        import_cordis(store, reference, "01", user=USER, round_name="CORDIS")
    with store.read() as session:
        assert session.query(Round).count() == 0


def test_missing_column_is_named(tmp_path: Path):
    bad = tmp_path / "org.csv"
    bad.write_text("projectID,name\n1,X\n", encoding="utf-8")
    with use_language("en"), pytest.raises(InputError, match="missing column organisationID"):
        read_participants(bad)


def test_cli_imports_and_lists_actors(workspace: Path, reference: Path):
    args = ["--lang", "en", "ecosystem"]
    result = runner.invoke(
        app, [*args, "import-cordis", str(reference), "--region", "01", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["actors"], summary["partners"], summary["links"]) == (15, 270, 323)
    assert len(summary["unplaced"]) == 4
    listed = runner.invoke(app, [*args, "actors", "Stockholm", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert {a["name"] for a in json.loads(listed.stdout)} == STOCKHOLM_ORGS
    partners = runner.invoke(app, [*args, "actors", "01", "--partners", "--format", "csv"])
    assert partners.stdout.count("\n") == 271  # header + 270


def test_cli_reports_a_bad_region_without_a_traceback(workspace: Path, reference: Path):
    result = runner.invoke(
        app, ["--lang", "en", "ecosystem", "import-cordis", str(reference), "--region", "Lund"]
    )
    assert result.exit_code == 1
    assert "expected a county" in result.output


def test_the_area_network_draws_imported_actors_and_their_partners(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: Path
):
    from fastapi.testclient import TestClient

    from s3atlas.ecosystem.store import service
    from s3atlas.web.app import create_app
    from s3atlas.web.auth import set_published

    monkeypatch.setenv("S3ATLAS_SECRET_KEY", "k" * 48)
    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    application = create_app(tmp_path / "ws")
    store = application.state.context.store
    store.migrate()
    import_cordis(store, reference, "01", user=USER, round_name="CORDIS 2023")
    area = service.add_area(store, "01", "Avancerad tillverkning", ["28"], user=USER)
    kth = actors_frame(store, "01").set_index("name").loc["KUNGLIGA TEKNISKA HOEGSKOLAN", "id"]
    service.add_provision(
        store, "01", "early_phase_excellence", actor_id=int(kth), area_id=area["id"], user=USER
    )
    set_published(store, "01", True)
    page = TestClient(application).get(f"/region/01/area/{area['id']}?lang=en")
    assert page.status_code == 200, page.text
    found = re.search(
        r'<script type="application/json" id="net-elements">(.*?)</script>', page.text
    )
    assert found, "no network on the area page"
    drawn = {
        n["data"]["label"]
        for n in json.loads(found.group(1))["nodes"]
        if n["data"]["type"] == "actor"
    }
    # KTH and its partners in RobDREAM (6), Sage2 (7) and FocusCoE (10), two of whom
    # (Forschungszentrum Jülich, CEA) are in both Sage2 and FocusCoE: 1 + 6 + 7 + 10 - 2 = 22
    assert "KUNGLIGA TEKNISKA HOEGSKOLAN" in drawn
    assert {"KUKA DEUTSCHLAND GMBH", "ARM LIMITED", "SCAPOS AG"} <= drawn
    assert "NATURVARDSVERKET" not in drawn  # not linked to KTH: not in this area's system
    assert len(drawn) == 22
    elements = json.loads(found.group(1))
    classes = {n["data"]["label"]: n["classes"].split() for n in elements["nodes"]}
    assert "external" in classes["KUKA DEUTSCHLAND GMBH"]  # a partner from Germany
    assert "external" not in classes["KUNGLIGA TEKNISKA HOEGSKOLAN"]  # Stockholm's own
    assert "external" in {m["mark"] for m in elements["legend"]["marks"]}
    assert "Pentagon: external partner" in page.text  # the legend under the map
    kuka = actors_frame(store, "01").set_index("name").loc["KUKA DEUTSCHLAND GMBH", "id"]
    actor_page = TestClient(application).get(f"/region/01/actor/{kuka}?lang=en")
    assert "External partner" in actor_page.text and "from DE;" in actor_page.text


def test_a_nuts_code_places_a_row_before_its_city():
    import pandas as pd

    from s3atlas.ecosystem.io.cordis import place_rows

    rows = pd.DataFrame(
        {"country": ["SE", "SE"], "nuts": ["SE110", ""], "city": ["Uppsala", "GOETEBORG"]}
    )
    placed = place_rows(rows)
    assert placed[["home", "placed_by"]].values.tolist() == [["01", "nuts"], ["14", "city"]]


def test_a_place_file_with_an_unknown_region_names_its_row(tmp_path: Path):
    from s3atlas.ecosystem.io.cordis import read_places

    places = tmp_path / "places.csv"
    places.write_text("city,region\nVISBY,Gotland\nAMMARNAS,Atlantis\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_places(places)
    assert (caught.value.row, caught.value.column, caught.value.value) == (3, "region", "Atlantis")


def test_a_project_file_names_the_projects_of_a_link(store: Store, reference: Path, tmp_path: Path):
    projects = tmp_path / "project.csv"
    projects.write_text(
        'id;acronym;title\n101037867;VACC-EU;"Vaccine trials; Europe"\n', encoding="utf-8"
    )
    import_cordis(store, reference, "01", user=USER, projects=projects, round_name="CORDIS")
    actors = actors_frame(store, "01").set_index("name").id
    with store.read() as session:
        link = (
            session.query(Link)
            .filter(
                Link.source_id == int(actors["REGION STOCKHOLM"]),
                Link.target_id == int(actors["KAROLINSKA INSTITUTET"]),
            )
            .one()
        )
    assert link.note == "CORDIS: VACC-EU"


def test_a_project_file_without_ids_is_refused(tmp_path: Path):
    from s3atlas.ecosystem.io.cordis import read_projects

    projects = tmp_path / "project.csv"
    projects.write_text("acronym,title\nX,Y\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_projects(projects)
    assert caught.value.column == "id"
