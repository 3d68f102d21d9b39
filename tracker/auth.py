"""Accounts: login/logout, password hashing and checks, login throttling, roles and their decorators."""

import hashlib
import secrets
import sqlite3
import time
from functools import cache, wraps
from urllib.parse import urlsplit

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
from itsdangerous import BadSignature, URLSafeTimedSerializer

from . import db as database
from . import forms, queries, records
from . import status as status_rules
from .db import get_db, transaction

bp = Blueprint("auth", __name__, url_prefix="/auth")
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to continue."
login_manager.login_message_category = "info"

# argon2id with argon2-cffi's defaults (RFC 9106's low-memory profile: 64 MiB, 3 passes, 4 lanes), above
# OWASP's minimum of 19 MiB and 2 passes.
hasher = PasswordHasher()


@cache
def dummy_hash():
    """A hash to verify against when the account does not exist, so that both answers take the same time.

    Made on the first login attempt rather than at import: hashing is slow on purpose, and most processes that
    import tracker (page-serving workers, commands, tests) never need it.
    """
    return hasher.hash("no account has this password")


ROLES = tuple(status_rules.ROLES)
EDITORS = status_rules.EDITOR_ROLES
ADMINS = status_rules.ADMIN_ROLES

# Failed logins are counted over WINDOW seconds: PAIR_LIMIT of them for one account from one address stop that
# pair (others can still reach the account), ADDRESS_LIMIT from one address stop that address for every account,
# and ACCOUNT_LIMIT for one account from any addresses (guesses spread over many) stop it for every new device.
WINDOW = 15 * 60
PAIR_LIMIT = 10
ADDRESS_LIMIT = 100
ACCOUNT_LIMIT = 50
# A browser that has logged in to an account carries a signed cookie saying so (a "known device"), valid until the
# account's sessions are ended (a new password, "log out everywhere"). There, the limits above do not apply to that
# account, so nobody can lock its owner out: attempts are slowed instead, by a delay that starts after SLOW_AFTER
# recent failures for the account and doubles with each one, up to the LOGIN_DELAY_MAX setting; and a cookie that
# fell into other hands still stops after KNOWN_DEVICE_LIMIT failures from one address.
KNOWN_DEVICE_LIMIT = 50
DEVICE_COOKIE = "tracker_device"
DEVICE_LIFETIME = 180 * 24 * 3600
SLOW_AFTER = 3
FIRST_DELAY = 0.25
GENERIC_ERROR = "The email address or password is not right."
# How stale a session's last-seen time may get before a request writes it again: often enough for the expiry,
# rarely enough that a logged-in person's pages do not each cost a write.
TOUCH_EVERY = 60


class User(UserMixin):
    """A logged-in account, with the token of the session it came through."""

    def __init__(self, row, token):
        """Wrap an account row and its session's token."""
        self.row = row
        self.token = token
        self.id = row["id"]
        self.email = row["email"]
        self.role = row["role"]

    def get_id(self):
        """Return the session's token, what the session cookie stores (the database keeps only its hash)."""
        return self.token

    @property
    def is_active(self):
        """Deactivated accounts cannot log in."""
        return bool(self.row["active"])

    @property
    def is_editor(self):
        """Editors and admins apply changes directly and review submissions."""
        return self.role in EDITORS

    @property
    def is_admin(self):
        """Admins also manage accounts."""
        return self.role in ADMINS


def token_digest(token):
    """Return the SHA-256 (hex) of a session token: what the database stores, so a copy of it opens nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


def session_lifetime():
    """Return how long an unused session lasts, in seconds (PERMANENT_SESSION_LIFETIME, as for the cookie)."""
    return current_app.permanent_session_lifetime.total_seconds()


@login_manager.user_loader
def load_user(token):
    """Return the account of a live session, or None if the session ended or expired or the account is inactive.

    Cookies of the older 'id:version' shape match no session, so they simply stop working.
    """
    if not isinstance(token, str):
        return None
    db = get_db()
    digest = token_digest(token)
    now = time.time()
    row = queries.session_account(db, digest, now - session_lifetime())
    if row is None:
        return None
    if now - row["session_seen_at"] > TOUCH_EVERY:
        try:
            with database.waiting_at_most(db):
                records.touch_session(db, digest, now)
        except sqlite3.OperationalError:
            pass  # busy or read-only: the page matters more than noting the visit, which the next one will do
    return User(row, token)


def hash_password(password):
    """Hash a password with argon2id."""
    return hasher.hash(password)


def verify_password(password_hash, password):
    """Return whether a password matches a hash (never raising on a bad hash)."""
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def role_required(*roles):
    """Decorate a view: anonymous visitors go to the login page, other roles get 403."""

    def decorator(view):
        """Wrap the view with the role check."""

        @wraps(view)
        def wrapped(*args, **kwargs):
            """Check the current user's role, then run the view."""
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def safe_next(target):
    """Return target if it is a path on this site, else the editor dashboard.

    A control character (a newline, say) would make the redirect's Location header invalid, after the action it
    follows had already happened: such a target is refused like any other bad one.
    """
    if target and target.isprintable():
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith(("//", "/\\")):
            return target
    return url_for("editor.dashboard")


def retry_after(db, email, address, known_device):
    """Return (seconds until this account-and-address pair may try again or 0, the account's recent failures).

    On a known device the account's owner is stopped only past KNOWN_DEVICE_LIMIT; the failures count sets how long
    they wait instead.
    """
    now = time.time()
    since = now - WINDOW
    waits = []
    limits = [({"email": email, "address": address}, KNOWN_DEVICE_LIMIT if known_device else PAIR_LIMIT)]
    if not known_device:
        limits += [({"address": address}, ADDRESS_LIMIT), ({"email": email}, ACCOUNT_LIMIT)]
    for which, limit in limits:
        times = queries.failed_logins(db, since, **which)
        if len(times) >= limit:
            # Stopped until enough attempts leave the window to fall below the limit.
            waits.append(times[len(times) - limit] + WINDOW - now)
    wait = max(1, int(max(waits)) + 1) if waits else 0
    return wait, queries.failure_count(db, email, since)


def login_delay(failures):
    """Return how long a known device waits before its password is checked, after this many recent failures."""
    if failures <= SLOW_AFTER:
        return 0.0
    return min(float(current_app.config["LOGIN_DELAY_MAX"]), FIRST_DELAY * 2 ** (failures - SLOW_AFTER - 1))


def pause(seconds):
    """Wait before a password check (a function of its own, so that tests can see the wait without waiting)."""
    if seconds > 0:
        time.sleep(seconds)


def device_signer():
    """Return the signer of known-device cookies (the app's secret key, a salt of their own)."""
    return URLSafeTimedSerializer(current_app.secret_key, salt="tracker.known-device")


def device_mark(account):
    """What a known-device cookie signs: the account and its session version, which ending its sessions moves."""
    return [account["id"], account["session_version"]]


def is_known_device(account):
    """Return whether this browser carries a valid known-device cookie for the account (a row, or None)."""
    value = request.cookies.get(DEVICE_COOKIE)
    if not value or account is None:
        return False
    try:
        return device_signer().loads(value, max_age=DEVICE_LIFETIME) == device_mark(account)
    except BadSignature:  # forged, altered or expired
        return False


def remember_device(response, account):
    """Mark this browser as a known device of the account: a signed, long-lived, HttpOnly cookie for /auth/ only."""
    response.set_cookie(
        DEVICE_COOKIE,
        device_signer().dumps(device_mark(account)),
        max_age=DEVICE_LIFETIME,
        path="/auth/",
        httponly=True,
        samesite="Lax",
        secure=bool(current_app.config["SESSION_COOKIE_SECURE"]),
    )
    return response


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log in with one generic error for any wrong email or password; throttle repeated failures."""
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = forms.LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form)
    db = get_db()
    email = form.email.data.strip().lower()
    # The client's address; behind reverse proxies, ProxyFix (the PROXIES setting) makes it the real client's.
    address = request.remote_addr or "unknown"
    row = queries.get_user_by_email(db, email)
    known_device = is_known_device(row)
    # Check the limits and count this attempt in one write transaction, before the (slow) password check, so
    # that attempts sent in parallel cannot all slip under the limit. A successful login removes it again.
    with transaction(db):
        wait, failures = retry_after(db, email, address, known_device)
        if not wait:
            records.record_login_attempt(db, email, address, WINDOW)
    if wait:
        minutes = max(1, round(wait / 60))
        form.form_errors.append(
            f"Too many failed attempts. Try again in about {minutes} minute{'s' if minutes != 1 else ''}."
        )
        return render_template("auth/login.html", form=form), 429, {"Retry-After": str(wait)}
    if known_device:
        pause(login_delay(failures))
    valid = verify_password(row["password_hash"] if row else dummy_hash(), form.password.data)
    if not (row and valid and row["active"]):
        form.form_errors.append(GENERIC_ERROR)
        return render_template("auth/login.html", form=form)
    if hasher.check_needs_rehash(row["password_hash"]):
        records.set_password(db, row["id"], hash_password(form.password.data))
        row = queries.get_user(db, row["id"])
    token = secrets.token_urlsafe(32)
    label = request.user_agent.string[:120] or None
    records.record_login(db, row["id"], address, token_digest(token), label, session_lifetime())
    # A fresh session: nothing from before the login survives (no session fixation).
    session.clear()
    login_user(User(row, token))
    session.permanent = True
    flash(f"Logged in as {row['email']}.", "success")
    return remember_device(redirect(safe_next(request.args.get("next"))), row)


@bp.post("/logout")
def logout():
    """Log out (POST only), ending this session on the server; optionally every other session of the account too."""
    form = forms.LogoutForm()
    if not form.validate_on_submit():
        abort(400)
    if current_user.is_authenticated:
        if form.everywhere.data:
            records.end_sessions(get_db(), current_user.id, current_user.id)
        else:
            # Only this session: a copy of its cookie opens nothing any more, and other devices stay logged in.
            records.end_session(get_db(), token_digest(current_user.token))
    logout_user()
    session.clear()
    flash("You are logged out.", "success")
    return redirect(url_for("public.home"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's own password; every other session of the account ends."""
    form = forms.PasswordChangeForm(context={"email": current_user.email})
    if form.validate_on_submit():
        if not verify_password(current_user.row["password_hash"], form.current_password.data):
            form.current_password.errors.append("This is not your current password.")
        else:
            db = get_db()
            # Keep this session; end the others.
            keep = token_digest(current_user.token)
            records.set_password(db, current_user.id, hash_password(form.new_password.data), current_user.id, keep)
            flash("Your password is changed; other devices are logged out.", "success")
            return redirect(url_for("editor.dashboard"))
    return render_template("auth/password.html", form=form)


class SessionWhenSent(SecureCookieSessionInterface):
    """Flask's signed-cookie session, opened without building its signer when the request brings no session cookie.

    Most requests are visitors' and carry no cookie at all; making the signer for them was a measurable part of a
    page's fixed cost.
    """

    def open_session(self, app, request):
        """An empty session when no cookie came; otherwise the cookie's, checked as Flask checks it."""
        if self.get_cookie_name(app) not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)


def init_app(app):
    """Attach the login manager and the session; logged-in pages are never cached."""
    app.session_interface = SessionWhenSent()
    # Templates get current_user as Flask-Login's lazy proxy, not loaded up front: a visitor's page never needs
    # to look anyone up (base.html asks only when the session holds an account id).
    login_manager.init_app(app, add_context_processor=False)
    app.context_processor(lambda: {"current_user": current_user})
    app.register_blueprint(bp)

    @app.after_request
    def no_store_for_accounts(response):
        """Keep pages shown to logged-in people out of shared caches."""
        # No account id in the session, nobody logged in: no need to load anyone to know it.
        if "_user_id" in session and current_user.is_authenticated:
            response.headers["Cache-Control"] = "no-store"
        return response
