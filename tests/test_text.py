"""Text that XML cannot carry (U+FFFE, U+FFFF, control characters) is refused at every way in, and never breaks
the Atom feeds or the export, even when an older row holds it."""

import json
import xml.etree.ElementTree as ET

import pytest

from tracker import exports, records

from .test_public import text

UNFIT = ["\uffff", "\ufffe", "\x0b"]


@pytest.mark.parametrize("character", UNFIT)
def test_an_editors_action_with_an_unfit_character_is_refused_and_the_feed_stays_whole(
    as_role, client, db, durham_id, character
):
    editor = as_role("editor")
    before = db.execute("SELECT count(*) FROM action").fetchone()[0]
    response = editor.post(
        f"/editor/motions/{durham_id}/actions/new",
        data={"date": "2018-05-01", "classification": "event", "description": f"x{character}y", "no_source": "y"},
    )
    assert response.status_code == 200
    assert "Remove the invisible control character from this text." in text(response)
    assert db.execute("SELECT count(*) FROM action").fetchone()[0] == before
    for url in ("/feed.atom", "/cities/durham-nc/feed.atom"):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("character", UNFIT)
def test_an_organizers_submission_with_an_unfit_character_is_refused(as_role, db, durham_id, character):
    organizer = as_role("organizer")
    response = organizer.post(
        f"/editor/motions/{durham_id}/actions/new",
        data={"date": "2018-05-01", "classification": "event", "description": f"Said{character}so", "no_source": "y"},
    )
    assert response.status_code == 200 and "invisible control character" in text(response)
    assert db.execute("SELECT count(*) FROM submission").fetchone()[0] == 0
    with pytest.raises(records.RecordError, match="invisible control character"):
        records.submit(db, None, "action", "create", "motion", durham_id, {"values": {"description": character}})


def test_approving_a_stored_submission_that_holds_one_is_refused_and_stays_pending(as_role, db, durham_id, accounts):
    # A submission stored before the forms refused these characters: approving it must not bring one in.
    payload = {"op": "create", "values": {"date": "2018-05-01", "classification": "event", "description": "x\uffff"}}
    db.execute(
        "INSERT INTO submission (user_id, kind, payload, target_table, target_id, state, created_at) "
        "VALUES (?, 'action', ?, 'motion', ?, 'pending', '2026-01-01T00:00:00Z')",
        [accounts["organizer"], json.dumps(payload), durham_id],
    )
    submission = db.execute("SELECT max(id) FROM submission").fetchone()[0]
    before = db.execute("SELECT count(*) FROM action").fetchone()[0]
    page = text(as_role("editor").post(f"/editor/submissions/{submission}", data={"decision": "approve"}))
    assert "It could not be applied: The description holds an invisible control character" in page
    assert "It is still pending." in page
    assert db.execute("SELECT count(*) FROM action").fetchone()[0] == before
    assert db.execute("SELECT state FROM submission WHERE id = ?", [submission]).fetchone()[0] == "pending"


def test_the_importer_refuses_a_row_with_one_naming_its_cell(app, db, tmp_path):
    cells = {"city": "Durham", "state": "NC", "title": "A later motion", "kind": "motion", "date": "2020-01-06"}
    cells["status"], cells["description"] = "event", "Reported\uffff."
    path = tmp_path / "import.csv"
    path.write_text(
        ",".join(exports.MOTION_COLUMNS) + "\r\n" + ",".join(cells.get(c, "") for c in exports.MOTION_COLUMNS) + "\r\n",
        encoding="utf-8",
    )
    before = db.execute("SELECT count(*) FROM motion").fetchone()[0]
    result = app.test_cli_runner().invoke(args=["import-csv", str(path)])
    assert result.exit_code == 1
    assert "row 2, column description: Remove the invisible control character from this text." in result.output
    assert db.execute("SELECT count(*) FROM motion").fetchone()[0] == before


def test_rows_written_before_the_rule_never_break_a_feed_or_the_export(app, client, db, durham_id, tmp_path):
    # Every text a feed shows, holding what XML refuses, written straight to the database as an old row would be.
    db.execute("UPDATE city SET name = name || char(65535)")
    db.execute("UPDATE motion SET title = title || char(65534)")
    db.execute("UPDATE action SET description = description || char(65535) || char(1)")
    for url in ("/feed.atom", "/cities/durham-nc/feed.atom"):
        response = client.get(url)
        assert response.status_code == 200, url
        titles = [e.text for e in ET.fromstring(response.get_data()).iter("{http://www.w3.org/2005/Atom}title")]
        assert any(t.startswith("Durham, NC: Statement by the Durham City Council") for t in titles), titles
    result = app.test_cli_runner().invoke(args=["export", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    ET.fromstring((tmp_path / "out" / "feed.atom").read_bytes())


@pytest.mark.parametrize("query", ["?x=%EF%BF%BF", "?%0B=1", "?page=%00"])
def test_a_feed_is_the_same_document_whatever_query_string_comes_with_it(client, query):
    plain = client.get("/feed.atom")
    asked = client.get("/feed.atom" + query)
    assert asked.status_code == 200
    ET.fromstring(asked.get_data())
    assert asked.get_data() == plain.get_data()
    assert client.get("/cities/durham-nc/feed.atom" + query).status_code == 200
