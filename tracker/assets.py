"""Static files: addresses that carry a hash of the content, kept a year when it matches; /favicon.ico."""

import hashlib
import os
from functools import lru_cache

import xstatic.pkg.leaflet
from flask import current_app, request, send_from_directory

# A file whose address names its content never changes at that address: browsers and proxies keep it a year.
IMMUTABLE = "public, max-age=31536000, immutable"
# An address without the version (an old page, a hand-typed link, /favicon.ico): kept briefly, then revalidated.
SHORT = "public, max-age=3600"
# Leaflet's files change only with the xstatic-leaflet package: its version names them.
LEAFLET_VERSION = xstatic.pkg.leaflet.VERSION


@lru_cache(maxsize=256)
def content_hash(path, _mtime_ns, _size):
    """A short hash of a file's bytes (keyed by its time and size too, so an edited file gets a new one)."""
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:12]


def static_version(filename):
    """The version of a file under static/: its content hash, or None when there is no such file."""
    folder = current_app.static_folder
    path = os.path.realpath(os.path.join(folder, filename))
    if not path.startswith(os.path.realpath(folder) + os.sep):
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return content_hash(path, stat.st_mtime_ns, stat.st_size)


def add_version(endpoint, values):
    """url_for default: static and Leaflet addresses carry v=<version> unless one is given."""
    if "v" in values:
        return
    if endpoint == "static":
        version = static_version(values.get("filename", ""))
        if version:
            values["v"] = version
    elif endpoint == "leaflet":
        values["v"] = LEAFLET_VERSION


def current_version():
    """The version this request's file has now (None for files not versioned)."""
    if request.endpoint == "static":
        return static_version(request.view_args.get("filename", ""))
    if request.endpoint == "leaflet":
        return LEAFLET_VERSION
    return None


def cache_policy(response):
    """A year for a file asked for at its current version, an hour otherwise (an old version is not pinned)."""
    if request.endpoint not in ("static", "leaflet", "favicon") or response.status_code not in (200, 304):
        return response
    asked = request.args.get("v")
    response.headers["Cache-Control"] = IMMUTABLE if asked and asked == current_version() else SHORT
    return response


def favicon():
    """Serve /favicon.ico, which browsers ask for whatever the page names."""
    return send_from_directory(current_app.static_folder, "favicon.ico", mimetype="image/vnd.microsoft.icon")


def init_app(app):
    """Version static addresses, set their caching, and answer /favicon.ico."""
    app.url_defaults(add_version)
    app.add_url_rule("/favicon.ico", "favicon", favicon)
    app.after_request(cache_policy)
