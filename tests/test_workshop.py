"""Workshop mode in the store: open and close, join codes that expire, submissions with size and
rate limits, and merge, edit, accept (into the ecosystem map) and reject, each in the audit log.

The map is the demo workspace of Västerbotten (region 24, round 2025).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select

from s3atlas.ecosystem.analysis.coverage import coverage_by_function
from s3atlas.ecosystem.demo import load_demo
from s3atlas.ecosystem.store.models import Insight
from s3atlas.ecosystem.store.queries import build_snapshot
from s3atlas.ecosystem.store.rounds import close_round
from s3atlas.errors import ConflictError, InputError, NotFoundError
from s3atlas.store import Base, Store
from s3atlas.store.audit import audit_log
from s3atlas.viz.downloads import read_xlsx_bytes
from s3atlas.workshop import (
    DEFAULT_QUESTIONS,
    Limits,
    RateHit,
    WorkshopRateLimited,
    accept_submission,
    board_groups,
    close_workshop,
    edit_submission,
    function_names,
    list_workshops,
    merge_submissions,
    open_workshop,
    parse_questions,
    reject_submission,
    submissions_frame,
    submit,
    summary_xlsx,
)
from s3atlas.workshop.models import Submission
from s3atlas.workshop.workshops import CODE_ALPHABET, aware

USER = "anna"


@pytest.fixture
def demo(store: Store) -> Store:
    load_demo(store)
    return store


@pytest.fixture
def workshop(demo: Store) -> dict:
    return open_workshop(demo, "24", "Bikupa Skellefteå", user=USER)


def _area_key(store: Store, name: str) -> str:
    areas = build_snapshot(store, "24").areas
    from s3atlas.ecosystem.store.models import StrengthArea

    area_id = int(areas.set_index("name").loc[name, "area_id"])
    with store.read() as session:
        return str(session.get(StrengthArea, area_id).key)


def _send(store: Store, ws: dict, client: str = "c1", address: str = "10.0.0.1", **values):
    form = {"text": "Ett exempel", **values}
    return submit(store, ws["join_code"], form, client=client, address=address)


def _count(store: Store, area: str, function: str) -> int:
    matrix = coverage_by_function(build_snapshot(store, "24")).set_index("area")
    return int(matrix.loc[area, function])


# --- the tables ----------------------------------------------------------------------


def test_migration_creates_exactly_the_tables_the_models_describe(store: Store) -> None:
    with store.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    ours = [d for d in diffs if "ws_" in repr(d)]
    assert ours == []
    checks = {c["name"] for c in inspect(store.engine).get_check_constraints("ws_submissions")}
    assert checks == {"ck_ws_submission_status"}


# --- open, close, codes --------------------------------------------------------------


def test_a_workshop_gets_a_short_code_and_the_two_bikupa_questions(workshop: dict) -> None:
    assert len(workshop["join_code"]) == 6
    assert set(workshop["join_code"]) <= set(CODE_ALPHABET)
    assert workshop["round"] == "2025" and workshop["is_open"]
    assert [q["sv"] for q in workshop["questions"]] == [q["sv"] for q in DEFAULT_QUESTIONS]
    assert "systemunik" in workshop["questions"][1]["sv"]
    assert "borrow capacity" in workshop["questions"][1]["en"]


def test_questions_are_one_per_line_and_english_falls_back_to_swedish() -> None:
    assert parse_questions("Fråga ett\n\n  Fråga   två ", "Question one") == [
        {"sv": "Fråga ett", "en": "Question one"},
        {"sv": "Fråga två", "en": "Fråga två"},
    ]
    with pytest.raises(InputError, match="högst 6 frågor"):
        parse_questions("\n".join(f"q{i}" for i in range(7)))


def test_the_join_code_stops_working_when_the_workshop_closes(demo: Store, workshop: dict) -> None:
    _send(demo, workshop)
    close_workshop(demo, workshop["id"], user=USER)
    with pytest.raises(NotFoundError, match="okänd eller så har workshoppen stängt"):
        _send(demo, workshop)


def test_the_join_code_stops_working_at_the_closing_time(demo: Store, workshop: dict) -> None:
    later = workshop["closes_at"] + timedelta(seconds=1)
    with pytest.raises(NotFoundError):
        submit(demo, workshop["join_code"], {"text": "x"}, client="c", address="a", now=later)


def test_a_closed_round_cannot_get_a_workshop(demo: Store) -> None:
    close_round(demo, "24", "2025", user=USER)
    with pytest.raises(ConflictError, match="Omgång 2025 är stängd"):
        open_workshop(demo, "24", "Sen workshop", user=USER)


def test_workshops_are_listed_per_region(demo: Store, workshop: dict) -> None:
    frame = list_workshops(demo, "24")
    assert frame["title"].tolist() == ["Bikupa Skellefteå"]
    assert list_workshops(demo, "25").empty


# --- submissions ---------------------------------------------------------------------


def test_a_submission_keeps_the_form_and_the_log_leaves_out_the_name(demo, workshop) -> None:
    area = _area_key(demo, "Skoglig bioekonomi")
    sub = _send(
        demo,
        workshop,
        text="Testbädd för trä",
        function="test_demo",
        areas=[area],
        actor_name="Träcentrum",
        borrowable="yes",
        author="Kim",
        organisation="Kommunen",
        question="1",
    )
    assert sub["status"] == "pending" and sub["question"] == 1 and sub["areas"] == [area]
    assert "author" not in sub
    with demo.read() as session:
        stored = session.get(Submission, sub["id"])
        assert (stored.author, stored.organisation) == ("Kim", "Kommunen")
    log = audit_log(demo, "24")
    row = log[log.entity == "workshop_submission"].iloc[0]
    assert row["user"] == "workshop participant" and row["action"] == "submit"
    assert "Kim" not in row["after"] and "Testbädd" in row["after"]


@pytest.mark.parametrize(
    ("values", "column"),
    [
        ({"text": "   "}, "text"),
        ({"text": "x" * 1001}, "text"),
        ({"actor_name": "y" * 201}, "actor_name"),
        ({"function": "'; DROP TABLE ws_submissions; --"}, "function"),
        ({"areas": ["not-a-key"]}, "areas"),
        ({"borrowable": "maybe"}, "borrowable"),
        ({"question": "7"}, "question"),
        ({"question": "-1"}, "question"),
    ],
)
def test_bad_fields_are_refused_by_name_and_nothing_is_stored(demo, workshop, values, column):
    with pytest.raises(InputError) as caught:
        _send(demo, workshop, **values)
    assert caught.value.column == column
    assert submissions_frame(demo, workshop["id"]).empty


def test_control_characters_are_removed_and_markup_is_kept_as_text(demo, workshop) -> None:
    sub = _send(demo, workshop, text="<script>alert(1)</script>\x00\x1b[31m ok")
    assert sub["text"] == "<script>alert(1)</script>[31m ok"


def test_one_client_is_limited_per_window_in_the_store(demo, workshop) -> None:
    limits = Limits(per_client=2, per_address=100, per_workshop=100, window=60)
    code = workshop["join_code"]
    for _ in range(2):
        submit(demo, code, {"text": "a"}, client="same", address="1.1.1.1", limits=limits)
    with pytest.raises(WorkshopRateLimited) as caught:
        submit(demo, code, {"text": "a"}, client="same", address="1.1.1.1", limits=limits)
    assert caught.value.status == 429 and caught.value.retry_after == 60
    # another participant in the same room still gets through
    submit(demo, code, {"text": "b"}, client="other", address="1.1.1.1", limits=limits)
    # the window passes: the same client may send again, and old rows are gone
    later = aware(workshop["opens_at"]) + timedelta(minutes=5)
    submit(demo, code, {"text": "c"}, client="same", address="1.1.1.1", limits=limits, now=later)
    with demo.read() as session:
        assert session.scalar(select(func.count(RateHit.id))) == 3  # workshop + client + address
        stored = set(session.scalars(select(RateHit.client)))
    assert "same" not in stored and "1.1.1.1" not in stored


def test_the_workshop_is_limited_across_clients_and_in_total(demo, workshop) -> None:
    code = workshop["join_code"]
    limits = Limits(per_client=10, per_address=10, per_workshop=3, window=60)
    for i in range(3):
        submit(demo, code, {"text": "a"}, client=f"c{i}", address=f"a{i}", limits=limits)
    with pytest.raises(WorkshopRateLimited):
        submit(demo, code, {"text": "a"}, client="c9", address="a9", limits=limits)
    full = Limits(total=3)
    with pytest.raises(WorkshopRateLimited, match="så många bidrag"):
        submit(demo, code, {"text": "a"}, client="c8", address="a8", limits=full)


# --- the facilitator -----------------------------------------------------------------


def test_accepting_creates_the_actor_and_function_and_the_coverage_changes(demo, workshop):
    area = "Skoglig bioekonomi"
    before = _count(demo, area, "early_phase_excellence")
    sub = _send(
        demo,
        workshop,
        text="Forskning på träbyggande vid Testinstitutet",
        function="early_phase_excellence",
        areas=[_area_key(demo, area)],
        actor_name="Testinstitutet Trä",
        borrowable="conditions",
    )
    done = accept_submission(demo, workshop["id"], sub["id"], user=USER, kind="research_institute")
    # one new provider of the function in the area: before + 1
    assert _count(demo, area, "early_phase_excellence") == before + 1
    snapshot = build_snapshot(demo, "24")
    actor = snapshot.actors.set_index("name").loc["Testinstitutet Trä"]
    assert actor["kind"] == "research_institute"
    assert done["status"] == "accepted" and done["actor_key"] and done["provision_keys"]
    with demo.read() as session:
        evidence = session.execute(
            select(Insight.text, Insight.source).where(Insight.source.like("%Bikupa%"))
        ).all()
    assert evidence == [
        (
            "Forskning på träbyggande vid Testinstitutet",
            f"Workshop «Bikupa Skellefteå», bidrag #{sub['id']}",
        )
    ]
    actions = audit_log(demo, "24").query("entity == 'workshop_submission'").action.tolist()
    assert actions[:2] == ["accept", "submit"]
    entities = set(audit_log(demo, "24").entity)
    assert {"actor", "provision", "insight", "workshop"} <= entities


def test_a_yes_to_borrowing_marks_the_new_actor_borrowable(demo, workshop) -> None:
    sub = _send(demo, workshop, function="test_demo", actor_name="Lånbara Labbet", borrowable="yes")
    accept_submission(demo, workshop["id"], sub["id"], user=USER)
    actors = build_snapshot(demo, "24").actors.set_index("name")
    assert bool(actors.loc["Lånbara Labbet", "borrowable"]) is True


def test_accepting_links_an_actor_the_round_already_has(demo, workshop) -> None:
    actors_before = len(build_snapshot(demo, "24").actors)
    name = build_snapshot(demo, "24").actors.name.iloc[0]
    sub = _send(demo, workshop, function="incubation", actor_name=name.upper())
    accept_submission(demo, workshop["id"], sub["id"], user=USER)
    assert len(build_snapshot(demo, "24").actors) == actors_before


def test_accepting_needs_a_function_and_happens_once(demo, workshop) -> None:
    sub = _send(demo, workshop)
    with pytest.raises(InputError, match="Välj funktionen"):
        accept_submission(demo, workshop["id"], sub["id"], user=USER)
    edit_submission(demo, workshop["id"], sub["id"], {"function": "incubation"}, user=USER)
    accept_submission(demo, workshop["id"], sub["id"], user=USER)
    with pytest.raises(ConflictError, match="redan hanterat"):
        reject_submission(demo, workshop["id"], sub["id"], user=USER)


def test_edit_merge_and_reject_are_logged_and_grouped_on_the_board(demo, workshop) -> None:
    a = _send(demo, workshop, text="Uminova", function="incubation")
    b = _send(demo, workshop, text="Uminova Innovation", client="c2")
    c = _send(demo, workshop, text="Spam", client="c3")
    edit_submission(demo, workshop["id"], b["id"], {"text": "Uminova Innovation AB"}, user=USER)
    merge_submissions(demo, workshop["id"], a["id"], b["id"], user=USER)
    reject_submission(demo, workshop["id"], c["id"], user=USER)
    names = function_names(demo, "sv")
    groups = board_groups(submissions_frame(demo, workshop["id"]), "sv", names)
    assert [(g["name"], [i["id"] for i in g["items"]]) for g in groups] == [
        ("Inkubation", [a["id"]]),
        ("Funktion inte vald än", [c["id"]]),
    ]
    assert groups[0]["items"][0]["merged"] == ["Uminova Innovation AB"]
    assert groups[1]["items"][0]["actor_name"] is None  # not NaN, which a page would print
    log = audit_log(demo, "24").query("entity == 'workshop_submission'")
    assert log.action.tolist()[:3] == ["reject", "merge", "update"]
    assert '"Uminova Innovation"' in log.before.iloc[2]


def test_a_submission_of_another_workshop_cannot_be_touched(demo, workshop) -> None:
    other = open_workshop(demo, "24", "Annan", user=USER)
    sub = _send(demo, other)
    with pytest.raises(NotFoundError):
        reject_submission(demo, workshop["id"], sub["id"], user=USER)


def test_the_summary_workbook_lists_what_was_submitted_and_accepted(demo, workshop) -> None:
    a = _send(demo, workshop, text="Ett", function="incubation", borrowable="yes")
    b = _send(demo, workshop, text="Två", client="c2")
    accept_submission(demo, workshop["id"], a["id"], user=USER)
    reject_submission(demo, workshop["id"], b["id"], user=USER)
    table = read_xlsx_bytes(summary_xlsx(demo, workshop["id"], "sv"), "Bidrag")
    assert table["Exempel"].tolist() == ["Ett", "Två"]
    assert table["Status"].tolist() == ["Godkänt", "Avvisat"]
    assert table["Funktion"].tolist()[0] == "Inkubation"
    assert table["Kan andra regioner låna den?"].tolist()[0] == "Ja"
    english = read_xlsx_bytes(summary_xlsx(demo, workshop["id"], "en"), "Submissions")
    assert english["Status"].tolist() == ["Accepted", "Rejected"]
