"""An idempotent loader for the sourced seed records (the data itself is in seed_records.py).

Every fact in the seed records is backed by a source and cited where it is used. What no source says is left out
or None ("not recorded"), never guessed.
"""

from . import geo, queries, records
from . import status as status_rules
from .seed_records import PLACES, SOURCES


def _cite_all(db, table, row_id, cited_by):
    """Cite each (source key, note[, field]) for a row, unless it is cited already."""
    for key, note, *field in cited_by:
        source = {**SOURCES[key], "note": note, "field": field[0] if field else None}
        _correct_source(db, source)
        records.cite_source(db, table, row_id, source)


def _correct_source(db, source):
    """Give a source recorded without a web address the address the seed now knows (a logged correction)."""
    if not source["url"] or queries.url_taken(db, source["url"]):
        return
    found = db.execute(
        "SELECT id FROM source WHERE url IS NULL AND publisher IS ? AND published_on IS ?",
        [source["publisher"], source["published_on"]],
    ).fetchone()
    if found:
        fields = {k: source[k] for k in ("url", "title", "publisher", "published_on")}
        records.update(db, "source", found[0], {**fields, "headline": int(bool(source.get("headline")))})


def _fields(record, *names):
    """Pick the named fields of a seed record (absent ones as None)."""
    return {name: record.get(name) for name in names}


MOTION_FIELDS = (
    "kind",
    "aim",
    "body",
    "identifier",
    "title",
    "summary",
    "excerpt",
    "scope_note",
    "campaign",
    "petition_signatures",
    "published",
)


def _load_motion(db, city_id, motion):
    """Find or create one motion and everything recorded about it."""
    motion_id = queries.motion_id(db, city_id, motion["title"])
    if motion_id is None:
        motion_id = records.create_motion(db, {**_fields(motion, *MOTION_FIELDS), "city_id": city_id})
    _cite_all(db, "motion", motion_id, motion["cited_by"])
    for action in motion.get("actions", []):
        found = queries.action_ids(db, motion_id, action["date"], action["classification"])
        action_id = (
            found[0]
            if found
            else records.add_action(db, motion_id, _fields(action, "date", "classification", "description"))
        )
        _cite_all(db, "action", action_id, action["cited_by"])
    for vote in motion.get("votes", []):
        vote_id = queries.vote_id(db, motion_id, vote["date"], vote["result"])
        if vote_id is None:
            decided = queries.action_ids(db, motion_id, *vote["for_action"]) if vote.get("for_action") else []
            fields = _fields(vote, "date", "result", *status_rules.VOTE_OPTIONS)
            members = [tuple(m) for m in vote.get("members", [])]
            vote_id = records.add_vote(db, motion_id, {**fields, "action_id": decided[0] if decided else None}, members)
        _cite_all(db, "vote", vote_id, vote["cited_by"])
    for hearing in motion.get("hearings", []):
        hearing_id = queries.hearing_id(db, motion_id, hearing["date"], hearing["body"])
        if hearing_id is None:
            fields = _fields(hearing, *(c for c in records.COLUMNS["hearing"] if c != "motion_id"))
            hearing_id = records.add_hearing(db, motion_id, fields)
        _cite_all(db, "hearing", hearing_id, hearing["cited_by"])


def place_slug(place):
    """Return the URL slug of a seed place."""
    return geo.slug(place["name"], place["state"])


def _load_place(db, place):
    """Find or create one place; return its id."""
    slug = place_slug(place)
    city_id = queries.city_id(db, slug)
    if city_id is None:
        kind = place.get("kind", "city")
        # A county is shown at its seat, placed from the gazetteer like any city.
        lat, lon = geo.lookup(*(place.get("placed_at") or (place["name"], place["state"])))
        city_id = records.create_city(
            db,
            {
                "slug": slug,
                "name": place["name"],
                "kind": kind,
                "state": place["state"],
                "ocd_id": geo.ocd_id(place["name"], place["state"], kind),
                "lat": lat,
                "lon": lon,
                "council_seats": place.get("council_seats"),
                "notes": place.get("notes"),
            },
        )
    _cite_all(db, "city", city_id, place.get("cited_by", []))
    return city_id


def load(db, only=None):
    """Add whatever part of the seed records the database lacks (never changing what is there); return rows written.

    only, a collection of place slugs, loads just those places (tests use it for a small record).
    """
    start = queries.latest_change_id(db)
    with records.changeset(db, None, "seed"):
        for place in PLACES:
            if only is not None and place_slug(place) not in only:
                continue
            city_id = _load_place(db, place)
            for motion in place["motions"]:
                _load_motion(db, city_id, motion)
    return queries.latest_change_id(db) - start
