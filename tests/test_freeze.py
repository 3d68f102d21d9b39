"""freeze: the whole seeded site as static files, served by a plain static server with no broken link."""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from flask import Flask, request

from tracker import freeze


def free_port():
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def static_server(folder):
    """Serve folder with Python's http.server, as any static host would; yield its root address."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", "--directory", str(folder), "--bind", "127.0.0.1", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(root, timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.05)
        yield root
    finally:
        server.terminate()
        server.wait(timeout=10)


class Hrefs(HTMLParser):
    """Every href and src in a page, and the map's data-points and data-outlines (kept apart from freeze.py's)."""

    def __init__(self):
        """Start with none."""
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        """Keep the address-like attributes."""
        self.found += [v for k, v in attrs if v and k in ("href", "src", "data-points", "data-outlines")]


def fetch(url):
    """GET url (redirects followed); return (status, content type, body)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, None, b""


def crawl_static(root):
    """Follow every same-site link without a query string from root's pages; return ({path: body}, broken)."""
    bodies, broken, queue = {}, {}, ["/"]
    seen = set(queue)
    while queue:
        path = queue.pop()
        status, kind, body = fetch(urljoin(root, path))
        if status != 200:
            broken[path] = status
            continue
        bodies[path] = body
        if kind != "text/html":
            continue
        parser = Hrefs()
        parser.feed(body.decode())
        for href in parser.found:
            parts = urlsplit(urljoin(urljoin(root, path), href))
            if parts.netloc == urlsplit(root).netloc and not parts.query and parts.path not in seen:
                seen.add(parts.path)
                queue.append(parts.path)
    return bodies, broken


@pytest.fixture
def frozen(record_app, tmp_path):
    """The whole seeded record frozen into tmp_path/site by the CLI command."""
    result = record_app.test_cli_runner().invoke(args=["freeze", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    return tmp_path / "site", result.output


def test_a_static_server_serves_the_frozen_site_without_a_broken_link(record_app, record_db, frozen):
    site, output = frozen
    assert "Froze " in output and " MB) " in output and " seconds." in output
    motion_id = record_db.execute("SELECT min(id) FROM motion WHERE published = 1").fetchone()[0]
    compared = (f"/motions/{motion_id}", "/cities/durham-nc", "/feed.atom", f"/api/v1/motions/{motion_id}")
    compared += ("/exports/cities.geojson", "/calendar.ics", "/cities/durham-nc/calendar.ics")
    with static_server(site) as root:
        bodies, broken = crawl_static(root)
        served = {url: fetch(urljoin(root, url)) for url in compared}
    assert broken == {}
    assert f"/motions/{motion_id}" in bodies and "/cities/durham-nc" in bodies and "/about" in bodies
    # The live app renders what the freeze rendered once told it is freezing (no search, filters or login).
    record_app.config["FREEZING"] = True
    live = record_app.test_client()
    for url, (status, _kind, body) in served.items():
        with live.get(url) as response:
            assert status == 200 and body == response.get_data(), url
    assert b'href="/search"' not in served[f"/motions/{motion_id}"][2]
    assert json.loads(served[f"/api/v1/motions/{motion_id}"][2])["id"] == motion_id
    # Lists paged by query string are left to the live server: their path is the folder of the items.
    assert (site / "api" / "v1" / "motions").is_dir() and not (site / "api" / "v1" / "motions" / "index.html").exists()


def test_a_folder_with_files_is_refused_without_force_and_replaced_whole_with_it(record_app, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.txt").write_text("mine")
    runner = record_app.test_cli_runner()
    refused = runner.invoke(args=["freeze", str(site)])
    assert refused.exit_code != 0
    assert "already holds files; use --force" in refused.output
    assert [p.name for p in site.iterdir()] == ["keep.txt"] and (site / "keep.txt").read_text() == "mine"
    forced = runner.invoke(args=["freeze", "--force", str(site)])
    assert forced.exit_code == 0, forced.output
    assert (site / "index.html").is_file() and not (site / "keep.txt").exists()
    # The build folder beside it is gone: only the mirror is left.
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_the_base_url_is_the_root_of_the_absolute_links_and_must_be_a_root(record_app, tmp_path):
    runner = record_app.test_cli_runner()
    result = runner.invoke(args=["freeze", "--base-url", "https://mirror.example.org", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    assert b"https://mirror.example.org/" in (tmp_path / "a" / "feed.atom").read_bytes()
    refused = runner.invoke(args=["freeze", "--base-url", "https://example.org/tracker/", str(tmp_path / "b")])
    assert refused.exit_code != 0 and "domain root" in refused.output
    assert not (tmp_path / "b").exists()


def test_a_broken_link_fails_the_command_and_leaves_the_folder_alone(record_app, tmp_path):
    @record_app.after_request
    def link_to_nowhere(response):
        """Add a link to a page that does not exist to the home page."""
        if request.path == "/":
            response.set_data(response.get_data() + b'<a href="/nowhere#top">gone</a>')
        return response

    result = record_app.test_cli_runner().invoke(args=["freeze", str(tmp_path / "site")])
    assert result.exit_code != 0
    assert "Broken link: /nowhere (linked from /)" in result.output
    assert not (tmp_path / "site").exists() and list(tmp_path.iterdir()) == []


def tiny_app():
    """A three-page site: / links to /ok (a page), /moved (a redirect to /ok/data.txt) and /missing."""
    app = Flask(__name__)
    links = '<a href="/ok">ok</a> <a href="/moved">moved</a> <a href="missing?x=1">query</a> <a href="/missing">no</a>'
    app.add_url_rule("/", "home", lambda: f"<!doctype html><p>{links}</p>")
    app.add_url_rule("/ok", "ok", lambda: '<!doctype html><a href="https://elsewhere.example/">out</a>')
    app.add_url_rule("/ok/data.txt", "data", lambda: ("plain", {"Content-Type": "text/plain"}))
    app.add_url_rule("/moved", "moved", lambda: ("", 302, {"Location": "/ok/data.txt"}))
    return app


def test_the_crawler_writes_what_answers_and_names_each_broken_link(tmp_path):
    report = freeze.crawl(tiny_app().test_client(), tmp_path, "http://localhost/", ["/"])
    assert report.broken == {"/missing": ["/"]}
    assert report.redirects == {"/moved": "/ok/data.txt"}
    assert not report.ok
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert written == ["index.html", "ok/data.txt", "ok/index.html"]
    assert report.files == 3 and report.bytes == sum(p.stat().st_size for p in tmp_path.rglob("*") if p.is_file())


def test_an_optional_address_that_is_not_there_is_skipped_not_broken(tmp_path):
    report = freeze.crawl(tiny_app().test_client(), tmp_path, "http://localhost/", ["/ok"], ["/map/places.json"])
    assert report.ok and report.skipped == ["/map/places.json answered 404"]


def test_pages_know_they_are_being_frozen_and_the_app_forgets_it_after(tmp_path):
    app = tiny_app()
    app.add_url_rule("/flag.txt", "flag", lambda: str(app.config.get("FREEZING")))
    report = freeze.freeze(app, tmp_path / "site", "http://localhost/", ["/flag.txt"])
    assert report.ok and (tmp_path / "site" / "flag.txt").read_text() == "True"
    assert "FREEZING" not in app.config


@pytest.mark.parametrize(
    ("path", "html", "file"),
    [
        ("/", True, "index.html"),
        ("/motions/5", True, "motions/5/index.html"),
        ("/cities/durham-nc/page/2", True, "cities/durham-nc/page/2/index.html"),
        ("/feed.atom", False, "feed.atom"),
        ("/static/map/us-states.geojson", False, "static/map/us-states.geojson"),
        ("/api/v1/openapi.json", False, "api/v1/openapi.json"),
        ("/api/v1/motions/5", False, "api/v1/motions/5"),
        ("/a%20b.txt", False, "a b.txt"),
        ("/../etc/passwd", False, None),
        ("/a/%2e%2e/b", True, None),
    ],
)
def test_each_url_has_one_file(path, html, file):
    found = freeze.file_for(path, html)
    assert (str(found) if found else None) == file


def test_links_are_same_site_paths_without_query_or_fragment():
    page = (
        '<a href="/motions/1#votes">m</a><a href="/?status=passed">f</a><a href="https://other.example/x">o</a>'
        '<a href="http://localhost/about">a</a><a href="history">h</a><a href="mailto:x@example.org">e</a>'
        '<link rel="stylesheet" href="/static/style.css"><script src="/static/map.js"></script><img src="/i.png">'
        '<div id="map" data-points="/exports/cities.geojson" data-tiles="https://t.example/{z}" data-n="3"'
        ' data-place="/map/places/SLUG.json" data-page="/cities/SLUG"></div>'
        '<div data-points="/not-the-map.json"></div>'
    )
    found = freeze.links(page, "text/html", "/motions/1", "http://localhost/")
    assert found == [
        "/motions/1",
        "/about",
        "/motions/history",
        "/static/style.css",
        "/static/map.js",
        "/i.png",
        "/exports/cities.geojson",
    ]
    css = "a{background:url(images/layers.png)} b{background:url('#default#VML')}\n/*# sourceMappingURL=x.css.map */"
    assert freeze.links(css, "text/css", "/vendor/leaflet/leaflet.css", "http://localhost/") == [
        "/vendor/leaflet/x.css.map",
        "/vendor/leaflet/images/layers.png",
        "/vendor/leaflet/leaflet.css",
    ]
