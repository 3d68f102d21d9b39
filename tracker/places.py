"""Places as lists show them: a page of places with their counts and leading measures, one place's measures a page
at a time, the map's compact layer and the categories of every place. Each answer has a size bound that does not
grow with the record, and a fixed number of queries."""

import json
from collections import Counter

from . import status as status_rules
from .db import rows
from .queries import iter_rows

# The queries below are put together from the SQL fragments of this module only (noqa: S608); every value a
# request brings goes through parameters.
# The motion filters every list shares: published only, then status, kind and aim when given.
MOTION_FILTER = """motion.published = 1
  AND (:status IS NULL OR motion.status = :status) AND (:kind IS NULL OR motion.kind = :kind)
  AND (:aim IS NULL OR motion.aim = :aim)"""
ANY_MOTION_FILTER = "(:status IS NULL AND :kind IS NULL AND :aim IS NULL)"
# Statuses that decide something for a place (everything but measures under way): the latest of these speaks.
# Passed to every query as :decided, a JSON list.
DECIDED = json.dumps([code for code in status_rules.CODES if status_rules.category(code) != "under_way"])
DECIDED_SQL = "(SELECT value FROM json_each(:decided))"
# How far a measure has come: its status's place in the vocabulary (:stages), campaigns first, decisions last.
STAGES = json.dumps(status_rules.CODES)
STAGE_SQL = "(SELECT key FROM json_each(:stages) WHERE value = motion.status)"
# A place in a list shows this many of its measures: the most advanced one and the latest ones.
LEADING, LATEST = 1, 2

# The places a list shows: in the state asked for, with a measure matching the filters (any place, without).
PLACES_MATCHING = (
    """
FROM city
WHERE (:state IS NULL OR city.state = :state)
  AND ("""  # noqa: S608
    + ANY_MOTION_FILTER
    + """ OR EXISTS (SELECT 1 FROM motion WHERE motion.city_id = city.id AND """
    + MOTION_FILTER
    + """))
"""
)
PAGE_OF_PLACES = (
    """
SELECT city.id, city.slug, city.name, city.kind, city.state, city.lat, city.lon, city.council_seats, city.ocd_id,
       city.notes, city.updated_at,
       CASE WHEN :sort = 'latest' THEN (SELECT max(action.date) FROM motion JOIN action ON action.motion_id = motion.id
                                         WHERE motion.city_id = city.id AND motion.published = 1) END AS latest"""  # noqa: S608
    + PLACES_MATCHING
    + """ORDER BY CASE WHEN :sort = 'state' THEN city.state END,
         CASE WHEN :sort = 'latest' THEN coalesce(latest, '') END DESC, city.name, city.state
LIMIT :limit OFFSET :offset
"""
)
COUNT_PLACES = "SELECT count(*)" + PLACES_MATCHING
# For each place of a page: its matching measures by status.
STATUS_COUNTS = (
    """
SELECT motion.city_id, motion.status, count(*) AS n, max(motion.updated_at) AS updated_at FROM motion
WHERE motion.city_id IN (SELECT value FROM json_each(:ids)) AND """  # noqa: S608
    + MOTION_FILTER
    + """
GROUP BY motion.city_id, motion.status
"""
)
# For each place of a page: its most advanced and latest matching measures, and its latest decision (its category).
LEADING_MOTIONS = (
    """
WITH matching AS (
    SELECT motion.id AS motion_id, motion.city_id, motion.title, motion.kind, motion.aim, motion.body, motion.status,
           motion.decided_on, motion.updated_at AS motion_updated_at, """  # noqa: S608
    + STAGE_SQL
    + """ AS stage,
           motion.status IN """
    + DECIDED_SQL
    + """ AS decided,
           (SELECT max(action.date) FROM action WHERE action.motion_id = motion.id) AS last_action_on
    FROM motion
    WHERE motion.city_id IN (SELECT value FROM json_each(:ids)) AND """
    + MOTION_FILTER
    + """
),
ranked AS (
    SELECT matching.*,
           row_number() OVER (PARTITION BY city_id ORDER BY stage DESC, coalesce(last_action_on, '') DESC,
                                                         motion_id DESC) AS by_stage,
           row_number() OVER (PARTITION BY city_id ORDER BY coalesce(last_action_on, '') DESC,
                                                         motion_id DESC) AS by_date,
           row_number() OVER (PARTITION BY city_id, decided ORDER BY coalesce(decided_on, '') DESC,
                                                                   motion_id DESC) AS by_decision
    FROM matching
)
SELECT * FROM ranked
WHERE by_stage <= :leading OR by_date <= :latest OR (decided AND by_decision = 1)
ORDER BY city_id, coalesce(last_action_on, '') DESC, motion_id DESC
"""
)


def filter_params(status=None, state=None, kind=None, aim=None):
    """The named parameters of the shared filters (and the vocabulary the queries read)."""
    return {"status": status, "state": state, "kind": kind, "aim": aim, "decided": DECIDED, "stages": STAGES}


def page_of_places(db, status=None, state=None, kind=None, aim=None, sort="name", page=1, per_page=100):
    """Return (one page of places matching the filters, each with its counts and leading measures; how many match).

    Four queries whatever the size of the record: the page, the count, and the page's counts and measures.
    """
    params = {
        **filter_params(status, state, kind, aim),
        "sort": sort,
        "limit": per_page,
        "offset": (page - 1) * per_page,
    }
    places = rows(db, PAGE_OF_PLACES, params)
    total = db.execute(COUNT_PLACES, params).fetchone()[0]
    with_measures(db, places, params)
    return places, total


def with_measures(db, places, params):
    """Add to each place its measures by status, its leading measures, how many more, and its category."""
    by_id = {place["id"]: place for place in places}
    for place in places:
        place.update(status_counts={}, motions=[], motion_count=0, more=0, category="none")
        place["latest_action_on"] = place.pop("latest", None)
    ids = json.dumps(list(by_id))
    for row in rows(db, STATUS_COUNTS, {**params, "ids": ids}):
        place = by_id[row["city_id"]]
        place["status_counts"][row["status"]] = row["n"]
        place["motion_count"] += row["n"]
        place["updated_at"] = max(place["updated_at"], row["updated_at"])
    decisions = {}
    for row in rows(db, LEADING_MOTIONS, {**params, "ids": ids, "leading": LEADING, "latest": LATEST}):
        place = by_id[row["city_id"]]
        if row["decided"] and row["by_decision"] == 1:
            decisions[row["city_id"]] = row
        if row["by_stage"] <= LEADING or row["by_date"] <= LATEST:
            place["motions"].append(motion_summary(row))
    for place in places:
        place["status_counts"] = {
            c: place["status_counts"][c] for c in status_rules.CODES if c in place["status_counts"]
        }
        place["more"] = place["motion_count"] - len(place["motions"])
        decision = decisions.get(place["id"])
        if decision is not None:
            place["category"] = status_rules.category(decision["status"], decision["aim"])
        elif place["motion_count"]:
            place["category"] = "under_way"


def motion_summary(row):
    """Shape a motion row of a list for display and JSON."""
    return {
        "id": row["motion_id"],
        "title": row["title"],
        "kind": row["kind"],
        "aim": row["aim"],
        "body": row["body"],
        "status": row["status"],
        "category": status_rules.category(row["status"], row["aim"]),
        "decided_on": row["decided_on"],
        "last_action_on": row["last_action_on"],
        "updated_at": row["motion_updated_at"],
        "no_news_since": status_rules.no_news_since(row["status"], row["last_action_on"]),
    }


def get_place(db, slug):
    """Return one place with its counts, leading measures and category over all its published measures, or None."""
    found = rows(
        db,
        "SELECT id, slug, name, kind, state, lat, lon, council_seats, ocd_id, notes, updated_at, NULL AS latest "
        "FROM city WHERE slug = ?",
        [slug],
    )
    if found:
        with_measures(db, found, filter_params())
    return found[0] if found else None


PLACE_MOTIONS = (
    """
SELECT motion.id AS motion_id, motion.title, motion.kind, motion.aim, motion.body, motion.status, motion.decided_on,
       motion.updated_at AS motion_updated_at,
       (SELECT max(action.date) FROM action WHERE action.motion_id = motion.id) AS last_action_on
FROM motion
WHERE motion.city_id = :city AND """  # noqa: S608
    + MOTION_FILTER
    + """
ORDER BY motion.title
LIMIT :limit OFFSET :offset
"""
)


def place_motions(db, city_id, status=None, kind=None, aim=None, page=1, per_page=50):
    """Return one page of a place's published measures matching the filters, by title (an index gives the order)."""
    params = {**filter_params(status, None, kind, aim), "city": city_id, "limit": per_page}
    params["offset"] = (page - 1) * per_page
    return [motion_summary(row) for row in rows(db, PLACE_MOTIONS, params)]


COUNT_PLACE_MOTIONS = "SELECT count(*) FROM motion WHERE motion.city_id = :city AND " + MOTION_FILTER  # noqa: S608


def count_place_motions(db, city_id, status=None, kind=None, aim=None):
    """Count a place's published measures matching the filters."""
    params = {**filter_params(status, None, kind, aim), "city": city_id}
    return db.execute(COUNT_PLACE_MOTIONS, params).fetchone()[0]


# Every place's latest decision among its published measures (of a kind and aim, when given).
# Each place's latest decision, found by walking its measures backwards by decision date in an index that holds
# the status and aim too (motion_decided), so the table itself is not read.
CATEGORIES = """
SELECT city.id, city.state,
       (SELECT motion.status || ' ' || motion.aim FROM motion
        WHERE motion.city_id = city.id AND motion.published = 1
          AND motion.status IN (SELECT value FROM json_each(:decided))
          AND (:kind IS NULL OR motion.kind = :kind) AND (:aim IS NULL OR motion.aim = :aim)
        ORDER BY motion.decided_on DESC, motion.id DESC LIMIT 1) AS decision,
       (SELECT count(*) FROM motion
        WHERE motion.city_id = city.id AND motion.published = 1
          AND (:kind IS NULL OR motion.kind = :kind) AND (:aim IS NULL OR motion.aim = :aim)) AS motions
FROM city
"""


def place_categories(db, kind=None, aim=None):
    """Return {place id: (state, category, number of measures)} for every place, from its latest decision."""
    found = {}
    for place_id, state, decision, motions in db.execute(CATEGORIES, filter_params(kind=kind, aim=aim)):
        category = status_rules.category(*decision.split(" ")) if decision else "under_way" if motions else "none"
        found[place_id] = (state, category, motions)
    return found


def category_counts(db, state=None, kind=None, aim=None):
    """Count places by category (the home page's summary sentence), for one state or all."""
    counts = dict.fromkeys(status_rules.CATEGORIES, 0)
    counted = Counter(
        category
        for place_state, category, motions in place_categories(db, kind, aim).values()
        if motions and (state is None or place_state == state)
    )
    counts.update(counted)
    return counts


MAP_LAYER = (
    """
SELECT city.id, city.slug, city.name, city.kind, city.state, city.lat, city.lon,
       (SELECT count(*) FROM motion WHERE motion.city_id = city.id AND """  # noqa: S608
    + MOTION_FILTER
    + """) AS n
FROM city
WHERE (:state IS NULL OR city.state = :state)
ORDER BY city.id
"""
)
# The layer's columns, named once in the response rather than in every place.
LAYER_FIELDS = ("slug", "name", "state", "kind", "lat", "lon", "category", "motions")


def map_layer(db, status=None, state=None, kind=None, aim=None):
    """Return the map's compact layer: one short row per place that has a measure matching the filters."""
    categories = place_categories(db)
    params = filter_params(status, state, kind, aim)
    filtered = any(params[k] for k in ("status", "kind", "aim"))
    places = []
    for row in rows(db, MAP_LAYER, params):
        if filtered and not row["n"]:
            continue
        category = categories[row["id"]][1]
        # Four decimals place a marker within about ten metres: more would only add bytes.
        lat, lon = round(row["lat"], 4), round(row["lon"], 4)
        places.append([row["slug"], row["name"], row["state"], row["kind"], lat, lon, category, row["n"]])
    return {"fields": list(LAYER_FIELDS), "places": places}


EVERY_PLACE_WITH_MOTIONS = """
SELECT city.id AS city_id, city.slug, city.name, city.kind AS place_kind, city.state, city.lat, city.lon,
       motion.id AS motion_id, motion.title, motion.kind, motion.aim, motion.body, motion.status, motion.decided_on,
       motion.updated_at AS motion_updated_at,
       (SELECT max(action.date) FROM action WHERE action.motion_id = motion.id) AS last_action_on
FROM city LEFT JOIN motion ON motion.city_id = city.id AND motion.published = 1
ORDER BY city.name, city.state, city.id, motion.title
"""


def each_place_with_motions(db):
    """Yield every place with all its published measures and its category, one place at a time (for downloads)."""
    place = None
    for row in iter_rows(db, EVERY_PLACE_WITH_MOTIONS):
        if place is None or place["id"] != row["city_id"]:
            if place is not None:
                yield finished(place)
            place = {
                "id": row["city_id"],
                "slug": row["slug"],
                "name": row["name"],
                "kind": row["place_kind"],
                "state": row["state"],
                "lat": row["lat"],
                "lon": row["lon"],
                "motions": [],
            }
        if row["motion_id"] is not None:
            place["motions"].append(motion_summary(row))
    if place is not None:
        yield finished(place)


def finished(place):
    """Give a place the category its measures give it."""
    place["category"] = status_rules.place_category(place["motions"])
    return place
