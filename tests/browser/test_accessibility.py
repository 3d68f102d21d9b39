"""axe-core in Chromium: no serious or critical WCAG 2.2 AA violation on the public pages and the editor forms."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import axe_details as details
from .conftest import axe_results, log_in

AXE = Axe()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PUBLIC = [
    "/",
    "/?status=passed&state=NC",
    "/cities/durham-nc",
    "/motions/1",
    "/motions/1/history",
    "/search?q=durham",
    "/search",
    "/about",
    "/auth/login",
    "/nothing-here",
]
EDITOR = [
    "/editor/",
    "/editor/motions",
    "/editor/motions/1",
    "/editor/cities/new",
    "/editor/cities/durham-nc/edit",
    "/editor/motions/new",
    "/editor/motions/1/edit",
    "/editor/motions/1/actions/new",
    "/editor/motions/1/votes/new",
    "/editor/motions/1/hearings/new",
    "/editor/hearings/1/testimony/new",
    "/editor/motion/1/sources/new",
    "/editor/sources/1/edit",
    "/editor/submissions",
    "/editor/changes",
    "/editor/changesets/1/revert",
    "/editor/import",
    "/editor/users",
    "/auth/password",
]


def check(visit, path):
    """Run axe on a page; record violations by impact and fail on serious or critical ones."""
    visit.goto(path)
    if path.startswith("/?") or path == "/":
        visit.page.wait_for_selector("#map[data-ready=true]")
    results = AXE.run(visit.page, options={"runOnly": {"type": "tag", "values": TAGS}})
    violations = results.response["violations"]
    counts = {}
    for violation in violations:
        counts[violation["impact"]] = counts.get(violation["impact"], 0) + len(violation["nodes"])
    axe_results[path] = counts
    details[path] = [f"{v['id']} ({v['impact']}): {v['help']}" for v in violations]
    severe = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert not severe, severe


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages(visit, path):
    check(visit, path)
    if path == "/nothing-here":  # the browser logs the 404 this page is about
        visit.errors.remove("Failed to load resource: the server responded with a status of 404 (NOT FOUND)")


@pytest.mark.parametrize("path", EDITOR)
def test_editor_pages(visit, path):
    log_in(visit, "admin")
    check(visit, path)


def test_a_form_with_errors(visit):
    log_in(visit, "editor")
    visit.goto("/editor/motions/1/votes/new")
    visit.page.fill("#yes", "-4")
    visit.page.click("#submit")
    visit.page.locator(".error-summary").wait_for()
    assert visit.page.get_attribute("#yes", "aria-invalid") == "true"
    check(visit, visit.page.url.removeprefix(visit.base))
