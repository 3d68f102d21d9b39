"""Production serving: `tracker serve` (gunicorn) as the README documents it, answering as a visitor sees it."""

import http.client
import re
import subprocess
import threading
import time
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tracker import serving

from .conftest import make_app
from .serving import tracker_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def site(app, serve, durham_id):
    """The seeded test database served by gunicorn (two workers), and the Durham motion's id."""
    return serve(app.config["DATABASE"], workers=2), durham_id


def test_the_served_site_answers_pages_with_one_date_header_each(site):
    server, durham_id = site
    pages = ["/", "/about", f"/motions/{durham_id}", "/favicon.ico", "/static/style.css", "/api/v1/cities"]
    for path in pages:
        response = server.get(path)
        assert response.status == 200, (path, server.tail())
        assert len(response.header("Date")) == 1, (path, response.headers)
    assert "Durham" in server.get(f"/motions/{durham_id}").text
    missing = server.get("/nothing-here")
    assert missing.status == 404 and "There is nothing at this address." in missing.text
    assert len(missing.header("Date")) == 1
    # Kept pages and 304s are answered by the front door, before Flask: still one Date. Each worker keeps its own
    # pages, from a page's second request on, so ask until one answers from them.
    for _ in range(20):
        kept = server.get("/about")
        if kept.header("X-Cache"):
            break
    assert kept.header("X-Cache") == ["hit"] and len(kept.header("Date")) == 1
    unchanged = server.get("/about", headers={"If-None-Match": kept.header("ETag")[0]})
    assert unchanged.status == 304 and len(unchanged.header("Date")) == 1


def test_the_access_log_goes_to_standard_output(site):
    server, _durham_id = site
    server.get("/about?from=log-test")
    line = re.compile(r'"GET /about\?from=log-test HTTP/1\.1" 200')
    deadline = time.monotonic() + 5  # the line is written just after the response is sent
    while not line.search(server.tail(100)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert line.search(server.tail(100)), server.tail()


def test_nothing_is_written_into_the_checkout(app, serve):
    before = set(ROOT.iterdir())
    serve(app.config["DATABASE"]).get("/")
    assert set(ROOT.iterdir()) == before


@pytest.mark.parametrize(("proxies", "hsts"), [("0", False), ("1", True)])
def test_https_reported_by_a_proxy_is_believed_only_when_proxies_are_set(app, serve, proxies, hsts):
    # gunicorn alone would believe X-Forwarded-Proto from 127.0.0.1: the app's setting is the one that decides.
    server = serve(app.config["DATABASE"], env={"TRACKER_PROXIES": proxies})
    response = server.get("/about", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"})
    assert response.status == 200
    assert bool(response.header("Strict-Transport-Security")) is hsts


def test_serve_refuses_a_database_that_init_db_has_not_made(tmp_path):
    env = {"TRACKER_DATABASE": str(tmp_path / "none.db"), "TRACKER_INSTANCE": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [tracker_command(), "serve", "--bind", "127.0.0.1:0"], env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode != 0 and "run `init-db` first" in result.stderr


def test_the_settings_fit_the_longest_request_and_trust_no_forwarded_header_themselves():
    options = serving.gunicorn_options("127.0.0.1:8000", 3, 4, 75)
    assert options["worker_class"] == "gthread" and options["timeout"] == 75
    assert options["accesslog"] == "-"
    assert options["forwarded_allow_ips"] == "" and options["secure_scheme_headers"] == {}
    assert serving.default_workers() >= 2


def test_the_development_server_sends_one_date_and_hsts_from_a_trusted_proxy(app):
    proxied = make_app(app.config["DATABASE"], PROXIES=1)
    server = make_server("127.0.0.1", 0, proxied, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        for path, headers, hsts in (
            ("/about", {}, False),
            ("/about", {"X-Forwarded-Proto": "https"}, True),
            # Files sent by send_file, and a conditional request the view answers: werkzeug adds a Date there.
            ("/static/style.css", {}, False),
            ("/favicon.ico", {}, False),
            ("/vendor/leaflet/leaflet.js", {}, False),
            ("/api/v1/motions?per_page=3", {"If-None-Match": '"other"'}, False),
        ):
            conn = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            conn.close()
            raw = response.getheaders()
            assert response.status == 200
            assert [k for k, _v in raw].count("Date") == 1, raw
            assert any(k == "Strict-Transport-Security" for k, _v in raw) is hsts
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.mark.parametrize("value", ["abc", 0, -5, True])
def test_serve_says_what_is_wrong_with_a_bad_timeout(tmp_path, app, value):
    bad = make_app(app.config["DATABASE"], REQUEST_TIMEOUT=value)
    result = bad.test_cli_runner().invoke(args=["serve"])
    assert result.exit_code != 0 and "TRACKER_REQUEST_TIMEOUT must be a number of seconds" in result.output


@pytest.mark.parametrize("value", ["abc", -1, 1.5])
def test_a_bad_proxies_setting_is_refused_with_a_message(tmp_path, value):
    with pytest.raises(ValueError, match="TRACKER_PROXIES must be how many proxies stand in front"):
        make_app(tmp_path / "t.db", PROXIES=value)
