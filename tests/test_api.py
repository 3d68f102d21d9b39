"""The JSON API: every response checked against the OpenAPI document, filters, pagination, privacy, caching."""

import difflib
import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator

from tracker import openapi, records
from tracker.db import connect

DOCUMENT = openapi.document()


def check(response, schema_name):
    """Assert a response is JSON that its OpenAPI schema accepts; return the body."""
    assert response.mimetype == "application/json"
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": DOCUMENT["components"]}
    errors = sorted(Draft202012Validator(schema).iter_errors(response.json), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    return response.json


def test_the_openapi_document_is_valid_json_schema_and_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json["openapi"].startswith("3.1")
    for schema in response.json["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_every_api_route_is_in_the_document(app):
    documented = set(DOCUMENT["paths"])
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
            path = path.replace("{motion_id}", "{id}")
            assert path in documented, rule.rule


def test_nc_motions_include_durham_passed_6_0(client, durham_id):
    body = check(client.get("/api/v1/motions?state=NC"), "MotionPage")
    [motion] = body["data"]
    assert (motion["id"], motion["status"]) == (durham_id, "passed")
    assert motion["votes"][0]["counts"] == {"yes": 6, "no": 0, "abstain": None, "absent": None, "excused": None}


def test_the_durham_motion_in_full(client, durham_id):
    body = check(client.get(f"/api/v1/motions/{durham_id}"), "Motion")
    assert body["decided_on"] == "2018-04-16" and body["introduced_on"] == "2018-04-05"
    assert (body["aim"], body["outcome"], body["body"]) == ("restrict", "restricted", "City Council")
    assert body["petition_signatures"] == 1394
    petition = [s for s in body["sources"] if s["field"] == "petition_signatures"]
    assert len(petition) >= 4 and all(s["note"] for s in petition)
    [vote] = body["votes"]
    assert vote["roll_call_partial"] and {"name": "Javiera Caballero", "option": "yes"} in vote["roll_call"]
    assert [a["classification"] for a in body["actions"]].count("event") >= 2
    [hearing] = body["hearings"]
    assert hearing["duration_minutes"] == 210 and hearing["speakers"]["total"] == 50
    assert {s["publisher"] for s in body["sources"]} >= {"Police Magazine", "The News & Observer"}


@pytest.mark.parametrize(("aim", "found"), [("restrict", 1), ("keep", 0)])
def test_motions_filter_by_aim(client, aim, found):
    assert check(client.get(f"/api/v1/motions?aim={aim}"), "MotionPage")["total"] == found


def test_an_unknown_aim_is_refused_with_the_allowed_values(client):
    response = client.get("/api/v1/motions?aim=win")
    assert response.status_code == 400
    assert "aim must be one of: keep, restrict, review." in response.json["error"]["message"]


def test_a_kept_program_reads_as_kept_in_the_api(record_app):
    body = check(record_app.test_client().get("/api/v1/cities/berkeley-ca"), "City")
    assert body["category"] == "kept"
    assert {(m["status"], m["aim"], m["outcome"]) for m in body["motions"]} == {("passed", "keep", "kept")}


def test_cities_and_one_city(client):
    body = check(client.get("/api/v1/cities"), "CityPage")
    assert [c["slug"] for c in body["data"]] == ["durham-nc"]
    assert body["data"][0]["motion_count"] == 1 and body["data"][0]["status_counts"] == {"passed": 1}
    assert "motions" not in body["data"][0] and body["total"] == 1 and body["next"] is None
    city = check(client.get("/api/v1/cities/durham-nc"), "City")
    assert city["ocd_id"] == "ocd-division/country:us/state:nc/place:durham"
    assert city["motions_url"].endswith("/api/v1/motions?city=durham-nc")
    assert check(client.get(city["motions_url"]), "MotionPage")["total"] == len(city["motions"]) == 1


def test_a_place_answers_its_first_100_measures_and_where_the_rest_are(client, many):
    for i in range(100):
        records.create_motion(
            connect(client.application.config["DATABASE"]),
            {"city_id": 1, "kind": "motion", "title": f"More {i:03}", "published": 1},
        )
    city = check(client.get("/api/v1/cities/durham-nc"), "City")
    assert city["motion_count"] == 113 and len(city["motions"]) == 100
    assert check(client.get(city["motions_url"] + "&per_page=500"), "MotionPage")["total"] == 113
    places = check(client.get("/api/v1/cities?per_page=1"), "CityPage")
    assert places["total"] == 1 and places["per_page"] == 1


@pytest.fixture
def many(db):
    """Twelve more published motions in Durham, alternately introduced and failed."""
    city_id = db.execute("SELECT id FROM city").fetchone()[0]
    for i in range(12):
        motion_id = records.create_motion(
            db, {"city_id": city_id, "kind": "resolution", "title": f"Motion {i:02}", "published": 1}
        )
        records.add_action(
            db, motion_id, {"date": "2020-01-01", "classification": ("introduced", "failed")[i % 2], "description": "x"}
        )


@pytest.mark.parametrize(
    ("query", "count", "total"),
    [
        ("", 13, 13),
        ("?status=failed", 6, 6),
        ("?status=passed&state=nc", 1, 1),
        ("?kind=statement", 1, 1),
        ("?city=durham-nc&per_page=5", 5, 13),
        ("?city=nowhere-zz", 0, 0),
        ("?q=unanimously", 1, 1),
        ("?q=durham", 13, 13),
        ("?page=3&per_page=5", 3, 13),
        ("?page=4&per_page=5", 0, 13),
        ("?updated_since=2000-01-01", 13, 13),
        ("?updated_since=2999-01-01T00:00:00Z", 0, 0),
        ("?q=%22", 0, 0),
        ("?per_page=500", 13, 13),
    ],
)
def test_filters_and_pagination(client, many, query, count, total):
    body = check(client.get("/api/v1/motions" + query), "MotionPage")
    assert (len(body["data"]), body["total"]) == (count, total)


def test_pages_link_to_each_other(client, many):
    response = client.get("/api/v1/motions?per_page=5&page=2&q=")
    body = check(response, "MotionPage")
    assert body["next"].endswith("page=3&per_page=5") and body["prev"].endswith("page=1&per_page=5")
    assert 'rel="next"' in response.headers["Link"] and 'rel="prev"' in response.headers["Link"]
    last = check(client.get("/api/v1/motions?per_page=5&page=3"), "MotionPage")
    assert last["next"] is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?per_page=501", "per_page must be a whole number from 1 to 500."),
        ("?per_page=0", "per_page"),
        ("?page=0", "page must be"),
        ("?page=abc", "page must be"),
        ("?status=won", "status must be one of"),
        ("?state=XX", "state must be one of"),
        ("?kind=decree", "kind must be one of"),
        ("?updated_since=yesterday", "updated_since must be an RFC 3339 date"),
        ("?updated_since=", "updated_since must be an RFC 3339 date"),
        ("?city=durham%20nc", "city must be a place's slug, like durham-nc."),
        # Numbers: ASCII digits only, within the bounds the OpenAPI document declares.
        ("?page=" + "9" * 5000, "page must be a whole number from 1 to 1000000."),
        ("?per_page=%C2%B2", "per_page must be"),
        ("?page=%EF%BC%91", "page must be"),
        ("?page=1000001", "page must be"),
        ("?per_page=", "per_page must be"),
        # An empty filter is refused, as the document says, rather than read as no filter.
        ("?status=", "status must be one of"),
        ("?state=", "state must be one of"),
        ("?state=Nc", "state must be one of"),
        ("?state=AA", "state must be one of"),
        ("?aim=", "aim must be one of"),
    ],
)
def test_bad_parameters_get_a_json_400_saying_what_to_change(client, query, message):
    response = client.get("/api/v1/motions" + query)
    assert response.status_code == 400
    body = check(response, "Error")
    assert body["error"]["status"] == 400 and message in body["error"]["message"]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/v1/motions/99999", 404),
        ("GET", "/api/v1/cities/nowhere-zz", 404),
        ("POST", "/api/v1/motions", 405),
        ("GET", "/api/v1/nothing", 404),
    ],
)
def test_errors_are_json(client, method, path, status):
    response = client.open(path, method=method)
    assert response.status_code == status
    assert check(response, "Error")["error"]["status"] == status


def test_unpublished_motions_and_unconsented_names_stay_private(client, db, durham_id):
    hearing_id = db.execute("SELECT id FROM hearing").fetchone()[0]
    records.add_testimony(db, hearing_id, {"speaker_name": "Private Person", "position": "support"})
    body = check(client.get(f"/api/v1/motions/{durham_id}"), "Motion")
    assert body["hearings"][0]["testimony"][0]["speaker_name"] is None
    assert "Private Person" not in client.get(f"/api/v1/motions/{durham_id}").get_data(as_text=True)
    db.execute("UPDATE motion SET published = 0")
    assert client.get(f"/api/v1/motions/{durham_id}").status_code == 404
    assert check(client.get("/api/v1/motions"), "MotionPage")["total"] == 0
    assert check(client.get("/api/v1/cities/durham-nc"), "City")["motions"] == []


def settle(db):
    """Date the public record's last change well in the past (a change under a second old sends no Last-Modified)."""
    db.execute("UPDATE public_version SET changed_at = '2000-01-01T00:00:00.000Z'")


def test_responses_are_cacheable_and_open_to_any_origin(client, db, durham_id):
    settle(db)
    response = client.get(f"/api/v1/motions/{durham_id}")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["ETag"] and response.headers["Last-Modified"]
    again = client.get(f"/api/v1/motions/{durham_id}", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
    since = client.get(f"/api/v1/motions/{durham_id}", headers={"If-Modified-Since": response.headers["Last-Modified"]})
    assert since.status_code == 304


def test_a_change_changes_the_etag(client, db, durham_id):
    first = client.get(f"/api/v1/motions/{durham_id}").headers["ETag"]
    records.update_motion(db, durham_id, {"summary": "Changed."})
    response = client.get(f"/api/v1/motions/{durham_id}", headers={"If-None-Match": first})
    assert response.status_code == 200 and response.headers["ETag"] != first


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("?per_page=%C2%B2", 400),
        ("?page=%C2%B2", 400),
        # Before 1900 (or too early to shift into UTC) is before every record: nothing is filtered out.
        ("?updated_since=0001-01-01T00:00:00%2B01:00", 200),
        ("?updated_since=0999-01-01", 200),
        ("?updated_since=2018-06-30T23:59:60Z", 200),
        ("?updated_since=2018-04-16t12:00:00z", 200),
        ("?city=Durham", 400),
        ("?city=", 400),
        ("?per_page=1&page=1&endpoint=x&_method=POST&_external=0", 200),
    ],
)
def test_odd_parameters_never_cause_a_500(client, query, status):
    assert client.get("/api/v1/motions" + query).status_code == status


def test_page_links_keep_the_other_parameters_as_they_came(client, many):
    body = check(client.get("/api/v1/motions?per_page=2&_anchor=zz&state=nc&state=NC"), "MotionPage")
    assert body["next"] == "http://localhost/api/v1/motions?_anchor=zz&state=nc&state=NC&page=2&per_page=2"


def test_cors_reaches_errors_and_preflight_and_exposes_the_caching_headers(client):
    error = client.get("/api/v1/motions/99999")
    assert error.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/v1/motions")
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    assert "ETag" in client.get("/api/v1/motions").headers["Access-Control-Expose-Headers"]


def test_search_results_come_best_first(client, db, durham_id):
    city_id = db.execute("SELECT id FROM city").fetchone()[0]
    other = records.create_motion(
        db,
        {
            "city_id": city_id,
            "kind": "resolution",
            "published": 1,
            "title": "Budget resolution",
            "summary": "Mentions a statement once.",
        },
    )
    body = check(client.get("/api/v1/motions?q=statement"), "MotionPage")
    assert [m["id"] for m in body["data"]] == [durham_id, other]


def test_a_change_to_the_city_is_not_hidden_behind_a_304(client, db, durham_id):
    city_id = db.execute("SELECT id FROM city").fetchone()[0]
    settle(db)
    first = client.get(f"/api/v1/motions/{durham_id}")
    assert first.headers["Last-Modified"] == "Sat, 01 Jan 2000 00:00:00 GMT"
    records.update_city(db, city_id, {"council_seats": 8})
    again = client.get(f"/api/v1/motions/{durham_id}", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert again.status_code == 200 and again.json["city"]["council_seats"] == 8


def test_q_lists_the_best_match_first_even_when_it_is_the_newest(client, db, durham_id):
    from .test_search import older_and_better

    city_id = db.execute("SELECT city_id FROM motion WHERE id = ?", [durham_id]).fetchone()[0]
    older, newer = older_and_better(db, city_id)
    assert older < newer
    body = check(client.get("/api/v1/motions?q=zephyr"), "MotionPage")
    assert [m["id"] for m in body["data"]] == [newer, older]
    # Pages follow the same order.
    first = check(client.get("/api/v1/motions?q=zephyr&per_page=1"), "MotionPage")
    second = check(client.get("/api/v1/motions?q=zephyr&per_page=1&page=2"), "MotionPage")
    assert [m["id"] for m in first["data"] + second["data"]] == [newer, older]


def test_the_last_page_has_no_next_link_when_the_total_is_a_multiple_of_per_page(client, db):
    city_id = db.execute("SELECT id FROM city").fetchone()[0]
    for i in range(3):
        records.create_motion(db, {"city_id": city_id, "kind": "resolution", "title": f"Motion {i}", "published": 1})
    first = client.get("/api/v1/motions?per_page=2")
    body = check(first, "MotionPage")
    assert (body["total"], len(body["data"])) == (4, 2)
    assert body["next"] == "http://localhost/api/v1/motions?page=2&per_page=2" and body["prev"] is None
    assert 'rel="next"' in first.headers["Link"]
    last = client.get("/api/v1/motions?per_page=2&page=2")
    body = check(last, "MotionPage")
    assert (body["total"], len(body["data"])) == (4, 2)
    assert body["next"] is None
    assert body["prev"] == "http://localhost/api/v1/motions?page=1&per_page=2"
    assert 'rel="next"' not in last.headers["Link"]


SNAPSHOT = Path(__file__).with_name("openapi.snapshot.json")


def normalised_openapi(client):
    """The OpenAPI document as served, its server URL reduced to its path, as stable text."""
    document = client.get("/api/v1/openapi.json").json
    document["servers"] = [{**server, "url": urlsplit(server["url"]).path} for server in document["servers"]]
    return json.dumps(document, sort_keys=True, indent=1) + "\n"


def test_the_api_contract_matches_its_checked_in_snapshot(client):
    served = normalised_openapi(client)
    if os.environ.get("TRACKER_UPDATE_SNAPSHOT") == "1":
        SNAPSHOT.write_text(served, encoding="utf-8")
    recorded = SNAPSHOT.read_text(encoding="utf-8")
    if served != recorded:
        diff = "".join(
            list(difflib.unified_diff(recorded.splitlines(True), served.splitlines(True), "snapshot", "served"))[:60]
        )
        pytest.fail(
            "The OpenAPI document served at /api/v1/openapi.json differs from tests/openapi.snapshot.json: the API "
            "contract changed. A renamed or removed field, parameter or path breaks every client; if the change is "
            "deliberate (and compatible, or the API version is raised), refresh the snapshot with "
            "TRACKER_UPDATE_SNAPSHOT=1 .venv/bin/python -m pytest tests/test_api.py -k snapshot "
            "and commit the new file with the change.\n" + diff,
            pytrace=False,
        )


def test_a_city_slug_with_a_line_break_after_it_is_refused(client):
    assert client.get("/api/v1/motions?city=durham-nc%0A").status_code == 400
