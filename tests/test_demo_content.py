"""Demo content: Västerbotten's ecosystem from the seed, through `s3atlas workspace init` and on
both databases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import app
from s3atlas.ecosystem.demo import load_demo
from s3atlas.ecosystem.store.queries import build_snapshot, store_summary
from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot
from s3atlas.store import Store

SKOG, LIFE = "Skoglig bioekonomi", "Life Science"
SEED_FIRMS = {
    "N K Lundströms Trävaror Aktiebolag": "Vännäs",
    "Baseco Golv Aktiebolag": "Sorsele",
    "Drömtrappor AB": "Norsjö",
    "Lundgrens Hyvleri AB": "Nyåker",
    "Skogsägarna Norra Skog, Ekonomisk Förening": "Umeå",
}


@pytest.fixture
def demo(store: Store) -> EcosystemSnapshot:
    assert load_demo(store) is not None
    return build_snapshot(store, "24")


def _functions(snap: EcosystemSnapshot, area: str) -> list[str]:
    area_id = {v: k for k, v in snap.area_names().items()}[area]
    return sorted(snap.provisions[snap.provisions.area_id == area_id].function_code)


def test_demo_has_the_nine_strength_areas_with_their_sni_lists(demo: EcosystemSnapshot) -> None:
    sni = dict(zip(demo.areas.name, demo.areas.sni, strict=True))
    assert len(sni) == 9
    assert sni[SKOG] == "02;16;17;18;20;24;31"  # as listed on the seed's slide
    assert sni[LIFE] == "21"
    assert sni["Digitalisering"] == "26;61;62;63"
    assert (demo.region_code, demo.region_name, demo.round) == ("24", "Västerbotten", "2025")


def test_demo_names_only_the_firms_the_seed_names(demo: EcosystemSnapshot) -> None:
    assert dict(zip(demo.actors.name, demo.actors.municipality, strict=True)) == SEED_FIRMS
    assert set(demo.actors.kind) == {"firm"}
    assert demo.actors.is_demo.all()


def test_every_demo_actor_name_is_in_the_seed_document(
    demo: EcosystemSnapshot, shared_dir: Path
) -> None:
    seed_text = " ".join(
        (next((shared_dir / "seeds").glob("000_*.txt"))).read_text(encoding="utf-8").split()
    )
    for name in demo.actors.name:
        assert name in seed_text


def test_demo_functions_are_those_the_seed_names_without_inventing_providers(
    demo: EcosystemSnapshot,
) -> None:
    assert _functions(demo, SKOG) == ["cluster_management", "strategic_financing"]
    assert _functions(demo, LIFE) == [
        "funding_agencies",
        "innovation_office",
        "strategic_financing",
    ]
    assert demo.provisions.actor_id.isna().all()
    assert demo.provisions.phase_code.isna().all()  # the seed gives no phase: every phase


def test_early_phase_excellence_is_a_gap_in_both_areas(demo: EcosystemSnapshot) -> None:
    wide = demo.expanded_provisions()
    early = wide[(wide.phase_code == "idea") & (wide.function_code == "early_phase_excellence")]
    assert early.empty
    served_early = set(wide[wide.phase_code == "idea"].area_id)
    names = demo.area_names()
    assert {names[a] for a in served_early} == {
        SKOG,
        LIFE,
    }  # other functions do reach the early phase


def test_other_areas_have_only_names_and_sni(demo: EcosystemSnapshot) -> None:
    names = demo.area_names()
    used = {names[a] for a in demo.provisions.area_id.dropna()} | {
        names[a] for a in demo.insights.area_id.dropna()
    }
    assert used == {SKOG, LIFE}


def test_demo_carries_the_interview_insights(demo: EcosystemSnapshot) -> None:
    names = demo.area_names()
    by_area = (
        demo.insights.assign(area=demo.insights.area_id.map(names)).groupby("area").text.apply(list)
    )
    assert len(by_area[SKOG]) == 6 and "Har en klusterledare" in by_area[SKOG]
    assert len(by_area[LIFE]) == 5
    assert all("klusterledare" not in t or t.startswith("Kan RV") for t in by_area[LIFE])


def test_loading_the_demo_twice_adds_nothing(store: Store, demo: EcosystemSnapshot) -> None:
    assert load_demo(store) is None
    assert store_summary(store)[["areas", "actors", "provisions", "insights"]].values.tolist() == [
        [9, 5, 5, 11]
    ]


# --- through the CLI, as users call it ------------------------------------------------


def _run(*args: str) -> str:
    from s3atlas.cli import main

    if not any(group.name == "workspace" for group in app.registered_groups):
        main._register_all()
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_workspace_init_creates_the_demo_and_says_so_in_swedish(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("S3ATLAS_LANG", raising=False)
    out = _run("workspace", "init")
    assert f"Arbetsyta: {workspace}" in out
    assert (
        "Demoekosystem: Västerbotten (omgång 2025): 9 styrkeområden, 5 aktörer, 5 stödfunktioner, "
        "11 intervjuinsikter, allt markerat som demo." in out
    )
    assert (workspace / "s3atlas.db").is_file()
    assert "Demoekosystemet finns redan" in _run("workspace", "init")


def test_workspace_init_empty_starts_without_demo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    out = _run("--lang", "en", "workspace", "init", "--empty", "--workspace", str(tmp_path / "ws"))
    assert "Started empty, without demo content." in out
    assert re.search(r"Vocabulary: \d+ actor kinds, \d+ support functions, 7 phases", out)
    info = _run("workspace", "info", "--workspace", str(tmp_path / "ws"), "--format", "json")
    assert info.strip() == "[]"


def test_workspace_info_lists_the_demo_round(workspace: Path) -> None:
    _run("workspace", "init")
    info = _run("workspace", "info", "--format", "csv")
    assert info.splitlines()[1].startswith("24,Västerbotten,2025,1,False,9,5,5,0,11,True")


def test_the_seed_firms_are_members_of_skoglig_bioekonomi_without_a_function(
    demo: EcosystemSnapshot,
) -> None:
    # the seed lists the five firms under Skoglig bioekonomi and gives none of them a function
    area_id = {v: k for k, v in demo.area_names().items()}[SKOG]
    names = demo.actor_names()
    assert {names[a] for a in demo.members.actor_id[demo.members.area_id == area_id]} == set(
        SEED_FIRMS
    )
    assert demo.provisions.actor_id.isna().all()
    assert len(demo.members) == 5


def test_members_follow_the_map_into_a_new_round(store: Store, demo: EcosystemSnapshot) -> None:
    from s3atlas.ecosystem.store.rounds import open_round

    open_round(store, "24", "2026", user="test")
    later = build_snapshot(store, "24", "2026")
    names, areas = later.actor_names(), later.area_names()
    rows = zip(later.members.area_id, later.members.actor_id, strict=True)
    pairs = {(areas[a], names[b]) for a, b in rows}
    assert pairs == {(SKOG, firm) for firm in SEED_FIRMS}
