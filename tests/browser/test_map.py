"""The home page map in Chromium: markers where the gazetteer puts cities, popups, filters, views."""

import re

from tracker import geo


def open_map(visit, path="/"):
    """Open a page with the map and wait until its markers are drawn."""
    visit.goto(path)
    visit.page.wait_for_selector("#map[data-ready=true]")


def marker(visit, label):
    """The single-city marker whose accessible name starts with label (e.g. 'Durham, NC')."""
    return visit.page.locator(f".leaflet-marker-icon[aria-label^='{label}:']")


def settle_after(visit, action):
    """Do something that moves the map, then wait until the move has finished."""
    before = visit.page.evaluate("document.getElementById('map').dataset.moves")
    action()
    visit.page.wait_for_function("(before) => document.getElementById('map').dataset.moves !== before", arg=before)


def reveal(visit, slug):
    """Zoom in by clicking the cluster that holds a city, as a visitor would, until its own marker shows."""
    for _ in range(5):
        if visit.page.locator(f".leaflet-marker-icon[data-slug='{slug}']").count():
            return
        settle_after(visit, visit.page.locator(f".leaflet-marker-icon[data-members~='{slug}']").click)
    raise AssertionError(f"{slug} never got a marker of its own")


def slugs_on_map(visit):
    """Every city on the map, in its own marker or in a cluster."""
    return sorted(
        visit.page.locator(".leaflet-marker-icon").evaluate_all(
            "els => els.flatMap(e => (e.dataset.slug || e.dataset.members).split(' '))"
        )
    )


def test_durham_has_a_marker_at_its_gazetteer_coordinates(visit):
    open_map(visit)
    reveal(visit, "durham-nc")
    durham = marker(visit, "Durham, NC")
    assert durham.count() == 1
    assert durham.get_attribute("aria-label") == "Durham, NC: Ended or restricted exchanges"
    assert durham.get_attribute("tabindex") == "0"
    lat, lon = geo.lookup("Durham", "NC")
    expected = visit.page.evaluate(
        "([lat, lon]) => { const m = document.getElementById('map').leafletMap;"
        " const p = m.latLngToContainerPoint([lat, lon]); const r = m.getContainer().getBoundingClientRect();"
        " return [p.x + r.left, p.y + r.top]; }",
        [lat, lon],
    )
    box = durham.bounding_box()
    center = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert abs(center[0] - expected[0]) < 2 and abs(center[1] - expected[1]) < 2


def test_the_durham_popup_links_to_its_motion(visit):
    open_map(visit)
    reveal(visit, "durham-nc")
    marker(visit, "Durham, NC").click()
    link = visit.page.locator(".leaflet-popup-content a", has_text="Statement by the Durham City Council")
    link.wait_for()
    assert re.fullmatch(r".*/motions/\d+", link.get_attribute("href"))
    assert visit.page.locator(".leaflet-popup-content .status-passed").inner_text() == "Passed"
    link.click()
    visit.page.wait_for_url("**/motions/*")
    assert "6–0" in visit.page.inner_text("main")


def test_markers_show_status_by_shape_and_symbol_not_colour_alone(visit):
    open_map(visit)
    reveal(visit, "raleigh-nc")
    assert marker(visit, "Asheville, NC").get_attribute("class").count("cat-vetoed") == 1
    assert marker(visit, "Raleigh, NC").inner_text() == "✕"
    assert marker(visit, "Durham, NC").inner_text() == "✓"
    legend = visit.page.inner_text(".legend")
    for label in ("Ended or restricted exchanges", "Kept or endorsed exchanges", "Under way", "Restriction failed"):
        assert label in legend


def test_a_measure_that_kept_exchanges_is_never_drawn_as_a_win(visit):
    open_map(visit)
    reveal(visit, "seattle-wa")
    seattle = marker(visit, "Seattle, WA")
    assert seattle.get_attribute("aria-label") == "Seattle, WA: Kept or endorsed exchanges"
    assert "cat-kept" in seattle.get_attribute("class")
    assert seattle.inner_text() == "="
    seattle.click()
    popup = visit.page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Keep or endorse exchanges" in popup.inner_text()


def test_filters_change_the_markers_the_list_and_the_address(visit):
    open_map(visit)
    assert len(slugs_on_map(visit)) == 9
    visit.page.select_option("#state", "NC")
    visit.page.wait_for_function("() => document.getElementById('map').dataset.cities === '4'")
    assert slugs_on_map(visit) == ["asheville-nc", "chapel-hill-nc", "durham-nc", "raleigh-nc"]
    visit.page.wait_for_function("() => !document.querySelector('#list-section').innerText.includes('Boston')")
    assert visit.page.url.endswith("/?state=NC")
    visit.page.select_option("#status", "passed")
    visit.page.wait_for_function("() => document.getElementById('map').dataset.cities === '1'")
    assert visit.page.url.endswith("/?status=passed&state=NC")
    visit.page.wait_for_function("() => document.querySelector('.result-count').innerText.startsWith('1 place')")
    cities = visit.page.locator("#list-section .city-card h3").all_inner_texts()
    assert cities == ["Durham, NC"]
    # The same address, loaded afresh, shows the same filtered view.
    open_map(visit, "/?status=passed&state=NC")
    assert slugs_on_map(visit) == ["durham-nc"]
    assert visit.page.locator("#status").input_value() == "passed"


def test_the_kind_filter_and_its_address(visit):
    open_map(visit, "/?kind=ordinance")
    assert slugs_on_map(visit) == ["anchorage-ak", "austin-tx", "boston-ma", "raleigh-nc"]


def test_alaska_and_hawaii_are_one_click_away(visit):
    open_map(visit)
    settle_after(visit, lambda: visit.page.click("button[data-view=alaska]"))
    assert marker(visit, "Anchorage, AK").is_visible()
    box = visit.page.locator("#map").bounding_box()
    spot = marker(visit, "Anchorage, AK").bounding_box()
    assert box["x"] < spot["x"] < box["x"] + box["width"] and box["y"] < spot["y"] < box["y"] + box["height"]
    settle_after(visit, lambda: visit.page.click("button[data-view=hawaii]"))
    spot = marker(visit, "Honolulu, HI").bounding_box()
    assert box["x"] < spot["x"] < box["x"] + box["width"] and box["y"] < spot["y"] < box["y"] + box["height"]


def test_without_javascript_the_filtered_list_is_rendered_by_the_server(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/?status=passed&state=NC")
    assert page.locator("#map-section").is_hidden()
    assert page.locator("#list-section .city-card h3").all_inner_texts() == ["Durham, NC"]
    context.close()


def test_nearby_cities_share_a_cluster_that_names_them(visit):
    open_map(visit)
    cluster = visit.page.locator(".leaflet-marker-icon[data-members~='durham-nc']")
    assert cluster.get_attribute("aria-label").startswith("Durham, NC and ")
    assert cluster.get_attribute("aria-label").endswith("zoom in")
