"""Every page of the role x route matrix fits a 390 px phone: nothing scrolls sideways.

One browser context at 390x844 walks the matrix, logging in again only when the role changes; each case is one
navigation. Closed <details> are opened before measuring, so what a reader can unfold fits too. When a page is too
wide, the failure names the elements that stick out.
"""

import re

import pytest

from tracker import db as database
from tracker import geo, records

from .conftest import CITIES, Visit, log_in
from .test_accessibility import EDITOR, PUBLIC

PHONE = {"width": 390, "height": 844}
EVERYONE = ("organizer", "editor", "admin")
# Routes some roles cannot open; every other editor route is open to every role.
ROLES_FOR = {
    "/editor/changes": ("editor", "admin"),
    "/editor/changesets/1/revert": ("editor", "admin"),
    "/editor/import": ("editor", "admin"),
    "/editor/users": ("admin",),
}
# The pending submissions the `submissions` fixture makes, named here as their ids are known only at run time.
SUBMISSIONS = {"/editor/submissions/<new action>": "create", "/editor/submissions/<changed action>": "update"}
MORE_PUBLIC = [*(f"/cities/{geo.slug(name, state)}" for name, state, _ in CITIES), "/motions/2", "/search?q=resolution"]
MORE_EDITOR = [
    "/editor/actions/1/edit",
    "/editor/votes/1/edit",
    "/editor/hearings/1/edit",
    "/editor/changesets/1/revert",
    *SUBMISSIONS,
]
CASES = [(None, path) for path in dict.fromkeys([*PUBLIC, *MORE_PUBLIC])] + [
    (role, path)
    for role in EVERYONE
    for path in dict.fromkeys([*EDITOR, *MORE_EDITOR])
    if role in ROLES_FOR.get(path, EVERYONE)
]
SCREENSHOTS = {("editor", "/editor/changes"), *(("editor", path) for path in SUBMISSIONS)}
LONG_URL = "https://example.org/minutes/" + "-".join(["council-meeting-of-the-whole"] * 6) + ".pdf"
# What to fix when a page is too wide: the elements that stick out past the right edge while their parent does not,
# and those whose own text (a long address, say) runs past the edge.
CULPRITS = """() => {
  const edge = document.documentElement.clientWidth + 0.5;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.classList.length ? '.' + [...el.classList].join('.') : '');
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    const sticksOut = box.right > edge && el.parentElement.getBoundingClientRect().right <= edge;
    const spills = box.right <= edge && box.left + el.scrollWidth > edge && getComputedStyle(el).overflowX === 'visible'
      && [...el.children].every((child) => child.getBoundingClientRect().right <= edge);
    if (sticksOut || spills) {
      const right = Math.round(sticksOut ? box.right : box.left + el.scrollWidth);
      found.push(`${name(el)} to ${right} px: ${el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60)}`);
    }
  }
  return found.slice(0, 8);
}"""


@pytest.fixture(scope="module")
def submissions(live_database):
    """Two pending submissions from the organizer, with long words: a new action and a change to action 1."""
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


@pytest.fixture(scope="module")
def phone(browser, live_server, submissions):
    """One phone-sized page for the whole matrix; phone.role is who is logged in (None: nobody)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    visit = Visit(page, live_server)
    visit.role = None
    yield visit
    context.close()


def become(phone, role):
    """Log the phone's page in as role (or out, for None) unless it already is."""
    if phone.role != role:
        phone.page.context.clear_cookies()
        phone.role = None
        if role:
            log_in(phone, role)
        phone.role = role


@pytest.mark.parametrize(("role", "path"), CASES, ids=[f"{role or 'anonymous'}-{path}" for role, path in CASES])
def test_the_page_fits_a_phone(phone, submissions, role, path):
    become(phone, role)
    url = f"/editor/submissions/{submissions[SUBMISSIONS[path]]}" if path in SUBMISSIONS else path
    response = phone.goto(url)
    assert response.status == (404 if path == "/nothing-here" else 200)
    assert phone.page.url == phone.base + url, "the page sent the browser elsewhere"
    if path == "/" or path.startswith("/?"):
        phone.page.wait_for_selector("#map[data-ready=true]")
    if (role, path) in SCREENSHOTS:  # as a reader sees it, with the first entries unfolded
        phone.page.evaluate("[...document.querySelectorAll('details')].slice(0, 3).forEach((d) => { d.open = true; })")
        phone.screenshot("phone-" + re.sub("[^a-z0-9]+", "-", path.lower()).strip("-") + ".png")
    phone.page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    scroll, client = phone.page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client, f"{path} is {scroll} px wide on a {client} px screen: {phone.page.evaluate(CULPRITS)}"
