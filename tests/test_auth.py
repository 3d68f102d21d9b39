"""Accounts: login, the generic error, throttling, sessions ending, safe redirects, no default account."""

import time

import pytest

from tracker import auth, records
from tracker import db as database

from .conftest import EMAILS, PASSWORD, log_in, make_app


def test_a_new_database_has_no_account(empty_db):
    assert empty_db.execute("SELECT count(*) FROM user").fetchone()[0] == 0


def test_passwords_are_stored_as_argon2id_hashes(db, accounts):
    stored = db.execute("SELECT password_hash FROM user WHERE id = ?", [accounts["editor"]]).fetchone()[0]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_logging_in_leads_to_the_dashboard(app, accounts):
    client = app.test_client()
    response = log_in(client, "editor")
    assert response.status_code == 302 and response.headers["Location"] == "/editor/"
    page = client.get("/editor/").get_data(as_text=True)
    assert "Logged in as editor@example.org" in page


def test_emails_are_matched_whatever_their_case(app, accounts):
    assert log_in(app.test_client(), "EDITOR@Example.ORG").status_code == 302


@pytest.mark.parametrize(
    ("email", "password"), [("editor@example.org", "wrong password here"), ("nobody@example.org", PASSWORD)]
)
def test_an_unknown_account_and_a_wrong_password_get_the_same_answer(app, accounts, email, password):
    response = log_in(app.test_client(), email, password)
    assert response.status_code == 200
    assert "The email address or password is not right." in response.get_data(as_text=True)


def test_a_deactivated_account_cannot_log_in_and_its_sessions_end(app, accounts, db):
    client = app.test_client()
    log_in(client, "organizer")
    records.set_account(db, accounts["organizer"], {"active": 0})
    assert client.get("/editor/").status_code == 302
    response = log_in(app.test_client(), "organizer")
    assert "The email address or password is not right." in response.get_data(as_text=True)


def test_login_starts_a_fresh_session(app, accounts):
    client = app.test_client()
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    log_in(client, "editor")
    with client.session_transaction() as session:
        assert "planted" not in session


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/editor/changes", "/editor/changes"),
        ("https://evil.example/", "/editor/"),
        ("//evil.example/", "/editor/"),
        ("/\\evil.example", "/editor/"),
        ("javascript:alert(1)", "/editor/"),
        ("", "/editor/"),
    ],
)
def test_next_only_leads_to_pages_of_this_site(app, accounts, next_url, expected):
    response = app.test_client().post(
        "/auth/login", query_string={"next": next_url}, data={"email": EMAILS["editor"], "password": PASSWORD}
    )
    assert response.headers["Location"] == expected


def fail(client, email="editor@example.org", times=1):
    """Make failed login attempts."""
    for _ in range(times):
        assert log_in(client, email, "not the password at all").status_code == 200


def test_ten_failures_lock_the_account_even_against_the_right_password(app, accounts):
    client = app.test_client()
    fail(client, times=10)
    response = log_in(client, "editor")
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 15 * 60
    assert "Too many failed attempts" in response.get_data(as_text=True)
    # Other accounts are not locked out.
    assert log_in(app.test_client(), "organizer").status_code == 302


def log_in_from(client, address, role="admin", password=PASSWORD):
    """Log a client in from a given address; return the response."""
    data = {"email": EMAILS.get(role, role), "password": password}
    return client.post("/auth/login", data=data, environ_base={"REMOTE_ADDR": address})


def test_failures_from_one_address_do_not_lock_the_account_out_elsewhere(app, accounts):
    attacker = app.test_client()
    for _ in range(auth.PAIR_LIMIT):
        assert log_in_from(attacker, "203.0.113.7", password="not the password at all").status_code == 200
    assert log_in_from(attacker, "203.0.113.7").status_code == 429
    assert log_in_from(app.test_client(), "198.51.100.2").status_code == 302


def test_the_owners_login_elsewhere_does_not_reset_an_attackers_count(app, accounts):
    attacker = app.test_client()
    for _ in range(auth.PAIR_LIMIT - 1):
        log_in_from(attacker, "203.0.113.7", password="not the password at all")
    assert log_in_from(app.test_client(), "198.51.100.2").status_code == 302
    log_in_from(attacker, "203.0.113.7", password="not the password at all")
    assert log_in_from(attacker, "203.0.113.7").status_code == 429


def test_the_owner_on_a_known_device_is_slowed_not_locked(app, accounts, monkeypatch):
    waits = []
    monkeypatch.setattr(auth, "pause", waits.append)
    laptop = app.test_client()
    assert log_in_from(laptop, "203.0.113.7").status_code == 302
    cookie = laptop.get_cookie(auth.DEVICE_COOKIE, path="/auth/")
    assert cookie.http_only and cookie.same_site == "Lax" and cookie.max_age > 30 * 24 * 3600
    laptop.post("/auth/logout")
    # Someone at the same address (a shared office, or every client behind one proxy) tries admin's password.
    for _ in range(auth.PAIR_LIMIT):
        assert log_in_from(app.test_client(), "203.0.113.7", password="wrong guess number").status_code == 200
    stranger = log_in_from(app.test_client(), "203.0.113.7")
    assert stranger.status_code == 429 and int(stranger.headers["Retry-After"]) > 0
    # The owner's own browser still logs in, after a wait that grew with the failures (capped).
    waits.clear()
    assert log_in_from(laptop, "203.0.113.7").status_code == 302
    assert waits == [app.config["LOGIN_DELAY_MAX"]]


def test_a_known_device_of_one_account_does_not_unlock_another(app, accounts):
    client = app.test_client()
    assert log_in_from(client, "203.0.113.7", "organizer").status_code == 302
    client.post("/auth/logout")
    for _ in range(auth.PAIR_LIMIT):
        log_in_from(client, "203.0.113.7", password="wrong guess number")
    assert log_in_from(client, "203.0.113.7").status_code == 429


def test_a_forged_device_cookie_counts_for_nothing(app, accounts):
    client = app.test_client()
    forged = auth.URLSafeTimedSerializer("another key", salt="tracker.known-device").dumps(accounts["admin"])
    client.set_cookie(auth.DEVICE_COOKIE, forged, path="/auth/")
    for _ in range(auth.PAIR_LIMIT):
        log_in_from(client, "203.0.113.7", password="wrong guess number")
    assert log_in_from(client, "203.0.113.7").status_code == 429


@pytest.mark.parametrize(("failures", "expected"), [(0, 0), (3, 0), (4, 0.25), (5, 0.5), (7, 2), (8, 4), (50, 4)])
def test_the_wait_on_a_known_device_grows_with_failures_up_to_the_setting(app, failures, expected):
    with app.app_context():
        assert auth.login_delay(failures) == expected


def test_the_lock_survives_a_restart_and_lifts_when_the_window_passes(app, accounts, db):
    fail(app.test_client(), times=10)
    restarted = make_app(app.config["DATABASE"])
    assert log_in(restarted.test_client(), "editor").status_code == 429
    db.execute("UPDATE login_attempt SET at = at - 15 * 60")
    assert log_in(restarted.test_client(), "editor").status_code == 302


def test_nine_failures_then_the_right_password_logs_in_and_clears_the_count(app, accounts, db):
    client = app.test_client()
    fail(client, times=9)
    assert log_in(client, "editor").status_code == 302
    assert db.execute("SELECT count(*) FROM login_attempt WHERE email = ?", [EMAILS["editor"]]).fetchone()[0] == 0


def test_many_failures_from_one_address_stop_spraying_across_accounts(app, accounts, db):
    now = time.time()
    db.conn.executemany(
        "INSERT INTO login_attempt (at, email, address) VALUES (?, ?, '127.0.0.1')",
        [(now, f"user{i}@example.org") for i in range(auth.ADDRESS_LIMIT)],
    )
    assert log_in(app.test_client(), "admin").status_code == 429
    assert log_in(app.test_client(), "editor").status_code == 429
    other = app.test_client()
    response = other.post(
        "/auth/login", data={"email": EMAILS["admin"], "password": PASSWORD}, environ_base={"REMOTE_ADDR": "10.0.0.2"}
    )
    assert response.status_code == 302


def test_logout_is_post_only(as_role):
    client = as_role("editor")
    assert client.get("/auth/logout").status_code == 405
    assert client.get("/editor/").status_code == 200
    assert client.post("/auth/logout").status_code == 302
    assert client.get("/editor/").status_code == 302


def test_logging_out_everywhere_ends_other_sessions(as_role):
    laptop, phone = as_role("editor"), as_role("editor")
    laptop.post("/auth/logout", data={"everywhere": "y"})
    assert phone.get("/editor/").status_code == 302
    assert laptop.get("/editor/").status_code == 302


def session_cookie(client):
    """Return the value of a client's session cookie."""
    return client.get_cookie("session").value


def test_a_copied_cookie_opens_nothing_after_logout_and_other_devices_stay_logged_in(app, as_role, db):
    laptop, phone = as_role("editor"), as_role("editor")
    stolen = app.test_client()
    stolen.set_cookie("session", session_cookie(laptop))
    assert stolen.get("/editor/").status_code == 200
    assert laptop.post("/auth/logout").status_code == 302
    assert stolen.get("/editor/").status_code == 302
    assert phone.get("/editor/").status_code == 200
    assert db.execute("SELECT count(*) FROM user_session").fetchone()[0] == 1


def test_sessions_store_only_a_hash_of_the_token_in_the_cookie(app, as_role, db):
    client = as_role("editor")
    with client.session_transaction() as session:
        token = session["_user_id"]
    stored = [row[0] for row in db.execute("SELECT token_hash FROM user_session")]
    assert stored == [auth.token_digest(token)] and token not in stored and len(token) >= 32


def test_a_cookie_of_the_old_id_and_version_shape_no_longer_opens_the_editor(app, accounts):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = f"{accounts['admin']}:1"
        session["_fresh"] = True
    assert client.get("/editor/").status_code == 302


def test_an_unused_session_expires_after_the_session_lifetime(app, as_role, db):
    client, other = as_role("editor"), as_role("organizer")
    lifetime = app.permanent_session_lifetime.total_seconds()
    db.execute("UPDATE user_session SET last_seen_at = last_seen_at - ?", [lifetime + 1])
    assert client.get("/editor/").status_code == 302
    # Expired rows are cleared at the next login.
    log_in(app.test_client(), "admin")
    assert db.execute("SELECT count(*) FROM user_session").fetchone()[0] == 1
    assert other.get("/editor/").status_code == 302


def test_a_used_session_stays_alive_past_the_lifetime_of_its_login(app, as_role, db):
    client = as_role("editor")
    lifetime = app.permanent_session_lifetime.total_seconds()
    db.execute("UPDATE user_session SET created_at = created_at - ?, last_seen_at = last_seen_at - ?", [lifetime, 61])
    assert client.get("/editor/").status_code == 200
    seen = db.execute("SELECT last_seen_at FROM user_session").fetchone()[0]
    assert time.time() - seen < 5


def test_a_role_change_ends_the_accounts_sessions(as_role, accounts, db):
    organizer = as_role("organizer")
    records.set_account(db, accounts["organizer"], {"role": "editor", "active": 1})
    assert organizer.get("/editor/").status_code == 302


def test_a_visitor_without_a_cookie_costs_no_session_lookup(app, accounts, durham_id):
    from .conftest import counting_queries

    client = app.test_client()
    client.get("/")
    with counting_queries(app) as statements:
        assert client.get(f"/motions/{durham_id}").status_code == 200
    assert not [s for s in statements if "user_session" in s or "FROM user" in s]


def test_a_password_change_ends_other_sessions_but_keeps_this_one(as_role, app):
    laptop, phone = as_role("organizer"), as_role("organizer")
    response = laptop.post(
        "/auth/password",
        data={
            "current_password": PASSWORD,
            "new_password": "a brand new passphrase here",
            "confirm": "a brand new passphrase here",
        },
    )
    assert response.status_code == 302
    assert laptop.get("/editor/").status_code == 200
    assert phone.get("/editor/").status_code == 302
    assert log_in(app.test_client(), "organizer", "a brand new passphrase here").status_code == 302


@pytest.mark.parametrize(
    ("current", "new", "confirm", "message"),
    [
        ("wrong current password", "a brand new passphrase", "a brand new passphrase", "not your current password"),
        (PASSWORD, "short", "short", "Use at least 12 characters"),
        (PASSWORD, "password1234", "password1234", "too common or too easy to guess"),
        (PASSWORD, "a brand new passphrase", "a different passphrase", "do not match"),
    ],
)
def test_a_bad_password_change_is_refused_with_a_reason(as_role, current, new, confirm, message):
    response = as_role("editor").post(
        "/auth/password", data={"current_password": current, "new_password": new, "confirm": confirm}
    )
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_set_password_from_the_cli_ends_sessions(as_role, app):
    client = as_role("editor")
    result = app.test_cli_runner().invoke(args=["set-password", EMAILS["editor"]], input="another long passphrase\n")
    assert result.exit_code == 0, result.output
    assert client.get("/editor/").status_code == 302


def test_csrf_is_enforced_on_login_when_enabled(app, accounts):
    client = make_app(app.config["DATABASE"], WTF_CSRF_ENABLED=True).test_client()
    assert log_in(client, "editor").status_code == 400
    page = client.get("/auth/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    assert log_in(client, "editor", csrf_token=token).status_code == 302


def test_parallel_attempts_cannot_slip_under_the_account_limit(app, accounts):
    from concurrent.futures import ThreadPoolExecutor

    def attempt(_):
        """One failed login from a client of its own."""
        return log_in(app.test_client(), "editor", "not the password at all").status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(attempt, range(24)))
    assert statuses.count(200) == auth.PAIR_LIMIT
    assert statuses.count(429) == 24 - auth.PAIR_LIMIT


@pytest.mark.parametrize("target", ["/editor/\nSet-Cookie: x=1", "/editor/\r\nX: 1", "/editor/\x00", "//evil.example"])
def test_a_bad_next_address_sends_to_the_dashboard_never_an_error(app, accounts, target):
    client = app.test_client()
    response = client.post(
        "/auth/login", query_string={"next": target}, data={"email": EMAILS["editor"], "password": PASSWORD}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/editor/"
    again = client.get("/auth/login", query_string={"next": target})
    assert again.status_code == 302 and again.headers["Location"] == "/editor/"


@pytest.mark.parametrize(("proxies", "owner_locked_out"), [(1, False), (0, True)])
def test_behind_a_trusted_proxy_the_throttle_tells_clients_apart(app, accounts, proxies, owner_locked_out):
    # Every request comes from the proxy's own address; only a trusted proxy's X-Forwarded-For names the client.
    proxied = make_app(app.config["DATABASE"], PROXIES=proxies)

    def attempt(client_address, password=PASSWORD):
        """Log in as admin through the proxy, for a client at client_address."""
        return proxied.test_client().post(
            "/auth/login",
            data={"email": EMAILS["admin"], "password": password},
            environ_base={"REMOTE_ADDR": "127.0.0.1"},
            headers={"X-Forwarded-For": client_address},
        )

    for _ in range(auth.PAIR_LIMIT):
        assert attempt("203.0.113.7", password="not the password at all").status_code == 200
    assert attempt("203.0.113.7").status_code == 429
    assert attempt("198.51.100.2").status_code == (429 if owner_locked_out else 302)


def known_laptop(app):
    """A client that has logged in as admin once (so it carries the known-device cookie), then logged out."""
    laptop = app.test_client()
    assert log_in_from(laptop, "203.0.113.7").status_code == 302
    laptop.post("/auth/logout")
    return laptop


def test_ending_the_accounts_sessions_also_ends_its_known_devices(app, accounts, db, monkeypatch):
    monkeypatch.setattr(auth, "pause", lambda seconds: None)
    laptop = known_laptop(app)
    records.end_sessions(db, accounts["admin"], accounts["admin"])  # "log out everywhere", or a new password
    for _ in range(auth.PAIR_LIMIT):
        log_in_from(laptop, "203.0.113.7", password="wrong guess number")
    assert log_in_from(laptop, "203.0.113.7").status_code == 429


def test_a_known_device_in_other_hands_is_stopped_too(app, accounts, monkeypatch):
    monkeypatch.setattr(auth, "pause", lambda seconds: None)
    laptop = known_laptop(app)
    for _ in range(auth.KNOWN_DEVICE_LIMIT):
        assert log_in_from(laptop, "203.0.113.7", password="wrong guess number").status_code == 200
    assert log_in_from(laptop, "203.0.113.7").status_code == 429


def test_guesses_spread_over_many_addresses_stop_new_devices_but_not_the_owners(app, accounts, monkeypatch):
    monkeypatch.setattr(auth, "pause", lambda seconds: None)
    laptop = known_laptop(app)
    for n in range(auth.ACCOUNT_LIMIT):
        address = f"198.51.100.{n // (auth.PAIR_LIMIT - 1)}"  # never PAIR_LIMIT from one address
        assert log_in_from(app.test_client(), address, password="wrong guess number").status_code == 200
    assert log_in_from(app.test_client(), "192.0.2.200").status_code == 429
    assert log_in_from(laptop, "192.0.2.200").status_code == 302


def test_a_logged_in_page_is_read_while_another_write_holds_the_database(app, accounts, db):
    editor = app.test_client()
    assert log_in_from(editor, "203.0.113.7", "editor").status_code == 302
    db.execute("UPDATE user_session SET last_seen_at = last_seen_at - 3600")  # due for its last-seen note
    holder = database.connect(app.config["DATABASE"])
    holder.execute("BEGIN IMMEDIATE")
    try:
        began = time.monotonic()
        page = editor.get("/editor/")
        took = time.monotonic() - began
    finally:
        holder.execute("ROLLBACK")
        holder.conn.close()
    assert page.status_code == 200
    assert took < database.BUSY_TIMEOUT  # it did not wait for the other write
