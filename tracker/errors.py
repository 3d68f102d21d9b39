"""Error pages: the same few words for every error, as HTML or as JSON under /api/, never internals."""

from flask import jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import BadRequest, HTTPException

MESSAGES = {
    400: "The request could not be understood. Please check it and try again.",
    403: "You do not have permission to do that.",
    404: "There is nothing at this address.",
    405: "This address does not accept that kind of request.",
    413: "What was sent is too large.",
    429: "Too many attempts. Please wait and try again.",
    500: "Something went wrong on our side. It has been logged; please try again later.",
}


CSRF_MESSAGE = (
    "This form has expired or did not come from this site, so nothing was changed. "
    "Go back, reload the page and try again."
)


class Refused(BadRequest):
    """A 400 whose description tells the client what to change (shown as is)."""


def render_error(error):
    """Render an HTTP error as a page, or as JSON for the API."""
    code = error.code or 500
    message = MESSAGES.get(code, error.description if code < 500 else MESSAGES[500])
    if isinstance(error, CSRFError):
        message = CSRF_MESSAGE
    elif isinstance(error, Refused):
        message = error.description
    if request.path.startswith("/api/"):
        response = jsonify(error={"status": code, "message": message})
    else:
        response = render_template("errors/error.html", code=code, title=error.name, message=message)
    headers = {k: v for k, v in error.get_headers() if k.lower() in ("retry-after", "allow")}
    return response, code, headers


def init_app(app):
    """Use our error pages for every HTTP error and for unexpected exceptions."""
    # Unexpected exceptions reach the 500 handler as InternalServerError (Flask logs them first);
    # under TESTING they propagate so that tests see them.
    app.register_error_handler(HTTPException, render_error)
