"""The OpenAPI 3.1 document of /api/v1: every route and the JSON Schema of every response."""

from . import geo
from . import status as status_rules
from .numbers import LARGEST_ID

VERSION = "1.0.0"
# Paging: the largest page number and page size a request may ask for, and the sizes given when it asks none.
MAX_PAGE, MAX_PER_PAGE = 1_000_000, 500
DEFAULT_PER_PAGE, DEFAULT_PLACES_PER_PAGE = 50, 100


def nullable(schema):
    """Allow null (unknown) besides the schema."""
    kind = schema.get("type")
    if kind is None:
        return {"anyOf": [schema, {"type": "null"}]}
    return {**schema, "type": [kind, "null"]}


def obj(properties, required=None):
    """An object schema whose listed properties are all present (values may still be null)."""
    return {
        "type": "object",
        "properties": properties,
        "required": required or list(properties),
        "additionalProperties": False,
    }


def ref(name):
    """A reference to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


DATE = {"type": "string", "format": "date"}
TIMESTAMP = {"type": "string", "format": "date-time"}
COUNT = nullable({"type": "integer", "minimum": 0})
TEXT = {"type": "string"}
# State codes as the API accepts them: in capitals or in small letters.
STATE = {"type": "string", "enum": [*geo.states(), *(code.lower() for code in geo.states())]}
# A place's slug, as in its address (durham-nc).
SLUG = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
# A date, or a date and time (RFC 3339), as updated_since takes it.
SINCE = {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}]}
# Said of every filter that takes one value of a list.
WHOLE_LIST = " Leave it out for all; an empty value is refused (400) like any other it does not take."
STATUS = {"type": "string", "enum": list(status_rules.CODES)}
KIND = {"type": "string", "enum": list(status_rules.MOTION_KINDS)}
AIM = {"type": "string", "enum": list(status_rules.AIMS)}
PLACE_KIND = {"type": "string", "enum": list(status_rules.PLACE_KINDS)}
CATEGORY = {"type": "string", "enum": list(status_rules.CATEGORIES)}
# Which way a measure points, and what its status means for it (a passed measure that kept a program is "kept").
AIM_FIELDS = {"aim": AIM, "aim_label": TEXT, "outcome": CATEGORY, "outcome_label": TEXT}

SCHEMAS = {
    "Error": obj({"error": obj({"status": {"type": "integer"}, "message": TEXT})}),
    "Source": obj(
        {
            "url": nullable({"type": "string", "format": "uri"}),
            "title": TEXT,
            "headline": {"type": "boolean", "description": "true: the title is the source's own headline"},
            "publisher": nullable(TEXT),
            "published_on": nullable(DATE),
            "field": nullable(TEXT),
            "note": nullable(TEXT),
        }
    ),
    "CityRef": obj({"slug": TEXT, "name": TEXT, "state": TEXT, "url": TEXT}),
    "MotionSummary": obj(
        {
            "id": {"type": "integer"},
            "url": TEXT,
            "api_url": TEXT,
            "title": TEXT,
            "kind": KIND,
            "body": TEXT,
            "identifier": nullable(TEXT),
            "status": STATUS,
            **AIM_FIELDS,
            "introduced_on": nullable(DATE),
            "decided_on": nullable(DATE),
            "last_action_on": nullable(DATE),
            "updated_at": TIMESTAMP,
            "city": ref("CityRef"),
            "votes": {"type": "array", "items": ref("VoteSummary")},
        }
    ),
    "VoteSummary": obj(
        {
            "date": DATE,
            "result": {"type": "string", "enum": list(status_rules.VOTE_RESULTS)},
            "counts": obj(dict.fromkeys(status_rules.VOTE_OPTIONS, COUNT)),
        }
    ),
    "City": obj(
        {
            "slug": TEXT,
            "name": TEXT,
            "kind": PLACE_KIND,
            "state": TEXT,
            "ocd_id": nullable(TEXT),
            "lat": {"type": "number", "minimum": -90, "maximum": 90},
            "lon": {"type": "number", "minimum": -180, "maximum": 180},
            "council_seats": nullable({"type": "integer", "minimum": 1}),
            "category": CATEGORY,
            "url": TEXT,
            "api_url": TEXT,
            "updated_at": TIMESTAMP,
            "motion_count": {"type": "integer", "minimum": 0},
            "status_counts": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1}},
            "motions_url": TEXT,
            "motions": {
                "type": "array",
                "items": obj(
                    {
                        "id": {"type": "integer"},
                        "title": TEXT,
                        "kind": KIND,
                        "body": TEXT,
                        "status": STATUS,
                        **AIM_FIELDS,
                        "last_action_on": nullable(DATE),
                        "api_url": TEXT,
                    }
                ),
            },
        }
    ),
    "Action": obj(
        {
            "id": {"type": "integer"},
            "date": DATE,
            "classification": {"type": "string", "enum": list(status_rules.CLASSIFICATIONS)},
            "description": TEXT,
            "sources": {"type": "array", "items": ref("Source")},
        }
    ),
    "Vote": obj(
        {
            "id": {"type": "integer"},
            "action_id": nullable({"type": "integer"}),
            "date": DATE,
            "result": {"type": "string", "enum": list(status_rules.VOTE_RESULTS)},
            "counts": obj(dict.fromkeys(status_rules.VOTE_OPTIONS, COUNT)),
            "roll_call": {
                "type": "array",
                "items": obj(
                    {
                        "name": TEXT,
                        "option": {"type": "string", "enum": list(status_rules.MEMBER_OPTIONS)},
                    }
                ),
            },
            "roll_call_partial": {"type": "boolean", "description": "true: the roll call names only some votes"},
            "sources": {"type": "array", "items": ref("Source")},
        }
    ),
    "Testimony": obj(
        {
            "id": {"type": "integer"},
            "speaker_name": nullable(TEXT),
            "affiliation": nullable(TEXT),
            "position": {"type": "string", "enum": list(status_rules.POSITIONS)},
            "summary": nullable(TEXT),
            "sources": {"type": "array", "items": ref("Source")},
        }
    ),
    "Hearing": obj(
        {
            "id": {"type": "integer"},
            "date": DATE,
            "body": TEXT,
            "duration_minutes": COUNT,
            "speakers": obj({"total": COUNT, "support": COUNT, "oppose": COUNT, "neutral": COUNT}),
            "notes": nullable(TEXT),
            "testimony": {"type": "array", "items": ref("Testimony")},
            "sources": {"type": "array", "items": ref("Source")},
        }
    ),
}
SCHEMAS["Motion"] = obj(
    {
        **SCHEMAS["MotionSummary"]["properties"],
        "summary": nullable(TEXT),
        "excerpt": nullable(TEXT),
        "scope_note": nullable(TEXT),
        "status_label": TEXT,
        "no_news_since": nullable(DATE),
        "campaign": nullable(TEXT),
        "petition_signatures": COUNT,
        "created_at": TIMESTAMP,
        "city": obj(
            {
                "slug": TEXT,
                "name": TEXT,
                "state": TEXT,
                "url": TEXT,
                "kind": PLACE_KIND,
                "council_seats": nullable({"type": "integer"}),
            }
        ),
        "sources": {"type": "array", "items": ref("Source")},
        "actions": {"type": "array", "items": ref("Action")},
        "votes": {"type": "array", "items": ref("Vote")},
        "hearings": {"type": "array", "items": ref("Hearing")},
    }
)
PAGING = {
    "page": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
    "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
    "total": {"type": "integer", "minimum": 0},
    "next": nullable(TEXT),
    "prev": nullable(TEXT),
}
# A place in a list: its counts, without its measures (GET /cities/{slug} has the first of them).
SCHEMAS["CitySummary"] = obj({k: v for k, v in SCHEMAS["City"]["properties"].items() if k != "motions"})
SCHEMAS["CityPage"] = obj({"data": {"type": "array", "items": ref("CitySummary")}, **PAGING})
SCHEMAS["MotionPage"] = obj({"data": {"type": "array", "items": ref("MotionSummary")}, **PAGING})


def json_response(schema, description):
    """A 200 response with a JSON body."""
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    str(code): {"description": text, "content": {"application/json": {"schema": ref("Error")}}}
    for code, text in (
        (400, "Bad request (a parameter out of range)"),
        (404, "Not found"),
        (405, "Method not allowed"),
        (429, "Too many requests"),
        (500, "Server error"),
    )
}
CONDITIONAL = [
    {
        "name": "If-None-Match",
        "in": "header",
        "required": False,
        "schema": TEXT,
        "description": "An ETag from an earlier response; an unchanged resource answers 304 with no body.",
    },
    {"name": "If-Modified-Since", "in": "header", "required": False, "schema": TEXT},
]


def query(name, schema, description):
    """An optional query parameter."""
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


def paging(default_size, size_description):
    """The page and per_page parameters, with their bounds (a number outside them, not in ASCII digits, or empty, is
    refused: 400)."""
    return [
        query(
            "page",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
            "Page number (ASCII digits; empty is refused)",
        ),
        query(
            "per_page",
            {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": default_size},
            size_description,
        ),
    ]


def operation(summary, schema, description, parameters=(), path_parameters=()):
    """A GET operation with its success, 304 and error responses."""
    params = [{"name": name, "in": "path", "required": True, "schema": schema} for name, schema in path_parameters]
    return {
        "get": {
            "summary": summary,
            "parameters": [*params, *parameters, *CONDITIONAL],
            "responses": {"200": json_response(schema, description), "304": {"description": "Not modified"}, **ERRORS},
        }
    }


def document(server_url="/api/v1"):
    """Return the OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "tracker open data API",
            "version": VERSION,
            "description": (
                "Local measures on police exchange and training programs with foreign police and militaries: "
                "places (cities, towns, counties), their measures with each one's aim (restrict, keep or review) "
                "and status, dated actions and events, votes with roll calls, hearings, published testimony and "
                "the source behind every fact. Only published records; unknown values are null. "
                "Dates are ISO 8601. Every response allows any origin (CORS) and carries ETag and Last-Modified."
            ),
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/cities": operation(
                "Places with their counts of published measures, by name, paginated",
                ref("CityPage"),
                "One page of places",
                parameters=paging(DEFAULT_PLACES_PER_PAGE, "Places per page"),
            ),
            "/cities/{slug}": operation(
                "One place with its first 100 published measures by title (motions_url lists them all)",
                ref("City"),
                "The place",
                path_parameters=[("slug", SLUG)],
            ),
            "/motions": operation(
                "Published motions, filtered and paginated",
                ref("MotionPage"),
                "One page of motions",
                parameters=[
                    query("status", STATUS, f"Only motions with this status.{WHOLE_LIST}"),
                    query(
                        "state",
                        STATE,
                        f"Only cities in this state (its code, in capitals or small letters).{WHOLE_LIST}",
                    ),
                    query("city", SLUG, f"Only this place (its slug, e.g. durham-nc).{WHOLE_LIST}"),
                    query("kind", KIND, f"Only this kind of measure.{WHOLE_LIST}"),
                    query("aim", AIM, f"Only measures with this aim (restrict, keep or review).{WHOLE_LIST}"),
                    query(
                        "q",
                        TEXT,
                        "Full-text search over titles, summaries, places, campaigns, actions, roll calls and sources",
                    ),
                    query(
                        "updated_since",
                        SINCE,
                        "Only motions changed at or after this date or time (RFC 3339: 2018-04-16 or "
                        "2018-04-16T12:00:00Z); a date or time before 1900 means every motion. An empty value is "
                        "refused (400).",
                    ),
                    *paging(DEFAULT_PER_PAGE, "Motions per page"),
                ],
            ),
            "/motions/{id}": operation(
                "One motion with everything recorded about it",
                ref("Motion"),
                "The motion",
                path_parameters=[("id", {"type": "integer", "minimum": 1, "maximum": LARGEST_ID})],
            ),
            "/openapi.json": {
                "get": {
                    "summary": "This document",
                    "responses": {"200": {"description": "The OpenAPI document", "content": {"application/json": {}}}},
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }
