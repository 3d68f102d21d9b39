"""Error pages: the same few words for every error, as HTML or as JSON under /api/, never internals."""

import sqlite3

from flask import jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import BadRequest, HTTPException, ServiceUnavailable

MESSAGES = {
    400: "The request could not be understood. Please check it and try again.",
    403: "You do not have permission to do that.",
    404: "There is nothing at this address.",
    405: "This address does not accept that kind of request.",
    413: "What was sent is too large.",
    429: "Too many attempts. Please wait and try again.",
    503: "The site is busy saving other changes; nothing was changed. Please try again in a few seconds.",
    500: "Something went wrong on our side. It has been logged; please try again later.",
}


CSRF_MESSAGE = (
    "This form has expired or did not come from this site, so nothing was changed. "
    "Go back, reload the page and try again."
)


class Refused(BadRequest):
    """A 400 whose description tells the client what to change (shown as is)."""


class Unavailable(ServiceUnavailable):
    """A 503 whose description says what happened and that nothing was changed (shown as is), with Retry-After."""

    name = "Please try again shortly"


def render_error(error):
    """Render an HTTP error as a page, or as JSON for the API."""
    code = error.code or 500
    message = MESSAGES.get(code, error.description if code < 500 else MESSAGES[500])
    if isinstance(error, CSRFError):
        message = CSRF_MESSAGE
    elif isinstance(error, Refused | Unavailable):
        message = error.description
    if request.path.startswith("/api/"):
        response = jsonify(error={"status": code, "message": message})
    else:
        response = render_template("errors/error.html", code=code, title=error.name, message=message)
    headers = {k: v for k, v in error.get_headers() if k.lower() in ("retry-after", "allow")}
    if code == 503:
        headers["Cache-Control"] = "no-store"  # a passing state: no cache may keep it
    return response, code, headers


# When the database cannot take a write: busy with another one for longer than the busy timeout, or read-only
# (a full disk, a read-only mount, a replica). Nothing was written either way: the transaction is rolled back.
BUSY = (5, MESSAGES[503])
READ_ONLY = (
    60,
    "Changes cannot be saved right now, so nothing was changed. Reading the site works as usual; "
    "please try again later.",
)


def database_unavailable(error):
    """Answer 503 with Retry-After when SQLite is busy or read-only; any other OperationalError stays a 500."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        retry, message = BUSY
    elif "readonly" in text or "read-only" in text:
        retry, message = READ_ONLY
    else:
        raise error
    return render_error(Unavailable(description=message, retry_after=retry))


def init_app(app):
    """Use our error pages for every HTTP error and for unexpected exceptions."""
    # Unexpected exceptions reach the 500 handler as InternalServerError (Flask logs them first);
    # under TESTING they propagate so that tests see them.
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(sqlite3.OperationalError, database_unavailable)
