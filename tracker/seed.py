"""The sourced records tracker starts from, as data, and an idempotent loader for them.

Every fact here is backed by a source listed in SOURCES and cited where it is used. What no source says is
left out or None ("not recorded"), never guessed.
"""

from . import geo, queries, records
from .db import transaction

SOURCES = {
    "palestine_chronicle": {
        # The report's text is kept in the project's seed documents; no web address for it is known.
        "url": None,
        "title": "Staff report on the Durham City Council vote of April 16, 2018",
        "publisher": "Palestine Chronicle",
        "published_on": "2018-04-18",
        "accessed_on": None,
    },
    "police_magazine": {
        "url": "https://www.policemag.com/361892/north-carolina-city-prohibits-police-training-exchanges-with-israel",
        "title": "North Carolina City Prohibits Police Training Exchanges with Israel",
        "publisher": "Police Magazine",
        "published_on": None,
        "accessed_on": None,
    },
    "indy_week": {
        "url": "https://indyweek.com/news/archives-news/"
        "drawing-accusations-anti-semitism-durham-city-council-passes-statement-police-exchanges/",
        "title": "Drawing Accusations of Anti-Semitism, Durham City Council Passes Statement on Police Exchanges",
        "publisher": "INDY Week",
        "published_on": None,
        "accessed_on": None,
    },
    "news_observer": {
        "url": "http://www.newsobserver.com/news/local/counties/durham-county/article207967584.html",
        "title": "Report on the Durham City Council statement on international police exchanges",
        "publisher": "The News & Observer",
        "published_on": None,
        "accessed_on": None,
    },
}

CITIES = [
    {
        "name": "Durham",
        "state": "NC",
        "council_seats": 7,
        "motions": [
            {
                "kind": "statement",
                "identifier": None,
                "title": "Statement by the Durham City Council on International Police Exchanges",
                "summary": (
                    "The City Council states its opposition to international exchanges with any country in "
                    "which Durham police officers would receive military-style training. The statement was "
                    "released at a council work session and adopted at the regular meeting of April 16, 2018."
                ),
                "campaign": "Demilitarize! Durham2Palestine",
                "petition_signatures": 1394,
                "published": 1,
                "cited_by": [
                    (
                        "police_magazine",
                        "The council adopted a statement of policy on police training exchanges.",
                    ),
                    (
                        "news_observer",
                        "The statement was released at a Thursday council work session, to be "
                        "discussed at the April 16 regular meeting.",
                    ),
                    (
                        "palestine_chronicle",
                        "A campaign petition calling for the ban was signed by 1,394 people.",
                    ),
                    ("indy_week", "A petition with nearly 1,400 signatures."),
                ],
                "actions": [
                    {
                        "date": "2018-04-16",
                        "classification": "passed",
                        "description": "Adopted unanimously by the City Council at its regular meeting.",
                        "cited_by": [
                            (
                                "palestine_chronicle",
                                "The council unanimously passed it on Monday, April 16, 2018.",
                            ),
                            ("police_magazine", "The council voted 6-0 to adopt the statement of policy."),
                            ("indy_week", "The council passed the statement unanimously."),
                        ],
                    },
                ],
                "votes": [
                    {
                        "date": "2018-04-16",
                        "result": "pass",
                        # Seven seats, six votes reported: the seventh is unknown, so absent/excused stay None.
                        "yes": 6,
                        "no": 0,
                        "abstain": None,
                        "absent": None,
                        "excused": None,
                        "for_action": ("2018-04-16", "passed"),
                        "members": [],
                        "cited_by": [
                            ("police_magazine", "Voted 6-0."),
                            ("palestine_chronicle", "Passed unanimously."),
                            ("indy_week", "Unanimous vote."),
                        ],
                    },
                ],
                "hearings": [
                    {
                        "date": "2018-04-16",
                        "body": "City Council regular meeting",
                        "duration_minutes": 210,
                        "speakers_total": 50,
                        "speakers_support": None,
                        "speakers_oppose": None,
                        "speakers_neutral": None,
                        "notes": (
                            "Accounts differ. The organizers counted about 3.5 hours and 50 testimonies; "
                            "the press reported about two hours of public comment. The duration and speaker "
                            "count above are the organizers'."
                        ),
                        "cited_by": [
                            ("palestine_chronicle", "Organizers' account: 3.5 hours and 50 testimonies."),
                            ("indy_week", "Press account: about two hours of public comment."),
                        ],
                    },
                ],
            },
        ],
    },
]


def _cite_all(db, table, row_id, cited_by):
    """Cite each (source key, note) for a row, unless it is cited already."""
    for key, note in cited_by:
        records.cite_source(db, table, row_id, {**SOURCES[key], "note": note})


def _fields(record, *names):
    """Pick the named fields of a seed record."""
    return {name: record[name] for name in names}


def _load_motion(db, city_id, motion):
    """Find or create one motion and everything recorded about it."""
    motion_id = queries.motion_id(db, city_id, motion["title"])
    if motion_id is None:
        fields = _fields(
            motion, "kind", "identifier", "title", "summary", "campaign", "petition_signatures", "published"
        )
        motion_id = records.create_motion(db, {**fields, "city_id": city_id})
    _cite_all(db, "motion", motion_id, motion["cited_by"])
    for action in motion["actions"]:
        found = queries.action_ids(db, motion_id, action["date"], action["classification"])
        action_id = (
            found[0]
            if found
            else records.add_action(db, motion_id, _fields(action, "date", "classification", "description"))
        )
        _cite_all(db, "action", action_id, action["cited_by"])
    for vote in motion["votes"]:
        vote_id = queries.vote_id(db, motion_id, vote["date"], vote["result"])
        if vote_id is None:
            decided = queries.action_ids(db, motion_id, *vote["for_action"])
            fields = _fields(vote, "date", "result", *records.VOTE_OPTIONS)
            vote_id = records.add_vote(
                db, motion_id, {**fields, "action_id": decided[0] if decided else None}, vote["members"]
            )
        _cite_all(db, "vote", vote_id, vote["cited_by"])
    for hearing in motion["hearings"]:
        hearing_id = queries.hearing_id(db, motion_id, hearing["date"], hearing["body"])
        if hearing_id is None:
            fields = _fields(hearing, *(c for c in records.COLUMNS["hearing"] if c != "motion_id"))
            hearing_id = records.add_hearing(db, motion_id, fields)
        _cite_all(db, "hearing", hearing_id, hearing["cited_by"])


def load(db):
    """Add whatever part of the seed records the database lacks (never changing what is there); return rows written."""
    start = queries.latest_change_id(db)
    with transaction(db):
        for city in CITIES:
            slug = geo.slug(city["name"], city["state"])
            city_id = queries.city_id(db, slug)
            if city_id is None:
                lat, lon = geo.lookup(city["name"], city["state"])
                city_id = records.create_city(
                    db,
                    {
                        "slug": slug,
                        "name": city["name"],
                        "state": city["state"],
                        "ocd_id": geo.ocd_id(city["name"], city["state"]),
                        "lat": lat,
                        "lon": lon,
                        "council_seats": city["council_seats"],
                        "notes": None,
                    },
                )
            for motion in city["motions"]:
                _load_motion(db, city_id, motion)
    return queries.latest_change_id(db) - start
