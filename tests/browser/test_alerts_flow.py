"""A visitor in the browser subscribes to a place's alerts, then confirms from the link in the email received."""

import threading

import pytest
from werkzeug.serving import make_server

from tracker import create_app, seed
from tracker import db as database

from ..mailserver import MailServer, link
from .conftest import Visit


@pytest.fixture
def alerts_site(tmp_path):
    """A live server with alerts on (CSRF on, as in production), sending through a real SMTP server."""
    smtp = MailServer()
    path = tmp_path / "tracker.db"
    db = database.connect(path)
    database.init_db(db)
    seed.load(db, only={"durham-nc"})
    db.conn.close()
    app = create_app(
        {
            "SECRET_KEY": "browser-alerts",
            "DATABASE": str(path),
            "WTF_CSRF_ENABLED": True,
            "SMTP_URL": smtp.url,
            "MAIL_FROM": "alerts@tracker.test",
            "SITE_URL": "http://tracker.test",
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, smtp, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    smtp.stop()


def test_a_visitor_subscribes_to_a_place_and_confirms_from_the_email(browser, alerts_site):
    app, smtp, base = alerts_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    visit = Visit(page, base)
    try:
        visit.goto("/cities/durham-nc")
        page.click("#alerts-link")
        page.wait_for_url("**/alerts/subscribe?place=durham-nc")
        assert "Durham, NC" in page.inner_text("main")
        page.fill("#email", "reader@example.net")
        page.check("input[value=daily]")
        page.click("#submit")
        assert "Check your email" in page.inner_text("h1")

        result = app.test_cli_runner().invoke(args=["send-alerts"])
        assert result.exit_code == 0, result.output
        [confirmation] = smtp.messages
        assert confirmation["To"] == "reader@example.net"

        visit.goto(link(confirmation, "/alerts/confirm/"))
        page.click("#confirm")
        page.wait_for_url("**/alerts/manage/*")
        assert "Confirmed: your alerts are on." in page.inner_text("#confirmed")
        assert "Durham, NC" in page.inner_text("main")
        assert page.is_checked("input[value=daily]")
        visit.screenshot("alerts-confirmed.png")
    finally:
        context.close()
    assert visit.other_hosts() == [] and visit.errors == []
