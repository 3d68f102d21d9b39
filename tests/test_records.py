"""Writes: each in one transaction with its change_log rows; the stored status always equals the derived one."""

import json
import sqlite3

import pytest

from tracker import queries, records, status
from tracker.db import rows


@pytest.fixture
def motion_id(db):
    """A new, empty motion in Durham."""
    city_id = db.execute("SELECT id FROM city WHERE slug = 'durham-nc'").fetchone()[0]
    return records.create_motion(
        db, {"city_id": city_id, "kind": "resolution", "title": "A test resolution", "published": 1}
    )


def log_rows(db, after_id=0):
    """Return change_log rows newer than after_id as (table, op) pairs."""
    return db.execute("SELECT table_name, op FROM change_log WHERE id > ? ORDER BY id", [after_id]).fetchall()


def last_log_id(db):
    """Return the id of the newest change_log row."""
    return db.execute("SELECT coalesce(max(id), 0) FROM change_log").fetchone()[0]


def stored_and_derived(db, motion_id):
    """Return the stored status and the one derived from the actions."""
    stored = db.execute("SELECT status FROM motion WHERE id = ?", [motion_id]).fetchone()[0]
    actions = rows(db, "SELECT id, date, classification FROM action WHERE motion_id = ?", [motion_id])
    return stored, status.derive(actions).status


def test_a_new_motion_is_a_campaign_until_an_action_says_otherwise(db, motion_id):
    assert stored_and_derived(db, motion_id) == ("campaign", "campaign")


def test_adding_actions_keeps_the_stored_status_equal_to_the_derived_one(db, motion_id):
    for day, code in [
        ("2020-01-10", "introduced"),
        ("2020-02-01", "scheduled"),
        ("2019-12-01", "campaign"),
        ("2020-02-01", "deferred"),
    ]:
        records.add_action(db, motion_id, {"date": day, "classification": code, "description": "x"})
        stored, derived = stored_and_derived(db, motion_id)
        assert stored == derived
    assert stored == "deferred"
    row = db.execute("SELECT introduced_on FROM motion WHERE id = ?", [motion_id]).fetchone()
    assert row[0] == "2020-01-10"


def test_an_action_writes_one_log_row_for_itself_and_one_for_the_motion_it_changes(db, motion_id):
    start = last_log_id(db)
    records.add_action(db, motion_id, {"date": "2020-01-10", "classification": "introduced", "description": "x"})
    assert log_rows(db, start) == [("action", "insert"), ("motion", "update")]
    before, after = db.execute(
        "SELECT before, after FROM change_log WHERE table_name = 'motion' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert (json.loads(before)["status"], json.loads(after)["status"]) == ("campaign", "introduced")


def test_a_roll_call_naming_every_seat_fills_its_counts_from_the_tally(db, motion_id):
    # Durham has seven seats: a roll call of seven members is the whole council.
    members = [("Ana", "yes"), ("Ben", "yes"), ("Cy", "no"), ("Di", "absent"), ("Ed", "yes"), ("Flo", "yes")]
    members.append(("Gus", "excused"))
    vote_id = records.add_vote(db, motion_id, {"date": "2020-03-01", "result": "pass"}, members)
    row = db.execute("SELECT yes, no, abstain, absent, excused FROM vote WHERE id = ?", [vote_id]).fetchone()
    assert row == (4, 1, 0, 1, 1)


def test_a_roll_call_naming_only_some_seats_leaves_blank_counts_unknown(db, motion_id):
    members = [("Ana", "yes"), ("Ben", "yes")]
    vote_id = records.add_vote(db, motion_id, {"date": "2020-03-01", "result": "pass"}, members)
    row = db.execute("SELECT yes, no, abstain, absent, excused FROM vote WHERE id = ?", [vote_id]).fetchone()
    assert row == (None, None, None, None, None)
    vote = next(v for v in queries.get_motion(db, motion_id)["votes"] if v["id"] == vote_id)
    assert vote["partial"]


def test_a_roll_call_that_contradicts_the_counts_is_refused_and_nothing_is_written(db, motion_id):
    start = last_log_id(db)
    with pytest.raises(records.RecordError, match="roll call has 2 “yes” but the count says 1"):
        records.add_vote(
            db, motion_id, {"date": "2020-03-01", "result": "pass", "yes": 1}, [("Ana", "yes"), ("Bo", "yes")]
        )
    with pytest.raises(records.RecordError, match="only 1 member is listed as not recorded"):
        records.add_vote(
            db, motion_id, {"date": "2020-03-01", "result": "pass", "yes": 3}, [("Ana", "yes"), ("Bo", "not_recorded")]
        )
    assert log_rows(db, start) == []


def test_a_partial_roll_call_keeps_its_counts_and_leaves_the_rest_unknown(db, motion_id):
    vote_id = records.add_vote(
        db, motion_id, {"date": "2020-03-01", "result": "pass", "yes": 3, "no": 0}, [("Ana", "yes")]
    )
    row = db.execute("SELECT yes, no, abstain, absent, excused FROM vote WHERE id = ?", [vote_id]).fetchone()
    assert row == (3, 0, None, None, None)
    vote = next(v for v in queries.get_motion(db, motion_id, include_unpublished=True)["votes"] if v["id"] == vote_id)
    assert vote["partial"]


def test_correcting_a_vote_checks_the_roll_call_against_the_stored_counts(db, motion_id):
    vote_id = records.add_vote(db, motion_id, {"date": "2020-03-01", "result": "pass", "yes": 1}, [])
    with pytest.raises(records.RecordError, match="roll call has 2 “yes” but the count says 1"):
        records.update_vote(db, vote_id, {}, [("Ana", "yes"), ("Bo", "yes")])
    assert db.execute("SELECT count(*) FROM vote_member WHERE vote_id = ?", [vote_id]).fetchone()[0] == 0


def test_a_failed_write_leaves_no_partial_rows_and_no_log_rows(db, motion_id):
    start = last_log_id(db)
    votes = db.execute("SELECT count(*) FROM vote").fetchone()[0]
    members = db.execute("SELECT count(*) FROM vote_member").fetchone()[0]
    # The second member is a duplicate name: the whole vote is refused by SQLite.
    with pytest.raises(sqlite3.IntegrityError):
        records.add_vote(db, motion_id, {"date": "2020-03-01", "result": "pass"}, [("Ana", "yes"), ("Ana", "no")])
    assert db.execute("SELECT count(*) FROM vote").fetchone()[0] == votes
    assert db.execute("SELECT count(*) FROM vote_member").fetchone()[0] == members
    assert log_rows(db, start) == []


def test_an_event_sits_on_the_timeline_without_changing_the_status(db, motion_id):
    records.add_action(db, motion_id, {"date": "2020-01-10", "classification": "passed", "description": "Adopted."})
    records.add_action(db, motion_id, {"date": "2020-06-01", "classification": "event", "description": "Sued."})
    motion = db.execute("SELECT status, decided_on FROM motion WHERE id = ?", [motion_id]).fetchone()
    assert motion == ("passed", "2020-01-10")


def test_an_update_that_changes_nothing_writes_nothing(db, motion_id):
    start = last_log_id(db)
    assert records.update(db, "motion", motion_id, {"title": "A test resolution"}) is False
    assert log_rows(db, start) == []


def test_columns_outside_the_allowed_list_are_refused(db, motion_id):
    with pytest.raises(KeyError):
        records.update(db, "motion", motion_id, {"title; DROP TABLE motion": "x"})


def test_a_testimony_for_a_missing_hearing_is_refused(db):
    with pytest.raises(records.RecordError, match="no hearing"):
        records.add_testimony(db, 9999, {"position": "support"})


def table_counts(db):
    """Row counts of every table, the change log included."""
    names = [
        r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ]
    return {name: db.execute(f"SELECT count(*) FROM [{name}]").fetchone()[0] for name in names}


@pytest.fixture
def submission_id(db, accounts, durham_id):
    """An organizer's pending submission of a new action on the Durham motion."""
    values = {"date": "2019-05-01", "classification": "event", "description": "Report of May 1."}
    return records.submit(db, accounts["organizer"], "action", "create", "motion", durham_id, {"values": values})


def test_a_submission_approved_twice_is_refused_the_second_time_and_applies_nothing(db, accounts, submission_id):
    records.approve(db, submission_id, accounts["editor"])
    after_first = table_counts(db)
    with pytest.raises(records.RecordError, match="already been reviewed"):
        records.approve(db, submission_id, accounts["editor"])
    assert table_counts(db) == after_first
    assert db.execute("SELECT count(*) FROM action WHERE description = 'Report of May 1.'").fetchone()[0] == 1


def test_approving_twice_through_the_review_page_applies_nothing_the_second_time(as_role, db, submission_id):
    editor = as_role("editor")
    assert editor.post(f"/editor/submissions/{submission_id}", data={"decision": "approve"}).status_code == 302
    after_first = table_counts(db)
    again = editor.post(f"/editor/submissions/{submission_id}", data={"decision": "approve"})
    assert again.status_code == 200
    assert "already been reviewed" in again.get_data(as_text=True)
    assert table_counts(db) == after_first
    assert db.execute("SELECT count(*) FROM action WHERE description = 'Report of May 1.'").fetchone()[0] == 1


def test_reverting_a_deletion_restores_the_row_with_its_id_and_values(db, motion_id):
    action_id = records.add_action(
        db, motion_id, {"date": "2020-01-10", "classification": "introduced", "description": "Introduced."}
    )
    before = records.fetch(db, "action", action_id)
    records.delete(db, "action", action_id)
    assert records.fetch(db, "action", action_id) is None
    change_id = db.execute(
        "SELECT id FROM change_log WHERE table_name = 'action' AND row_id = ? AND op = 'delete'", [action_id]
    ).fetchone()[0]
    records.revert(db, change_id)
    assert records.fetch(db, "action", action_id) == before
    assert db.execute("SELECT count(*) FROM action WHERE motion_id = ?", [motion_id]).fetchone()[0] == 1
    assert stored_and_derived(db, motion_id) == ("introduced", "introduced")


def test_reverting_an_added_vote_removes_its_roll_call(db, motion_id):
    members = [("Ana", "yes"), ("Ben", "no"), ("Cy", "not_recorded")]
    vote_id = records.add_vote(db, motion_id, {"date": "2020-03-01", "result": "pass", "yes": 2, "no": 1}, members)
    assert db.execute("SELECT count(*) FROM vote_member WHERE vote_id = ?", [vote_id]).fetchone()[0] == 3
    change_id = db.execute(
        "SELECT id FROM change_log WHERE table_name = 'vote' AND row_id = ? AND op = 'insert'", [vote_id]
    ).fetchone()[0]
    records.revert(db, change_id)
    assert records.fetch(db, "vote", vote_id) is None
    assert db.execute("SELECT count(*) FROM vote_member WHERE vote_id = ?", [vote_id]).fetchone()[0] == 0


def test_a_write_the_schema_refuses_is_said_in_words(db, motion_id):
    with pytest.raises(sqlite3.IntegrityError) as refused_by_sqlite:
        records.add_vote(db, motion_id, {"date": "2020-03-01", "result": "pass", "yes": 8}, [])
    assert str(records.refused(refused_by_sqlite.value)) == (
        "These counts add up to more than the seats on the deciding body."
    )
    url = db.execute("SELECT url FROM source WHERE url IS NOT NULL").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError) as duplicate:
        records.add_source(db, {"url": url, "title": "x", "publisher": None, "published_on": None})
    assert str(records.refused(duplicate.value)) == "This would duplicate a record that already exists."


def test_a_rolled_back_savepoint_takes_its_changeset_with_it(db):
    from tracker.db import transaction

    with transaction(db):
        with pytest.raises(RuntimeError), transaction(db):
            records.add_source(db, {"url": None, "title": "Dropped", "publisher": None, "published_on": None})
            raise RuntimeError("the inner block fails after opening the changeset")
        kept = records.add_source(db, {"url": None, "title": "Kept", "publisher": None, "published_on": None})
    changeset_id = db.execute("SELECT changeset_id FROM change_log WHERE table_name = 'source' AND row_id = ?", [kept])
    summary = db.execute("SELECT summary FROM changeset WHERE id = ?", [changeset_id.fetchone()[0]]).fetchone()[0]
    assert summary == "Added the source “Kept”."
