"""Validators and caching for public responses, keyed by the public record's version (see schema.sql).

A public response depends on the public record, the day (pages say "no news since" a date) and the code that
built it. The ETag names all three, so a conditional request is answered 304 before any view runs, and a page
built once is kept in memory and served again until one of them changes.
"""

import hashlib
import sqlite3
import threading
from collections import OrderedDict
from datetime import UTC, datetime
from functools import lru_cache
from http import HTTPStatus
from importlib import metadata
from pathlib import Path

from flask import Response, current_app, g, request, session
from werkzeug.http import http_date, is_resource_modified, parse_cookie, parse_etags

from .db import get_db, public_version, thread_connection

# Browsers and shared caches may keep a public response this long, then revalidate (a 304 costs one query).
MAX_AGE = 60
CACHE_CONTROL = f"public, max-age={MAX_AGE}"
# Headers about a body, left out of a 304 (which has none).
BODY_HEADERS = frozenset({"Content-Type", "Content-Disposition", "Content-Length"})
# Figures kept per version of the record (see memo): a bound, since filters multiply the keys.
MEMO_LIMIT = 1000
# Pages whose HTML differs for people logged in (their menu, their forms): shared only with no session.
PERSONAL = frozenset(
    {
        "public.home",
        "public.city",
        "public.motion",
        "public.motion_history",
        "public.search",
        "public.about",
    }
)
# Responses that are the same for everyone: the API, feeds, exports and the map's layer.
SHARED = frozenset(
    {
        "api.cities",
        "api.city",
        "api.motions",
        "api.motion",
        "api.openapi_document",
        "exports.motions_csv",
        "exports.votes_csv",
        "exports.cities_geojson_route",
        "exports.feed",
        "exports.city_feed",
        "calendars.calendar",
        "calendars.place_calendar",
        "maps.places_layer",
        "maps.place",
    }
)


class PageCache:
    """Finished responses by URL for one public version, least recently used dropped past a size in bytes.

    A response is kept from its address's second request on: the first only notes the address. A reader walking
    through thousands of pages once (or a crawler) then cannot push out the pages many people ask for.
    """

    def __init__(self, max_bytes, max_entry, max_noted=20_000):
        """An empty cache holding at most max_bytes of bodies, none larger than max_entry."""
        self.max_bytes, self.max_entry, self.max_noted = max_bytes, max_entry, max_noted
        self.entries, self.size, self.version = OrderedDict(), 0, None
        self.noted = set()
        # Addresses answered 200 at this version: only for them may a conditional request be answered before the
        # view has said the address is valid (a 400 or 404 is never turned into a 304).
        self.answered = set()
        self.lock = threading.Lock()

    def start(self, version):
        """Begin a new version of the record (the lock held): nothing kept for an older one is valid."""
        if version != self.version:
            self.entries.clear()
            self.answered.clear()
            self.size, self.version = 0, version

    def mark_answered(self, version, key):
        """Note that key was answered 200 at this version."""
        with self.lock:
            self.start(version)
            if len(self.answered) >= self.max_noted:
                self.answered.clear()
            self.answered.add(key)

    def was_answered(self, version, key):
        """Whether key was answered 200 at this version."""
        with self.lock:
            return version == self.version and key in self.answered

    def get(self, version, key):
        """Return the (status, headers, body, personal) kept for key at this version, or None.

        personal: the page differs for people logged in, so it may be given only to a request without a session.
        """
        with self.lock:
            if version != self.version:
                return None
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
            return found

    def put(self, version, key, status, headers, body, personal=False):
        """Keep a response for key at this version (a newer version empties the cache first)."""
        if len(body) > self.max_entry:
            return
        with self.lock:
            self.start(version)
            if key not in self.noted:
                if len(self.noted) >= self.max_noted:
                    self.noted.clear()  # forget them all at once: a bound, and a fresh start
                self.noted.add(key)
                return
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= len(old[2])
            self.entries[key] = (status, headers, body, personal)
            self.size += len(body)
            while self.size > self.max_bytes:
                _key, dropped = self.entries.popitem(last=False)
                self.size -= len(dropped[2])


def code_fingerprint(app):
    """A short hash of the code that builds responses: the package version and every template and static file."""
    digest = hashlib.sha256(metadata.version("tracker").encode())
    package = Path(__file__).resolve().parent
    for folder in (Path(app.root_path, app.template_folder).resolve(), package):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".html", ".js", ".css", ".sql", ".svg", ".geojson"}:
                stat = path.stat()
                digest.update(f"{path.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:10]


def shared_request():
    """Whether this request gets the response everyone gets (and so may be validated and served from the cache)."""
    environ = request.environ
    if "tracker.shared" not in environ:  # decided once per request: both hooks ask
        environ["tracker.shared"] = decide_shared(environ, request.endpoint, current_app.config)
    return environ["tracker.shared"]


def decide_shared(environ, endpoint, config):
    """Whether a request to endpoint gets the shared response (see shared_request)."""
    # A freeze (tracker freeze) renders pages differently: they are neither served from the cache nor kept in it.
    if environ["REQUEST_METHOD"] not in ("GET", "HEAD") or endpoint is None or config["FREEZING"]:
        return False
    if endpoint in SHARED:
        return True
    if endpoint not in PERSONAL:
        return False
    if "HTTP_COOKIE" not in environ:
        return True
    cookies = request.cookies
    return config["SESSION_COOKIE_NAME"] not in cookies and "remember_token" not in cookies


def validators():
    """Return this request's (ETag, Last-Modified) from the public version, the day and the code, read once."""
    if "validators" not in g:
        read = request.environ.get("tracker.public_version")
        version, changed_at = read or public_version(get_db())
        g.validators, g.changed_at = (version_tag(current_app, version), last_modified(changed_at)), changed_at
    return g.validators


def version_tag(app, version):
    """The tag of what a public response depends on: the record's version, the day and the code."""
    return f"{version}-{datetime.now(UTC).date().isoformat()}-{app.extensions['tracker.code']}"


def last_changed():
    """Return when the public record last changed (a timestamp to the second), or None if it never has."""
    validators()
    return g.changed_at[:19] + "Z" if g.changed_at else None


def memo(key, compute):
    """Return compute()'s value for key, computed once per version of the public record in this process.

    For figures over the whole record (counts by status, by category) that many different pages show.
    """
    tag, _modified = validators()
    store = current_app.extensions["tracker.memo"]
    with store["lock"]:
        if store["tag"] == tag and key in store["values"]:
            return store["values"][key]
    value = compute()
    with store["lock"]:
        if store["tag"] != tag or len(store["values"]) >= MEMO_LIMIT:
            store["tag"], store["values"] = tag, {}
        store["values"][key] = value
    return value


@lru_cache(maxsize=16)
def changed_moment(changed_at):
    """Read a change's timestamp (milliseconds, UTC); the same few are read on every request."""
    return datetime.fromisoformat(changed_at.replace("Z", "+00:00"))


def last_modified(changed_at):
    """Last-Modified for a record changed at changed_at (milliseconds), or None while that is under a second ago.

    HTTP dates count whole seconds: a date sent in the second of a change could equal the date of a second change
    in that same second, and a client holding it would be told "not modified". Past a second it cannot.
    """
    if not changed_at:
        return None
    moment = changed_moment(changed_at)
    if (datetime.now(UTC) - moment).total_seconds() < 1:
        return None
    return moment.replace(microsecond=0)


def answer_early():
    """Before the view: 304 for a conditional request the front door left to Flask (a date to compare, say), for an
    address already answered 200 at this version; any other goes to the view, and keep() compares after it.

    Kept pages are served by FrontDoor alone, before Flask runs.
    """
    if not shared_request():
        return None
    environ = request.environ
    if "HTTP_IF_NONE_MATCH" not in environ and "HTTP_IF_MODIFIED_SINCE" not in environ:
        return None
    tag, modified = validators()
    if not current_app.extensions["tracker.pages"].was_answered(tag, cache_key()):
        return None  # the view says first whether the address is valid ("If-None-Match: *" on a 404 is a 404)
    if not is_resource_modified(environ, etag=tag, last_modified=modified):
        return finish(Response(status=304), tag, modified)
    return None


def keep(response):
    """After the view: validators on a shared 200, kept in memory unless streamed; personal pages are private."""
    if request.endpoint in PERSONAL and not shared_request():
        # Someone logged in: their pages are theirs alone (auth.py says no-store; anyone else, private).
        response.headers.setdefault("Cache-Control", "private, no-cache")
        return response
    if not shared_request() or response.status_code != 200:
        return response
    tag, modified = validators()
    finish(response, tag, modified)
    pages = current_app.extensions["tracker.pages"]
    pages.mark_answered(tag, cache_key())
    # A response that starts a session (a CSRF token, say) belongs to one visitor: never kept for others.
    if not response.is_streamed and not session.modified and request.method == "GET":
        headers = [(k, v) for k, v in response.headers.items() if k != "Content-Length"]
        personal = request.endpoint in PERSONAL
        pages.put(tag, cache_key(), response.status_code, headers, response.get_data(), personal)
    # A conditional request the view had to answer (its first at this version) still gets its 304 (the Date header
    # werkzeug adds there is removed by the app's last after-request step).
    return response.make_conditional(request.environ)


def cache_key(environ=None):
    """The kept response's key: the host (absolute links differ by host) and the path with its query, as sent."""
    environ = environ or request.environ
    where = (environ["wsgi.url_scheme"], environ.get("HTTP_HOST"), environ.get("SCRIPT_NAME"))
    return (*where, environ["PATH_INFO"], environ.get("QUERY_STRING"))


def finish(response, tag, modified):
    """Set the validators and the caching policy on a response."""
    headers = response.headers
    headers["ETag"] = f'W/"{tag}"'
    if modified is not None:
        headers["Last-Modified"] = http_moment(modified)
    headers["Cache-Control"] = CACHE_CONTROL
    if "Vary" in headers:
        response.vary.add("Cookie")
    else:
        headers["Vary"] = "Cookie"
    return response


@lru_cache(maxsize=16)
def http_moment(moment):
    """A moment as an HTTP date, formatted once: every response of a version carries the same one."""
    return http_date(moment)


class FrontDoor:
    """WSGI middleware that answers from the kept responses before Flask runs: a page already built at this version
    of the record, or 304 when the client holds it. Everything else, and anything in doubt, goes on to Flask.

    Flask's own request set-up (routing, session, hooks) costs more than handing back a kept page; a reader's
    repeated and conditional requests are most of what a public site serves.
    """

    def __init__(self, app, wsgi_app):
        """Sit in front of app's WSGI callable."""
        self.app, self.wsgi_app = app, wsgi_app

    def __call__(self, environ, start_response):
        """Answer from the cache when it can; otherwise let Flask answer."""
        answer = self.kept_answer(environ)
        if answer is None:
            return self.wsgi_app(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [body] if body and environ["REQUEST_METHOD"] == "GET" else []

    def kept_answer(self, environ):
        """Return (status line, headers, body) for a request the cache answers, or None."""
        pages = self.app.extensions["tracker.pages"]
        if environ["REQUEST_METHOD"] not in ("GET", "HEAD") or self.app.config["FREEZING"] or not pages.entries:
            return None
        try:
            version, changed_at = public_version(thread_connection(self.app))
        except sqlite3.Error:
            return None  # Flask answers, with its error pages (and /healthz says what is wrong)
        # Read once per request: if Flask answers after all, validators() takes it from here.
        environ["tracker.public_version"] = (version, changed_at)
        tag = version_tag(self.app, version)
        kept = pages.get(tag, cache_key(environ))
        if kept is None:
            return None
        status, headers, body, personal = kept
        if personal and "HTTP_COOKIE" in environ:
            cookies = parse_cookie(environ)
            if self.app.config["SESSION_COOKIE_NAME"] in cookies or "remember_token" in cookies:
                return None  # someone who may be logged in: Flask decides what they see
        if "HTTP_IF_NONE_MATCH" in environ:
            if not parse_etags(environ["HTTP_IF_NONE_MATCH"]).contains_weak(tag):
                return None  # an older copy: Flask sends the new one (and checks any date)
            kept_headers = [(k, v) for k, v in headers if k not in BODY_HEADERS]
            return "304 NOT MODIFIED", kept_headers, b""
        if "HTTP_IF_MODIFIED_SINCE" in environ:
            return None  # a date to compare: Flask does it
        return f"{status} {HTTPStatus(status).phrase}", [*headers, ("X-Cache", "hit")], body


def init_app(app):
    """Answer from validators and the cache before views, and keep what views build."""
    app.extensions["tracker.code"] = code_fingerprint(app)
    app.extensions["tracker.pages"] = PageCache(
        max_bytes=app.config["PAGE_CACHE_BYTES"], max_entry=app.config["PAGE_CACHE_ENTRY_BYTES"]
    )
    app.extensions["tracker.memo"] = {"lock": threading.Lock(), "tag": None, "values": {}}
    app.wsgi_app = FrontDoor(app, app.wsgi_app)
    app.before_request(answer_early)
    # Registered first so that it runs last, after the security and CORS headers are on the response.
    app.after_request(keep)
