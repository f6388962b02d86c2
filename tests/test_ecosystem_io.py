"""Excel/CSV and graph files of an ecosystem map: round trips and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from s3atlas.ecosystem.io.graph import read_graph, write_graph
from s3atlas.ecosystem.io.tables import read_snapshot, write_csv_folder, write_workbook
from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot, example_snapshot
from s3atlas.errors import InputError


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The messages these tests match are the English ones (errors are translated when shown)."""
    monkeypatch.setenv("S3ATLAS_LANG", "en")


def _same(a: EcosystemSnapshot, b: EcosystemSnapshot) -> None:
    for name in ("areas", "actors", "insights"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_dtype=False)
    links = [sorted(map(tuple, s.links.to_numpy().tolist())) for s in (a, b)]
    assert links[0] == links[1]  # graphs list edges by node, not in the file's order
    key = ["provision_id", "phase_code"]
    pd.testing.assert_frame_equal(
        a.provisions.sort_values(key).reset_index(drop=True),
        b.provisions.sort_values(key).reset_index(drop=True),
    )
    assert (a.region_code, a.round) == (b.region_code, b.round)


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_table_round_trip_loses_nothing(tmp_path: Path, suffix: str):
    snap = example_snapshot()
    path = (
        write_workbook(snap, tmp_path / "map.xlsx")
        if suffix == "xlsx"
        else write_csv_folder(snap, tmp_path / "map")
    )
    _same(snap, read_snapshot(path))


@pytest.mark.parametrize(
    ("fmt", "name"), [("gexf", "map.gexf"), ("graphml", "map.graphml"), ("kumu", "map.json")]
)
def test_graph_round_trip_loses_nothing(tmp_path: Path, fmt: str, name: str):
    snap = example_snapshot()
    _same(snap, read_graph(write_graph(snap, tmp_path / name, fmt)))


def test_gexf_has_labels_and_kinds_for_gephi(tmp_path: Path):
    graph = nx.read_gexf(write_graph(example_snapshot(), tmp_path / "m.gexf", "gexf"))
    assert graph.nodes["actor:umu"]["label"] == "Umeå universitet"
    assert graph.nodes["actor:umu"]["kind"] == "university"
    kinds = {d["kind"] for _, _, d in graph.edges(data=True)}
    assert {"funding", "membership", "serves"} <= kinds


def test_kumu_connections_use_element_labels(tmp_path: Path):
    data = json.loads(
        write_graph(example_snapshot(), tmp_path / "k.json", "kumu").read_text(encoding="utf-8")
    )
    labels = {e["label"] for e in data["elements"]}
    assert all(c["from"] in labels and c["to"] in labels for c in data["connections"])


def _with_partner() -> EcosystemSnapshot:
    """The example map with two members of "skog" and an external partner linked to Umeå
    universitet (as a CORDIS import makes them)."""
    snap = example_snapshot()
    actors = pd.concat(
        [
            snap.actors,
            pd.DataFrame(
                [
                    {
                        "actor_id": "kuka",
                        "name": "KUKA Deutschland GmbH",
                        "kind": "firm",
                        "external": True,
                        "home_region": "DE",
                    }
                ]
            ),
        ],
        ignore_index=True,
    )
    links = pd.concat(
        [snap.links, pd.DataFrame([("umu", "kuka", "collaboration")], columns=snap.links.columns)],
        ignore_index=True,
    )
    members = pd.DataFrame(
        [("skog", "norra"), ("skog", "lundstrom")], columns=["area_id", "actor_id"]
    )
    frames = {
        n: getattr(snap, n) for n in ("areas", "functions", "phases", "provisions", "insights")
    }
    return EcosystemSnapshot.from_frames(
        "24", "Västerbotten", None, actors=actors, links=links, members=members, **frames
    )


def test_gexf_carries_memberships_and_the_external_partner(tmp_path: Path):
    graph = nx.read_gexf(write_graph(_with_partner(), tmp_path / "m.gexf", "gexf"))
    members = sorted((u, v) for u, v, d in graph.edges(data=True) if d.get("edge_type") == "member")
    assert members == [("actor:lundstrom", "area:skog"), ("actor:norra", "area:skog")]
    assert graph.nodes["actor:kuka"]["external"] is True
    assert graph.nodes["actor:kuka"]["home_region"] == "DE"
    assert graph.nodes["actor:umu"]["external"] is False


def test_kumu_carries_memberships_and_the_external_partner(tmp_path: Path):
    # Kumu's JSON blueprint: "elements" with a label and fields, "connections" from/to labels.
    data = json.loads(
        write_graph(_with_partner(), tmp_path / "k.json", "kumu").read_text(encoding="utf-8")
    )
    members = sorted((c["from"], c["to"]) for c in data["connections"] if c["type"] == "member")
    assert members == [
        ("N K Lundströms Trävaror Aktiebolag", "Skoglig bioekonomi"),
        ("Skogsägarna Norra Skog, Ekonomisk Förening", "Skoglig bioekonomi"),
    ]
    by_label = {e["label"]: e for e in data["elements"]}
    assert by_label["KUKA Deutschland GmbH"]["external"] is True
    assert by_label["KUKA Deutschland GmbH"]["home_region"] == "DE"
    assert by_label["Umeå universitet"]["external"] is False


@pytest.mark.parametrize("name", ["map.gexf", "map.graphml", "map.json", "map.xlsx"])
def test_the_external_flag_survives_a_round_trip(tmp_path: Path, name: str):
    snap = _with_partner()
    path = tmp_path / name
    if name.endswith(".xlsx"):
        write_workbook(snap, path)
        back = read_snapshot(path)
    else:
        back = read_graph(write_graph(snap, path, {"json": "kumu"}.get(name[4:], name[4:])))
    partner = back.actors.set_index("actor_id").loc["kuka"]
    assert (bool(partner.external), partner.home_region) == (True, "DE")
    assert not back.actors.set_index("actor_id").loc["umu"].external


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_actor_kind_names_file_row_column_and_value(tmp_path: Path):
    path = _csv(tmp_path / "actors.csv", "actor_id,name,kind\na,Alfa AB,firm\nb,Beta,rymdbolag\n")
    with pytest.raises(InputError, match="unknown actor kind") as info:
        read_snapshot(path)
    assert (info.value.file, info.value.row, info.value.column, info.value.value) == (
        str(path),
        3,
        "kind",
        "rymdbolag",
    )


def test_kind_may_be_written_in_swedish_with_semicolons(tmp_path: Path):
    path = _csv(tmp_path / "actors.csv", "name;kind;borrowable;interest\nAlfa AB;Företag;ja;4\n")
    actors = read_snapshot(path).actors
    assert actors.loc[0, ["kind", "borrowable", "interest"]].tolist() == ["firm", True, 4]


def test_duplicate_actor_is_refused(tmp_path: Path):
    path = _csv(tmp_path / "actors.csv", "name,kind\nAlfa AB,firm\nalfa ab,firm\n")
    with pytest.raises(InputError, match="duplicate actor") as info:
        read_snapshot(path)
    assert info.value.row == 3


def test_link_to_missing_actor_is_refused(tmp_path: Path):
    snap = example_snapshot()
    write_csv_folder(snap, tmp_path / "m")
    _csv(
        tmp_path / "m" / "links.csv",
        "source_id,target_id,kind\nregion,umu,funding\nregion,nobody,funding\n",
    )
    with pytest.raises(InputError, match="no actor") as info:
        read_snapshot(tmp_path / "m")
    assert (info.value.row, info.value.column, info.value.value) == (3, "target_id", "nobody")


def test_unknown_function_is_refused(tmp_path: Path):
    write_csv_folder(example_snapshot(), tmp_path / "m")
    _csv(tmp_path / "m" / "provisions.csv", "actor_id,function_code\numu,tidsresor\n")
    with pytest.raises(InputError, match="unknown function") as info:
        read_snapshot(tmp_path / "m")
    assert (info.value.row, info.value.column) == (2, "function_code")


def test_interest_outside_one_to_five_is_refused(tmp_path: Path):
    path = _csv(tmp_path / "actors.csv", "name,kind,interest\nAlfa,firm,7\n")
    with pytest.raises(InputError, match="1 to 5"):
        read_snapshot(path)


def test_malformed_workbook_names_the_file(tmp_path: Path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip file")
    with pytest.raises(InputError, match="not a readable Excel workbook") as info:
        read_snapshot(path)
    assert info.value.file == str(path)


def test_workbook_without_known_sheets_is_refused(tmp_path: Path):
    path = tmp_path / "other.xlsx"
    pd.DataFrame({"a": [1]}).to_excel(path, sheet_name="Blad1", index=False)
    with pytest.raises(InputError, match="none of the tables"):
        read_snapshot(path)


def test_missing_required_column_points_at_the_header(tmp_path: Path):
    path = _csv(tmp_path / "links.csv", "source_id,kind\na,funding\n")
    with pytest.raises(InputError, match="no column 'target_id'") as info:
        read_snapshot(path)
    assert info.value.row == 1
