"""Browser tests: a live server on a tmp_path database, driven through Playwright in Debian's Chromium.

Every request a page makes and every console error is recorded; each test checks them. Screenshots and the
accessibility results go to tests/browser/artifacts/ (ignored by git).
"""

import json
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from tracker import create_app, records, seed
from tracker import db as database

from ..conftest import PASSWORD, add_accounts

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
# Flags for a closed network: without them Chromium keeps trying to reach its vendor's services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]
# Cities beyond Durham, each with one published motion: (name, state, statuses of its actions in order). All aim
# to end or restrict exchanges but Seattle's, which keeps them (KEEPS).
CITIES = [
    ("Chapel Hill", "NC", ["introduced"]),
    ("Raleigh", "NC", ["introduced", "failed"]),
    ("Asheville", "NC", ["introduced", "passed", "vetoed"]),
    ("Boston", "MA", ["campaign"]),
    ("Seattle", "WA", ["introduced", "passed"]),
    ("Anchorage", "AK", ["introduced", "scheduled"]),
    ("Honolulu", "HI", ["introduced", "withdrawn"]),
    ("Austin", "TX", ["in_committee"]),
]
KEEPS = {"Seattle"}
axe_results = {}
axe_details = {}


def pytest_collection_modifyitems(items):
    """Mark every test in this folder as a browser test."""
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker("browser")


@pytest.fixture(scope="session")
def live_database(tmp_path_factory, password_hash):
    """A database with the Durham seed record, the cities above and one account per role."""
    path = tmp_path_factory.mktemp("live") / "tracker.db"
    db = database.connect(path)
    database.init_db(db)
    seed.load(db, only={"durham-nc"})
    for i, (name, state, steps) in enumerate(CITIES):
        from tracker import geo

        lat, lon = geo.lookup(name, state)
        city_id = records.create_city(
            db,
            {
                "slug": geo.slug(name, state),
                "name": name,
                "state": state,
                "ocd_id": geo.ocd_id(name, state),
                "lat": lat,
                "lon": lon,
                "council_seats": 9,
            },
        )
        motion_id = records.create_motion(
            db,
            {
                "city_id": city_id,
                "kind": ("resolution", "ordinance")[i % 2],
                "title": f"Resolution on police exchanges in {name}",
                "aim": "keep" if name in KEEPS else "restrict",
                "published": 1,
            },
        )
        for month, status in enumerate(steps, start=1):
            records.add_action(
                db,
                motion_id,
                {
                    "date": f"2021-{month:02}-10",
                    "classification": status,
                    "description": f"The council's step: {status}.",
                },
            )
    db.conn.close()
    add_accounts(path, password_hash)
    return path


def whole_bodies(app):
    """Wrap a WSGI app so that each response body is read (and its file closed) before the server writes it.

    When Chromium drops a request mid-way (a favicon, a page it leaves), werkzeug's development server can stop
    without closing a file-backed body; the unclosed file then surfaces later as a warning in an unrelated test.
    """

    def wrapped(environ, start_response):
        """Answer with the app's body read whole."""
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()

    return wrapped


@pytest.fixture(scope="session")
def live_server(live_database):
    """Serve the app (CSRF on, as in production) on a free port of 127.0.0.1 in a thread."""
    app = create_app({"SECRET_KEY": "browser-tests", "DATABASE": str(live_database), "WTF_CSRF_ENABLED": True})
    server = make_server("127.0.0.1", 0, whole_bodies(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright; a clear failure, not a skip, when it is missing."""
    if not CHROMIUM.exists():
        pytest.fail(
            "The browser tests need Debian's Chromium at /usr/bin/chromium: "
            "install it with `apt-get update && apt-get install -y chromium`.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


class Visit:
    """A browser page that records the requests it makes and the errors it logs."""

    def __init__(self, page, base):
        """Start recording."""
        self.page = page
        self.base = base
        self.requests = []
        self.errors = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def goto(self, path):
        """Open a path of the live site."""
        return self.page.goto(self.base + path)

    def other_hosts(self):
        """Return the requests that went anywhere but the live server."""
        return [url for url in self.requests if urlsplit(url).hostname != "127.0.0.1"]

    def screenshot(self, name):
        """Save a full-page screenshot under tests/browser/artifacts/."""
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=ARTIFACTS / name, full_page=True)


@pytest.fixture
def visit(browser, live_server):
    """A fresh browser context (desktop size) and page; afterwards, no foreign request and no console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    recorder = Visit(page, live_server)
    yield recorder
    context.close()
    assert recorder.other_hosts() == [], "requests left 127.0.0.1"
    assert recorder.errors == [], "the page logged errors"


def log_in(visit, role):
    """Log in through the login form."""
    visit.goto("/auth/login")
    visit.page.fill("#email", f"{role}@example.org")
    visit.page.fill("#password", PASSWORD)
    visit.page.click("#submit")
    visit.page.wait_for_url("**/editor/")


def pytest_terminal_summary(terminalreporter):
    """Say how many browser tests ran, and what axe found on each page."""
    reports = [
        r
        for r in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
        if "tests/browser/" in r.nodeid and r.when == "call"
    ]
    if not reports:
        return
    terminalreporter.write_sep("-", f"browser tests run: {len(reports)} (Chromium at {CHROMIUM})")
    for page, counts in sorted(axe_results.items()):
        summary = ", ".join(f"{impact}: {n}" for impact, n in counts.items()) or "no violations"
        terminalreporter.write_line(f"axe {page}: {summary}")
    if axe_results:
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "axe.json").write_text(
            json.dumps({"counts": axe_results, "violations": axe_details}, indent=2, sort_keys=True)
        )
