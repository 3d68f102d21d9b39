"""An editor in the browser: logs in, adds a vote (a mistake first, then corrected), and the public page shows it."""

from .conftest import log_in


def test_an_editor_adds_a_vote_after_correcting_a_mistake(visit):
    log_in(visit, "editor")
    page = visit.page
    visit.goto("/editor/motions")
    page.click("text=Resolution on police exchanges in Boston")
    page.click("text=Add a vote")
    page.fill("#date", "2021-02-01")
    page.select_option("#result", "pass")
    page.fill("#yes", "8")
    page.fill("#no", "3")
    page.fill("#roll_call", "")
    page.click("#submit")
    # The page says what is wrong, keeps what was typed, and focusable messages point at it.
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "Boston has 9 council seats; these counts add up to 11." in summary.inner_text()
    assert page.input_value("#yes") == "8" and page.input_value("#no") == "3"
    page.fill("#no", "1")
    page.fill("#source_title", "Boston City Council minutes")
    page.fill("#source_url", "http://127.0.0.1/minutes")
    page.click("#submit")
    page.wait_for_url("**/editor/motions/*")
    assert "Saved" in page.inner_text(".flashes")
    page.click("text=Public page")
    main = page.inner_text("main")
    assert "Vote of February 1, 2021: passed 8–1" in main
    assert "Boston City Council minutes" in main


def test_logging_out_is_a_button_that_posts(visit):
    log_in(visit, "organizer")
    visit.page.click("button:has-text('Log out')")
    visit.page.wait_for_url(visit.base + "/")
    assert "You are logged out." in visit.page.inner_text(".flashes")
    visit.goto("/editor/")
    assert "/auth/login" in visit.page.url


def test_a_new_place_and_motion_go_through_one_review_and_revert_whole(visit, browser, live_server):
    page = visit.page
    log_in(visit, "organizer")
    visit.goto("/editor/cities/new")
    page.fill("#name", "Carrboro")
    page.select_option("#kind", "town")
    page.select_option("#state", "NC")
    page.fill("#council_seats", "7")
    page.click("#submit")
    page.wait_for_url("**/editor/submissions/*")
    visit.goto("/editor/motions/new")
    page.select_option("#city_id", label="Carrboro, NC (new, waiting for review)")
    page.fill("#title", "Carrboro resolution on police exchanges")
    page.fill("#body", "Town Council")
    page.fill("#source_title", "Town Council agenda")
    page.fill("#source_publisher", "Town of Carrboro")
    page.click("#submit")
    page.wait_for_url("**/editor/submissions/*")
    page.click("text=Add an action to this motion")
    page.fill("#date", "2021-03-01")
    page.select_option("#classification", "introduced")
    page.fill("#description", "Introduced at the Town Council.")
    page.fill("#source_title", "Town Council minutes")
    page.click("#submit")
    page.wait_for_url("**/editor/submissions/*")
    action_review = page.url.removeprefix(visit.base)
    assert page.request.get(visit.base + "/cities/carrboro-nc").status == 404  # nothing public yet

    editor_context = browser.new_context(viewport={"width": 1280, "height": 900})
    editor = editor_context.new_page()
    editor.goto(live_server + "/auth/login")
    editor.fill("#email", "editor@example.org")
    editor.fill("#password", "correct horse battery staple")
    editor.click("#submit")
    editor.wait_for_url("**/editor/")
    editor.goto(live_server + action_review)
    diff = editor.inner_text("table.diff")
    assert "Carrboro resolution on police exchanges (new: approving this action approves it too)" in diff
    assert "Introduced" in diff and "Town Council minutes" in diff
    editor.click("#approve")
    editor.wait_for_load_state()
    assert "Approved and applied." in editor.inner_text(".flashes")
    assert "/editor/submissions" in editor.url  # the next pending one, or the queue when none is left
    visit.goto("/cities/carrboro-nc")
    assert "Carrboro resolution on police exchanges" in page.inner_text("main")
    assert "Introduced" in page.inner_text("main")  # the place, its motion and the action: one review round

    # One sentence for the whole approval, then a revert after a confirmation.
    editor.goto(live_server + "/editor/changes?kind=approval")
    entry = editor.locator("li.changeset", has_text="Added the place Carrboro, NC").first
    sentence = entry.inner_text()
    assert "Carrboro resolution on police exchanges" in sentence and "Town of Carrboro" in sentence
    assert "added the action “Introduced, March 1, 2021”" in sentence
    entry.locator("a", has_text="Revert").click()
    assert "Removes city" in editor.inner_text("main") and "Removes citation" in editor.inner_text("main")
    editor.click("button:has-text('Revert changeset')")
    editor.wait_for_url("**/editor/changes*")
    assert page.request.get(visit.base + "/cities/carrboro-nc").status == 404

    # Reverting the revert brings every row back, sources included.
    editor.goto(live_server + "/editor/changes?kind=revert")
    editor.locator("li.changeset").first.locator("a", has_text="Revert").click()
    editor.click("button:has-text('Revert changeset')")
    editor.wait_for_url("**/editor/changes*")
    visit.goto("/cities/carrboro-nc")
    page.click("text=Carrboro resolution on police exchanges")
    assert "Town of Carrboro" in page.inner_text("main") and "Town Council minutes" in page.inner_text("main")
    # Leave the shared live database with the places the other browser tests count.
    editor.goto(live_server + "/editor/changes?kind=revert")
    editor.locator("li.changeset").first.locator("a", has_text="Revert").click()
    editor.click("button:has-text('Revert changeset')")
    editor.wait_for_url("**/editor/changes*")
    assert page.request.get(visit.base + "/cities/carrboro-nc").status == 404
    editor_context.close()
