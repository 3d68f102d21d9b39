"""The Durham 2018 seed record: every fact sourced, nothing guessed, loading it twice changes nothing."""

from tracker import geo, queries, seed


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


def test_seeding_twice_changes_nothing(db):
    before = dump(db)
    seed.load(db)
    assert dump(db) == before


def test_durham_is_placed_from_the_gazetteer(db):
    city = queries.get_city(db, "durham-nc")
    assert (city["name"], city["state"], city["council_seats"]) == ("Durham", "NC", 7)
    assert (city["lat"], city["lon"]) == geo.lookup("Durham", "NC")
    assert city["ocd_id"] == "ocd-division/country:us/state:nc/place:durham"


def test_the_durham_motion_holds_what_the_sources_say_and_no_more(db, durham_id):
    motion = queries.get_motion(db, durham_id)
    assert motion["kind"] == "statement"
    assert motion["status"] == "passed"
    assert motion["decided_on"] == "2018-04-16"
    # The work session's date is not in our sources, so there is no 'introduced' action or date.
    assert motion["introduced_on"] is None
    assert [(a["date"], a["classification"]) for a in motion["actions"]] == [("2018-04-16", "passed")]
    assert motion["petition_signatures"] == 1394
    assert motion["campaign"] == "Demilitarize! Durham2Palestine"
    [vote] = motion["votes"]
    assert (vote["result"], vote["yes"], vote["no"]) == ("pass", 6, 0)
    assert (vote["abstain"], vote["absent"], vote["excused"]) == (None, None, None)
    assert vote["members"] == []
    assert vote["action_id"] == motion["actions"][0]["id"]
    [hearing] = motion["hearings"]
    assert (hearing["duration_minutes"], hearing["speakers_total"]) == (210, 50)
    assert hearing["speakers_support"] is None
    assert "two hours of public comment" in hearing["notes"]


def test_every_seeded_record_cites_a_source(db, durham_id):
    motion = queries.get_motion(db, durham_id)
    rows = [motion, *motion["actions"], *motion["votes"], *motion["hearings"]]
    assert all(row["citations"] for row in rows)
    publishers = {s["publisher"] for s in motion["sources"]}
    assert publishers == {"Palestine Chronicle", "Police Magazine", "INDY Week", "The News & Observer"}
    [chronicle] = [s for s in motion["sources"] if s["publisher"] == "Palestine Chronicle"]
    assert (chronicle["url"], chronicle["published_on"]) == (None, "2018-04-18")


def test_every_seed_write_is_in_the_change_log(db):
    logged = db.execute("SELECT count(*) FROM change_log WHERE op = 'insert'").fetchone()[0]
    rows = sum(
        db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("city", "motion", "action", "vote", "vote_member", "hearing", "source", "citation")
    )
    assert logged == rows
