"""Downloads and feeds: CSV, GeoJSON and Atom, their formats, formula-injection safety and privacy."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tracker import exports, geo, places, records

ATOM = "{http://www.w3.org/2005/Atom}"


DURHAM_NOT_RECORDED = (
    "Steve Schewel",
    "Jillian Johnson",
    "Vernetta Alston",
    "Charlie Reece",
    "Mark-Anthony Middleton",
    "DeDreana Freeman",
)


def read_csv(response):
    """Parse a CSV response into a list of dicts."""
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True), newline="")))


def test_motions_csv_is_a_utf8_download_with_one_row_per_action(client):
    response = client.get("/exports/motions.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="motions.csv"'
    assert response.get_data(as_text=True).startswith(",".join(exports.MOTION_COLUMNS) + "\r\n")
    rows = read_csv(response)
    # One row per action, oldest first: the work session, the vote, then later events that leave the status alone.
    assert [(r["date"], r["status"]) for r in rows] == [
        ("2018-04-05", "introduced"),
        ("2018-04-16", "passed"),
        ("2019-01-08", "event"),
        ("2019-03-19", "event"),
    ]
    lat, lon = geo.lookup("Durham", "NC")
    for row in rows:
        assert (row["city"], row["state"], row["place_kind"], row["council_seats"]) == ("Durham", "NC", "city", "7")
        assert (float(exports.unsafe_cell(row["lat"])), float(exports.unsafe_cell(row["lon"]))) == (lat, lon)
        assert (row["kind"], row["aim"], row["body"]) == ("statement", "restrict", "City Council")
        assert row["excerpt"].startswith("The council opposes international exchanges")
    voted = rows[1]
    assert (voted["vote_result"], voted["yes"], voted["no"], voted["abstain"]) == ("pass", "6", "0", "")
    assert all(r["vote_result"] == r["yes"] == "" for r in rows if r is not voted)
    assert "https://www.policemag.com/361892/" in voted["source_url"]
    assert "http://www.palestinechronicle.com/" in voted["source_url"]


def test_votes_csv_has_a_row_per_member_where_the_roll_call_is_known(client, db, durham_id):
    records.add_vote(db, durham_id, {"date": "2018-05-01", "result": "fail"}, [("Ana", "no"), ("Bo", "yes")])
    records.add_vote(db, durham_id, {"date": "2018-05-02", "result": "pass", "yes": 4, "no": 3})
    rows = read_csv(client.get("/exports/votes.csv"))
    # Durham's 6-0 vote has a partial roll call: one member's vote is known, the six others are listed as not recorded.
    durham = [(name, "not_recorded") for name in DURHAM_NOT_RECORDED]
    assert [(r["date"], r["yes"], r["no"], r["member_name"], r["member_option"]) for r in rows] == [
        ("2018-04-16", "6", "0", "Javiera Caballero", "yes"),
        *(("2018-04-16", "6", "0", name, option) for name, option in durham),
        # Two members named on a seven-seat council, counts not given: the counts stay unknown.
        ("2018-05-01", "", "", "Ana", "no"),
        ("2018-05-01", "", "", "Bo", "yes"),
        ("2018-05-02", "4", "3", "", ""),
    ]


@pytest.mark.parametrize("value", ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_cells_that_a_spreadsheet_would_run_are_neutralised(client, db, durham_id, value):
    records.update_motion(db, durham_id, {"summary": value, "body": value})
    rows = read_csv(client.get("/exports/motions.csv"))
    assert len(rows) == 4  # every action's row repeats the motion's fields
    for row in rows:
        assert row["summary"] == row["body"] == "'" + value
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
    response.close()
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    lat, lon = geo.lookup("Durham", "NC")
    assert feature["geometry"] == {"type": "Point", "coordinates": [lon, lat]}
    props = feature["properties"]
    assert (props["name"], props["kind"], props["state"], props["slug"], props["latest_status"]) == (
        "Durham",
        "city",
        "NC",
        "durham-nc",
        "passed",
    )
    assert props["status_counts"] == {"passed": 1}
    assert (props["category"], props["symbol"]) == ("restricted", "✓")
    [motion] = props["motions"]
    assert (motion["aim"], motion["body"], motion["outcome"]) == ("restrict", "City Council", "restricted")


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
    entries = feed.findall(f"{ATOM}entry")
    # Newest first: the two later events, then the vote and the work session.
    labels = [e.find(f"{ATOM}title").text.rsplit(": ", 1)[1] for e in entries]
    assert labels == ["Other event"] * 2 + ["Passed (ended or restricted exchanges)", "Introduced"]
    assert [e.find(f"{ATOM}published").text[:10] for e in entries] == [
        "2019-03-19",
        "2019-01-08",
        "2018-04-16",
        "2018-04-05",
    ]
    passed = entries[2]
    assert passed.find(f"{ATOM}title").text == (
        "Durham, NC: Statement by the Durham City Council on International Police Exchanges: "
        "Passed (ended or restricted exchanges)"
    )
    assert passed.find(f"{ATOM}summary").text.startswith("2018-04-16: After a long public-comment period")
    assert {e.find(f"{ATOM}link").get("href") for e in entries} == {f"http://localhost/motions/{durham_id}"}
    assert len({e.find(f"{ATOM}id").text for e in entries}) == len(entries)


@pytest.mark.parametrize("character", ["\ufffe", "\uffff"])
def test_text_that_xml_cannot_carry_never_breaks_the_feed(app, client, tmp_path, character):
    # An imported action (checked by the editor's own form rules) either is refused or leaves a well-formed feed.
    path = tmp_path / "import.csv"
    cells = {
        "city": "Durham",
        "state": "NC",
        "place_kind": "city",
        "council_seats": "7",
        "title": "A later motion",
        "kind": "motion",
        "aim": "restrict",
        "body": "City Council",
        "date": "2020-01-06",
        "status": "event",
        "description": f"Reported{character}.",
    }
    path.write_text(
        ",".join(exports.MOTION_COLUMNS) + "\r\n" + ",".join(cells.get(c, "") for c in exports.MOTION_COLUMNS) + "\r\n",
        encoding="utf-8",
    )
    result = app.test_cli_runner().invoke(args=["import-csv", str(path)])
    assert result.exit_code in (0, 1) and isinstance(result.exception, (SystemExit, type(None))), result.output
    for url in ("/feed.atom", "/cities/durham-nc/feed.atom"):
        response = client.get(url)
        assert response.status_code == 200, url
        parse_atom(response)


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
        response = client.get(path)
        body = response.get_data(as_text=True)
        response.close()
        assert "Secret draft" not in body and "Hush" not in body and "Private Person" not in body, path


def test_export_command_writes_the_same_files(app, client, tmp_path):
    result = app.test_cli_runner().invoke(args=["export", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "motions.csv").read_bytes() == client.get("/exports/motions.csv").get_data()
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"motions.csv", "votes.csv", "cities.geojson", "feed.atom"}


def test_the_geojson_is_written_a_place_at_a_time(record_db):
    chunks = list(exports.geojson_chunks("http://x", places.each_place_with_motions(record_db)))
    features = json.loads("".join(chunks))["features"]
    # The opening, one piece per place, the closing: memory holds one place's measures at a time.
    assert len(chunks) == len(features) + 2 and len(features) >= 10


def test_the_geojson_file_is_written_once_per_version_of_the_record(app, client, db, durham_id):
    first = client.get("/exports/cities.geojson")
    first.close()
    [written] = (Path(app.config["DATABASE"]).parent / "exports").glob("*.geojson")
    again = client.get("/exports/cities.geojson")
    again.close()
    assert list(written.parent.glob("*.geojson")) == [written]
    records.update_motion(db, durham_id, {"title": "Renamed statement"})
    fresh = client.get("/exports/cities.geojson")
    assert "Renamed statement" in fresh.get_data(as_text=True)
    fresh.close()
    assert written not in list(written.parent.glob("*.geojson")), "the older version's file is removed"


def test_the_geojson_is_cacheable(client):
    first = client.get("/exports/cities.geojson")
    first.close()
    assert "max-age" in first.headers["Cache-Control"] and first.headers["ETag"]
    assert client.get("/exports/cities.geojson", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304


def test_a_decision_that_kept_exchanges_says_so_in_the_feed(client, db, durham_id):
    records.update_motion(db, durham_id, {"aim": "keep"})
    titles = [e.find(f"{ATOM}title").text for e in parse_atom(client.get("/feed.atom")).findall(f"{ATOM}entry")]
    assert any(t.endswith(": Passed (kept or endorsed exchanges)") for t in titles)
    assert not any("ended or restricted" in t for t in titles)


def test_a_places_feed_holds_only_that_places_actions(client, db, durham_id):
    city_id = records.create_city(
        db, {"slug": "carrboro-nc", "name": "Carrboro", "state": "NC", "lat": 35.9, "lon": -79.1, "council_seats": 7}
    )
    other = records.create_motion(
        db, {"city_id": city_id, "kind": "resolution", "title": "Carrboro resolution", "published": 1}
    )
    for day, code in (("2019-02-04", "introduced"), ("2019-04-01", "passed")):
        records.add_action(db, other, {"date": day, "classification": code, "description": f"Carrboro {code}."})

    def links(path):
        """The motion links of a feed's entries."""
        return [e.find(f"{ATOM}link").get("href") for e in parse_atom(client.get(path)).findall(f"{ATOM}entry")]

    durham_url, other_url = f"http://localhost/motions/{durham_id}", f"http://localhost/motions/{other}"
    assert links("/cities/durham-nc/feed.atom") == [durham_url] * 4
    assert "Carrboro" not in client.get("/cities/durham-nc/feed.atom").get_data(as_text=True)
    assert links("/cities/carrboro-nc/feed.atom") == [other_url] * 2
    assert "Durham" not in client.get("/cities/carrboro-nc/feed.atom").get_data(as_text=True)
    assert sorted(set(links("/feed.atom"))) == sorted({durham_url, other_url})
