"""The public site: home (map and list of cities), city, motion, search, about, health."""

from flask import Blueprint, abort, current_app, jsonify, render_template, request

from . import geo, queries
from . import status as status_rules
from .db import get_db

bp = Blueprint("public", __name__)


PER_PAGE = 100


# Each filter of the home page: its name, how a value is read, the values allowed, and what a visitor is told
# when the value is not one of them.
FILTERS = (
    ("status", str.strip, lambda: status_rules.STATUSES, "is not a status we record, so all statuses are shown"),
    ("state", lambda v: v.strip().upper(), geo.states, "is not a US state code, so all states are shown"),
    (
        "kind",
        str.strip,
        lambda: status_rules.MOTION_KINDS,
        "is not a kind of measure we record, so all kinds are shown",
    ),
    ("aim", str.strip, lambda: status_rules.AIMS, "is not an aim we record, so measures of every aim are shown"),
)


def read_filters(args):
    """Return the valid status/state/kind/aim filters and a notice for any value outside the vocabulary."""
    filters, notices = {}, []
    for name, read, allowed, refusal in FILTERS:
        value = read(args.get(name, ""))
        filters[name] = value if value in allowed() else None
        if value and filters[name] is None:
            notices.append(f"“{value}” {refusal}.")
    return filters, notices


def read_page(args):
    """Return the requested page number (1 for anything that is not a sensible whole number)."""
    raw = args.get("page", "1")
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < int(raw) < 1_000_000 else 1


@bp.get("/")
def home():
    """The map and the list of places with their measures' aims and statuses, filtered, sorted and paginated."""
    db = get_db()
    filters, notices = read_filters(request.args)
    sort = request.args.get("sort") if request.args.get("sort") in queries.SORTS else "name"
    page = read_page(request.args)
    cities, total = queries.page_of_cities(db, **filters, sort=sort, page=page, per_page=PER_PAGE)
    return render_template(
        "public/home.html",
        cities=cities,
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        sort=sort,
        counts=queries.status_counts(db, state=filters["state"], kind=filters["kind"], aim=filters["aim"]),
        summary=status_rules.summary_clauses(
            queries.city_counts(db, state=filters["state"], kind=filters["kind"], aim=filters["aim"])
        ),
        categories=status_rules.CATEGORIES,
        aims=status_rules.AIMS,
        states=queries.states_with_cities(db),
        state_names=geo.states(),
        kinds=status_rules.MOTION_KINDS,
        filters=filters,
        notices=notices,
        last_changed=queries.last_changed(db),
    )


@bp.get("/cities/<slug>")
def city(slug):
    """Show one place and its measures."""
    db = get_db()
    found = queries.get_city(db, slug)
    if found is None:
        abort(404)
    return render_template(
        "public/city.html",
        place_citations=queries.row_citations(db, "city", found["id"]),
        labels=status_rules.CITABLE_FIELDS["city"],
        city=found,
        state_name=geo.states().get(found["state"]),
        category=status_rules.CATEGORIES[found["category"]],
    )


@bp.get("/motions/<int:motion_id>")
def motion(motion_id):
    """Show one motion: status, timeline, votes, hearings, testimony and sources."""
    found = queries.get_motion(get_db(), motion_id)
    if found is None:
        abort(404)
    return render_template(
        "public/motion.html",
        motion=found,
        status=status_rules.STATUSES[found["status"]],
        aim=status_rules.AIMS[found["aim"]],
        outcome=status_rules.CATEGORIES[found["category"]],
        fields=status_rules.CITABLE_FIELDS,
    )


@bp.get("/motions/<int:motion_id>/history")
def motion_history(motion_id):
    """How the record of a motion came to say what it says: its changesets in plain words, newest first."""
    db = get_db()
    found = queries.get_motion(db, motion_id)
    if found is None:
        abort(404)
    changesets = queries.motion_changesets(db, motion_id)
    sources = queries.changeset_sources(db, [c["id"] for c in changesets], motion_id)
    return render_template("public/history.html", motion=found, changesets=changesets, sources=sources)


@bp.get("/search")
def search():
    """Search motions by title, summary, city and what happened to them."""
    text = request.args.get("q", "")
    results = queries.search(get_db(), text) if text.strip() else []
    return render_template("public/search.html", q=text, results=results, max_query=queries.MAX_QUERY)


@bp.get("/about")
def about():
    """Explain what the site tracks, both sides of the argument, and who runs it."""
    return render_template(
        "public/about.html",
        statuses=status_rules.STATUSES.values(),
        aims=status_rules.AIMS,
        categories=status_rules.CATEGORIES,
        contact=current_app.config.get("CONTACT") or None,
    )


@bp.get("/healthz")
def healthz():
    """Report whether the app can read its database."""
    try:
        queries.city_count(get_db())
    except Exception:  # any database failure means unhealthy; the details go to the log only
        current_app.logger.exception("health check failed")
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")
