"""The JSON API under /api/v1: cities, motions and the OpenAPI document that describes them."""

import json
import re
from datetime import UTC, datetime
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, request

from . import exports, geo, numbers, openapi, places, queries
from . import status as status_rules
from .db import get_db
from .errors import Refused

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# What a place's slug looks like, and a leap second in a time (see iso_since).
SLUG = re.compile(openapi.SLUG["pattern"])
LEAP_SECOND = re.compile(r"(T\d\d:\d\d):60")
# The limits the OpenAPI document declares (it is the contract; these are its numbers).
MAX_PAGE, MAX_PER_PAGE = openapi.MAX_PAGE, openapi.MAX_PER_PAGE
DEFAULT_PER_PAGE, DEFAULT_PLACES_PER_PAGE = openapi.DEFAULT_PER_PAGE, openapi.DEFAULT_PLACES_PER_PAGE
# A place's own answer holds this many of its measures; the motions list (?city=) pages through the rest.
PLACE_MOTIONS = 100


def json_body(data):
    """A JSON response for GET (caching.py gives it an ETag and Last-Modified and answers 304 when unchanged)."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return Response(body, mimetype="application/json")


def bad_request(message):
    """Stop with a 400 whose JSON message says what to change."""
    raise Refused(description=message)


def query_number(name, default, low, high):
    """Read an integer query parameter within [low, high], or refuse the request."""
    raw = request.args.get(name)
    if raw is None:
        return default
    number = numbers.whole_number(raw, low, high)
    if number is None:
        bad_request(f"{name} must be a whole number from {low} to {high}.")
    return number


def choice(name, allowed, transform=str):
    """Read an optional query parameter that must be one of allowed (as transform reads it), or refuse the request.

    Left out, it does not filter; given empty, it is refused like any other value outside the list, as the OpenAPI
    document says (an empty filter is more likely a client's mistake than a wish to see everything).
    """
    raw = request.args.get(name)
    if raw is None:
        return None
    value = transform(raw)
    if value not in allowed:
        bad_request(f"{name} must be one of: {', '.join(sorted(allowed))}.")
    return value


def state_code(raw):
    """Read a state code written in capitals or in small letters ('nc', 'NC'; not 'Nc')."""
    return raw.upper() if raw.isupper() or raw.islower() else raw


def iso_since(name):
    """Read an optional RFC 3339 date or date and time, returned in the stored timestamp form (UTC).

    A moment before 1900 (or one too early to shift into UTC) is before every record: it filters nothing out. A leap
    second (23:59:60), which RFC 3339 allows and Python cannot hold, is read as the second before it.
    """
    raw = request.args.get(name)
    if raw is None:
        return None
    text = LEAP_SECOND.sub(r"\1:59", raw.strip().upper())
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
    except OverflowError:
        moment = datetime(1900, 1, 1)
    except ValueError:
        bad_request(f"{name} must be an RFC 3339 date or date and time, like 2018-04-16 or 2018-04-16T12:00:00Z.")
    return max(moment, datetime(1900, 1, 1)).isoformat(timespec="seconds") + "Z"


def place_slug(name):
    """Read an optional place slug (durham-nc); empty or malformed, refuse the request."""
    raw = request.args.get(name)
    if raw is not None and not SLUG.fullmatch(raw):
        bad_request(f"{name} must be a place's slug, like durham-nc.")
    return raw


@bp.get("/cities")
def cities():
    """Places with their counts of published measures, by name, a page at a time."""
    db = get_db()
    page = query_number("page", 1, 1, MAX_PAGE)
    per_page = query_number("per_page", DEFAULT_PLACES_PER_PAGE, 1, MAX_PER_PAGE)
    found, total = places.page_of_places(db, page=page, per_page=per_page)
    return paginated([exports.city_json(exports.site_base(), c) for c in found], page, per_page, total)


@bp.get("/cities/<slug>")
def city(slug):
    """One place with its first measures by title (motions_url lists them all)."""
    db = get_db()
    found = places.get_place(db, slug)
    if found is None:
        abort(404)
    motions = places.place_motions(db, found["id"], per_page=PLACE_MOTIONS)
    return json_body(exports.city_json(exports.site_base(), found, motions))


@bp.get("/motions")
def motions():
    """Published motions, filtered (status, state, city, kind, q, updated_since) and paginated."""
    db = get_db()
    filters = {
        "status": choice("status", set(status_rules.CODES)),
        "state": choice("state", set(geo.states()), state_code),
        "city": place_slug("city"),
        "kind": choice("kind", set(status_rules.MOTION_KINDS)),
        "aim": choice("aim", set(status_rules.AIMS)),
        "q": request.args.get("q", "").strip() or None,
        "updated_since": iso_since("updated_since"),
    }
    page = query_number("page", 1, 1, MAX_PAGE)
    per_page = query_number("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    found, total = queries.list_motions(db, **filters, page=page, per_page=per_page)
    base = exports.site_base()
    return paginated([exports.motion_summary_json(base, r) for r in found], page, per_page, total)


def paginated(data, page, per_page, total):
    """A page of a list with its numbers, and next/prev links in the body and in a Link header."""
    base = exports.site_base()
    kept = [(k, v) for k, v in request.args.items(multi=True) if k not in ("page", "per_page")]

    def page_url(number):
        """The absolute URL of another page of the same listing (the other parameters kept as they came)."""
        return f"{base}{request.path}?{urlencode([*kept, ('page', number), ('per_page', per_page)])}"

    next_url = page_url(page + 1) if page * per_page < total else None
    prev_url = page_url(page - 1) if page > 1 and total else None
    response = json_body(
        {"data": data, "page": page, "per_page": per_page, "total": total, "next": next_url, "prev": prev_url}
    )
    links = [f'<{url}>; rel="{rel}"' for url, rel in ((next_url, "next"), (prev_url, "prev")) if url]
    if links:
        response.headers["Link"] = ", ".join(links)
    return response


@bp.get("/motions/<int:motion_id>")
def motion(motion_id):
    """One published motion with its city, actions, votes, hearings, testimony and sources."""
    found = queries.get_motion(get_db(), motion_id)
    if found is None:
        abort(404)
    return json_body(exports.motion_json(exports.site_base(), found))


@bp.get("/openapi.json")
def openapi_document():
    """The OpenAPI 3.1 document of this API."""
    return json_body(openapi.document(exports.site_base() + "/api/v1"))


@bp.after_app_request
def cors(response):
    """Let any site read the API, errors and caching headers included; answer preflight requests."""
    if request.path.startswith("/api/"):
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = "Link, ETag, Last-Modified"
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response.headers["Access-Control-Max-Age"] = "86400"
    return response
