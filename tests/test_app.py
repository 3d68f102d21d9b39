"""App-wide behaviour: configuration, secret key, headers and error pages."""

import os
import sqlite3
import stat

import pytest
from flask import request

from tracker import create_app
from tracker import db as database

from .conftest import log_in, make_app


@pytest.mark.parametrize("path", ["/", "/about", "/nothing-here", "/healthz"])
def test_every_response_carries_strict_headers(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in headers


def test_hsts_is_sent_over_https(client):
    assert "max-age" in client.get("/", base_url="https://tracker.test").headers["Strict-Transport-Security"]


@pytest.mark.parametrize(
    ("template", "source"),
    [
        ("https://tiles.test/{z}/{x}/{y}.png", "https://tiles.test;"),
        ("https://{s}.tiles.test:8443/{z}/{x}/{y}.png", "https://*.tiles.test:8443;"),
    ],
)
def test_a_configured_tile_server_is_allowed_by_the_csp(tmp_path, template, source):
    app = make_app(tmp_path / "t.db", MAP_TILES=template)
    csp = app.test_client().get("/healthz").headers["Content-Security-Policy"]
    assert f"img-src 'self' data: {source}" in csp


def test_without_a_tile_server_images_come_only_from_this_site(client):
    assert "img-src 'self' data:;" in client.get("/").headers["Content-Security-Policy"]


def test_wrong_method_gets_our_405_page(client):
    response = client.post("/about")
    assert response.status_code == 405
    assert "does not accept that kind of request" in response.get_data(as_text=True)
    assert "GET" in response.headers["Allow"]


def test_api_errors_are_json(client):
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404
    assert response.json == {"error": {"status": 404, "message": "There is nothing at this address."}}


def test_unexpected_errors_show_a_page_that_reveals_nothing(tmp_path):
    app = make_app(tmp_path / "t.db", TESTING=False)

    @app.get("/boom")
    def boom():
        """Fail on purpose."""
        raise RuntimeError("secret internal detail")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Something went wrong on our side" in body and "secret internal detail" not in body
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_secret_key_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path / "instance"))
    first = create_app().config["SECRET_KEY"]
    path = tmp_path / "instance" / "secret_key"
    assert len(first) >= 64
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert create_app().config["SECRET_KEY"] == first


def test_environment_variables_configure_the_app(tmp_path, monkeypatch):
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path / "instance"))
    monkeypatch.setenv("TRACKER_DATABASE", str(tmp_path / "elsewhere.db"))
    monkeypatch.setenv("TRACKER_SECRET_KEY", "from-the-environment")
    app = create_app()
    assert app.config["DATABASE"] == str(tmp_path / "elsewhere.db")
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "instance" / "secret_key").exists()


def city_count(path):
    """The number of places in the database at path, read by a connection of its own."""
    conn = database.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM city").fetchone()[0]
    finally:
        conn.conn.close()


NEW_PLACE = {"name": "Chapel Hill", "state": "NC", "council_seats": "9"}


def test_a_write_that_waits_too_long_for_the_lock_answers_503_and_writes_nothing(app, accounts):
    app.config["BUSY_TIMEOUT"] = 0.2
    path = app.config["DATABASE"]
    editor = app.test_client()
    assert log_in(editor, "editor").status_code == 302
    before = city_count(path)
    holder = database.connect(path)
    holder.execute("BEGIN IMMEDIATE")  # another writer, in the middle of a long write
    try:
        # The request's thread opens its connection with the configured timeout.
        app.extensions.pop("tracker.connections", None)
        busy = editor.post("/editor/cities/new", data=NEW_PLACE)
        read = editor.get("/cities/durham-nc")
    finally:
        holder.execute("ROLLBACK")
        holder.conn.close()
    assert busy.status_code == 503
    assert busy.headers["Retry-After"] == "5"
    assert "busy saving other changes; nothing was changed" in busy.get_data(as_text=True)
    assert read.status_code == 200  # reading never waits for a writer
    assert city_count(path) == before
    # Once the other write is done, the same form goes through.
    assert editor.post("/editor/cities/new", data=NEW_PLACE).status_code == 302
    assert city_count(path) == before + 1


def failing_route(app, message):
    """Add /api/v1/fail and /fail routes that raise sqlite3.OperationalError(message)."""

    def fail():
        """Fail as SQLite would."""
        raise sqlite3.OperationalError(message)

    app.add_url_rule("/api/v1/fail", "api_fail", fail)
    app.add_url_rule("/fail", "fail", fail)


@pytest.mark.parametrize(
    ("message", "retry", "words"),
    [
        ("database is locked", "5", "busy saving other changes"),
        ("attempt to write a readonly database", "60", "Changes cannot be saved right now"),
    ],
)
def test_busy_and_read_only_answer_503_as_json_under_the_api(tmp_path, message, retry, words):
    app = make_app(tmp_path / "t.db")
    failing_route(app, message)
    response = app.test_client().get("/api/v1/fail")
    assert response.status_code == 503 and response.headers["Retry-After"] == retry
    assert response.json["error"]["status"] == 503 and words in response.json["error"]["message"]
    page = app.test_client().get("/fail")
    assert page.status_code == 503 and words in page.get_data(as_text=True)


def test_other_database_errors_stay_500(tmp_path):
    app = make_app(tmp_path / "t.db", TESTING=False)
    failing_route(app, "no such table: secret_table")
    response = app.test_client().get("/fail")
    assert response.status_code == 500
    assert "secret_table" not in response.get_data(as_text=True)


def test_a_read_only_database_refuses_writes_with_a_clear_page_and_keeps_reading(app, accounts):
    path = app.config["DATABASE"]
    editor = app.test_client()
    assert log_in(editor, "editor").status_code == 302
    before = city_count(path)
    # A read-only database file (URI mode=ro: unlike chmod, root cannot write through it either), same sessions.
    read_only = make_app(f"file:{path}?mode=ro")
    client = read_only.test_client()
    client.set_cookie("session", editor.get_cookie("session").value)
    refused = client.post("/editor/cities/new", data=NEW_PLACE)
    assert refused.status_code == 503 and refused.headers["Retry-After"] == "60"
    assert "Changes cannot be saved right now, so nothing was changed" in refused.get_data(as_text=True)
    assert client.get("/").status_code == 200
    assert client.get("/cities/durham-nc").status_code == 200
    assert client.get("/api/v1/cities").status_code == 200
    assert client.get("/editor/").status_code == 200  # the editor's pages read too
    login = read_only.test_client().post("/auth/login", data={"email": "admin@example.org", "password": "x" * 12})
    assert login.status_code == 503
    assert city_count(path) == before


def addresses_app(tmp_path, **config):
    """A test app with a page that says what the app sees: the client's address and the request's scheme and host."""
    app = make_app(tmp_path / "t.db", **config)

    @app.get("/_seen")
    def seen():
        """Report what the app sees of the request."""
        return f"{request.remote_addr} {request.scheme} {request.host}"

    return app


FORWARDED = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "tracker.example.org"}


def test_behind_a_trusted_proxy_the_app_sees_the_client(tmp_path):
    client = addresses_app(tmp_path, PROXIES=1).test_client()
    seen = client.get("/_seen", headers=FORWARDED, environ_base={"REMOTE_ADDR": "127.0.0.1"}).get_data(as_text=True)
    assert seen == "203.0.113.7 https tracker.example.org"


def test_without_a_proxy_setting_forwarded_headers_are_not_believed(tmp_path):
    client = addresses_app(tmp_path).test_client()
    seen = client.get("/_seen", headers=FORWARDED, environ_base={"REMOTE_ADDR": "198.51.100.2"}).get_data(as_text=True)
    assert seen == "198.51.100.2 http localhost"


def test_only_as_many_proxies_as_configured_are_believed(tmp_path):
    client = addresses_app(tmp_path, PROXIES=1).test_client()
    headers = {"X-Forwarded-For": "10.9.9.9, 203.0.113.7"}  # the first was written by the client itself
    assert client.get("/_seen", headers=headers).get_data(as_text=True).startswith("203.0.113.7 ")


@pytest.mark.parametrize("path", ["/", "/about", "/nothing-here"])
def test_hsts_is_sent_when_a_trusted_proxy_says_https(app, tmp_path, path):
    proxied = make_app(app.config["DATABASE"], PROXIES=1).test_client()
    for _ in range(3):  # the third answer comes from the kept pages, before Flask
        response = proxied.get(path, headers={"X-Forwarded-Proto": "https"})
        assert "max-age" in response.headers["Strict-Transport-Security"], path
    # The front door sees the scheme the proxy reported, so it finds what Flask kept for HTTPS.
    assert response.headers.get("X-Cache") == ("hit" if response.status_code == 200 else None)
    # Over plain HTTP, from the same kept pages, there is none: the key holds the scheme.
    assert "Strict-Transport-Security" not in proxied.get(path).headers
    direct = make_app(app.config["DATABASE"]).test_client()
    assert "Strict-Transport-Security" not in direct.get(path, headers={"X-Forwarded-Proto": "https"}).headers


@pytest.mark.parametrize(("name", "value"), [("BUSY_TIMEOUT", "five"), ("LOGIN_DELAY_MAX", -1), ("BUSY_TIMEOUT", True)])
def test_a_number_setting_that_is_not_one_is_refused_at_start(tmp_path, name, value):
    with pytest.raises(ValueError, match=f"TRACKER_{name} must be a number of seconds"):
        make_app(tmp_path / "t.db", **{name: value})
