"""Freezing: crawl the public site as an anonymous visitor and write it as static files served at the same URLs."""

import os
import re
import shutil
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urljoin, urlsplit

from . import queries

# Addresses a link may not reach: feeds, the API's items and the downloads. Each must answer 200.
FIXED = (
    "/",
    "/about",
    "/feed.atom",
    "/calendar.ics",
    "/api/v1/openapi.json",
    "/exports/motions.csv",
    "/exports/votes.csv",
    "/exports/cities.geojson",
    "/exports/tracker.db",
    "/map/places.json",
)
# Frozen when they answer 200 and reported as skipped otherwise.
OPTIONAL = ("/favicon.ico",)
# The API's lists page by query string, and their path would be a file where the items need a folder.
NEVER = frozenset({"/api/v1/motions", "/api/v1/cities"})
# Bodies read back for links after they are written; everything else is only streamed to disk.
LINKED_TYPES = frozenset({"text/html", "text/css", "text/javascript", "application/javascript"})
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)['"]?\s*\)""")
SOURCE_MAP = re.compile(r"^[/*#@\s]*sourceMappingURL=(\S+?)(?:\s*\*/)?\s*$", re.MULTILINE)
# A URL template on the map for its script to fill in (/cities/SLUG): a capitalised segment no real path has.
PLACEHOLDER = re.compile(r"/[A-Z][A-Z_]*(?:\.[a-z0-9]+)?(?:/|$)")
# Enough pages to find a broken link from; a link on every page would otherwise list them all.
REFERRERS_KEPT = 3


class FreezeError(Exception):
    """A freeze that cannot start or cannot be put in place; the message says why."""


@dataclass
class Report:
    """What a freeze wrote, what it left out and what stops it."""

    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    broken: dict = field(default_factory=dict)  # a linked URL that answered 404 -> pages that link to it
    problems: list = field(default_factory=list)  # any other failure: a required URL not 200, a path clash
    skipped: list = field(default_factory=list)  # optional URLs that did not answer 200, lists left to the server
    redirects: dict = field(default_factory=dict)  # URL -> its Location, crawled but not written

    @property
    def ok(self):
        """Whether the mirror is whole: no broken link and no other problem."""
        return not self.broken and not self.problems


def site_root(url):
    """Return url as scheme://host/, refusing one with a path: the mirror's links start at the domain root."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/") or parts.query:
        raise FreezeError(
            f"{url} is not a site's root address like https://tracker.example.org/ "
            "(the mirror's links start with /, so it must be served at the domain root)."
        )
    return f"{parts.scheme}://{parts.netloc}/"


def site_urls(db, app):
    """Return (required, optional) URLs to freeze beyond what links reach: every motion, place and static file."""
    required, optional = list(FIXED), list(OPTIONAL)
    for motion_id in queries.published_motion_ids(db):
        required += [f"/motions/{motion_id}", f"/motions/{motion_id}/history", f"/api/v1/motions/{motion_id}"]
    for slug in queries.place_slugs(db):
        required += [
            f"/cities/{slug}",
            f"/cities/{slug}/feed.atom",
            f"/cities/{slug}/calendar.ics",
            f"/api/v1/cities/{slug}",
            f"/map/places/{slug}.json",
        ]
    folder = Path(app.static_folder)
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            required.append(f"{app.static_url_path}/{quote(path.relative_to(folder).as_posix())}")
    return required, optional


def local_path(href, page, base_url):
    """Return the site path a link points to (fragment dropped), or None if it leaves the site or has a query.

    A file's version (?v=, see assets.py) is not a query of its own: the mirror serves the file at its path.
    """
    parts = urlsplit(urljoin(urljoin(base_url, page), href.strip()))
    root = urlsplit(base_url)
    versioned = re.fullmatch(r"v=[\w.-]+", parts.query)
    if parts.scheme != root.scheme or parts.netloc != root.netloc or (parts.query and not versioned):
        return None
    return parts.path or "/"


class LinkParser(HTMLParser):
    """Collects the addresses an HTML page points to: links, scripts, images and the map's data files."""

    ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src"}

    def __init__(self):
        """Start with no addresses found."""
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        """Keep the tag's address attribute, and on #map every data-* value that is a site path (not a template)."""
        values = dict(attrs)
        wanted = self.ATTRIBUTES.get(tag)
        if wanted and values.get(wanted) is not None:
            self.found.append(values[wanted])
        if values.get("id") == "map":
            self.found += [
                value
                for name, value in attrs
                if name.startswith("data-")
                and value
                and value.startswith("/")
                and not value.startswith("//")
                and not PLACEHOLDER.search(value)
            ]


def links(text, mimetype, page, base_url):
    """Return the site paths (no query string) that an HTML, CSS or JavaScript body refers to."""
    if mimetype == "text/html":
        parser = LinkParser()
        parser.feed(text)
        parser.close()
        found = parser.found
    else:
        found = SOURCE_MAP.findall(text) + (CSS_URL.findall(text) if mimetype == "text/css" else [])
    paths = (local_path(href, page, base_url) for href in found)
    return list(dict.fromkeys(path for path in paths if path is not None))


def file_for(path, html):
    """Return the relative file that serves a URL path, or None if the path cannot be a file name."""
    segments = [unquote(segment) for segment in path.split("/")[1:]]
    if segments and segments[-1] == "":
        segments[-1] = "index.html"
    elif html and "." not in segments[-1]:
        # Static hosts answer /motions/5 by redirecting to /motions/5/ and serving its index.html.
        segments.append("index.html")
    if any(s in ("", ".", "..") or "\x00" in s or "/" in s for s in segments):
        return None
    return PurePosixPath(*segments)


def write(response, url, folder, written):
    """Stream a response's body into the file for its URL; return (the file, bytes written)."""
    relative = file_for(urlsplit(url).path, response.mimetype == "text/html")
    if relative is None:
        raise FreezeError(f"{url} cannot be written as a file name")
    for parent in relative.parents:
        if str(parent) in written:
            raise FreezeError(f"{url} needs {parent} to be a folder, but it is the file for {written[str(parent)]}")
    target = folder.joinpath(*relative.parts)
    if str(relative) in written or target.is_dir():
        raise FreezeError(
            f"{url} would be written at {relative}, which {written.get(str(relative), 'other files')} needs"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    # Chunk by chunk: exports and the public database can be far larger than a page.
    with open(target, "xb") as out:
        for chunk in response.iter_encoded():
            out.write(chunk)
            size += len(chunk)
    written[str(relative)] = url
    return target, size


def crawl(client, folder, base_url, required, optional=()):
    """GET each URL and every same-site link from them with client; write each 200 into folder; return a Report."""
    report = Report()
    base_url = site_root(base_url)
    queue = deque(dict.fromkeys([*required, *optional]))
    seen, linked_from, failed, written = set(queue), {}, {}, {}
    while queue:
        url = queue.popleft()
        found = []
        response = client.get(url, base_url=base_url)
        try:
            if response.status_code == 200:
                try:
                    target, size = write(response, url, folder, written)
                except FreezeError as problem:
                    report.problems.append(str(problem))
                else:
                    report.files, report.bytes = report.files + 1, report.bytes + size
                    if response.mimetype in LINKED_TYPES:
                        charset = response.mimetype_params.get("charset", "utf-8")
                        body = target.read_text(encoding=charset, errors="replace")
                        found = links(body, response.mimetype, url, base_url)
            elif 300 <= response.status_code < 400:
                # A redirect writes nothing: its target is crawled like a link, and the redirect reported.
                report.redirects[url] = response.location
                target = local_path(response.location or "", url, base_url)
                found = [target] if target else []
            else:
                failed[url] = response.status_code
        finally:
            response.close()
        for link in found:
            referrers = linked_from.setdefault(link, [])
            if len(referrers) < REFERRERS_KEPT and url not in referrers:
                referrers.append(url)
            if link not in seen and link not in NEVER:
                seen.add(link)
                queue.append(link)
    for url, status in failed.items():
        pages = linked_from.get(url)
        if pages and status == 404:
            report.broken[url] = pages
        elif pages:
            report.problems.append(f"{url} answered {status} (linked from {', '.join(pages)})")
        elif url in optional:
            report.skipped.append(f"{url} answered {status}")
        else:
            report.problems.append(f"{url} answered {status}")
    for url in sorted(NEVER & linked_from.keys()):
        report.skipped.append(f"{url} (linked from {', '.join(linked_from[url])}): a list paged by query string")
    return report


def check_destination(destination, force, keep):
    """Refuse a destination that holds files (unless forced), or one that is or holds anything in keep."""
    if destination.exists() and not destination.is_dir():
        raise FreezeError(f"{destination} is a file; choose a folder.")
    # --force replaces the whole folder: never one the app, its data or the shell is working in.
    for label, path in keep.items():
        if path and Path(path).resolve().is_relative_to(destination.resolve()):
            raise FreezeError(f"{destination} is or holds {label} ({path}); choose another folder.")
    if destination.is_dir() and any(destination.iterdir()) and not force:
        raise FreezeError(
            f"{destination} already holds files; use --force to replace them all, or choose another folder."
        )


def swap(site, destination, old):
    """Put the finished site at destination; a folder already there is moved to old first."""
    try:
        if destination.is_dir() and any(destination.iterdir()):
            destination.rename(old)
        # rename() replaces an empty folder in one step, so a server never sees half a mirror.
        site.replace(destination)
    except OSError as error:
        if old.exists() and not destination.exists():
            old.rename(destination)
        raise FreezeError(f"Could not put the mirror in place at {destination}: {error}") from error


def freeze(app, destination, base_url, required, optional=(), force=False):
    """Crawl the site into a sibling temporary folder and, if nothing is broken, swap it in at destination."""
    started = time.monotonic()
    destination = Path(destination).absolute()
    base_url = site_root(base_url)
    keep = {
        "the current folder": os.getcwd(),
        "the app's code": app.root_path,
        "the instance folder": app.instance_path,
        "the database": app.config.get("DATABASE"),
    }
    check_destination(destination, force, keep)
    destination.parent.mkdir(parents=True, exist_ok=True)
    # A sibling, so the swap is a rename on one file system; the private folder hides the build until it is done.
    work = Path(tempfile.mkdtemp(prefix=f".{destination.name}-freezing-", dir=destination.parent))
    had_flag, flag = "FREEZING" in app.config, app.config.get("FREEZING")
    app.config["FREEZING"] = True
    try:
        site = work / "site"
        site.mkdir()  # made with the umask, unlike mkdtemp's 0700, so a web server can read the mirror
        report = crawl(app.test_client(use_cookies=False), site, base_url, required, optional)
        if report.ok:
            swap(site, destination, work / "old")
    finally:
        if had_flag:
            app.config["FREEZING"] = flag
        else:
            app.config.pop("FREEZING", None)
        shutil.rmtree(work, ignore_errors=True)
    report.seconds = time.monotonic() - started
    return report
