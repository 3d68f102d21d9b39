"""tracker: city council motions to end police exchanges with foreign police and militaries."""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import xstatic.pkg.leaflet
from flask import Flask, current_app, request, send_from_directory
from flask_wtf.csrf import CSRFProtect
from werkzeug.routing import IntegerConverter

from . import api, auth, caching, cli, db, editor, errors, exports, formatting, maps, public

csrf = CSRFProtect()

DEFAULTS = {
    # Room for a CSV import of tens of thousands of rows.
    "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),
    "WTF_CSRF_TIME_LIMIT": 8 * 3600,
    # The longest a known device waits before a login's password check after failures for its account (seconds).
    "LOGIN_DELAY_MAX": 4,
    # A tile server URL template for the map; None keeps every request on our own origin.
    "MAP_TILES": None,
    # An address for corrections, shown on /about (TRACKER_CONTACT); unset, no address is shown.
    "CONTACT": None,
    # Public responses kept in memory per worker (see caching.py): the total, and the largest one kept.
    "PAGE_CACHE_BYTES": 32 * 1024 * 1024,
    "PAGE_CACHE_ENTRY_BYTES": 2 * 1024 * 1024,
    # Set by `tracker freeze` while it renders the static copy: templates leave out what needs the server.
    "FREEZING": False,
}


def create_app(test_config=None):
    """Create the Flask app: defaults, then instance/config.py, then TRACKER_* variables, then test_config."""
    app = Flask(__name__, instance_relative_config=True, template_folder="../templates")
    # Ids in URLs stay within SQLite's integers: a larger one is simply not found (404), never an error.
    app.url_map.converters["int"] = SQLiteInteger
    app.config.from_mapping(DEFAULTS, DATABASE=os.path.join(app.instance_path, "tracker.db"))
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("TRACKER")
    else:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(app.instance_path)

    # First, so that its after-request step runs last and keeps responses with every header on them.
    caching.init_app(app)
    csrf.init_app(app)
    db.init_app(app)
    formatting.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    auth.init_app(app)
    app.register_blueprint(public.bp)
    app.register_blueprint(editor.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(exports.bp)
    app.register_blueprint(maps.bp)
    app.add_url_rule("/vendor/leaflet/<path:filename>", "leaflet", serve_leaflet)
    app.after_request(security_headers)
    return app


def security_headers(response):
    """Add the strict headers every response carries, error pages included."""
    headers = current_app.extensions.get("tracker.headers")
    if headers is None:  # the same for every response of this app: made on its first
        headers = current_app.extensions["tracker.headers"] = strict_headers(current_app.config.get("MAP_TILES"))
    response.headers.update(headers)
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    return response


def strict_headers(tiles):
    """Return the strict headers, the map's tile server (if one is set) allowed for images."""
    img_src = "'self' data:" + (" " + tile_origin(tiles) if tiles else "")
    return {
        "Content-Security-Policy": (
            f"default-src 'self'; img-src {img_src}; style-src 'self'; script-src 'self'; object-src 'none'; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        ),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "geolocation=(), camera=(), microphone=(), interest-cohort=()",
    }


class SQLiteInteger(IntegerConverter):
    """The <int:...> URL converter, bounded to what SQLite can store."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=2**63 - 1, signed=False):
        """Default the upper bound to SQLite's largest integer."""
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def tile_origin(template):
    """The CSP source for a tile URL template: its scheme and host, a {s} subdomain becoming a wildcard."""
    parts = urlsplit(template)
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


def serve_leaflet(filename):
    """Serve Leaflet's files from the xstatic-leaflet package: the map needs no other host."""
    return send_from_directory(xstatic.pkg.leaflet.BASE_DIR, filename, max_age=7 * 24 * 3600)


def instance_secret_key(instance_path):
    """Read the secret key from instance/secret_key, generating it (mode 0600) on first use."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process created it first
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
    return path.read_text().strip()
