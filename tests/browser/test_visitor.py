"""A visitor's paths: by keyboard alone, on a phone, and what the pages look like (screenshots)."""


def test_from_home_to_a_motion_by_keyboard_alone(visit):
    visit.goto("/")
    visit.page.wait_for_selector("#map[data-ready=true]")
    for _ in range(80):
        visit.page.keyboard.press("Tab")
        label = visit.page.evaluate("document.activeElement.getAttribute('aria-label')")
        if label and label.startswith("Durham, NC"):
            break
    else:
        raise AssertionError("Tab never reached Durham on the map")
    for _ in range(5):  # Durham shares a cluster with its neighbours: Enter zooms in, keeping the focus on it
        if not label.endswith("zoom in"):
            break
        visit.page.keyboard.press("Enter")
        visit.page.wait_for_function(
            "(before) => document.activeElement.getAttribute('aria-label') !== before", arg=label
        )
        label = visit.page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label == "Durham, NC: Ended or restricted exchanges"
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_selector(".leaflet-popup-content")
    visit.page.wait_for_selector(".leaflet-popup-content li a")  # its measures arrive when it opens
    assert visit.page.evaluate("document.activeElement.textContent") == "Durham, NC"
    visit.page.keyboard.press("Tab")
    assert visit.page.evaluate("document.activeElement.textContent").startswith("Statement by the Durham")
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_url("**/motions/*")
    assert visit.page.locator("h1").inner_text().startswith("Statement by the Durham City Council")


def test_the_skip_link_is_the_first_stop_and_shows_focus(visit):
    visit.goto("/")
    visit.page.keyboard.press("Tab")
    focused = visit.page.evaluate("[document.activeElement.textContent, getComputedStyle(document.activeElement).left]")
    assert focused[0] == "Skip to main content" and focused[1] != "-999rem"
    visit.page.keyboard.press("Enter")
    assert visit.page.evaluate("document.activeElement.id") == "main"


def test_a_phone_shows_map_and_list_without_sideways_scrolling(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(live_server + "/")
    page.wait_for_selector("#map[data-ready=true]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("#map").bounding_box()["width"] <= 390
    assert page.locator("#list-section .city-card").count() == 9
    page.screenshot(path=_artifact("home-mobile.png"), full_page=True)
    page.goto(live_server + "/motions/1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_screenshots_of_home_and_a_motion(visit):
    visit.goto("/")
    visit.page.wait_for_selector("#map[data-ready=true]")
    visit.screenshot("home-desktop.png")
    visit.goto("/motions/1")
    visit.screenshot("motion.png")
    assert "Vote of April 16, 2018: passed 6–0" in visit.page.inner_text("main")


def _artifact(name):
    """Path of a screenshot under tests/browser/artifacts/."""
    from .conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def test_escape_closes_a_popup_and_returns_to_its_marker(visit):
    visit.goto("/")
    visit.page.wait_for_selector("#map[data-ready=true]")
    seattle = visit.page.locator(".leaflet-marker-icon[aria-label='Seattle, WA: Kept or endorsed exchanges']")
    seattle.focus()
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_selector(".leaflet-popup-content")
    assert visit.page.evaluate("document.activeElement.textContent") == "Seattle, WA"
    visit.page.keyboard.press("Escape")
    visit.page.wait_for_selector(".leaflet-popup-content", state="detached")
    assert (
        visit.page.evaluate("document.activeElement.getAttribute('aria-label')")
        == "Seattle, WA: Kept or endorsed exchanges"
    )


def test_a_state_without_cities_stays_chosen(visit):
    visit.goto("/?state=WY")
    visit.page.wait_for_selector("#map[data-ready=true]")
    assert visit.page.locator("#state").input_value() == "WY"
    assert visit.page.evaluate("document.getElementById('map').dataset.cities") == "0"
    assert "No place matches these filters." in visit.page.inner_text("#list-section")
