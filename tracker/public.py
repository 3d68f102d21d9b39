"""The public site: home (list of cities; the map joins it later), city, motion, about, health."""

from flask import Blueprint, abort, current_app, jsonify, render_template, request

from . import geo, queries
from . import status as status_rules
from .db import get_db

bp = Blueprint("public", __name__)


def read_filters(args):
    """Return the valid status/state filters and a notice for any value outside the vocabulary."""
    filters, notices = {"status": None, "state": None}, []
    status = args.get("status", "").strip()
    if status:
        if status in status_rules.STATUSES:
            filters["status"] = status
        else:
            notices.append(f"“{status}” is not a status we record, so all statuses are shown.")
    state = args.get("state", "").strip().upper()
    if state:
        if state in geo.states():
            filters["state"] = state
        else:
            notices.append(f"“{state}” is not a US state code, so all states are shown.")
    return filters, notices


@bp.get("/")
def home():
    """List every city with its motions' statuses, filtered by status and state."""
    db = get_db()
    filters, notices = read_filters(request.args)
    return render_template(
        "public/home.html",
        cities=queries.list_cities(db, **filters),
        counts=queries.status_counts(db, state=filters["state"]),
        states=queries.states_with_cities(db),
        state_names=geo.states(),
        filters=filters,
        notices=notices,
        last_changed=queries.last_changed(db),
    )


@bp.get("/cities/<slug>")
def city(slug):
    """Show one city and its motions."""
    found = queries.get_city(get_db(), slug)
    if found is None:
        abort(404)
    return render_template("public/city.html", city=found, state_name=geo.states().get(found["state"]))


@bp.get("/motions/<int:motion_id>")
def motion(motion_id):
    """Show one motion: status, timeline, votes, hearings, testimony and sources."""
    found = queries.get_motion(get_db(), motion_id)
    if found is None:
        abort(404)
    return render_template("public/motion.html", motion=found, status=status_rules.STATUSES[found["status"]])


@bp.get("/search")
def search():
    """Search motions by title, summary, city and what happened to them."""
    text = request.args.get("q", "")
    results = queries.search(get_db(), text) if text.strip() else []
    return render_template("public/search.html", q=text, results=results, max_query=queries.MAX_QUERY)


@bp.get("/about")
def about():
    """Explain what the site tracks and why."""
    return render_template("public/about.html", statuses=status_rules.STATUSES.values())


@bp.get("/healthz")
def healthz():
    """Report whether the app can read its database."""
    try:
        get_db().execute("SELECT count(*) FROM city").fetchone()
    except Exception:  # any database failure means unhealthy; the details go to the log only
        current_app.logger.exception("health check failed")
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")
