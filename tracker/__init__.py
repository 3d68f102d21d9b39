"""tracker: city council motions to end police exchanges with foreign police and militaries."""

import os
import secrets
from datetime import timedelta
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import xstatic.pkg.leaflet
from flask import Flask, current_app, request, send_from_directory
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from . import (
    api,
    assets,
    auth,
    caching,
    calendars,
    cli,
    db,
    editor,
    errors,
    exports,
    formatting,
    mail,
    maps,
    numbers,
    public,
    serving,
    subscriptions,
)

csrf = CSRFProtect()

DEFAULTS = {
    # Seconds a write waits for another to finish before the site answers 503 "busy, try again" (see errors.py).
    "BUSY_TIMEOUT": 5.0,
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
    # How many reverse proxies stand in front (TRACKER_PROXIES): their X-Forwarded-For/-Proto/-Host are believed.
    # 0 believes none: without a proxy, anyone could claim any address or scheme.
    "PROXIES": 0,
    # Seconds the longest request may take under `tracker serve` (a 16 MB CSV import): see serving.DEFAULT_TIMEOUT.
    "REQUEST_TIMEOUT": serving.DEFAULT_TIMEOUT,
    # Email alerts (see alerts.py): an SMTP server as one URL (smtp://user:pass@host:587?starttls=1) or in parts.
    # Unset, alerts are off and no page offers them. MAIL_FROM: their sender; SITE_URL: the site's address for links.
    "SMTP_URL": None,
    "SMTP_HOST": None,
    "SMTP_PORT": 25,
    "SMTP_USER": None,
    "SMTP_PASSWORD": None,
    "SMTP_STARTTLS": False,
    "MAIL_FROM": None,
    "SITE_URL": None,
}


def create_app(test_config=None):
    """Create the Flask app: defaults, then instance/config.py, then TRACKER_* variables, then test_config."""
    # Templates through the package (tracker/templates links to the top-level templates/; a wheel holds a copy).
    package = resources.files("tracker")
    instance = os.environ.get("TRACKER_INSTANCE")
    # TRACKER_INSTANCE names the instance folder (config.py, secret_key, tracker.db) of an installed package; else
    # Flask's own choice: instance/ in a checkout, <venv>/var/tracker-instance for an installed package.
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(package.joinpath("templates")),
        static_folder=str(package.joinpath("static")),
        instance_path=os.path.abspath(instance) if instance else None,
    )
    # Ids in URLs are ASCII digits within SQLite's integers: anything else is simply not found (404), never an error.
    app.url_map.converters["int"] = numbers.WholeNumberConverter
    app.config.from_mapping(DEFAULTS, DATABASE=os.path.join(app.instance_path, "tracker.db"))
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("TRACKER")
    else:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(app.instance_path)

    # After-request steps run in the reverse order of registration: this one last of all, then the cache's keep.
    app.after_request(without_date)
    # Early, so that its after-request step runs (nearly) last and keeps responses with every header on them.
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
    app.register_blueprint(calendars.bp)
    subscriptions.init_app(app, csrf)
    app.add_url_rule("/vendor/leaflet/<path:filename>", "leaflet", serve_leaflet)
    assets.init_app(app)
    app.after_request(security_headers)
    check_settings(app.config)
    proxies = app.config.get("PROXIES") or 0
    if proxies:
        # Outside the front door (caching.FrontDoor), so that kept pages, their keys and HSTS see the client's
        # scheme and host, and request.remote_addr (the login throttle's address) is the client's.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    return app


def check_settings(config):
    """Refuse, at start, a setting that cannot work: it would otherwise fail every request that reads it."""
    proxies = config.get("PROXIES") or 0
    if not isinstance(proxies, int) or isinstance(proxies, bool) or proxies < 0:
        raise ValueError(f"TRACKER_PROXIES must be how many proxies stand in front: 0, 1, 2...; not {proxies!r}.")
    for name, example in (("BUSY_TIMEOUT", "5"), ("LOGIN_DELAY_MAX", "4")):
        value = config.get(name)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 3600:
            raise ValueError(f"TRACKER_{name} must be a number of seconds (say {example}), not {value!r}.")
    mail.settings(config)  # raises MailSettingsError (a ValueError) for SMTP settings that cannot work


def security_headers(response):
    """Add the strict headers every response carries, error pages included."""
    headers = current_app.extensions.get("tracker.headers")
    if headers is None:  # the same for every response of this app: made on its first
        headers = current_app.extensions["tracker.headers"] = strict_headers(current_app.config.get("MAP_TILES"))
    response.headers.update(headers)
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    return response


def without_date(response):
    """Leave the Date header to the server, which always sends one: send_file and make_conditional (static files,
    the favicon, a 304 the view answered) add another, and the client would get two."""
    response.headers.pop("Date", None)
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


def tile_origin(template):
    """The CSP source for a tile URL template: its scheme and host, a {s} subdomain becoming a wildcard."""
    parts = urlsplit(template)
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


def serve_leaflet(filename):
    """Serve Leaflet's files from the xstatic-leaflet package: the map needs no other host."""
    return send_from_directory(xstatic.pkg.leaflet.BASE_DIR, filename)


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
