"""CSV import: validated with the forms' rules first, all-or-nothing, idempotent, and a true round trip."""

import json
import subprocess
import sys
import time

import pytest

from benchmarks.import_csv import make_csv
from tracker import db as database
from tracker import exports, geo, importer, records

from .conftest import add_accounts, log_in, make_app, write_lock_held
from .test_public import text

HEADER = ",".join(exports.MOTION_COLUMNS)


def line(**cells):
    """A CSV line with the given cells, the others empty."""
    return ",".join(cells.get(c, "") for c in exports.MOTION_COLUMNS)


def good(i, **changes):
    """A valid row for a motion in Chapel Hill, NC (placed from the gazetteer: no lat or lon)."""
    cells = {
        "city": "Chapel Hill",
        "state": "NC",
        "place_kind": "city",
        "council_seats": "9",
        "title": f"Resolution {i}",
        "kind": "resolution",
        "aim": "restrict",
        "body": "Town Council",
        "date": "2020-01-0" + str(1 + i % 9),
        "status": "introduced",
    }
    return line(**{**cells, **changes})


def write(tmp_path, *lines):
    """Write a CSV file with the header and lines; return its path."""
    path = tmp_path / "import.csv"
    path.write_text("\r\n".join([HEADER, *lines]) + "\r\n", encoding="utf-8")
    return str(path)


def counts(db):
    """Row counts of the record tables and the change log."""
    return {
        t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("city", "motion", "action", "vote", "source", "citation", "change_log")
    }


def run(app, *args):
    """Run the import command; return the click result."""
    return app.test_cli_runner().invoke(args=["import-csv", *args])


def fresh_import(tmp_path, csv_bytes):
    """Import an export into a new, empty database; return that app."""
    path = tmp_path / "motions.csv"
    path.write_bytes(csv_bytes)
    fresh = make_app(tmp_path / "fresh.db")
    assert fresh.test_cli_runner().invoke(args=["init-db"]).exit_code == 0
    result = fresh.test_cli_runner().invoke(args=["import-csv", str(path)])
    assert result.exit_code == 0, result.output
    return fresh


def test_an_export_imported_into_a_fresh_database_exports_byte_identical(app, client, tmp_path, db, durham_id):
    records.add_action(
        db,
        durham_id,
        {
            "date": "2018-04-12",
            "classification": "introduced",
            "description": '=Released at a work session, "Thursday"; no vote.',
        },
    )
    first = client.get("/exports/motions.csv").get_data()
    # Durham's record has 'event' actions (later lawsuits and findings) besides the steps that set its status.
    assert b",event," in first
    fresh = fresh_import(tmp_path, first)
    assert fresh.test_client().get("/exports/motions.csv").get_data() == first


def test_a_hand_placed_county_round_trips_through_an_empty_database(empty_app, empty_db, tmp_path):
    name, state, lat, lon = "Nowhere County", "NC", 35.12345, -76.54321
    with pytest.raises(geo.UnknownPlace):
        geo.lookup(name, state)  # only the file's coordinates can place it
    city_id = records.create_city(
        empty_db,
        {
            "slug": geo.slug(name, state),
            "name": name,
            "kind": "county",
            "state": state,
            "ocd_id": geo.ocd_id(name, state, "county"),
            "lat": lat,
            "lon": lon,
            "council_seats": None,
            "notes": None,
        },
    )
    motion_id = records.create_motion(
        empty_db,
        {
            "city_id": city_id,
            "kind": "resolution",
            "aim": "keep",
            "body": "Board of Commissioners",
            "title": "Resolution endorsing the training exchange",
            "excerpt": "The Board endorses the exchange.",
            "scope_note": "Kept, not restricted: shown so both aims are on record.",
            "published": 1,
        },
    )
    records.add_action(
        empty_db, motion_id, {"date": "2020-01-06", "classification": "introduced", "description": "Introduced."}
    )
    passed = records.add_action(
        empty_db, motion_id, {"date": "2020-02-03", "classification": "passed", "description": "Adopted 4-1."}
    )
    records.add_vote(
        empty_db, motion_id, {"date": "2020-02-03", "result": "pass", "yes": 4, "no": 1, "action_id": passed}
    )
    records.add_action(
        empty_db, motion_id, {"date": "2020-03-02", "classification": "event", "description": "A lawsuit was filed."}
    )
    records.cite_source(
        empty_db, "action", passed, {"url": "https://example.org/minutes", "title": "Minutes", "note": "4-1."}
    )
    first = empty_app.test_client().get("/exports/motions.csv").get_data()

    fresh = fresh_import(tmp_path, first)
    assert fresh.test_client().get("/exports/motions.csv").get_data() == first
    db = database.connect(fresh.config["DATABASE"])
    city = db.execute("SELECT name, kind, lat, lon, council_seats, ocd_id FROM city").fetchall()
    assert city == [(name, "county", lat, lon, None, "ocd-division/country:us/state:nc/county:nowhere")]
    motion = db.execute("SELECT aim, body, status, excerpt, scope_note FROM motion").fetchall()
    assert motion == [
        (
            "keep",
            "Board of Commissioners",
            "passed",
            "The Board endorses the exchange.",
            "Kept, not restricted: shown so both aims are on record.",
        )
    ]
    # The event is on the timeline but leaves the status at 'passed'.
    assert db.execute("SELECT date, classification FROM action ORDER BY date").fetchall() == [
        ("2020-01-06", "introduced"),
        ("2020-02-03", "passed"),
        ("2020-03-02", "event"),
    ]
    assert db.execute("SELECT yes, no, abstain FROM vote").fetchall() == [(4, 1, None)]
    db.conn.close()


def test_a_file_without_the_newer_columns_keeps_their_old_meaning(app, db, tmp_path):
    old = [
        c
        for c in exports.MOTION_COLUMNS
        if c not in ("place_kind", "lat", "lon", "aim", "body", "excerpt", "scope_note")
    ]
    cells = {"city": "Chapel Hill", "state": "NC", "council_seats": "9", "title": "Resolution 1", "kind": "resolution"}
    path = tmp_path / "old.csv"
    path.write_text(",".join(old) + "\r\n" + ",".join(cells.get(c, "") for c in old) + "\r\n", encoding="utf-8")
    result = run(app, str(path))
    assert result.exit_code == 0, result.output
    place = db.execute("SELECT kind, lat, lon FROM city WHERE slug = 'chapel-hill-nc'").fetchone()
    assert tuple(place) == ("city", *geo.lookup("Chapel Hill", "NC"))
    motion = db.execute("SELECT aim, body FROM motion WHERE title = 'Resolution 1'").fetchone()
    assert tuple(motion) == ("restrict", "City Council")


def test_a_valid_file_is_written_in_one_go_and_reimporting_it_changes_nothing(app, db, tmp_path):
    path = write(
        tmp_path,
        good(1),
        good(2, vote_result="pass", yes="5", no="4", source_url="https://example.org/a https://example.org/b"),
        good(3),
    )
    before = counts(db)
    result = run(app, path)
    assert result.exit_code == 0, result.output
    assert "3 rows read; created 3 actions, 2 citations, 1 city, 3 motions, 2 sources, 1 vote" in result.output
    after = counts(db)
    assert after["motion"] - before["motion"] == 3 and after["city"] - before["city"] == 1
    again = run(app, path)
    assert again.exit_code == 0 and "created nothing; updated nothing" in again.output
    assert counts(db) == after


def test_a_dry_run_reports_and_writes_nothing(app, db, tmp_path):
    before = counts(db)
    result = run(app, write(tmp_path, good(1), good(2)), "--dry-run")
    assert result.exit_code == 0
    assert "Dry run: 2 rows read; would create 2 actions, 1 city, 2 motions" in result.output
    assert counts(db) == before


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (good(5, state="ZZ"), "row 3, column state: Choose a state."),
        (good(5, city="Nowhereville"), "row 3, column city: The gazetteer has no place called 'Nowhereville'"),
        (good(5, kind="decree"), "row 3, column kind: Not a valid choice"),
        (good(5, date="2020-02-30"), "row 3, column date: Enter a real date as YYYY-MM-DD"),
        (good(5, status="won"), "row 3, column status: Not a valid choice"),
        (
            good(5, yes="7", no="3", vote_result="pass"),
            "row 3, column yes: Chapel Hill has 9 council seats; these counts add up to 10.",
        ),
        (good(5, yes="-1", vote_result="pass"), "row 3, column yes: Enter a whole number"),
        (good(5, source_url="ftp://example.org/x"), "row 3, column source_url: Enter a web address"),
        (good(5, title=""), "row 3, column title: Enter the motion's title."),
        (good(5, city="Carrboro", council_seats="0"), "row 3, column council_seats: A council has between 1 and 200"),
        (good(5, place_kind="village"), "row 3, column place_kind: Not a valid choice"),
        (good(5, aim="ban"), "row 3, column aim: Not a valid choice"),
        (good(5, body=""), "row 3, column body: Name the body that decides"),
        (good(5, lat="35.9"), "row 3, column lon: Give both latitude and longitude, or neither."),
        (good(5, lat="95", lon="0"), "row 3, column lat: Latitude is between -90 and 90."),
    ],
)
def test_one_bad_row_in_the_middle_rejects_the_whole_file(app, db, tmp_path, bad, message):
    before = counts(db)
    result = run(app, write(tmp_path, good(1), bad, good(3)))
    assert result.exit_code == 1
    assert message in result.stderr
    assert "nothing was written" in result.stderr
    assert counts(db) == before


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("city,state,title", "row 1: the header lacks the column kind"),
        (HEADER + ",colour", "row 1: unknown column colour"),
    ],
)
def test_a_wrong_header_is_reported(app, tmp_path, header, message):
    path = tmp_path / "bad.csv"
    path.write_text(header + "\r\n", encoding="utf-8")
    result = run(app, str(path))
    assert result.exit_code == 1 and message in result.stderr


def test_editors_can_import_from_the_browser(app, tmp_path, password_hash, db):
    add_accounts(app.config["DATABASE"], password_hash)
    client = app.test_client()
    client.post("/auth/login", data={"email": "editor@example.org", "password": "correct horse battery staple"})
    with open(write(tmp_path, good(1), good(2)), "rb") as f:
        dry = client.post(
            "/editor/import", data={"file": (f, "motions.csv"), "dry_run": "y"}, content_type="multipart/form-data"
        )
    assert "Dry run: 2 rows read; would create" in text(dry)
    with open(write(tmp_path, good(1), good(2, date="bad")), "rb") as f:
        refused = client.post("/editor/import", data={"file": (f, "motions.csv")}, content_type="multipart/form-data")
    assert "Nothing was written: 1 problem" in text(refused) and "row 3, column date" in text(refused)
    with open(write(tmp_path, good(1), good(2)), "rb") as f:
        done = client.post("/editor/import", data={"file": (f, "motions.csv")}, content_type="multipart/form-data")
    assert "2 rows read; created" in text(done)
    assert db.execute("SELECT count(*) FROM city WHERE slug = 'chapel-hill-nc'").fetchone()[0] == 1


def test_same_day_actions_with_the_same_status_survive_a_round_trip(app, client, db, tmp_path, durham_id):
    for words in ("Second reading.", "First reading."):
        records.add_action(db, durham_id, {"date": "2018-04-02", "classification": "introduced", "description": words})
    records.update_motion(db, durham_id, {"summary": "'Quoted' in a spreadsheet, =not a formula"})
    first = client.get("/exports/motions.csv").get_data()
    path = tmp_path / "motions.csv"
    path.write_bytes(first)
    fresh = make_app(tmp_path / "fresh.db")
    fresh.test_cli_runner().invoke(args=["init-db"])
    assert fresh.test_cli_runner().invoke(args=["import-csv", str(path)]).exit_code == 0
    assert fresh.test_client().get("/exports/motions.csv").get_data() == first
    again = fresh.test_cli_runner().invoke(args=["import-csv", str(path)])
    assert "created nothing; updated nothing" in again.output


def test_a_place_may_leave_its_seats_unknown(app, db, tmp_path):
    path = write(tmp_path, good(1, city="Carrboro", council_seats="", status="event", description="A report."))
    assert run(app, path).exit_code == 0
    assert db.execute("SELECT council_seats FROM city WHERE slug = 'carrboro-nc'").fetchone()[0] is None
    # An event is recorded but leaves the motion a campaign.
    assert db.execute("SELECT status FROM motion WHERE title = 'Resolution 1'").fetchone()[0] == "campaign"


def test_a_row_may_leave_a_recorded_places_seats_blank(app, db, tmp_path):
    title = "Statement by the Durham City Council on International Police Exchanges"
    durham = line(
        city="Durham", state="NC", place_kind="city", title=title, kind="statement", aim="restrict", body="City Council"
    )
    result = run(app, write(tmp_path, durham))
    assert result.exit_code == 0, result.output
    # A blank council_seats cell for a recorded place keeps the seats on record.
    assert db.execute("SELECT council_seats FROM city WHERE slug = 'durham-nc'").fetchone()[0] == 7


def test_place_names_are_spelled_as_the_gazetteer_spells_them(app, db, tmp_path):
    path = write(tmp_path, good(1, city="Saint Louis", state="MO"), good(2, city="ST. LOUIS", state="mo"))
    assert run(app, path).exit_code == 0
    assert db.execute("SELECT slug, name FROM city WHERE state = 'MO'").fetchall() == [("st-louis-mo", "St. Louis")]


def test_council_seats_correct_a_recorded_city_and_rows_must_agree(app, db, tmp_path):
    title = "Statement by the Durham City Council on International Police Exchanges"
    durham = line(
        city="Durham",
        state="NC",
        place_kind="city",
        council_seats="9",
        title=title,
        kind="statement",
        aim="restrict",
        body="City Council",
        petition_signatures="1394",
    )
    assert run(app, write(tmp_path, durham)).exit_code == 0
    assert db.execute("SELECT council_seats FROM city WHERE slug = 'durham-nc'").fetchone()[0] == 9
    result = run(app, write(tmp_path, good(1, council_seats="9"), good(2, council_seats="11")))
    assert result.exit_code == 1
    assert "row 3, column council_seats: row 2 gives 9 seats for Chapel Hill, NC; this row gives 11." in result.stderr


def test_a_row_corrects_a_recorded_places_kind_and_coordinates_and_rows_must_agree(app, db, tmp_path):
    title = "Statement by the Durham City Council on International Police Exchanges"
    fields = {"city": "Durham", "state": "NC", "title": title, "kind": "statement", "aim": "restrict"}
    moved = line(**fields, body="City Council", place_kind="town", lat="36.0", lon="-78.9", petition_signatures="1394")
    assert run(app, write(tmp_path, moved)).exit_code == 0
    assert db.execute("SELECT kind, lat, lon FROM city WHERE slug = 'durham-nc'").fetchone() == ("town", 36.0, -78.9)
    # A row without coordinates leaves the place where it is (no gazetteer lookup over a correction).
    plain = line(**fields, body="City Council", petition_signatures="1394")
    assert run(app, write(tmp_path, plain)).exit_code == 0
    assert db.execute("SELECT kind, lat, lon FROM city WHERE slug = 'durham-nc'").fetchone() == ("town", 36.0, -78.9)
    before = counts(db)
    result = run(app, write(tmp_path, good(1, lat="35.9", lon="-79.0"), good(2, lat="35.9", lon="-79.1")))
    assert result.exit_code == 1
    assert "row 3, column place_kind: row 2 gives Chapel Hill, NC the kind and coordinates city, 35.9, -79.0" in (
        result.stderr
    )
    assert counts(db) == before


@pytest.mark.parametrize(("column", "value"), [("kind", "ordinance"), ("aim", "keep"), ("body", "Town Manager")])
def test_rows_of_one_motion_must_agree_on_its_fields(app, tmp_path, column, value):
    result = run(app, write(tmp_path, good(1), good(1, **{column: value})))
    assert result.exit_code == 1
    assert f"row 3, column {column}: row 2 gives this motion a different {column}." in result.stderr


DURHAM_VOTE_ROW = {
    "city": "Durham",
    "state": "NC",
    "place_kind": "city",
    "council_seats": "7",
    "title": "Statement by the Durham City Council on International Police Exchanges",
    "kind": "statement",
    "aim": "restrict",
    "body": "City Council",
    "date": "2018-04-16",
    "status": "passed",
    "description": "Adopted by the City Council.",
    "vote_result": "pass",
}


def test_counts_that_contradict_a_recorded_roll_call_are_refused(app, db, tmp_path):
    # A complete roll call: six yes, one no.
    vote_id = db.execute("SELECT id FROM vote").fetchone()[0]
    records.update_vote(
        db, vote_id, {"yes": None, "no": None}, [(f"Member {i}", "yes") for i in range(6)] + [("Member 6", "no")]
    )
    before = counts(db)
    result = run(app, write(tmp_path, line(**DURHAM_VOTE_ROW, yes="5", no="2")))
    assert result.exit_code == 1
    assert "row 2: The roll call has 6 “yes” but the count says 5." in result.stderr
    assert counts(db) == before


def test_counts_beyond_a_partial_roll_call_are_kept_unless_not_recorded_members_cannot_cover_them(app, db, tmp_path):
    # The seeded roll call is partial: Javiera Caballero voted yes, six members are not recorded; the count is 6-0.
    vote_id = db.execute("SELECT id FROM vote").fetchone()[0]
    members = db.execute("SELECT member_name, option FROM vote_member WHERE vote_id = ? ORDER BY id", [vote_id])
    roll_call = members.fetchall()
    assert [option for _name, option in roll_call] == ["yes"] + ["not_recorded"] * 6
    # More votes than the roll call names: allowed, the six not recorded cover them.
    result = run(app, write(tmp_path, line(**DURHAM_VOTE_ROW, yes="5", no="1")))
    assert result.exit_code == 0, result.output
    vote = db.execute("SELECT yes, no, abstain, absent, excused FROM vote WHERE id = ?", [vote_id]).fetchone()
    assert tuple(vote) == (5, 1, None, None, None)  # a partial roll call leaves blank counts unknown
    assert (
        db.execute("SELECT member_name, option FROM vote_member WHERE vote_id = ? ORDER BY id", [vote_id]).fetchall()
        == roll_call
    )
    # Fewer named than counted, with too few members not recorded to cover the rest: refused.
    records.update_vote(db, vote_id, {"yes": 1, "no": 0}, [("Ana", "yes"), ("Ben", "not_recorded")])
    before = counts(db)
    result = run(app, write(tmp_path, line(**DURHAM_VOTE_ROW, yes="4", no="0")))
    assert result.exit_code == 1
    assert (
        "row 2: The counts have 3 votes the roll call does not name, but only 1 member is listed as not recorded."
        in result.stderr
    )
    # And a roll call naming more than the count is refused as before.
    result = run(app, write(tmp_path, line(**DURHAM_VOTE_ROW, yes="0", no="0")))
    assert result.exit_code == 1
    assert "row 2: The roll call has 1 “yes” but the count says 0." in result.stderr
    assert counts(db) == before


def test_row_numbers_count_blank_lines_as_a_spreadsheet_does(app, tmp_path):
    path = tmp_path / "gaps.csv"
    path.write_text("\r\n".join([HEADER, good(1), "", good(3, date="2020-13-01")]) + "\r\n", encoding="utf-8")
    result = run(app, str(path))
    assert "row 4, column date" in result.stderr


def test_a_file_that_is_not_utf8_is_refused_with_advice(app, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(("\r\n".join([HEADER, good(1, summary="Résumé")]) + "\r\n").encode("latin-1"))
    result = run(app, str(path))
    assert result.exit_code == 1 and "not UTF-8 text" in result.output


def all_counts(db):
    """Row counts of every table of the database, the change log and the search index included."""
    names = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchall()
    return {name: db.execute(f"SELECT count(*) FROM [{name}]").fetchone()[0] for (name,) in names}


def fail_on_third_action_by_trigger(db, monkeypatch):
    """A connection-only trigger refuses the third row's action: SQLite itself fails mid-file."""
    db.execute(
        "CREATE TEMP TRIGGER boom BEFORE INSERT ON action WHEN NEW.description = 'Boom.' "
        "BEGIN SELECT RAISE(ABORT, 'boom'); END"
    )


def fail_on_second_citation_by_trigger(db, monkeypatch):
    """A connection-only trigger refuses the second citation the import writes, after other rows were written."""
    db.execute(
        "CREATE TEMP TRIGGER boom BEFORE INSERT ON citation "
        "WHEN (SELECT url FROM source WHERE id = NEW.source_id) = 'https://example.org/b' "
        "BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: citation.row_id'); END"
    )


@pytest.mark.parametrize(
    ("make_it_fail", "row"), [(fail_on_third_action_by_trigger, 4), (fail_on_second_citation_by_trigger, 3)]
)
def test_an_import_that_fails_while_writing_changes_no_table(app, db, monkeypatch, make_it_fail, row):
    csv_text = "\r\n".join(
        [
            HEADER,
            good(1, source_url="https://example.org/a"),
            good(2, vote_result="pass", yes="5", no="4", source_url="https://example.org/b"),
            good(3, description="Boom.", source_url="https://example.org/c"),
        ]
    )
    with app.test_request_context():
        # Every row passes validation: the failure comes only once the writing has begun.
        check = importer.Report()
        checked = importer.validate(db, importer.read(csv_text, check), check)
        assert len(checked.rows) == 3 and check.errors == []
        before = all_counts(db)
        make_it_fail(db, monkeypatch)
        report = importer.run(db, csv_text)
    # The row that asked for the refused write is named.
    assert len(report.errors) == 1 and report.errors[0].startswith(f"nothing was written: row {row}: ")
    assert all_counts(db) == before
    assert not db.conn.in_transaction


def test_lowering_seats_below_a_recorded_vote_gives_the_forms_message(app, db, tmp_path):
    # Durham's recorded vote counted six members (6-0); a file may not leave it fewer seats.
    durham = {k: v for k, v in DURHAM_VOTE_ROW.items() if k not in ("date", "status", "description", "vote_result")}
    before = all_counts(db)
    result = run(app, write(tmp_path, line(**{**durham, "council_seats": "5"})))
    assert result.exit_code == 1
    assert (
        "row 2, column council_seats: A vote recorded here counted 6 members, so the council has at least 6 seats."
        in result.stderr
    )
    assert "vote counts exceed the council seats" not in result.output + result.stderr
    assert all_counts(db) == before
    # A later row of the file may not lower them either, when the first row left them as recorded.
    result = run(
        app, write(tmp_path, line(**{**durham, "council_seats": ""}), line(**{**durham, "council_seats": "4"}))
    )
    assert "row 3, column council_seats: A vote recorded here counted 6 members" in result.stderr
    assert all_counts(db) == before
    # As many seats as the vote counted is fine.
    assert run(app, write(tmp_path, line(**{**durham, "council_seats": "6"}))).exit_code == 0
    assert db.execute("SELECT council_seats FROM city WHERE slug = 'durham-nc'").fetchone()[0] == 6


def test_an_import_never_publishes_or_unpublishes_a_motion(app, client, db, durham_id, tmp_path):
    exported = client.get("/exports/motions.csv").get_data()
    db.execute("UPDATE motion SET published = 0 WHERE id = ?", [durham_id])
    path = tmp_path / "motions.csv"
    path.write_bytes(exported)
    assert run(app, str(path)).exit_code == 0
    assert db.execute("SELECT published FROM motion WHERE id = ?", [durham_id]).fetchone()[0] == 0
    db.execute("UPDATE motion SET published = 1 WHERE id = ?", [durham_id])
    assert run(app, str(path)).exit_code == 0
    assert db.execute("SELECT published FROM motion WHERE id = ?", [durham_id]).fetchone()[0] == 1


def import_changes(db):
    """{(table, op): rows} of the newest import's change log, each row counted once."""
    changeset = db.execute("SELECT max(id) FROM changeset WHERE kind = 'import'").fetchone()[0]
    found = db.execute(
        "SELECT table_name, op, count(DISTINCT row_id) FROM change_log WHERE changeset_id = ? GROUP BY 1, 2",
        [changeset],
    ).fetchall()
    return changeset, {(table, op): n for table, op, n in found}


def adopted(db, motion_id):
    """The descriptions of a motion's actions of 16 April 2018."""
    found = db.execute("SELECT description FROM action WHERE motion_id = ? AND date = '2018-04-16'", [motion_id])
    return found.fetchall()


def test_a_dry_run_counts_what_the_import_writes_and_the_import_can_be_undone(app, db, durham_id):
    durham = {k: v for k, v in DURHAM_VOTE_ROW.items() if k not in ("vote_result",)}
    csv_text = "\r\n".join(
        [
            HEADER,
            # A recorded motion: a corrected action description, a new dated event, a new source.
            line(**{**durham, "description": "Adopted unanimously by the City Council."}),
            line(**{**durham, "date": "2021-03-01", "status": "event", "description": "A report."}),
            line(**{**durham, "date": "2021-03-01", "status": "event", "source_url": "https://example.org/report"}),
            good(1, source_url="https://example.org/a"),
            good(2, vote_result="pass", yes="5", no="4", source_url="https://example.org/a https://example.org/b"),
            good(2, date="2020-02-03", status="passed"),
        ]
    )
    before = all_counts(db)
    motion_before, adopted_before = records.fetch(db, "motion", durham_id), adopted(db, durham_id)
    with app.app_context():
        dry = importer.run(db, csv_text, dry_run=True)
        assert all_counts(db) == before
        done = importer.run(db, csv_text)
    assert dry.errors == [] and done.errors == []
    assert (dry.created, dry.updated, dry.by_row) == (done.created, done.updated, done.by_row)
    assert dry.summary().replace("would create", "created").replace("would update", "updated") == done.summary()
    assert done.created == {"city": 1, "motion": 2, "action": 5, "vote": 1, "source": 3, "citation": 4}
    assert done.updated == {"motion": 1, "action": 1}
    changeset, logged = import_changes(db)
    assert {t: n for (t, op), n in logged.items() if op == "insert"} == done.created
    assert logged[("action", "update")] == 1 and logged[("motion", "update")] == 1
    # The status follows the latest action, and the change log holds each new row exactly as stored.
    assert records.fetch(db, "motion", durham_id)["status"] == "passed"
    assert db.execute("SELECT status FROM motion WHERE title = 'Resolution 2'").fetchone()[0] == "passed"
    for table, row_id, after in db.execute(
        "SELECT table_name, row_id, after FROM change_log WHERE changeset_id = ? AND op = 'insert'", [changeset]
    ).fetchall():
        assert records.fetch(db, table, row_id) == json.loads(after)
    assert "Durham" in db.execute("SELECT summary FROM changeset WHERE id = ?", [changeset]).fetchone()[0]
    # Undo: the whole import goes, and the recorded motion is as it was.
    records.revert_changeset(db, changeset)
    # (The change log and the alerts' outbox grow, and the search index's internal pages are laid out anew.)
    kept = [
        t for t in before if t not in ("change_log", "changeset", "alert_event") and not t.startswith("motion_fts_")
    ]
    assert {t: n for t, n in all_counts(db).items() if t in kept} == {t: before[t] for t in kept}
    restored = records.fetch(db, "motion", durham_id)
    assert {k: v for k, v in restored.items() if k != "updated_at"} == {
        k: v for k, v in motion_before.items() if k != "updated_at"
    }
    assert adopted(db, durham_id) == adopted_before


def changed_meanwhile(monkeypatch, change):
    """Make `change` happen (on another connection) right after the import planned its writes, once."""
    real, calls = importer.prepare, []

    def prepare(*args):
        """Plan, then let someone else save a change before the import takes the write lock."""
        plan = real(*args)
        calls.append(args)
        if len(calls) == 1:
            change()
        return plan

    monkeypatch.setattr(importer, "prepare", prepare)
    return calls


def test_a_change_saved_while_a_file_is_checked_is_taken_into_account(app, db, durham_id, tmp_path, monkeypatch):
    calls = changed_meanwhile(
        monkeypatch,
        lambda: records.add_action(
            db, durham_id, {"date": "2021-05-05", "classification": "event", "description": "Meanwhile."}
        ),
    )
    result = run(app, write(tmp_path, good(1), good(2)))
    assert result.exit_code == 0, result.output
    assert len(calls) == 2  # planned again, against the record as it now is
    assert "2 rows read; created 2 actions, 1 city, 2 motions; updated nothing." in result.output
    assert db.execute("SELECT count(*) FROM action WHERE description = 'Meanwhile.'").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM motion WHERE title IN ('Resolution 1', 'Resolution 2')").fetchone()[0] == 2


def test_an_import_plans_again_without_the_lock_while_others_keep_saving(app, db, durham_id, tmp_path, monkeypatch):
    real, held = importer.prepare, []

    def prepare(*args):
        """Plan, noting whether the write lock is held; then someone saves a change (unless the lock is held)."""
        held.append(write_lock_held(app.config["DATABASE"]))
        plan = real(*args)
        if not held[-1]:
            day = f"2021-05-{len(held):02}"
            records.add_action(db, durham_id, {"date": day, "classification": "event", "description": "Meanwhile."})
        return plan

    monkeypatch.setattr(importer, "prepare", prepare)
    result = run(app, write(tmp_path, good(1), good(2)))
    assert result.exit_code == 0, result.output
    # Each plan but the last was made while others could save; only when the record kept changing through every
    # attempt was the last one made holding the lock.
    assert held == [False] * importer.PLAN_ATTEMPTS + [True]
    assert db.execute("SELECT count(*) FROM action WHERE description = 'Meanwhile.'").fetchone()[0] == 3
    assert db.execute("SELECT count(*) FROM motion WHERE title IN ('Resolution 1', 'Resolution 2')").fetchone()[0] == 2


def test_a_place_created_while_a_file_is_checked_refuses_the_file(app, db, tmp_path, monkeypatch):
    chapel_hill = {
        "slug": "chapel-hill-nc",
        "name": "Chapel Hill",
        "kind": "town",
        "state": "NC",
        "ocd_id": None,
        "lat": 35.9,
        "lon": -79.0,
        "council_seats": 8,
        "notes": None,
    }
    changed_meanwhile(monkeypatch, lambda: records.create_city(db, chapel_hill))
    before = all_counts(db)
    result = run(app, write(tmp_path, good(1), good(2)))
    assert result.exit_code == 1
    assert (
        "nothing was written: Chapel Hill, NC was changed by someone else while the file was being checked; "
        "import the file again." in result.stderr
    )
    after = all_counts(db)
    assert after["city"] == before["city"] + 1 and after["motion"] == before["motion"]  # only the other change
    assert after["action"] == before["action"]


def test_a_file_with_many_problems_lists_the_first_ones_and_counts_the_rest(app, tmp_path, password_hash):
    path = write(tmp_path, *[good(i, date="2020-02-30") for i in range(250)])
    result = run(app, path)
    assert result.exit_code == 1
    assert result.stderr.count("column date: Enter a real date") == importer.MAX_ERRORS
    assert "… and 50 more problems." in result.stderr and "250 problem(s) found" in result.stderr
    add_accounts(app.config["DATABASE"], password_hash)
    client = app.test_client()
    client.post("/auth/login", data={"email": "editor@example.org", "password": "correct horse battery staple"})
    with open(path, "rb") as f:
        page = client.post("/editor/import", data={"file": (f, "motions.csv")}, content_type="multipart/form-data")
    assert "Nothing was written: 250 problems" in text(page) and "… and 50 more." in text(page)
    assert page.get_data(as_text=True).count("column date: Enter a real date") == importer.MAX_ERRORS
    many = write(tmp_path, *[good(i) for i in range(importer.MAX_DETAILS + 20)])
    dry = run(app, many, "--dry-run")
    assert dry.exit_code == 0 and "… and 20 more rows." in dry.output
    assert dry.output.count(": would create") == importer.MAX_DETAILS


def test_a_browser_upload_that_is_not_utf8_is_refused_with_advice(app, tmp_path, password_hash, db):
    add_accounts(app.config["DATABASE"], password_hash)
    client = app.test_client()
    client.post("/auth/login", data={"email": "editor@example.org", "password": "correct horse battery staple"})
    path = tmp_path / "latin1.csv"
    path.write_bytes(("\r\n".join([HEADER, good(1, summary="Résumé")]) + "\r\n").encode("latin-1"))
    before = counts(db)
    with open(path, "rb") as f:
        page = client.post("/editor/import", data={"file": (f, "motions.csv")}, content_type="multipart/form-data")
    assert page.status_code == 200 and "not UTF-8 text" in text(page)
    assert counts(db) == before


# Imports a file in a process of its own (as another server worker would) and prints when it held the write lock.
IMPORTING = """
import json, sys, time
from tracker import create_app, importer
from tracker import db as database

app = create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE": sys.argv[1]})
lock = {}
def trace(statement):
    if statement.startswith("BEGIN IMMEDIATE"):
        lock["start"] = time.time()
    elif statement in ("COMMIT", "ROLLBACK") and "start" in lock:
        lock["end"] = time.time()
with app.app_context():
    conn = database.connect(sys.argv[1])
    conn.conn.set_trace_callback(trace)
    with open(sys.argv[2], encoding="utf-8-sig", newline="") as source:
        began = time.time()
        report = importer.run(conn, source)
        lock["took"] = time.time() - began
print(json.dumps({"errors": report.errors, "actions": report.created["action"], **lock}))
"""


def test_logins_and_small_writes_go_through_while_a_large_import_writes(app, accounts, durham_id, tmp_path):
    rows = 20_000
    # A write waits up to this long for the lock; the import holds it about 2 s on a quiet machine, and a test
    # machine may be busy with other work.
    app.config["BUSY_TIMEOUT"] = 10.0
    csv_path = tmp_path / "large.csv"
    csv_path.write_text(make_csv(rows), encoding="utf-8", newline="")
    path = app.config["DATABASE"]
    worker = subprocess.Popen([sys.executable, "-c", IMPORTING, path, str(csv_path)], stdout=subprocess.PIPE, text=True)
    answers, day = [], 0
    while worker.poll() is None or day < 3:
        started = time.time()
        client = app.test_client()
        login = log_in(client, "editor")
        day += 1
        # A new date for each (the same date and kind twice would be refused as a duplicate, not saved).
        action = {"date": f"{2003 + day // 336}-{1 + day // 28 % 12:02}-{1 + day % 28:02}", "classification": "event"}
        saved = client.post(f"/editor/motions/{durham_id}/actions/new", data={**action, "description": f"Note {day}."})
        answers.append((started, time.time(), login.status_code, saved.status_code))
    outcome = json.loads(worker.communicate()[0])
    assert outcome["errors"] == [] and outcome["actions"] == rows
    # The lock is held only for the writing, not while the file is read, checked and prepared.
    held = outcome["end"] - outcome["start"]
    assert held < app.config["BUSY_TIMEOUT"] and held < 0.6 * outcome["took"], outcome
    statuses = [(a[2], a[3]) for a in answers]
    assert statuses == [(302, 302)] * len(answers), (held, statuses)  # no 500, and no 503 either
    # Some of them were answered while the import held the write lock: they waited for it, briefly.
    assert any(start < outcome["end"] and end > outcome["start"] for start, end, *_ in answers)
    db = database.connect(path)
    notes = db.execute("SELECT count(*) FROM action WHERE description LIKE 'Note %'").fetchone()[0]
    db.conn.close()
    assert notes == len(answers)


def test_an_import_into_a_read_only_database_says_so_and_writes_nothing(app, db, tmp_path):
    before = all_counts(db)
    read_only = make_app(f"file:{app.config['DATABASE']}?mode=ro")
    result = run(read_only, write(tmp_path, good(1), good(2)))
    assert result.exit_code == 1
    assert "The database cannot take the import now (attempt to write a readonly database)" in result.output
    assert all_counts(db) == before
