"""The map's data: a compact layer of every place, and one place's measures when its popup opens."""

import json

from flask import Blueprint, Response, abort, request, url_for

from . import caching, places
from . import status as status_rules
from .db import get_db
from .public import read_filters

bp = Blueprint("maps", __name__, url_prefix="/map")


def json_response(data):
    """A compact JSON response (caching.py adds the validators)."""
    return Response(json.dumps(data, ensure_ascii=False, separators=(",", ":")), mimetype="application/json")


@bp.get("/places.json")
def places_layer():
    """Every place with a measure matching the home page's filters, a few dozen bytes each, for the map's markers."""
    filters, _notices = read_filters(request.args)
    db = get_db()
    layer = caching.memo(("map_layer", *filters.values()), lambda: places.map_layer(db, **filters))
    labels = {code: {"label": c.label, "symbol": c.symbol} for code, c in status_rules.CATEGORIES.items()}
    return json_response({**layer, "categories": labels})


@bp.get("/places/<slug>.json")
def place(slug):
    """What a place's popup shows: its category, its measures by status, its leading measures and how many more."""
    found = places.get_place(get_db(), slug)
    if found is None:
        abort(404)
    category = status_rules.CATEGORIES[found["category"]]
    return json_response(
        {
            "slug": found["slug"],
            "name": found["name"],
            "state": found["state"],
            "url": url_for("public.city", slug=found["slug"]),
            "category": category.code,
            "category_label": category.label,
            "status_counts": found["status_counts"],
            "motions": [
                {
                    "title": m["title"],
                    "url": url_for("public.motion", motion_id=m["id"]),
                    "status": m["status"],
                    "status_label": status_rules.label(m["status"]),
                    "aim": m["aim"],
                    "aim_label": status_rules.AIMS[m["aim"]].label,
                }
                for m in found["motions"]
            ],
            "more": found["more"],
        }
    )
