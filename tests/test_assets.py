"""Static files: versioned addresses kept a year, unversioned ones an hour, and /favicon.ico."""

import re

from tracker import assets

YEAR = "public, max-age=31536000, immutable"
HOUR = "public, max-age=3600"


def static_links(html):
    """The static and Leaflet addresses a page links to."""
    return re.findall(r'(?:href|src|data-outlines)="(/(?:static|vendor)/[^"]+)"', html)


def test_pages_link_static_files_with_their_version(client):
    links = static_links(client.get("/").get_data(as_text=True))
    assert any(link.startswith("/static/style.css?v=") for link in links)
    assert any(link.startswith("/vendor/leaflet/leaflet.js?v=") for link in links)
    assert all("?v=" in link for link in links), links


def test_a_file_at_its_current_version_is_kept_a_year(client):
    for link in static_links(client.get("/").get_data(as_text=True)):
        with client.get(link.replace("&amp;", "&")) as response:
            assert response.status_code == 200, link
            assert response.headers["Cache-Control"] == YEAR, link


def test_without_the_current_version_a_file_is_kept_an_hour(client):
    for path in ("/static/style.css", "/static/style.css?v=0ld", "/vendor/leaflet/leaflet.js?v=0.1"):
        with client.get(path) as response:
            assert response.status_code == 200
            assert response.headers["Cache-Control"] == HOUR, path


def test_the_version_follows_the_content(app, tmp_path):
    folder = tmp_path / "static"
    folder.mkdir()
    app.static_folder = str(folder)
    (folder / "a.css").write_text("body{}")
    with app.test_request_context():
        first = assets.static_version("a.css")
        (folder / "a.css").write_text("body{color:red}")
        assert assets.static_version("a.css") != first
        assert assets.static_version("../secret") is None
        assert assets.static_version("missing.css") is None


def test_the_favicon_is_an_icon(client):
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.mimetype == "image/vnd.microsoft.icon"
        assert response.data[:4] == b"\0\0\1\0"  # an ICO file's header
        assert response.headers["Cache-Control"] == HOUR
