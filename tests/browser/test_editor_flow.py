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
