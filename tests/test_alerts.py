"""Email alerts with real parts: a real SMTP server (aiosmtpd), the editor's forms, `tracker send-alerts`."""

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from tracker import alerts, mail, records
from tracker import db as database
from tracker.cli import SiteLinks

from .conftest import make_app
from .mailserver import MailServer, body, link

SITE = "http://tracker.test"
NOW = datetime(2030, 3, 4, 12, 0, tzinfo=UTC)


@pytest.fixture
def smtp():
    """A real SMTP server on a free port, stopped afterwards."""
    server = MailServer()
    yield server
    server.stop()


def alert_config(server):
    """The settings that turn alerts on, sending through server."""
    return {"SMTP_URL": server.url, "MAIL_FROM": "alerts@tracker.test", "SITE_URL": SITE}


@pytest.fixture
def alerts_app(app, smtp):
    """The seeded app with alerts on, sending through the test SMTP server."""
    app.config.update(alert_config(smtp))
    return app


def send(app):
    """Run `tracker send-alerts`; return its output."""
    result = app.test_cli_runner().invoke(args=["send-alerts"])
    assert result.exit_code == 0, result.output
    return result.output


def post_subscribe(client, address="reader@example.net", frequency="immediate", **target):
    """Post the subscribe form."""
    return client.post("/alerts/subscribe", data={"email": address, "frequency": frequency, **target})


def add_action(editor, motion_id, description, classification="event", date="2025-03-01"):
    """Add an action through the editor's form, as an editor does."""
    response = editor.post(
        f"/editor/motions/{motion_id}/actions/new",
        data={"date": date, "classification": classification, "description": description, "no_source": "y"},
    )
    assert response.status_code == 302, response.get_data(as_text=True)


def subscribed(db, address):
    """How many rows hold the address (subscriptions and subscribe requests)."""
    return (
        db.execute("SELECT count(*) FROM alert_subscription WHERE email = ?", [address]).fetchone()[0]
        + db.execute("SELECT count(*) FROM alert_attempt WHERE email = ?", [address]).fetchone()[0]
    )


def confirmed_follower(db, address, frequency="immediate", city_id=None, motion_id=None):
    """Subscribe and confirm an address directly; return its token."""
    alerts.subscribe(db, address, frequency, city_id, motion_id, "192.0.2.1", now=NOW)
    token = db.execute("SELECT token FROM alert_subscription WHERE email = ?", [address]).fetchone()[0]
    alerts.confirm(db, token)
    db.execute("UPDATE alert_delivery SET state = 'sent' WHERE kind = 'confirm'")  # the confirmations went out
    return token


def test_the_walk_through_subscribe_confirm_alert_unsubscribe(alerts_app, smtp, as_role, db, durham_id):
    visitor = alerts_app.test_client()
    editor = as_role("editor")
    # The measure's page links to the form; the form page holds it.
    assert f"/alerts/subscribe?motion={durham_id}" in visitor.get(f"/motions/{durham_id}").get_data(as_text=True)
    assert 'name="email"' in visitor.get(f"/alerts/subscribe?motion={durham_id}").get_data(as_text=True)
    answer = post_subscribe(visitor, motion=durham_id)
    assert answer.status_code == 200 and "Check your email" in answer.get_data(as_text=True)

    send(alerts_app)
    [confirmation] = smtp.messages
    assert confirmation["To"] == "reader@example.net"
    assert confirmation["Subject"] == "Confirm your tracker alerts"

    # Before confirming, a change sends nothing.
    add_action(editor, durham_id, "Before confirmation: a report to the council.")
    send(alerts_app)
    assert len(smtp.messages) == 1

    confirm_path = link(confirmation, "/alerts/confirm/")
    assert visitor.get(confirm_path).status_code == 200
    done = visitor.post(confirm_path, follow_redirects=True)
    assert "Confirmed: your alerts are on." in done.get_data(as_text=True)

    add_action(editor, durham_id, "The council heard the city manager's report.", date="2025-03-02")
    send(alerts_app)
    assert len(smtp.messages) == 2
    alert = smtp.messages[1]
    text = body(alert)
    assert alert["To"] == "reader@example.net"
    assert alert["Subject"].startswith("Durham, NC: Other event on March 2, 2025")
    assert "New step on March 2, 2025: Other event." in text
    assert "The council heard the city manager's report." in text
    assert f"{SITE}/motions/{durham_id}" in text
    assert "Source: " in text  # the measure's own sources, since the action cites none
    assert "Before confirmation" not in text
    unsubscribe_path = link(alert, "/alerts/unsubscribe/")
    assert alert["List-Unsubscribe"].strip() == f"<{SITE}{unsubscribe_path}>"
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # As the mail program reads it: one plain line, not folded or encoded.
    assert f"\r\nList-Unsubscribe: <{SITE}{unsubscribe_path}>\r\n".encode() in smtp.handler.raw[1]
    assert "Status:" not in text  # an event leaves the status as it was
    assert max(len(line) for line in smtp.handler.raw[1].split(b"\r\n\r\n", 1)[1].splitlines()) <= 76

    # One click from a mail program: a POST with no session and no CSRF token, on an app that checks CSRF.
    mail_program = make_app(alerts_app.config["DATABASE"], WTF_CSRF_ENABLED=True, **alert_config(smtp)).test_client()
    response = mail_program.post(unsubscribe_path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "The address is deleted" in response.get_data(as_text=True)
    assert subscribed(db, "reader@example.net") == 0
    assert db.execute("SELECT count(*) FROM alert_delivery").fetchone()[0] == 0

    add_action(editor, durham_id, "After unsubscribing: another report.", date="2025-03-03")
    send(alerts_app)
    assert len(smtp.messages) == 2


def test_a_vote_with_a_status_change_is_one_alert_in_council_terms(alerts_app, smtp, db, durham_id):
    confirmed_follower(db, "follower@example.net", motion_id=durham_id)
    from tracker import records

    records.add_action(db, durham_id, {"date": "2025-03-01", "classification": "failed", "description": "Voted down."})
    records.add_vote(db, durham_id, {"date": "2025-03-01", "result": "fail", "yes": 2, "no": 5})
    send(alerts_app)
    texts = [body(m) for m in smtp.messages]
    assert len(texts) == 2  # the action (with its status change) and the vote; no third email for the status
    assert "Status: Failed (was Passed): " in texts[0]
    assert "Status:" not in texts[1]
    assert "Vote on March 1, 2025: failed 2–5 (2 yes, 5 no)." in texts[1]


def test_stopping_the_smtp_server_mid_batch_loses_nothing_and_sends_nothing_twice(app, db, durham_id):
    for n in range(5):
        confirmed_follower(db, f"reader{n}@example.net")
    from tracker import records

    records.add_action(db, durham_id, {"date": "2025-03-01", "classification": "event", "description": "A report."})
    first = MailServer(accept=2)
    site = SiteLinks(SITE, "test-secret")
    try:
        settings = mail.settings(alert_config(first))
        outcome = alerts.send_alerts(db, settings, site, now=NOW)
    finally:
        first.stop()
    assert len(first.messages) == 2
    assert outcome["sent"] == 2 and outcome["waiting"] == 3
    states = db.execute(
        "SELECT state, attempts, last_error IS NOT NULL FROM alert_delivery WHERE kind = 'alert' ORDER BY id"
    ).fetchall()
    assert [s[0] for s in states] == ["sent", "sent", "queued", "queued", "queued"]
    assert states[2][1:] == (1, 1)  # the one refused waits for a retry; the rest were not tried

    second = MailServer()
    try:
        settings = mail.settings(alert_config(second))
        # Too early for the retry: only the untried ones go now; an hour later the refused one follows.
        alerts.send_alerts(db, settings, site, now=NOW + timedelta(seconds=1))
        assert len(second.messages) == 2
        alerts.send_alerts(db, settings, site, now=NOW + timedelta(hours=1))
        alerts.send_alerts(db, settings, site, now=NOW + timedelta(hours=2))
    finally:
        second.stop()
    received = sorted(m["To"] for m in first.messages + second.messages)
    assert received == [f"reader{n}@example.net" for n in range(5)]
    assert db.execute("SELECT count(*) FROM alert_delivery WHERE state != 'sent'").fetchone()[0] == 0


def test_a_failed_send_waits_longer_each_time(app, db, durham_id):
    confirmed_follower(db, "reader@example.net")
    from tracker import records

    records.add_action(db, durham_id, {"date": "2025-03-01", "classification": "event", "description": "A report."})
    site = SiteLinks(SITE, "test-secret")
    # Nothing listens on this port: every attempt fails.
    from .mailserver import free_port

    settings = mail.settings({"SMTP_URL": f"smtp://127.0.0.1:{free_port()}", "MAIL_FROM": "a@b.org", "SITE_URL": SITE})
    moment, waits = NOW, []
    for _ in range(3):
        alerts.send_alerts(db, settings, site, now=moment)
        due = datetime.fromisoformat(
            db.execute("SELECT next_attempt_at FROM alert_delivery WHERE kind = 'alert'")
            .fetchone()[0]
            .replace("Z", "+00:00")
        )
        waits.append((due - moment).total_seconds())
        moment = due
    assert waits == [60, 120, 240]
    assert db.execute("SELECT state, attempts FROM alert_delivery WHERE kind = 'alert'").fetchone() == ("queued", 3)


def test_a_daily_digest_holds_the_days_changes_and_leaves_after_the_day(alerts_app, smtp, db, durham_id):
    confirmed_follower(db, "daily@example.net", frequency="daily")
    from tracker import records

    for description in ("First report.", "Second report."):
        records.add_action(db, durham_id, {"date": "2025-03-01", "classification": "event", "description": description})
    day = datetime.now(UTC).replace(hour=12)
    settings, site = mail.settings(alerts_app.config), SiteLinks(SITE, "test-secret")
    alerts.send_alerts(db, settings, site, now=day)
    assert smtp.messages == []
    alerts.send_alerts(db, settings, site, now=day + timedelta(days=1))
    [digest] = smtp.messages
    assert digest["Subject"].startswith("2 changes on ")
    assert "First report." in body(digest) and "Second report." in body(digest)


def test_the_answer_is_the_same_for_a_new_a_waiting_and_a_confirmed_address(alerts_app, db, durham_id):
    client = alerts_app.test_client()
    new = post_subscribe(client, "new@example.net", motion=durham_id).get_data(as_text=True)
    waiting = post_subscribe(client, "new@example.net", motion=durham_id).get_data(as_text=True)
    confirmed_follower(db, "old@example.net", motion_id=durham_id)
    existing = post_subscribe(client, "old@example.net", motion=durham_id).get_data(as_text=True)
    assert new == waiting == existing
    # A confirmed address is sent no second confirmation.
    assert (
        db.execute(
            "SELECT count(*) FROM alert_delivery JOIN alert_subscription ON alert_subscription.id = subscription_id "
            "WHERE email = 'old@example.net' AND state = 'queued'"
        ).fetchone()[0]
        == 0
    )


def test_confirmation_emails_are_limited_per_address_and_posts_per_client(alerts_app, db):
    client = alerts_app.test_client()
    for _ in range(5):
        assert post_subscribe(client, "target@example.net").status_code == 200
    assert db.execute("SELECT count(*) FROM alert_delivery WHERE kind = 'confirm'").fetchone()[0] == 3
    busy = alerts_app.test_client()
    busy.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    answers = [post_subscribe(busy, f"r{n}@example.net") for n in range(21)]
    assert [a.status_code for a in answers] == [200] * 20 + [429]
    assert answers[-1].get_data(as_text=True) == answers[0].get_data(as_text=True)
    assert db.execute("SELECT count(*) FROM alert_subscription WHERE email = 'r20@example.net'").fetchone() == (0,)


def test_bad_input_gets_a_clear_message(alerts_app):
    client = alerts_app.test_client()
    answer = post_subscribe(client, "not an address")
    assert answer.status_code == 200 and "Enter one email address like name@example.org." in answer.get_data(
        as_text=True
    )
    assert 'value="not an address"' in answer.get_data(as_text=True)
    assert client.get("/alerts/subscribe?place=nowhere-xx").status_code == 404
    assert client.get("/alerts/subscribe?motion=99999").status_code == 404
    assert client.get("/alerts/confirm/forged").status_code == 404
    assert client.get("/alerts/manage/unknown-token").status_code == 404


def test_a_confirmation_link_expires(alerts_app):
    signed = alerts.confirm_link_token("test-secret", "a-token")
    assert alerts.read_confirm_link("test-secret", signed) == "a-token"
    assert alerts.read_confirm_link("test-secret", signed, max_age=-1) is None
    assert alerts.read_confirm_link("another-secret", signed) is None


def test_the_manage_page_changes_how_often(alerts_app, db):
    token = confirmed_follower(db, "reader@example.net")
    client = alerts_app.test_client()
    page = client.get(f"/alerts/manage/{token}").get_data(as_text=True)
    assert "every place and measure" in page
    subscription = db.execute("SELECT id FROM alert_subscription").fetchone()[0]
    client.post(f"/alerts/manage/{token}", data={"subscription": subscription, "frequency": "daily"})
    assert db.execute("SELECT frequency FROM alert_subscription").fetchone() == ("daily",)
    # Another address's subscription cannot be changed with this token.
    other = confirmed_follower(db, "other@example.net", city_id=1)
    other_id = db.execute("SELECT id FROM alert_subscription WHERE token = ?", [other]).fetchone()[0]
    response = client.post(f"/alerts/manage/{token}", data={"subscription": other_id, "frequency": "daily"})
    assert response.status_code == 404


def test_without_smtp_settings_no_page_offers_alerts(client, durham_id):
    for path in ("/", "/cities/durham-nc", f"/motions/{durham_id}"):
        assert "/alerts/subscribe" not in client.get(path).get_data(as_text=True)
    assert client.get("/alerts/subscribe").status_code == 404


def test_pages_offering_alerts_stay_shared_and_cacheable(alerts_app, durham_id):
    client = alerts_app.test_client()
    for path in ("/", "/cities/durham-nc", f"/motions/{durham_id}"):
        response = client.get(path)
        assert "/alerts/subscribe" in response.get_data(as_text=True)
        assert "Set-Cookie" not in response.headers and "csrf_token" not in response.get_data(as_text=True)
        assert response.headers["Cache-Control"].startswith("public")


@pytest.mark.parametrize(
    "setting",
    [{"SMTP_URL": "http://host"}, {"SMTP_URL": "smtp://host:25"}, {"SMTP_HOST": "host", "SMTP_PORT": "x"}],
)
def test_unusable_smtp_settings_are_refused_at_start(tmp_path, setting):
    with pytest.raises(ValueError, match="TRACKER_"):
        make_app(tmp_path / "t.db", **setting)


def test_smtp_settings_in_parts_and_as_a_url(tmp_path):
    common = {"MAIL_FROM": "a@b.org", "SITE_URL": SITE}
    url = mail.settings({"SMTP_URL": "smtp://me:p%40ss@mail.example.org:587?starttls=1", **common})
    assert (url.host, url.port, url.user, url.password, url.starttls) == ("mail.example.org", 587, "me", "p@ss", True)
    parts = mail.settings({"SMTP_HOST": "mail.example.org", "SMTP_PORT": "2525", "SMTP_STARTTLS": "0", **common})
    assert (parts.host, parts.port, parts.user, parts.starttls) == ("mail.example.org", 2525, None, False)


def fetched(client, path):
    """The body of a GET, its response closed (file downloads hold their file open until then)."""
    response = client.get(path)
    try:
        return response.get_data()
    finally:
        response.close()


def test_addresses_never_leave_the_site(alerts_app, as_role, db, durham_id, tmp_path):
    address = "private.person@example.net"
    confirmed_follower(db, address, city_id=1)
    editor = as_role("admin")
    add_action(editor, durham_id, "A change after subscribing.")
    client = alerts_app.test_client()
    public_db = fetched(client, "/exports/tracker.db")
    assert address.encode() not in public_db
    copy = tmp_path / "public.db"
    copy.write_bytes(public_db)
    conn = sqlite3.connect(copy)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert not any(name.startswith("alert_") for name in tables)
    for path in (
        "/api/v1/cities/durham-nc",
        f"/api/v1/motions/{durham_id}",
        "/api/v1/motions",
        "/exports/motions.csv",
        "/exports/votes.csv",
        "/exports/cities.geojson",
        "/feed.atom",
    ):
        assert address.encode() not in fetched(client, path), path
    for path in ("/editor/", "/editor/changes", "/editor/users", f"/editor/motions/{durham_id}/edit"):
        assert address not in editor.get(path).get_data(as_text=True), path
    # What an admin sees: a count per place; an editor not even that.
    assert "Durham, NC</a>: 1 confirmed" in editor.get("/editor/").get_data(as_text=True)
    assert "Email alert subscribers" not in as_role("editor").get("/editor/").get_data(as_text=True)


def test_a_motion_followed_can_still_be_deleted_by_a_revert(app, db):
    from tracker import records

    motion_id = records.create_motion(db, {"city_id": 1, "kind": "resolution", "title": "A new one", "published": 1})
    confirmed_follower(db, "reader@example.net", motion_id=motion_id)
    with database.transaction(db):
        db.execute("DELETE FROM motion_fts WHERE rowid = ?", [motion_id])
        db.execute("DELETE FROM motion WHERE id = ?", [motion_id])
    assert subscribed(db, "reader@example.net") == 1  # the subscription went with it; the request stays a day


def test_subscribing_needs_the_forms_csrf_token(app, smtp, db):
    client = make_app(app.config["DATABASE"], WTF_CSRF_ENABLED=True, **alert_config(smtp)).test_client()
    assert post_subscribe(client).status_code == 400
    assert db.execute("SELECT count(*) FROM alert_subscription").fetchone() == (0,)


def test_the_outbox_holds_only_published_changes_that_were_saved(app, db, durham_id):
    from tracker import records

    before = db.execute("SELECT count(*) FROM alert_event").fetchone()[0]
    # A vote over the council's seats is refused: its transaction, outbox row included, is rolled back.
    with pytest.raises(sqlite3.IntegrityError):
        records.add_vote(db, durham_id, {"date": "2025-03-01", "result": "pass", "yes": 500})
    hidden = records.create_motion(db, {"city_id": 1, "kind": "resolution", "title": "Not public yet", "published": 0})
    records.add_action(db, hidden, {"date": "2025-03-01", "classification": "introduced", "description": "Filed."})
    assert db.execute("SELECT count(*) FROM alert_event").fetchone()[0] == before
    records.add_action(db, durham_id, {"date": "2025-03-01", "classification": "event", "description": "Saved."})
    assert db.execute("SELECT kind FROM alert_event WHERE id > 0 ORDER BY id DESC LIMIT 1").fetchone() == ("action",)


def test_a_status_change_is_told_with_the_step_that_made_it_only(alerts_app, smtp, db, durham_id):
    confirmed_follower(db, "follower@example.net", motion_id=durham_id)
    from tracker import records

    # Two saves within the same second: the status change belongs to the first alone.
    records.add_action(db, durham_id, {"date": "2025-03-01", "classification": "deferred", "description": "Tabled."})
    records.add_action(db, durham_id, {"date": "2025-03-02", "classification": "event", "description": "A report."})
    send(alerts_app)
    first, second = (body(m) for m in smtp.messages)
    assert "Status: Deferred (was Passed): " in first
    assert "A report." in second and "Status:" not in second


def test_the_manage_page_stops_one_subscription_and_the_last_deletes_the_address(alerts_app, db, durham_id):
    first = confirmed_follower(db, "reader@example.net", city_id=1)
    alerts.subscribe(db, "reader@example.net", "daily", None, durham_id, "192.0.2.1")
    ids = [r[0] for r in db.execute("SELECT id FROM alert_subscription ORDER BY id")]
    client = alerts_app.test_client()
    # Another address's subscription is out of this token's reach.
    confirmed_follower(db, "other@example.net")
    other_id = db.execute("SELECT id FROM alert_subscription WHERE email = 'other@example.net'").fetchone()[0]
    client.post(f"/alerts/manage/{first}", data={"remove": other_id})
    assert subscribed(db, "other@example.net") == 2  # its subscription and its request
    response = client.post(f"/alerts/manage/{first}", data={"remove": ids[0]})
    assert response.status_code == 303
    assert [r[0] for r in db.execute("SELECT id FROM alert_subscription WHERE email = 'reader@example.net'")] == [
        ids[1]
    ]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Statement by the Durham" in page and "Durham, NC</a>" not in page
    left = db.execute("SELECT token FROM alert_subscription WHERE email = 'reader@example.net'").fetchone()[0]
    done = client.post(f"/alerts/manage/{left}", data={"remove": ids[1]})
    assert "The address is deleted" in done.get_data(as_text=True)
    assert subscribed(db, "reader@example.net") == 0


@pytest.mark.parametrize("raw", ["%C2%B2", "%EF%BC%91", "9" * 5000, "abc"])
def test_a_measure_number_that_cannot_be_read_is_not_found(alerts_app, raw):
    assert alerts_app.test_client().get(f"/alerts/subscribe?motion={raw}").status_code == 404


def test_incomplete_mail_settings_are_refused_at_start(tmp_path):
    with pytest.raises(mail.MailSettingsError, match="TRACKER_SITE_URL"):
        make_app(tmp_path / "t.db", SMTP_URL="smtp://127.0.0.1:2525", MAIL_FROM="alerts@tracker.test")


@pytest.mark.parametrize(
    "address", ["a,victim@example.org", "Bob <victim@example.org>", "victim@example.org,", "İ" * 200 + "@example.org"]
)
def test_only_one_bare_address_is_taken(alerts_app, db, address):
    answer = post_subscribe(alerts_app.test_client(), address)
    assert answer.status_code == 200 and "Enter one email address like name@example.org." in answer.get_data(
        as_text=True
    )
    assert db.execute("SELECT count(*) FROM alert_subscription").fetchone()[0] == 0


def test_a_title_with_a_line_break_holds_back_no_other_email(alerts_app, smtp, db, durham_id):
    confirmed_follower(db, "first@example.net", motion_id=durham_id)
    db.execute("UPDATE motion SET title = 'Two' || char(10) || 'lines' WHERE id = ?", [durham_id])
    records.add_action(db, durham_id, {"date": "2025-03-01", "classification": "event", "description": "Met."})
    confirmed_follower(db, "second@example.net")  # follows everything
    records.add_action(db, durham_id, {"date": "2025-03-02", "classification": "event", "description": "Again."})
    send(alerts_app)
    subjects = [m["Subject"] for m in smtp.messages]
    assert subjects and all("\n" not in s for s in subjects), subjects
    assert any("Two lines" in s for s in subjects)


def test_addresses_never_confirmed_are_deleted_once_their_link_has_expired(alerts_app, db):
    alerts.subscribe(db, "late@example.net", "immediate", None, None, "192.0.2.1", now=NOW)
    alerts.forget_unconfirmed(db, now=NOW + timedelta(hours=47))
    assert subscribed(db, "late@example.net") > 0
    alerts.forget_unconfirmed(db, now=NOW + timedelta(hours=49))
    assert db.execute("SELECT count(*) FROM alert_subscription WHERE email = 'late@example.net'").fetchone()[0] == 0


def test_a_password_never_crosses_the_network_unencrypted_nor_reaches_an_error(tmp_path):
    with pytest.raises(mail.MailSettingsError, match="encrypted connection"):
        mail.settings({"SMTP_URL": "smtp://me:secret@mail.example.org:587", "MAIL_FROM": "a@b.org", "SITE_URL": SITE})
    with pytest.raises(mail.MailSettingsError) as refused:
        mail.settings({"SMTP_URL": "smtps://me:secret@mail.example.org:465", "MAIL_FROM": "a@b.org", "SITE_URL": SITE})
    assert "secret" not in str(refused.value)


def test_a_status_changed_by_correcting_an_older_action_is_told(alerts_app, smtp, db, durham_id):
    confirmed_follower(db, "reader@example.net", motion_id=durham_id)
    action = records.add_action(db, durham_id, {"date": "2025-03-01", "classification": "event", "description": "Met."})
    send(alerts_app)
    before = len(smtp.messages)
    records.update_part(db, "action", action, {"classification": "withdrawn"})
    send(alerts_app)
    assert len(smtp.messages) == before + 1
    assert "Withdrawn" in body(smtp.messages[-1])


def test_a_server_down_for_days_never_makes_an_alert_fail(app, db, durham_id):
    from .mailserver import free_port

    confirmed_follower(db, "reader@example.net")
    records.add_action(db, durham_id, {"date": "2025-03-01", "classification": "event", "description": "A report."})
    settings = mail.settings({"SMTP_URL": f"smtp://127.0.0.1:{free_port()}", "MAIL_FROM": "a@b.org", "SITE_URL": SITE})
    moment = NOW
    for _ in range(alerts.MAX_ATTEMPTS + 3):
        alerts.send_alerts(db, settings, SiteLinks(SITE, "test-secret"), now=moment)
        moment += timedelta(days=1)
    assert db.execute("SELECT state FROM alert_delivery WHERE kind = 'alert'").fetchone()[0] == "queued"


def test_two_runs_of_send_alerts_never_overlap(alerts_app):
    import fcntl

    path = f"{alerts_app.config['DATABASE']}.alerts.lock"
    with open(path, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = alerts_app.test_cli_runner().invoke(args=["send-alerts"])
    assert result.exit_code == 1 and "Another send-alerts is running" in result.output
    send(alerts_app)  # once the other is done, it runs


def test_an_email_never_names_a_measure_unpublished_since(alerts_app, smtp, db, durham_id):
    post_subscribe(alerts_app.test_client(), motion=str(durham_id))
    title = db.execute("SELECT title FROM motion WHERE id = ?", [durham_id]).fetchone()[0]
    records.update_motion(db, durham_id, {"published": 0})
    send(alerts_app)
    [confirmation] = smtp.messages
    assert title not in body(confirmation) and "a measure in Durham, NC" in body(confirmation)


def test_an_address_following_a_measure_its_place_and_everything_hears_of_a_change_once(
    alerts_app, smtp, db, durham_id
):
    city_id = db.execute("SELECT city_id FROM motion WHERE id = ?", [durham_id]).fetchone()[0]
    for target in ({"motion_id": durham_id}, {"city_id": city_id}, {}):
        alerts.subscribe(
            db, "keen@example.net", "immediate", target.get("city_id"), target.get("motion_id"), "192.0.2.1", now=NOW
        )
    for (token,) in db.execute("SELECT token FROM alert_subscription").fetchall():
        alerts.confirm(db, token)
    db.execute("UPDATE alert_delivery SET state = 'sent' WHERE kind = 'confirm'")
    records.add_action(db, durham_id, {"date": "2025-03-01", "classification": "event", "description": "Met."})
    send(alerts_app)
    alerts_sent = [m for m in smtp.messages if "Met." in body(m)]
    assert len(alerts_sent) == 1
    assert "You follow the measure" in body(alerts_sent[0])


def test_the_client_limit_counts_an_ipv6_clients_whole_64(alerts_app, db):
    for n in range(alerts.ADDRESS_LIMIT):
        alerts.subscribe(db, f"r{n}@example.net", "immediate", None, None, f"2001:db8:1:2::{n + 1:x}", now=NOW)
    assert alerts.subscribe(db, "one@example.net", "immediate", None, None, "2001:db8:1:2:ffff::9", now=NOW) == (
        "address-limit"
    )
    assert alerts.subscribe(db, "two@example.net", "immediate", None, None, "2001:db8:1:3::1", now=NOW) == "ok"
