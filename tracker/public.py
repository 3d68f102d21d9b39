"""The public site: home (map and list of cities), city, motion, search, about, health."""

from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request, url_for

from . import caching, geo, places, queries
from . import status as status_rules
from .db import get_db
from .numbers import whole_number

bp = Blueprint("public", __name__)


PER_PAGE = 100
# The highest page number an address may ask for (past the last page, the answer is 404).
MAX_PAGE = 100_000
# Search shows this many results a page, and no more than this many pages (past them, a narrower search helps).
SEARCH_PER_PAGE, SEARCH_PAGES = 50, 20
# A place's page lists its measures this many at a time.
MOTIONS_PER_PAGE = 50
# Pages are numbered in the path (/page/2), so that a static copy of the site (tracker freeze) holds them as files.
PAGE = f"<int(min=1, max={MAX_PAGE}):page>"


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


def page_in_query(endpoint, **values):
    """Send an old address with ?page=N to the same page's address in the path (None when there is none)."""
    raw = request.args.get("page")
    if raw is None:
        return None
    kept = {k: v for k, v in request.args.items() if k != "page"}
    number = whole_number(raw, 1, MAX_PAGE) or 1
    return redirect(url_for(endpoint, **values, **kept, page=number), code=301)


@bp.get("/", defaults={"page": 1})
@bp.get(f"/page/{PAGE}")
def home(page):
    """The map and the list of places with their measures' aims and statuses, filtered, sorted and paginated."""
    moved = page_in_query("public.home")
    if moved:
        return moved
    db = get_db()
    filters, notices = read_filters(request.args)
    sort = request.args.get("sort") if request.args.get("sort") in queries.SORTS else "name"
    found, total = places.page_of_places(db, **filters, sort=sort, page=page, per_page=PER_PAGE)
    everywhere = {k: filters[k] for k in ("state", "kind", "aim")}
    # Counts over the whole record are the same for every page and sort: computed once per version of the record.
    counts = caching.memo(("status_counts", *everywhere.values()), lambda: queries.status_counts(db, **everywhere))
    by_category = caching.memo(
        ("category_counts", *everywhere.values()), lambda: places.category_counts(db, **everywhere)
    )
    pages = max(1, -(-total // PER_PAGE))
    return render_template(
        "public/home.html",
        cities=found,
        total=total,
        page=page,
        pages=pages,
        sort=sort,
        # The default order goes unsaid in links, so that page 2 is plainly /page/2.
        link_sort=None if sort == "name" else sort,
        counts=counts,
        summary=status_rules.summary_clauses(by_category),
        categories=status_rules.CATEGORIES,
        aims=status_rules.AIMS,
        states=caching.memo(("states",), lambda: queries.states_with_cities(db)),
        state_names=geo.states(),
        kinds=status_rules.MOTION_KINDS,
        filters=filters,
        notices=notices,
        last_changed=caching.last_changed(),
    ), (404 if page > pages else 200)


@bp.get("/cities/<slug>", defaults={"page": 1})
@bp.get(f"/cities/<slug>/page/{PAGE}")
def city(slug, page):
    """Show one place and its measures, a page at a time, filtered like the home page."""
    moved = page_in_query("public.city", slug=slug)
    if moved:
        return moved
    db = get_db()
    found = places.get_place(db, slug)
    if found is None:
        abort(404)
    filters, notices = read_filters(request.args)
    filters.pop("state")
    motions = places.place_motions(db, found["id"], **filters, page=page, per_page=MOTIONS_PER_PAGE)
    matching = (
        found["motion_count"] if not any(filters.values()) else places.count_place_motions(db, found["id"], **filters)
    )
    pages = max(1, -(-matching // MOTIONS_PER_PAGE))
    return render_template(
        "public/city.html",
        place_citations=queries.row_citations(db, "city", found["id"]),
        labels=status_rules.CITABLE_FIELDS["city"],
        city=found,
        motions=motions,
        matching=matching,
        page=page,
        pages=pages,
        filters=filters,
        notices=[n for n in notices if "state" not in n],
        aims=status_rules.AIMS,
        kinds=status_rules.MOTION_KINDS,
        state_name=geo.states().get(found["state"]),
        category=status_rules.CATEGORIES[found["category"]],
    ), (404 if page > pages else 200)


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
        # The petition's counts are shown side by side, the excerpt's sources under it, the rest together.
        petition_counts=[c for c in found["citations"] if c["field"] == "petition_signatures"],
        excerpt_sources=[c for c in found["citations"] if c["field"] == "excerpt"],
        other_citations=[c for c in found["citations"] if c["field"] not in ("petition_signatures", "excerpt")],
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
    """Search motions by title, summary, city and what happened to them: the best 50 matches a page."""
    text = request.args.get("q", "")
    page = whole_number(request.args.get("page"), 1, SEARCH_PAGES) or 1
    db = get_db()
    results = (
        queries.search(db, text, limit=SEARCH_PER_PAGE, offset=(page - 1) * SEARCH_PER_PAGE) if text.strip() else []
    )
    total = queries.count_matches(db, text) if text.strip() else 0
    return render_template(
        "public/search.html",
        q=text,
        results=results,
        total=total,
        page=page,
        pages=min(SEARCH_PAGES, max(1, -(-total // SEARCH_PER_PAGE))),
        first=(page - 1) * SEARCH_PER_PAGE + 1,
        max_query=queries.MAX_QUERY,
    )


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
