"""The seed records: every fact sourced, nothing guessed, loading them twice changes nothing."""

from tracker import geo, places, queries, seed


def dump(db):
    """Return every row of every data table, to compare databases."""
    tables = [
        "city",
        "motion",
        "action",
        "vote",
        "vote_member",
        "hearing",
        "testimony",
        "source",
        "citation",
        "change_log",
    ]
    return {t: db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables}


def test_seeding_twice_changes_nothing(empty_db):
    seed.load(empty_db)
    before = dump(empty_db)
    assert seed.load(empty_db) == 0
    assert dump(empty_db) == before


def test_loading_one_place_loads_only_that_place(db):
    assert [r[0] for r in db.execute("SELECT slug FROM city")] == ["durham-nc"]


def test_durham_is_placed_from_the_gazetteer(db):
    city = places.get_place(db, "durham-nc")
    assert (city["name"], city["kind"], city["state"], city["council_seats"]) == ("Durham", "city", "NC", 7)
    assert (city["lat"], city["lon"]) == geo.lookup("Durham", "NC")
    assert city["ocd_id"] == "ocd-division/country:us/state:nc/place:durham"


def test_a_county_is_placed_at_its_seat_with_a_county_division_id(record_db):
    county = places.get_place(record_db, "alameda-county-ca")
    assert (county["lat"], county["lon"]) == geo.lookup("Oakland", "CA")
    assert county["ocd_id"] == "ocd-division/country:us/state:ca/county:alameda"


def test_the_durham_motion_holds_what_the_sources_say_and_no_more(db, durham_id):
    motion = queries.get_motion(db, durham_id)
    assert (motion["kind"], motion["aim"], motion["body"]) == ("statement", "restrict", "City Council")
    assert motion["status"] == "passed"
    assert (motion["introduced_on"], motion["decided_on"]) == ("2018-04-05", "2018-04-16")
    steps = [(a["date"], a["classification"]) for a in motion["actions"] if a["classification"] != "event"]
    assert steps == [("2018-04-05", "introduced"), ("2018-04-16", "passed")]
    assert motion["petition_signatures"] == 1394
    assert motion["campaign"] == "Demilitarize! Durham2Palestine"
    [vote] = motion["votes"]
    assert (vote["result"], vote["yes"], vote["no"]) == ("pass", 6, 0)
    # Seven seats, six votes: who did not vote is in no source, so the other counts stay unknown.
    assert (vote["abstain"], vote["absent"], vote["excused"]) == (None, None, None)
    assert vote["partial"]
    assert {m["name"]: m["option"] for m in vote["members"]}["Javiera Caballero"] == "yes"
    assert sorted(m["option"] for m in vote["members"]).count("not_recorded") == 6
    assert (
        vote["action_id"] == motion["actions"][[a["classification"] for a in motion["actions"]].index("passed")]["id"]
    )
    [hearing] = motion["hearings"]
    assert (hearing["duration_minutes"], hearing["speakers_total"]) == (210, 50)
    assert hearing["speakers_support"] is None
    assert "two hours" in hearing["notes"]


def test_every_seeded_record_cites_a_source(db, durham_id):
    motion = queries.get_motion(db, durham_id)
    rows = [motion, *motion["actions"], *motion["votes"], *motion["hearings"]]
    assert all(row["citations"] for row in rows)
    publishers = {s["publisher"] for s in motion["sources"]}
    assert {"Palestine Chronicle", "Police Magazine", "INDY Week", "The News & Observer"} <= publishers
    [chronicle] = [s for s in motion["sources"] if s["publisher"] == "Palestine Chronicle"]
    assert (
        chronicle["url"]
        == "http://www.palestinechronicle.com/durham-becomes-first-us-city-ban-police-exchanges-israel/"
    )
    assert chronicle["published_on"] == "2018-04-18"


def test_seeding_gives_a_source_recorded_without_an_address_the_one_now_known(empty_db):
    from tracker import records

    records.add_source(
        empty_db,
        {"url": None, "title": "Staff report", "publisher": "Palestine Chronicle", "published_on": "2018-04-18"},
    )
    seed.load(empty_db, only={"durham-nc"})
    found = empty_db.execute("SELECT url FROM source WHERE publisher = 'Palestine Chronicle'").fetchall()
    assert found == [("http://www.palestinechronicle.com/durham-becomes-first-us-city-ban-police-exchanges-israel/",)]


def test_every_seed_write_is_in_the_change_log(db):
    logged = db.execute("SELECT count(*) FROM change_log WHERE op = 'insert'").fetchone()[0]
    rows = sum(
        db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("city", "motion", "action", "vote", "vote_member", "hearing", "source", "citation")
    )
    assert logged == rows
