"""Downloads and feeds: CSV, GeoJSON and Atom, their formats, formula-injection safety and privacy."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from tracker import exports, geo, records

ATOM = "{http://www.w3.org/2005/Atom}"


def read_csv(response):
    """Parse a CSV response into a list of dicts."""
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True), newline="")))


def test_motions_csv_is_a_utf8_download_with_one_row_per_action(client):
    response = client.get("/exports/motions.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="motions.csv"'
    assert response.get_data(as_text=True).startswith(",".join(exports.MOTION_COLUMNS) + "\r\n")
    [row] = read_csv(response)
    assert (row["city"], row["state"], row["status"], row["date"], row["yes"], row["no"], row["abstain"]) == (
        "Durham",
        "NC",
        "passed",
        "2018-04-16",
        "6",
        "0",
        "",
    )
    assert "https://www.policemag.com/361892/" in row["source_url"]


def test_votes_csv_has_a_row_per_member_where_the_roll_call_is_known(client, db, durham_id):
    records.add_vote(db, durham_id, {"date": "2018-05-01", "result": "fail"}, [("Ana", "no"), ("Bo", "yes")])
    rows = read_csv(client.get("/exports/votes.csv"))
    assert [(r["date"], r["yes"], r["no"], r["member_name"], r["member_option"]) for r in rows] == [
        ("2018-04-16", "6", "0", "", ""),
        ("2018-05-01", "1", "1", "Ana", "no"),
        ("2018-05-01", "1", "1", "Bo", "yes"),
    ]


@pytest.mark.parametrize("value", ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_cells_that_a_spreadsheet_would_run_are_neutralised(client, db, durham_id, value):
    records.update_motion(db, durham_id, {"summary": value})
    [row] = read_csv(client.get("/exports/motions.csv"))
    assert row["summary"] == "'" + value
    assert exports.unsafe_cell(row["summary"]) == value


@pytest.mark.parametrize(
    ("value", "cell"), [(None, ""), (6, "6"), ("plain", "plain"), ("'quoted", "''quoted"), ("it's", "it's")]
)
def test_safe_cell(value, cell):
    assert exports.safe_cell(value) == cell
    if isinstance(value, str):
        assert exports.unsafe_cell(cell) == value


def test_csv_quoting_follows_rfc_4180(client, db, durham_id):
    records.update_motion(db, durham_id, {"summary": 'Says "no", then\nyes'})
    body = client.get("/exports/motions.csv").get_data(as_text=True)
    assert '"Says ""no"", then\nyes"' in body


def test_geojson_places_durham_at_its_gazetteer_coordinates(client):
    response = client.get("/exports/cities.geojson")
    assert response.mimetype == "application/geo+json"
    collection = json.loads(response.get_data())
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    lat, lon = geo.lookup("Durham", "NC")
    assert feature["geometry"] == {"type": "Point", "coordinates": [lon, lat]}
    props = feature["properties"]
    assert (props["name"], props["state"], props["slug"], props["latest_status"]) == (
        "Durham",
        "NC",
        "durham-nc",
        "passed",
    )
    assert props["status_counts"] == {"passed": 1}


def parse_atom(response):
    """Parse an Atom response and check the elements RFC 4287 requires."""
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.get_data())
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}") is not None, name
    assert feed.find(f"{ATOM}author") is not None or all(
        e.find(f"{ATOM}author") is not None for e in feed.findall(f"{ATOM}entry")
    )
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}") is not None, name
    return feed


def test_the_atom_feed_lists_recent_actions(client, durham_id):
    feed = parse_atom(client.get("/feed.atom"))
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text.endswith("International Police Exchanges: Passed")
    assert entry.find(f"{ATOM}link").get("href") == f"http://localhost/motions/{durham_id}"


def test_city_feeds(client, db, durham_id):
    parse_atom(client.get("/cities/durham-nc/feed.atom"))
    assert client.get("/cities/nowhere-zz/feed.atom").status_code == 404


def test_nothing_unpublished_or_unconsented_leaves_the_site(client, db, durham_id):
    hearing_id = db.execute("SELECT id FROM hearing").fetchone()[0]
    records.add_testimony(db, hearing_id, {"speaker_name": "Private Person", "position": "support"})
    city_id = db.execute("SELECT id FROM city").fetchone()[0]
    hidden = records.create_motion(
        db, {"city_id": city_id, "kind": "motion", "title": "Secret draft motion", "published": 0}
    )
    records.add_action(db, hidden, {"date": "2020-01-01", "classification": "introduced", "description": "Hush."})
    records.add_vote(db, hidden, {"date": "2020-01-01", "result": "fail", "yes": 1, "no": 2})
    for path in (
        "/exports/motions.csv",
        "/exports/votes.csv",
        "/exports/cities.geojson",
        "/feed.atom",
        "/cities/durham-nc/feed.atom",
        "/api/v1/motions",
        "/api/v1/cities",
        f"/api/v1/motions/{durham_id}",
        "/search?q=secret",
        "/search?q=hush",
        "/",
        "/cities/durham-nc",
        f"/motions/{durham_id}",
    ):
        body = client.get(path).get_data(as_text=True)
        assert "Secret draft" not in body and "Hush" not in body and "Private Person" not in body, path


def test_export_command_writes_the_same_files(app, client, tmp_path):
    result = app.test_cli_runner().invoke(args=["export", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "motions.csv").read_bytes() == client.get("/exports/motions.csv").get_data()
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"motions.csv", "votes.csv", "cities.geojson", "feed.atom"}


def test_the_geojson_is_cacheable(client):
    first = client.get("/exports/cities.geojson")
    assert "max-age" in first.headers["Cache-Control"] and first.headers["ETag"]
    assert client.get("/exports/cities.geojson", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
