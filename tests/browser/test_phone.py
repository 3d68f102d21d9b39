"""Every page of the role x route matrix fits a 390 px phone: nothing scrolls sideways."""

import re

import pytest

from tracker import db as database
from tracker import geo, records

from .conftest import CITIES, PASSWORD
from .test_accessibility import EDITOR, PUBLIC

PHONE = {"width": 390, "height": 844}
# Pages the accessibility lists leave out: every place, a correction form of each kind, and the review of the
# pending submissions below (their ids are known only once made: other tests send submissions too).
MORE_PUBLIC = [*(f"/cities/{geo.slug(name, state)}" for name, state, _ in CITIES), "/motions/2", "/search?q=resolution"]
PENDING = {"/editor/submissions/<new action>": "create", "/editor/submissions/<changed action>": "update"}
MORE_EDITOR = [
    "/editor/votes/1/edit",
    "/editor/actions/1/edit",
    "/editor/hearings/1/edit",
    *PENDING,
    "/editor/changes?kind=seed",
]
SCREENSHOTS = ["/editor/changes", *PENDING]
LONG_URL = "https://example.org/minutes/" + "-".join(["council-meeting-of-the-whole"] * 6) + ".pdf"
# When a page is too wide, what to fix: the elements that stick out past the right edge while their parent does
# not, and those whose own text (a long address, say) runs past it.
CULPRITS = """() => {
  const edge = document.documentElement.clientWidth + 0.5;
  const name = (el) => el.tagName.toLowerCase() + (el.classList.length ? '.' + [...el.classList].join('.') : '');
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    const sticksOut = box.right > edge && el.parentElement.getBoundingClientRect().right <= edge;
    const spills = box.right <= edge && box.left + el.scrollWidth > edge && getComputedStyle(el).overflowX === 'visible'
      && [...el.children].every((child) => child.getBoundingClientRect().right <= edge);
    if (sticksOut || spills) {
      found.push(`${name(el)}: ${el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60)}`);
    }
  }
  return found.slice(0, 8);
}"""


@pytest.fixture(scope="module")
def submissions(live_database):
    """Two pending submissions from the organizer with long words, a new action and a change to action 1: {kind: id}."""
    db = database.connect(live_database)
    organizer = db.execute("SELECT id FROM user WHERE role = 'organizer'").fetchone()[0]
    source = {"url": LONG_URL, "title": "Minutes of the council", "headline": False, "note": "x" * 120}
    new = {"date": "2021-05-01", "classification": "event", "description": "Referred " * 30 + LONG_URL}
    changed = {"description": "Corrected: " + "y" * 90 + " " + LONG_URL}
    ids = {
        "create": records.submit(db, organizer, "action", "create", "motion", 1, {"values": new, "source": source}),
        "update": records.submit(db, organizer, "action", "update", "action", 1, {"values": changed, "source": source}),
    }
    db.conn.close()
    return ids


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
def admin(browser, live_server, submissions):
    """One phone page logged in as an admin, who can open every editor route."""
    context, page = phone_page(browser, live_server, "admin")
    yield page
    context.close()


@pytest.fixture(scope="module")
def organizer(browser, live_server, submissions):
    """One phone page logged in as an organizer, whose forms and lists differ from an editor's."""
    context, page = phone_page(browser, live_server, "organizer")
    yield page
    context.close()


# The pages an organizer may open (the rest answer 403 or 404 and are the editors' pages above).
ORGANIZER = [
    "/editor/",
    "/editor/motions",
    "/editor/motions/1",
    "/editor/cities/new",
    "/editor/motions/new",
    "/editor/motions/1/edit",
    "/editor/motions/1/actions/new",
    "/editor/motions/1/votes/new",
    "/editor/motions/1/hearings/new",
    "/editor/hearings/1/testimony/new",
    "/editor/motion/1/sources/new",
    "/editor/submissions",
    "/auth/password",
]


def overflow(page, url):
    """Open a page, unfold what a reader can unfold, and return how far it is wider than the screen (0: it fits)."""
    page.goto(url)
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("path", [*PUBLIC, *MORE_PUBLIC])
def test_public_pages_fit_a_phone(anonymous, live_server, path):
    assert overflow(anonymous, live_server + path) <= 0, anonymous.evaluate(CULPRITS)


@pytest.mark.parametrize("path", [*EDITOR, *MORE_EDITOR])
def test_editor_pages_fit_a_phone(admin, live_server, submissions, path):
    url = f"/editor/submissions/{submissions[PENDING[path]]}" if path in PENDING else path
    wider = overflow(admin, live_server + url)
    if path in SCREENSHOTS:
        name = re.sub("[^a-z0-9]+", "-", path.lower()).strip("-")
        admin.screenshot(path=f"tests/browser/artifacts/phone-{name}.png", full_page=True)
    assert wider <= 0, admin.evaluate(CULPRITS)


@pytest.mark.parametrize("path", ORGANIZER)
def test_organizer_pages_fit_a_phone(organizer, live_server, path):
    assert overflow(organizer, live_server + path) <= 0, organizer.evaluate(CULPRITS)
