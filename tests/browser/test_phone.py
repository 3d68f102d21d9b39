"""Every page of the role x route matrix fits a 390 px phone: nothing scrolls sideways."""

import pytest

from tracker import db as database
from tracker import records

from .conftest import PASSWORD
from .test_accessibility import EDITOR, PUBLIC

PHONE = {"width": 390, "height": 844}
# Pages the accessibility lists leave out: every place, a correction form of each kind, and a review.
MORE_PUBLIC = ["/cities/chapel-hill-nc", "/cities/boston-ma", "/motions/2", "/search?q=resolution"]
MORE_EDITOR = [
    "/editor/votes/1/edit",
    "/editor/actions/1/edit",
    "/editor/hearings/1/edit",
    "/editor/submissions/1",
    "/editor/changes?kind=seed",
]


@pytest.fixture(scope="module")
def submission(live_database):
    """A pending submission with a long note and a long address, so the review page has something wide to show."""
    db = database.connect(live_database)
    organizer = db.execute("SELECT id FROM user WHERE role = 'organizer'").fetchone()[0]
    payload = {
        "values": {"date": "2021-05-01", "classification": "event", "description": "A report " * 40},
        "source": {
            "url": "https://example.org/" + "a-very-long-path-segment-" * 8,
            "title": "Minutes",
            "publisher": None,
            "published_on": None,
            "note": "x" * 300,
        },
    }
    records.submit(db, organizer, "action", "create", "motion", 1, payload)
    db.conn.close()


def phone_page(browser, live_server, role=None):
    """A page at phone size, logged in as role (or anonymous)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    if role:
        page.goto(live_server + "/auth/login")
        page.fill("#email", f"{role}@example.org")
        page.fill("#password", PASSWORD)
        page.click("#submit")
        page.wait_for_url("**/editor/")
    return context, page


@pytest.fixture(scope="module")
def anonymous(browser, live_server):
    """One anonymous phone page for the public routes."""
    context, page = phone_page(browser, live_server)
    yield page
    context.close()


@pytest.fixture(scope="module")
def admin(browser, live_server, submission):
    """One phone page logged in as an admin, who can open every editor route."""
    context, page = phone_page(browser, live_server, "admin")
    yield page
    context.close()


def overflow(page, url):
    """Open a page, unfold what a reader can unfold, and return how far it is wider than the screen (0: it fits)."""
    page.goto(url)
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("path", [*PUBLIC, *MORE_PUBLIC])
def test_public_pages_fit_a_phone(anonymous, live_server, path):
    assert overflow(anonymous, live_server + path) <= 0


@pytest.mark.parametrize("path", [*EDITOR, *MORE_EDITOR])
def test_editor_pages_fit_a_phone(admin, live_server, path):
    assert overflow(admin, live_server + path) <= 0
    if path in ("/editor/changes", "/editor/submissions/1"):
        admin.screenshot(path=f"tests/browser/artifacts/phone-{path.strip('/').replace('/', '-')}.png", full_page=True)
