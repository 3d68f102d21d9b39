"""App-wide behaviour: configuration, secret key, headers and error pages."""

import os
import stat

import pytest

from tracker import create_app

from .conftest import make_app


@pytest.mark.parametrize("path", ["/", "/about", "/nothing-here", "/healthz"])
def test_every_response_carries_strict_headers(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in headers


def test_hsts_is_sent_over_https(client):
    assert "max-age" in client.get("/", base_url="https://tracker.test").headers["Strict-Transport-Security"]


@pytest.mark.parametrize(
    ("template", "source"),
    [
        ("https://tiles.test/{z}/{x}/{y}.png", "https://tiles.test;"),
        ("https://{s}.tiles.test:8443/{z}/{x}/{y}.png", "https://*.tiles.test:8443;"),
    ],
)
def test_a_configured_tile_server_is_allowed_by_the_csp(tmp_path, template, source):
    app = make_app(tmp_path / "t.db", MAP_TILES=template)
    csp = app.test_client().get("/healthz").headers["Content-Security-Policy"]
    assert f"img-src 'self' data: {source}" in csp


def test_without_a_tile_server_images_come_only_from_this_site(client):
    assert "img-src 'self' data:;" in client.get("/").headers["Content-Security-Policy"]


def test_wrong_method_gets_our_405_page(client):
    response = client.post("/about")
    assert response.status_code == 405
    assert "does not accept that kind of request" in response.get_data(as_text=True)
    assert "GET" in response.headers["Allow"]


def test_api_errors_are_json(client):
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404
    assert response.json == {"error": {"status": 404, "message": "There is nothing at this address."}}


def test_unexpected_errors_show_a_page_that_reveals_nothing(tmp_path):
    app = make_app(tmp_path / "t.db", TESTING=False)

    @app.get("/boom")
    def boom():
        """Fail on purpose."""
        raise RuntimeError("secret internal detail")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Something went wrong on our side" in body and "secret internal detail" not in body
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_secret_key_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path / "instance"))
    first = create_app().config["SECRET_KEY"]
    path = tmp_path / "instance" / "secret_key"
    assert len(first) >= 64
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert create_app().config["SECRET_KEY"] == first


def test_environment_variables_configure_the_app(tmp_path, monkeypatch):
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path / "instance"))
    monkeypatch.setenv("TRACKER_DATABASE", str(tmp_path / "elsewhere.db"))
    monkeypatch.setenv("TRACKER_SECRET_KEY", "from-the-environment")
    app = create_app()
    assert app.config["DATABASE"] == str(tmp_path / "elsewhere.db")
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "instance" / "secret_key").exists()
