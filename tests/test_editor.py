"""The editor's workflow: who may do what, organizers' submissions and their review, the change log and revert."""

import json

import pytest
from flask import url_for

from tracker import db as database
from tracker import records

from .conftest import log_in, make_app
from .test_public import text

VOTE = {"date": "2018-05-16", "result": "pass", "yes": "6", "no": "0"}


def ids(db, durham_id):
    """Return the seeded rows' ids that routes need."""
    one = lambda sql: db.execute(sql, [durham_id]).fetchone()[0]  # noqa: E731
    return {
        "motion": durham_id,
        "action": one("SELECT id FROM action WHERE motion_id = ?"),
        "vote": one("SELECT id FROM vote WHERE motion_id = ?"),
        "hearing": one("SELECT id FROM hearing WHERE motion_id = ?"),
    }


# Who may reach each endpoint: public, any logged-in role, editors (and admins), or admins only.
ACCESS = {
    "static": "public",
    "public.home": "public",
    "public.city": "public",
    "public.motion": "public",
    "public.motion_history": "public",
    "public.about": "public",
    "alerts.subscribe": "public",
    "alerts.confirm": "public",
    "alerts.manage": "public",
    "alerts.unsubscribe": "public",
    "public.search": "public",
    "leaflet": "public",
    "favicon": "public",
    "public.healthz": "public",
    "auth.login": "public",
    "auth.logout": "public",
    "auth.change_password": "any",
    "editor.dashboard": "any",
    "editor.motions": "any",
    "editor.motion": "any",
    "editor.new_city": "any",
    "editor.edit_city": "any",
    "editor.new_motion": "any",
    "editor.edit_motion": "any",
    "editor.new_action": "any",
    "editor.new_action_on_pending_motion": "any",
    "editor.new_vote": "any",
    "editor.new_hearing": "any",
    "editor.new_testimony": "any",
    "editor.edit_action": "any",
    "editor.edit_vote": "any",
    "editor.edit_hearing": "any",
    "editor.edit_testimony": "editor",
    "editor.new_citation": "any",
    "editor.edit_source": "any",
    "editor.submissions": "any",
    "editor.submission": "any",
    "editor.changes": "editor",
    "editor.revert": "editor",
    "editor.revert_changeset": "editor",
    "editor.import_csv": "editor",
    "api.cities": "public",
    "api.city": "public",
    "api.motions": "public",
    "api.motion": "public",
    "api.openapi_document": "public",
    "exports.motions_csv": "public",
    "exports.votes_csv": "public",
    "exports.cities_geojson_route": "public",
    "exports.public_database": "public",
    "exports.feed": "public",
    "exports.city_feed": "public",
    "calendars.calendar": "public",
    "calendars.place_calendar": "public",
    "maps.places_layer": "public",
    "maps.place": "public",
    "editor.users": "admin",
    "editor.update_user": "admin",
}
ALLOWED = {
    "public": {None, "organizer", "editor", "admin"},
    "any": {"organizer", "editor", "admin"},
    "editor": {"editor", "admin"},
    "admin": {"admin"},
}


@pytest.fixture
def route_params(app, db, durham_id, accounts):
    """Values for every URL parameter, pointing at real rows (a testimony and an organizer's submission)."""
    row = ids(db, durham_id)
    testimony = records.add_testimony(db, row["hearing"], {"position": "support"})
    submission = records.submit(
        db,
        accounts["organizer"],
        "action",
        "create",
        "motion",
        durham_id,
        {"values": {"date": "2019-01-01", "classification": "introduced", "description": "x"}},
    )
    return {
        "static": {"filename": "style.css"},
        "leaflet": {"filename": "leaflet.js"},
        "public.city": {"slug": "durham-nc"},
        "api.city": {"slug": "durham-nc"},
        "api.motion": {"motion_id": durham_id},
        "exports.city_feed": {"slug": "durham-nc"},
        "calendars.place_calendar": {"slug": "durham-nc"},
        "maps.place": {"slug": "durham-nc"},
        "public.motion": {"motion_id": durham_id},
        "public.motion_history": {"motion_id": durham_id},
        "editor.motion": {"motion_id": durham_id},
        "editor.edit_city": {"slug": "durham-nc"},
        "editor.edit_motion": {"motion_id": durham_id},
        "editor.new_action": {"motion_id": durham_id},
        "editor.new_action_on_pending_motion": {"submission_id": submission},
        "editor.new_vote": {"motion_id": durham_id},
        "editor.new_hearing": {"motion_id": durham_id},
        "editor.new_testimony": {"hearing_id": row["hearing"]},
        "editor.edit_action": {"row_id": row["action"]},
        "editor.edit_vote": {"row_id": row["vote"]},
        "editor.edit_hearing": {"row_id": row["hearing"]},
        "editor.edit_testimony": {"row_id": testimony},
        "editor.new_citation": {"table": "motion", "row_id": durham_id},
        "editor.edit_source": {"row_id": 1},
        "editor.submission": {"submission_id": submission},
        "editor.revert": {"change_id": 1},
        "editor.revert_changeset": {"changeset_id": 1},
        "editor.update_user": {"account_id": accounts["organizer"]},
        "alerts.confirm": {"signed": "not-a-signed-link"},
        "alerts.manage": {"token": "not-a-token"},
        "alerts.unsubscribe": {"token": "not-a-token"},
    }


@pytest.mark.parametrize("role", [None, "organizer", "editor", "admin"])
def test_every_route_has_an_access_rule_and_keeps_it(app, as_role, route_params, role):
    client = as_role(role)
    # Logging out ends the session the other checks need, so it comes last.
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint == "auth.logout"):
        assert rule.endpoint in ACCESS, f"{rule.rule} has no access rule in this test"
        method = "GET" if "GET" in rule.methods else "POST"
        with app.test_request_context():
            url = url_for(rule.endpoint, **route_params.get(rule.endpoint, {}))
        response = client.open(url, method=method)
        response.close()
        allowed = role in ALLOWED[ACCESS[rule.endpoint]]
        to_login = response.status_code == 302 and "/auth/login" in response.headers["Location"]
        if allowed:
            assert response.status_code not in (401, 403) and not to_login, (role, method, url, response.status_code)
        elif role is None:
            assert to_login, (method, url, response.status_code)
        else:
            assert response.status_code == 403, (role, method, url, response.status_code)


# Every editor route with an id that leads to a motion's record, and who may open it: "any" logged-in role (organizers
# only while the motion is published, as on the motion itself), or "editor" (editors and admins).
RECORD_ROUTES = {
    endpoint: ACCESS[endpoint]
    for endpoint in (
        "editor.motion",
        "editor.edit_motion",
        "editor.new_action",
        "editor.new_vote",
        "editor.new_hearing",
        "editor.new_testimony",
        "editor.edit_action",
        "editor.edit_vote",
        "editor.edit_hearing",
        "editor.edit_testimony",
        "editor.new_citation",
        "editor.edit_source",
        "editor.submission",
        "editor.revert_changeset",
    )
}


@pytest.fixture
def record_params(db, durham_id, route_params):
    """Values for the record routes, each pointing at a row of the Durham motion (or a source only it cites)."""
    row = ids(db, durham_id)
    only_motion = db.execute(
        "SELECT source_id FROM citation GROUP BY source_id HAVING count(*) = sum(table_name <> 'city') LIMIT 1"
    ).fetchone()[0]
    changeset = db.execute(
        "SELECT changeset_id FROM change_log WHERE table_name = 'motion' AND row_id = ?", [durham_id]
    ).fetchone()[0]
    params = {name: route_params[name] for name in RECORD_ROUTES if name in route_params}
    testimony = route_params["editor.edit_testimony"]["row_id"]
    return {
        **params,
        "editor.edit_source": {"row_id": only_motion},
        "editor.revert_changeset": {"changeset_id": changeset},
        "citations": [
            ("action", row["action"]),
            ("vote", row["vote"]),
            ("hearing", row["hearing"]),
            ("testimony", testimony),
        ],
    }


def expected_status(role, rule, published):
    """The status a role gets on a record route: 302 to log in, 403 for the wrong role, 404 for what it may not see."""
    if role is None:
        return 302
    if rule == "editor" and role == "organizer":
        return 403
    return 404 if role == "organizer" and not published else 200


@pytest.mark.parametrize("published", [True, False], ids=["published", "unpublished"])
@pytest.mark.parametrize("role", [None, "organizer", "editor", "admin"])
def test_records_of_an_unpublished_motion_are_hidden_from_organizers_on_every_route(
    app, as_role, db, durham_id, record_params, role, published
):
    db.execute("UPDATE motion SET published = ? WHERE id = ?", [int(published), durham_id])
    client = as_role(role)
    urls = []
    with app.test_request_context():
        for endpoint, rule in RECORD_ROUTES.items():
            urls.append((url_for(endpoint, **record_params[endpoint]), rule))
        for table, row_id in record_params["citations"]:
            urls.append((url_for("editor.new_citation", table=table, row_id=row_id), "any"))
    for url, rule in urls:
        response = client.get(url)
        expected = expected_status(role, rule, published)
        assert response.status_code == expected, (role, url, response.status_code)
        if expected == 302:
            assert "/auth/login" in response.headers["Location"]
    if role == "organizer" and not published:
        # A proposed edit is refused the same way, and nothing is stored.
        source = record_params["editor.edit_source"]["row_id"]
        before = db.execute("SELECT count(*) FROM submission").fetchone()[0]
        response = client.post(f"/editor/sources/{source}/edit", data={"title": "Renamed", "publisher": "X"})
        assert response.status_code == 404
        assert db.execute("SELECT count(*) FROM submission").fetchone()[0] == before


def test_an_organizers_list_does_not_name_a_motion_since_unpublished(as_role, db, durham_id):
    organizer = as_role("organizer")
    organizer.post(
        f"/editor/motions/{durham_id}/actions/new",
        data={"date": "2019-01-01", "classification": "deferred", "description": "Tabled.", "no_source": "y"},
    )
    assert "Statement by the Durham" in text(organizer.get("/editor/submissions"))
    db.execute("UPDATE motion SET published = 0 WHERE id = ?", [durham_id])
    for page in ("/editor/submissions", "/editor/"):
        shown = text(organizer.get(page))
        assert "Statement by the Durham" not in shown and "a record that is not public now" in shown


def test_organizers_cannot_approve_revert_or_manage_accounts(as_role, route_params):
    client = as_role("organizer")
    submission = route_params["editor.submission"]["submission_id"]
    assert client.post(f"/editor/submissions/{submission}", data={"decision": "approve"}).status_code == 403
    assert client.post("/editor/changes/1/revert").status_code == 403
    assert client.get("/editor/users").status_code == 403


def test_an_over_seat_vote_from_an_organizer_is_refused_naming_the_limit(as_role, db, durham_id):
    response = as_role("organizer").post(
        f"/editor/motions/{durham_id}/votes/new", data={**VOTE, "yes": "6", "no": "3", "no_source": "y"}
    )
    assert response.status_code == 200
    assert "Durham has 7 council seats; these counts add up to 9." in text(response)
    assert 'value="3"' in response.get_data(as_text=True)  # what was typed is kept
    assert db.execute("SELECT count(*) FROM submission").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM vote").fetchone()[0] == 1


def test_an_organizers_vote_reaches_the_public_page_only_after_approval(as_role, client, db, durham_id):
    organizer, editor = as_role("organizer"), as_role("editor")
    response = organizer.post(
        f"/editor/motions/{durham_id}/votes/new",
        data={
            "date": "2018-05-01",
            "result": "fail",
            "yes": "1",
            "no": "2",
            "roll_call": "Ana Able: no\nBo Baker: no\nCy Cole: yes",
            "source_title": "Council minutes",
            "source_url": "https://example.org/m",
        },
    )
    assert response.status_code == 302
    submission = int(response.headers["Location"].rsplit("/", 1)[1])
    assert "Pending" in text(organizer.get(f"/editor/submissions/{submission}"))
    assert "Bo Baker" not in text(client.get(f"/motions/{durham_id}"))

    review = editor.get(f"/editor/submissions/{submission}")
    page = text(review)
    assert "Roll call Ana Able: no; Bo Baker: no; Cy Cole: yes" in page
    assert "Approve" in page and "Reject" in page

    assert editor.post(f"/editor/submissions/{submission}", data={"decision": "approve"}).status_code == 302
    public = text(client.get(f"/motions/{durham_id}"))
    assert "Vote of May 1, 2018: failed 1–2" in public
    assert "Bo Baker No" in public
    assert "Council minutes" in public
    assert "Approved" in text(organizer.get("/editor/"))
    # A second decision on the same submission is refused.
    again = editor.post(f"/editor/submissions/{submission}", data={"decision": "reject", "reason": "late"})
    assert "already been reviewed" in text(again)


def test_a_rejection_needs_a_reason_which_the_organizer_sees(as_role, client, durham_id):
    organizer, editor = as_role("organizer"), as_role("editor")
    response = organizer.post(
        f"/editor/motions/{durham_id}/actions/new",
        data={"date": "2018-04-20", "classification": "vetoed", "description": "Vetoed.", "no_source": "y"},
    )
    submission = int(response.headers["Location"].rsplit("/", 1)[1])
    refused = editor.post(f"/editor/submissions/{submission}", data={"decision": "reject", "reason": ""})
    assert "Say why this is rejected" in text(refused)
    editor.post(f"/editor/submissions/{submission}", data={"decision": "reject", "reason": "No source says so."})
    assert "Rejected: No source says so." in text(organizer.get("/editor/submissions"))
    assert "Vetoed" not in text(client.get(f"/motions/{durham_id}"))


def test_organizers_see_only_their_own_submissions(app, as_role, db, accounts, durham_id):
    other = records.create_user(db, "other@example.org", "x", "organizer")
    mine = records.submit(db, accounts["organizer"], "action", "create", "motion", durham_id, {"values": {}})
    theirs = records.submit(db, other, "action", "create", "motion", durham_id, {"values": {}})
    client = as_role("organizer")
    assert client.get(f"/editor/submissions/{mine}").status_code == 200
    assert client.get(f"/editor/submissions/{theirs}").status_code == 404


def test_editors_changes_apply_at_once_and_the_status_follows_the_latest_action(as_role, client, db, durham_id):
    editor = as_role("editor")
    editor.post(
        f"/editor/motions/{durham_id}/actions/new",
        data={"date": "2018-05-10", "classification": "vetoed", "description": "The mayor vetoed it."},
    )
    assert "Vetoed" in text(client.get(f"/motions/{durham_id}"))
    # Filled in out of order: an older action is kept but does not change the status.
    editor.post(
        f"/editor/motions/{durham_id}/actions/new",
        data={"date": "2018-04-01", "classification": "introduced", "description": "Released."},
    )
    status = db.execute("SELECT status, introduced_on FROM motion WHERE id = ?", [durham_id]).fetchone()
    assert status == ("vetoed", "2018-04-01")
    # An event after the veto sits on the timeline and leaves the status alone.
    editor.post(
        f"/editor/motions/{durham_id}/actions/new",
        data={"date": "2018-06-01", "classification": "event", "description": "A lawsuit was filed."},
    )
    assert db.execute("SELECT status FROM motion WHERE id = ?", [durham_id]).fetchone()[0] == "vetoed"
    assert "Other event" in text(client.get(f"/motions/{durham_id}"))


def test_the_status_cannot_be_set_by_editing_the_motion(as_role, db, durham_id):
    response = as_role("editor").post(
        f"/editor/motions/{durham_id}/edit",
        data={"city_id": "1", "title": "Renamed statement", "kind": "statement", "published": "y", "status": "failed"},
    )
    assert response.status_code == 302
    row = db.execute("SELECT title, status FROM motion WHERE id = ?", [durham_id]).fetchone()
    assert row == ("Renamed statement", "passed")


def test_unpublished_motions_are_for_editors_only(as_role, db, durham_id):
    db.execute("UPDATE motion SET published = 0 WHERE id = ?", [durham_id])
    assert as_role("organizer").get(f"/editor/motions/{durham_id}").status_code == 404
    assert "Statement by the Durham" not in text(as_role("organizer").get("/editor/motions"))
    assert as_role("editor").get(f"/editor/motions/{durham_id}").status_code == 200
    assert "Unpublished" in text(as_role("editor").get("/editor/motions"))


def snapshot(db):
    """Return {(table, id): row} for every row of every record table."""
    rows = {}
    for table in records.REVERTIBLE:
        for row in database.rows(db, f"SELECT * FROM {table}"):
            rows[(table, row["id"])] = row
    return rows


def changed_rows(before, after):
    """Return the (table, id) keys inserted, updated or deleted between two snapshots."""
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/editor/cities/new", {"name": "Chapel Hill", "state": "NC", "council_seats": "9"}),
        (
            "/editor/cities/durham-nc/edit",
            {"name": "Durham", "state": "NC", "council_seats": "7", "slug": "durham-nc", "notes": "Mayor votes."},
        ),
        (
            "/editor/motions/new",
            {
                "city_id": "1",
                "title": "Another motion",
                "kind": "resolution",
                "published": "y",
                "source_title": "Agenda",
                "source_url": "https://example.org/agenda",
            },
        ),
        (
            "/editor/motions/{m}/edit",
            {"city_id": "1", "title": "Statement, renamed", "kind": "statement", "published": "y"},
        ),
        (
            "/editor/motions/{m}/actions/new",
            {"date": "2019-01-01", "classification": "deferred", "description": "Tabled."},
        ),
        ("/editor/motions/{m}/votes/new", {**VOTE, "yes": "", "no": "", "roll_call": "A: yes\nB: yes\nC: no"}),
        ("/editor/votes/{v}/edit", {**VOTE, "yes": "", "no": "", "roll_call": "A: yes\nB: no"}),
        ("/editor/motions/{m}/hearings/new", {"date": "2018-04-16", "body": "Work session"}),
        ("/editor/hearings/{h}/testimony/new", {"position": "oppose", "speaker_name": "Someone"}),
        ("/editor/actions/{a}/edit", {"date": "2018-04-16", "classification": "passed", "description": "Adopted 6-0."}),
        ("/editor/motion/{m}/sources/new", {"source_title": "Minutes", "source_note": "It passed."}),
    ],
)
def test_every_write_leaves_exactly_one_log_row_per_changed_row(as_role, db, durham_id, path, data):
    row = ids(db, durham_id)
    url = path.format(m=durham_id, v=row["vote"], h=row["hearing"], a=row["action"])
    before, last_log = snapshot(db), db.execute("SELECT max(id) FROM change_log").fetchone()[0]
    response = as_role("editor").post(url, data=data)
    assert response.status_code == 302, text(response)
    changed = changed_rows(before, snapshot(db))
    logged = db.execute("SELECT table_name, row_id FROM change_log WHERE id > ?", [last_log]).fetchall()
    assert changed
    assert sorted(logged) == sorted(changed)


def test_a_revert_restores_the_exact_previous_row_and_is_itself_logged(as_role, db, durham_id):
    editor = as_role("editor")
    before = database.rows(db, "SELECT * FROM motion WHERE id = ?", [durham_id])[0]
    editor.post(
        f"/editor/motions/{durham_id}/edit",
        data={"city_id": "1", "title": "A wrong title", "kind": "resolution", "published": "y"},
    )
    change = db.execute("SELECT max(id) FROM change_log WHERE table_name = 'motion'").fetchone()[0]
    assert editor.post(f"/editor/changes/{change}/revert").status_code == 302
    assert database.rows(db, "SELECT * FROM motion WHERE id = ?", [durham_id])[0] == before
    last = db.execute("SELECT op, before, after FROM change_log ORDER BY id DESC LIMIT 1").fetchone()
    assert last[0] == "update" and json.loads(last[1])["title"] == "A wrong title"


def test_reverting_an_added_action_removes_it_and_restores_the_status(as_role, db, durham_id):
    editor = as_role("editor")
    actions = db.execute("SELECT count(*) FROM action WHERE motion_id = ?", [durham_id]).fetchone()[0]
    editor.post(
        f"/editor/motions/{durham_id}/actions/new",
        data={"date": "2019-06-01", "classification": "vetoed", "description": "Vetoed."},
    )
    assert db.execute("SELECT status FROM motion WHERE id = ?", [durham_id]).fetchone()[0] == "vetoed"
    change = db.execute("SELECT max(id) FROM change_log WHERE table_name = 'action' AND op = 'insert'").fetchone()[0]
    editor.post(f"/editor/changes/{change}/revert")
    assert db.execute("SELECT status FROM motion WHERE id = ?", [durham_id]).fetchone()[0] == "passed"
    assert db.execute("SELECT count(*) FROM action WHERE motion_id = ?", [durham_id]).fetchone()[0] == actions


def test_reverting_a_change_overtaken_by_a_newer_one_asks_first(as_role, db, durham_id):
    editor = as_role("editor")
    for title in ("First correction", "Second correction"):
        editor.post(
            f"/editor/motions/{durham_id}/edit",
            data={"city_id": "1", "title": title, "kind": "statement", "published": "y"},
        )
    first = db.execute(
        "SELECT min(id) FROM change_log WHERE table_name = 'motion' AND after LIKE '%First correction%'"
    ).fetchone()[0]
    response = editor.post(f"/editor/changes/{first}/revert")
    assert response.status_code == 409
    page = text(response)
    assert "First correction" in page and "Second correction" in page
    assert db.execute("SELECT title FROM motion WHERE id = ?", [durham_id]).fetchone()[0] == "Second correction"
    seen = response.get_data(as_text=True).split('name="seen" value="')[1].split('"')[0]
    # Someone else changes the row again after the editor looked: confirming what was shown is not enough.
    editor.post(
        f"/editor/motions/{durham_id}/edit",
        data={"city_id": "1", "title": "Third correction", "kind": "statement", "published": "y"},
    )
    again = editor.post(f"/editor/changes/{first}/revert", data={"seen": seen})
    assert again.status_code == 409 and "Third correction" in text(again)
    seen = again.get_data(as_text=True).split('name="seen" value="')[1].split('"')[0]
    assert editor.post(f"/editor/changes/{first}/revert", data={"seen": seen}).status_code == 302
    assert db.execute("SELECT title FROM motion WHERE id = ?", [durham_id]).fetchone()[0].startswith("Statement by")


def test_a_revert_that_would_orphan_records_is_refused_naming_them(as_role, db):
    editor = as_role("editor")
    editor.post("/editor/cities/new", data={"name": "Chapel Hill", "state": "NC", "council_seats": "9"})
    city_id = db.execute("SELECT id FROM city WHERE slug = 'chapel-hill-nc'").fetchone()[0]
    place_changeset = db.execute("SELECT max(id) FROM changeset").fetchone()[0]
    editor.post("/editor/motions/new", data={"city_id": str(city_id), "title": "A resolution", "kind": "resolution"})
    motion_id = db.execute("SELECT id FROM motion WHERE title = 'A resolution'").fetchone()[0]
    response = editor.post(f"/editor/changesets/{place_changeset}/revert")
    assert response.status_code == 409
    page = text(response)
    assert "records added since depend on it" in page and "The measure “A resolution”" in page
    assert f'href="/editor/motions/{motion_id}"' in response.get_data(as_text=True)
    assert db.execute("SELECT count(*) FROM city WHERE id = ?", [city_id]).fetchone()[0] == 1


def test_the_change_log_filters_by_table_and_operation(as_role):
    editor = as_role("editor")
    page = text(editor.get("/editor/changes?table=vote&op=insert"))
    assert "insert vote" in page and "Seed" in page
    assert "No changes match" in text(editor.get("/editor/changes?table=vote&op=delete"))
    assert "No changes match" in text(editor.get("/editor/changes?kind=revert"))


@pytest.fixture
def csrf_client(app, accounts):
    """A client of the same database with CSRF protection on, logged in as an editor."""
    client = make_app(app.config["DATABASE"], WTF_CSRF_ENABLED=True).test_client()
    login_page = client.get("/auth/login").get_data(as_text=True)
    token = login_page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    assert log_in(client, "editor", csrf_token=token).status_code == 302
    return client


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/editor/motions/{m}/actions/new", {"date": "2019-01-01", "classification": "failed", "description": "x"}),
        ("/editor/changes/1/revert", {}),
        ("/auth/logout", {}),
    ],
)
def test_a_post_without_a_csrf_token_gets_400_and_changes_nothing(csrf_client, db, durham_id, path, data):
    before = snapshot(db), db.execute("SELECT count(*) FROM change_log").fetchone()[0]
    response = csrf_client.post(path.format(m=durham_id), data=data)
    assert response.status_code == 400
    assert "did not come from this site" in text(response)
    assert (snapshot(db), db.execute("SELECT count(*) FROM change_log").fetchone()[0]) == before
    assert csrf_client.get("/editor/").status_code == 200


def test_forms_carry_their_csrf_token(csrf_client, db, durham_id):
    page = csrf_client.get(f"/editor/motions/{durham_id}/actions/new").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = csrf_client.post(
        f"/editor/motions/{durham_id}/actions/new",
        data={"csrf_token": token, "date": "2019-01-01", "classification": "deferred", "description": "Tabled."},
    )
    assert response.status_code == 302
    assert db.execute("SELECT status FROM motion WHERE id = ?", [durham_id]).fetchone()[0] == "deferred"


def test_admins_create_accounts_and_cannot_lock_themselves_out(as_role, accounts, db):
    admin = as_role("admin")
    response = admin.post(
        "/editor/users",
        data={
            "email": "New@Example.org",
            "role": "editor",
            "new_password": "a long enough passphrase",
            "confirm": "a long enough passphrase",
        },
    )
    assert response.status_code == 302
    assert db.execute("SELECT role FROM user WHERE email = 'new@example.org'").fetchone()[0] == "editor"
    refused = admin.post(
        "/editor/users",
        data={
            "email": "new@example.org",
            "role": "editor",
            "new_password": "a long enough passphrase",
            "confirm": "a long enough passphrase",
        },
    )
    assert "already exists" in text(refused)
    admin.post(f"/editor/users/{accounts['admin']}", data={"role": "organizer"})
    assert db.execute("SELECT role, active FROM user WHERE id = ?", [accounts["admin"]]).fetchone() == ("admin", 1)
    admin.post(f"/editor/users/{accounts['editor']}", data={"role": "editor"})
    assert db.execute("SELECT active FROM user WHERE id = ?", [accounts["editor"]]).fetchone()[0] == 0


def test_reverting_a_derived_status_change_reverts_the_action_that_caused_it(as_role, db, durham_id):
    editor = as_role("editor")
    editor.post(
        f"/editor/motions/{durham_id}/actions/new",
        data={"date": "2019-06-01", "classification": "vetoed", "description": "Vetoed."},
    )
    change = db.execute("SELECT max(id) FROM change_log WHERE table_name = 'motion'").fetchone()[0]
    editor.post(f"/editor/changes/{change}/revert", follow_redirects=True)
    assert db.execute("SELECT status FROM motion WHERE id = ?", [durham_id]).fetchone()[0] == "passed"
    assert db.execute("SELECT count(*) FROM action WHERE description = 'Vetoed.'").fetchone()[0] == 0


def test_reverting_an_added_action_removes_its_citations_too(as_role, client, db, durham_id):
    editor = as_role("editor")
    editor.post(
        f"/editor/motions/{durham_id}/actions/new",
        data={
            "date": "2018-06-01",
            "classification": "vetoed",
            "description": "Vetoed.",
            "source_title": "Wrong paper",
        },
    )
    change = db.execute("SELECT max(id) FROM change_log WHERE table_name = 'action' AND op = 'insert'").fetchone()[0]
    assert editor.post(f"/editor/changes/{change}/revert").status_code == 302
    editor.post(
        f"/editor/motions/{durham_id}/actions/new",
        data={"date": "2018-06-02", "classification": "deferred", "description": "Deferred."},
    )
    assert "Wrong paper" not in text(client.get(f"/motions/{durham_id}"))


def test_reverting_a_vote_correction_puts_back_its_counts_and_roll_call_together(as_role, db, durham_id):
    editor = as_role("editor")
    editor.post(
        f"/editor/motions/{durham_id}/votes/new",
        data={**VOTE, "yes": "2", "no": "1", "roll_call": "A: yes\nB: yes\nC: no"},
    )
    vote_id = db.execute("SELECT max(id) FROM vote").fetchone()[0]
    editor.post(f"/editor/votes/{vote_id}/edit", data={**VOTE, "yes": "1", "no": "1", "roll_call": "A: yes\nB: no"})
    change = db.execute("SELECT max(id) FROM change_log WHERE table_name = 'vote' AND op = 'update'").fetchone()[0]
    editor.post(f"/editor/changes/{change}/revert", follow_redirects=True)
    assert db.execute("SELECT yes, no FROM vote WHERE id = ?", [vote_id]).fetchone() == (2, 1)
    members = db.execute(
        "SELECT member_name, option FROM vote_member WHERE vote_id = ? ORDER BY member_name", [vote_id]
    )
    assert members.fetchall() == [("A", "yes"), ("B", "yes"), ("C", "no")]


@pytest.mark.parametrize(
    ("path", "data", "message"),
    [
        (
            "/editor/motions/{m}/hearings/new",
            {"date": "2018-04-16", "body": "x", "speakers_total": "9" * 20},
            "Enter a whole number",
        ),
        ("/editor/motions/new", {"city_id": "9" * 20, "title": "x", "kind": "motion"}, "Not a valid choice"),
        (
            "/editor/cities/new",
            {"name": "X", "state": "NC", "council_seats": "5", "lat": "NaN", "lon": "1"},
            "Enter a number.",
        ),
        (
            "/editor/cities/durham-nc/edit",
            {"name": "Durham", "state": "NC", "council_seats": "5", "slug": "durham-nc"},
            "A vote recorded here counted 6 members, so the council has at least 6 seats.",
        ),
    ],
)
def test_out_of_range_input_gets_a_message_not_an_error(as_role, durham_id, path, data, message):
    response = as_role("editor").post(path.format(m=durham_id), data=data)
    assert response.status_code == 200
    assert message in text(response)


@pytest.mark.parametrize(
    "path",
    [
        "/editor/motions/99999999999999999999",
        "/motions/99999999999999999999",
        "/editor/submissions/99999999999999999999",
    ],
)
def test_ids_beyond_sqlite_integers_are_not_found(as_role, path):
    assert as_role("editor").get(path).status_code == 404


def test_email_duplicates_are_caught_whatever_their_case_in_any_alphabet(as_role):
    admin = as_role("admin")
    form = {"role": "editor", "new_password": "a long enough passphrase", "confirm": "a long enough passphrase"}
    assert admin.post("/editor/users", data={**form, "email": "émile@example.org"}).status_code == 302
    refused = admin.post("/editor/users", data={**form, "email": "ÉMILE@example.org"})
    assert "already exists" in text(refused)


def test_sources_are_corrected_directly_by_editors_and_through_review_for_organizers(as_role, client, db):
    source_id = db.execute("SELECT id FROM source WHERE publisher = 'Police Magazine'").fetchone()[0]
    editor = as_role("editor")
    form = editor.get(f"/editor/sources/{source_id}/edit").get_data(as_text=True)
    assert "North Carolina City Prohibits Police Training Exchanges with Israel" in form
    data = {
        "title": "North Carolina city prohibits police training exchanges",
        "publisher": "Police Magazine",
        "url": "https://www.policemag.com/361892/north-carolina-city-prohibits-police-training-exchanges-with-israel",
    }
    response = editor.post(f"/editor/sources/{source_id}/edit?next=/editor/motions/1", data=data)
    assert response.headers["Location"] == "/editor/motions/1"
    assert "North Carolina city prohibits police training exchanges" in text(client.get("/motions/1"))
    taken = editor.post(
        f"/editor/sources/{source_id}/edit",
        data={**data, "url": "http://www.newsobserver.com/news/local/counties/durham-county/article207967584.html"},
    )
    assert "Another source already has this web address." in text(taken)
    organizer = as_role("organizer")
    sent = organizer.post(f"/editor/sources/{source_id}/edit", data={**data, "title": "Organizer's title"})
    assert sent.status_code == 302 and "/editor/submissions/" in sent.headers["Location"]
    assert "Organizer's title" not in text(client.get("/motions/1"))


def test_editors_see_private_speaker_names_organizers_do_not(as_role, db, durham_id):
    hearing_id = db.execute("SELECT id FROM hearing").fetchone()[0]
    records.add_testimony(db, hearing_id, {"speaker_name": "Private Person", "position": "support"})
    assert "Private Person name not public" in text(as_role("editor").get(f"/editor/motions/{durham_id}"))
    assert "Private Person" not in text(as_role("organizer").get(f"/editor/motions/{durham_id}"))


def test_the_editors_motion_page_lists_its_sources_in_the_body(as_role, durham_id):
    html = as_role("editor").get(f"/editor/motions/{durham_id}").get_data(as_text=True)
    title = html.split("<title>")[1].split("</title>")[0]
    assert title == "Statement by the Durham City Council on International Police Exchanges (editing) · tracker"
    body = html.split("<main")[1]
    assert "<h2>Sources</h2>" in body and "/editor/sources/" in body


@pytest.fixture
def submission(db, accounts, durham_id):
    """An organizer's pending submission of a new action on the Durham motion."""
    return records.submit(
        db,
        accounts["organizer"],
        "action",
        "create",
        "motion",
        durham_id,
        {"values": {"date": "2019-01-01", "classification": "deferred", "description": "x"}},
    )


@pytest.mark.parametrize("data", [{"decision": "approve"}, {"approve": "Approve"}])
def test_approval_is_read_from_the_decision_or_the_button(as_role, db, submission, data):
    assert as_role("editor").post(f"/editor/submissions/{submission}", data=data).status_code == 302
    assert db.execute("SELECT state FROM submission WHERE id = ?", [submission]).fetchone()[0] == "approved"


def test_a_post_with_no_decision_is_refused_with_a_message(as_role, db, submission):
    response = as_role("editor").post(f"/editor/submissions/{submission}", data={})
    assert "Choose Approve or Reject." in text(response)
    assert db.execute("SELECT state FROM submission WHERE id = ?", [submission]).fetchone()[0] == "pending"


def test_the_review_shows_the_new_facts_in_words(as_role, durham_id):
    organizer, editor = as_role("organizer"), as_role("editor")
    cited = organizer.post(
        f"/editor/motion/{durham_id}/sources/new",
        data={
            "field": "petition_signatures",
            "source_title": "Petition passes 1,400",
            "source_headline": "y",
            "source_note": "1,400 signatures",
        },
    )
    page = text(editor.get(cited.headers["Location"]))
    assert "(the title is its headline); it says: 1,400 signatures; it supports: Petition signatures" in page
    edit = organizer.get(f"/editor/motions/{durham_id}/edit")
    assert edit.status_code == 200
    changed = organizer.post(
        f"/editor/motions/{durham_id}/edit",
        data={
            "city_id": "1",
            "title": "Statement by the Durham City Council on International Police Exchanges",
            "kind": "statement",
            "aim": "keep",
            "body": "City Council",
        },
    )
    page = text(editor.get(changed.headers["Location"]))
    assert "Aim End or restrict exchanges Keep or endorse exchanges" in page


def test_the_queue_flows_from_one_pending_submission_to_the_next(as_role, db, durham_id):
    organizer, editor = as_role("organizer"), as_role("editor")
    sent = []
    for day in ("2019-05-01", "2019-05-02"):
        response = organizer.post(
            f"/editor/motions/{durham_id}/actions/new",
            data={"date": day, "classification": "event", "description": f"Report of {day}.", "source_title": "x"},
        )
        sent.append(int(response.headers["Location"].rsplit("/", 1)[1]))
    first = editor.post(f"/editor/submissions/{sent[0]}", data={"decision": "approve"})
    assert first.headers["Location"] == f"/editor/submissions/{sent[1]}"
    last = editor.post(f"/editor/submissions/{sent[1]}", data={"decision": "reject", "reason": "Duplicate."})
    assert last.headers["Location"] == "/editor/submissions?state=pending"
    queue = text(editor.get(last.headers["Location"]))
    assert "No pending submissions are left." in queue and "No pending submissions." in queue
    assert "No submissions yet" not in queue
    # Approving twice through the page applies nothing more.
    again = editor.post(f"/editor/submissions/{sent[0]}", data={"decision": "approve"}, follow_redirects=True)
    assert "already been reviewed" in text(again)
    assert db.execute("SELECT count(*) FROM action WHERE description = 'Report of 2019-05-01.'").fetchone()[0] == 1


def test_reject_does_not_look_like_approve(as_role, durham_id):
    organizer, editor = as_role("organizer"), as_role("editor")
    response = organizer.post(
        f"/editor/motions/{durham_id}/actions/new",
        data={"date": "2019-05-01", "classification": "event", "description": "A report.", "source_title": "x"},
    )
    html = editor.get(response.headers["Location"]).get_data(as_text=True)
    assert 'id="reject" name="reject" value="Reject" class="danger"' in html
    assert 'id="approve" name="approve" value="Approve">' in html


def test_submissions_are_listed_by_what_they_are_about(as_role, durham_id):
    organizer = as_role("organizer")
    organizer.post(
        f"/editor/motions/{durham_id}/actions/new",
        data={"date": "2019-05-01", "classification": "event", "description": "A report.", "source_title": "x"},
    )
    organizer.post("/editor/cities/new", data={"name": "Chapel Hill", "state": "NC", "council_seats": "9"})
    mine = text(organizer.get("/editor/submissions"))
    assert "New action on Statement by the Durham City Council on International Police Exchanges (Durham, NC)" in mine
    assert "New place: Chapel Hill, NC" in mine
    assert "#1: action" not in mine


def test_a_new_motion_under_review_names_its_place_and_says_when_it_goes_public(as_role):
    organizer, editor = as_role("organizer"), as_role("editor")
    assert "Published" not in text(organizer.get("/editor/motions/new"))  # not the organizer's to choose
    response = organizer.post(
        "/editor/motions/new",
        data={
            "city_id": "1",
            "title": "A new resolution",
            "kind": "resolution",
            "aim": "keep",
            "body": "City Council",
            "no_source": "y",
        },
    )
    page = text(editor.get(response.headers["Location"]))
    assert "Place Durham, NC" in page and "City 1" not in page
    assert "Aim Keep or endorse exchanges" in page
    assert "Published (visible to the public) Yes, once approved" in page


def test_an_organizers_new_fact_needs_a_source_or_says_it_has_none(as_role, db, durham_id):
    organizer, editor = as_role("organizer"), as_role("editor")
    data = {"date": "2019-05-01", "classification": "event", "description": "A report."}
    refused = organizer.post(f"/editor/motions/{durham_id}/actions/new", data=data)
    assert refused.status_code == 200
    assert "Give the source for this, or tick “I have no source yet”." in text(refused)
    assert db.execute("SELECT count(*) FROM submission").fetchone()[0] == 0
    sent = organizer.post(f"/editor/motions/{durham_id}/actions/new", data={**data, "no_source": "y"})
    review = editor.get(sent.headers["Location"])
    assert "No source: the organizer said they have no source for this yet." in text(review)
    assert 'class="notice no-source"' in review.get_data(as_text=True)
    # With a source, nothing to say.
    sourced = organizer.post(f"/editor/motions/{durham_id}/actions/new", data={**data, "source_title": "Minutes"})
    assert "No source" not in text(editor.get(sourced.headers["Location"]))


@pytest.mark.parametrize(
    ("path", "data", "warning"),
    [
        (
            "/editor/motions/{m}/actions/new",
            {"date": "2018-04-16", "classification": "passed", "description": "Adopted again?"},
            "This motion already has an action “Passed” on April 16, 2018.",
        ),
        (
            "/editor/motions/{m}/votes/new",
            {"date": "2018-04-16", "result": "pass", "yes": "6", "no": "0"},
            "This motion already has a vote “passed 6–0” on April 16, 2018.",
        ),
    ],
)
def test_a_possible_duplicate_is_questioned_before_it_is_added(as_role, db, durham_id, path, data, warning):
    editor = as_role("editor")
    url = path.format(m=durham_id)
    before = db.execute("SELECT count(*) FROM change_log").fetchone()[0]
    asked = editor.post(url, data=data)
    assert asked.status_code == 200 and warning in text(asked)
    assert "It is a separate" in text(asked)
    assert db.execute("SELECT count(*) FROM change_log").fetchone()[0] == before
    assert editor.post(url, data={**data, "separate": "y"}).status_code == 302


def test_a_new_place_and_its_first_motion_are_approved_in_one_round(as_role, client, db):
    organizer, editor = as_role("organizer"), as_role("editor")
    place = organizer.post(
        "/editor/cities/new", data={"name": "Chapel Hill", "state": "NC", "kind": "town", "council_seats": "9"}
    )
    place_submission = int(place.headers["Location"].rsplit("/", 1)[1])
    form = text(organizer.get("/editor/motions/new"))
    assert "Chapel Hill, NC (new, waiting for review)" in form
    motion = organizer.post(
        "/editor/motions/new",
        data={
            "city_id": str(-place_submission),
            "title": "Resolution on police exchanges",
            "kind": "resolution",
            "aim": "restrict",
            "body": "Town Council",
            "no_source": "y",
        },
    )
    motion_submission = int(motion.headers["Location"].rsplit("/", 1)[1])
    review = text(editor.get(f"/editor/submissions/{motion_submission}"))
    assert "Place Chapel Hill, NC (new: approving this motion approves the place too)" in review
    assert editor.post(f"/editor/submissions/{motion_submission}", data={"decision": "approve"}).status_code == 302
    states = dict(db.execute("SELECT id, state FROM submission").fetchall())
    assert states == {place_submission: "approved", motion_submission: "approved"}
    row = db.execute(
        "SELECT city.name, city.kind FROM motion JOIN city ON city.id = motion.city_id WHERE motion.title = ?",
        ["Resolution on police exchanges"],
    ).fetchone()
    assert row == ("Chapel Hill", "town")
    assert "Resolution on police exchanges" in text(client.get("/cities/chapel-hill-nc"))


def test_a_motion_in_a_rejected_place_is_refused_with_the_reason(as_role, db):
    organizer, editor = as_role("organizer"), as_role("editor")
    place = organizer.post("/editor/cities/new", data={"name": "Carrboro", "state": "NC", "council_seats": "7"})
    place_submission = int(place.headers["Location"].rsplit("/", 1)[1])
    motion = organizer.post(
        "/editor/motions/new",
        data={"city_id": str(-place_submission), "title": "A motion", "kind": "motion", "no_source": "y"},
    )
    motion_submission = int(motion.headers["Location"].rsplit("/", 1)[1])
    editor.post(f"/editor/submissions/{place_submission}", data={"decision": "reject", "reason": "No such body."})
    refused = editor.post(f"/editor/submissions/{motion_submission}", data={"decision": "approve"})
    assert "was rejected, so the motion cannot be added there" in text(refused)
    assert db.execute("SELECT state FROM submission WHERE id = ?", [motion_submission]).fetchone()[0] == "pending"


def test_an_approval_is_one_changeset_said_in_council_terms_and_reverts_whole(as_role, client, db, durham_id):
    organizer, editor = as_role("organizer"), as_role("editor")
    sent = organizer.post(
        f"/editor/motions/{durham_id}/actions/new",
        data={
            "date": "2019-05-01",
            "classification": "event",
            "description": "The commission reported.",
            "source_title": "Commission report",
            "source_publisher": "The Herald",
        },
    )
    submission = int(sent.headers["Location"].rsplit("/", 1)[1])
    editor.post(f"/editor/submissions/{submission}", data={"decision": "approve"})
    changeset_id, kind, summary = db.execute(
        "SELECT id, kind, summary FROM changeset WHERE submission_id = ?", [submission]
    ).fetchone()
    assert kind == "approval"
    assert summary == (
        "Added the action “Other event, May 1, 2019” on “Statement by the Durham City Council on International "
        "Police Exchanges” (Durham, NC); citing The Herald."
    )
    log = text(editor.get("/editor/changes"))
    assert summary in log and "Approval" in log
    # The confirmation says what will go; nothing changes until it is confirmed.
    confirm = text(editor.get(f"/editor/changesets/{changeset_id}/revert"))
    assert "Removes action" in confirm and "Removes citation" in confirm
    assert "The commission reported." in text(client.get(f"/motions/{durham_id}"))
    editor.post(f"/editor/changesets/{changeset_id}/revert")
    assert "The commission reported." not in text(client.get(f"/motions/{durham_id}"))
    assert (
        db.execute(
            "SELECT count(*) FROM citation WHERE source_id IN (SELECT id FROM source WHERE publisher = 'The Herald')"
        ).fetchone()[0]
        == 0
    )
    # Reverting the revert brings every row back, ids included, and the page is sourced again.
    revert_id = db.execute("SELECT id FROM changeset WHERE reverts = ?", [changeset_id]).fetchone()[0]
    editor.post(f"/editor/changesets/{revert_id}/revert")
    page = text(client.get(f"/motions/{durham_id}"))
    assert "The commission reported." in page and "The Herald" in page


def test_private_names_never_appear_in_the_change_log(as_role, db, durham_id):
    editor = as_role("editor")
    hearing = db.execute("SELECT id FROM hearing WHERE motion_id = ?", [durham_id]).fetchone()[0]
    editor.post(
        f"/editor/hearings/{hearing}/testimony/new",
        data={"speaker_name": "Wanda Private", "position": "support", "summary": "Spoke."},
    )
    log = text(editor.get("/editor/changes"))
    assert "Wanda" not in log and "(name not public)" in log
    assert "Added a testimony on" in log


def test_a_new_place_its_motion_and_a_sourced_action_are_approved_in_one_round(as_role, client, db):
    organizer, editor = as_role("organizer"), as_role("editor")
    place = organizer.post("/editor/cities/new", data={"name": "Carrboro", "state": "NC", "council_seats": "7"})
    place_id = int(place.headers["Location"].rsplit("/", 1)[1])
    motion = organizer.post(
        "/editor/motions/new",
        data={"city_id": str(-place_id), "title": "Carrboro resolution", "kind": "resolution", "no_source": "y"},
    )
    motion_id = int(motion.headers["Location"].rsplit("/", 1)[1])
    assert "Add an action to this motion" in text(organizer.get(motion.headers["Location"]))
    action = organizer.post(
        f"/editor/submissions/{motion_id}/actions/new",
        data={
            "date": "2021-03-01",
            "classification": "introduced",
            "description": "Introduced at the Town Council.",
            "source_title": "Town Council agenda",
        },
    )
    action_id = int(action.headers["Location"].rsplit("/", 1)[1])
    assert "New action on Carrboro resolution (new)" in text(organizer.get("/editor/submissions"))
    review = text(editor.get(f"/editor/submissions/{action_id}"))
    assert "On the motion Carrboro resolution (new: approving this action approves it too)" in review
    approved = editor.post(f"/editor/submissions/{action_id}", data={"decision": "approve"})
    assert approved.status_code == 302, text(approved)
    states = dict(db.execute("SELECT id, state FROM submission").fetchall())
    assert [states[i] for i in (place_id, motion_id, action_id)] == ["approved"] * 3
    page = text(client.get("/cities/carrboro-nc"))
    assert "Carrboro resolution" in page and "Introduced" in page
    # One changeset for the whole round.
    assert db.execute("SELECT count(*) FROM changeset WHERE kind = 'approval'").fetchone()[0] == 1


def test_an_action_on_a_motion_approved_first_still_finds_its_motion(as_role, db):
    organizer, editor = as_role("organizer"), as_role("editor")
    motion = organizer.post(
        "/editor/motions/new",
        data={"city_id": "1", "title": "Second Durham resolution", "kind": "resolution", "no_source": "y"},
    )
    motion_submission = int(motion.headers["Location"].rsplit("/", 1)[1])
    action = organizer.post(
        f"/editor/submissions/{motion_submission}/actions/new",
        data={"date": "2021-03-01", "classification": "introduced", "description": "Filed.", "no_source": "y"},
    )
    action_submission = int(action.headers["Location"].rsplit("/", 1)[1])
    first = editor.post(f"/editor/submissions/{motion_submission}", data={"decision": "approve"})
    assert first.headers["Location"] == f"/editor/submissions/{action_submission}"
    editor.post(f"/editor/submissions/{action_submission}", data={"decision": "approve"})
    status = db.execute("SELECT status FROM motion WHERE title = 'Second Durham resolution'").fetchone()[0]
    assert status == "introduced"


def test_reverting_a_three_part_approval_removes_the_place_its_motion_and_action(as_role, client, db):
    organizer, editor = as_role("organizer"), as_role("editor")
    place = organizer.post("/editor/cities/new", data={"name": "Carrboro", "state": "NC", "council_seats": "7"})
    place_id = int(place.headers["Location"].rsplit("/", 1)[1])
    motion = organizer.post(
        "/editor/motions/new",
        data={"city_id": str(-place_id), "title": "Carrboro resolution", "kind": "resolution", "source_title": "S"},
    )
    motion_id = int(motion.headers["Location"].rsplit("/", 1)[1])
    action = organizer.post(
        f"/editor/submissions/{motion_id}/actions/new",
        data={"date": "2021-03-01", "classification": "introduced", "description": "Filed.", "source_title": "T"},
    )
    action_id = int(action.headers["Location"].rsplit("/", 1)[1])
    editor.post(f"/editor/submissions/{action_id}", data={"decision": "approve"})
    changeset = db.execute("SELECT id FROM changeset WHERE kind = 'approval'").fetchone()[0]
    reverted = editor.post(f"/editor/changesets/{changeset}/revert", follow_redirects=True)
    assert "is reverted" in text(reverted), text(reverted)
    assert client.get("/cities/carrboro-nc").status_code == 404
