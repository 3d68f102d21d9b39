"""CSV import: validated with the forms' rules first, all-or-nothing, idempotent, and a true round trip."""

import pytest

from tracker import exports

from .conftest import add_accounts, make_app
from .test_public import text

HEADER = ",".join(exports.MOTION_COLUMNS)


def line(**cells):
    """A CSV line with the given cells, the others empty."""
    return ",".join(cells.get(c, "") for c in exports.MOTION_COLUMNS)


def good(i, **changes):
    """A valid row for a motion in Chapel Hill, NC."""
    cells = {
        "city": "Chapel Hill",
        "state": "NC",
        "council_seats": "9",
        "title": f"Resolution {i}",
        "kind": "resolution",
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


def test_an_export_imported_into_a_fresh_database_exports_byte_identical(app, client, tmp_path, db, durham_id):
    from tracker import records

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
    path = tmp_path / "motions.csv"
    path.write_bytes(first)
    fresh = make_app(tmp_path / "fresh.db")
    assert fresh.test_cli_runner().invoke(args=["init-db"]).exit_code == 0
    result = fresh.test_cli_runner().invoke(args=["import-csv", str(path)])
    assert result.exit_code == 0, result.output
    assert fresh.test_client().get("/exports/motions.csv").get_data() == first


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
        (good(5, city="Carrboro", council_seats=""), "row 3, column council_seats: Enter the number of seats"),
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
    from tracker import records

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


def test_place_names_are_spelled_as_the_gazetteer_spells_them(app, db, tmp_path):
    path = write(tmp_path, good(1, city="Saint Louis", state="MO"), good(2, city="ST. LOUIS", state="mo"))
    assert run(app, path).exit_code == 0
    assert db.execute("SELECT slug, name FROM city WHERE state = 'MO'").fetchall() == [("st-louis-mo", "St. Louis")]


def test_council_seats_correct_a_recorded_city_and_rows_must_agree(app, db, tmp_path):
    title = "Statement by the Durham City Council on International Police Exchanges"
    durham = line(
        city="Durham", state="NC", council_seats="9", title=title, kind="statement", petition_signatures="1394"
    )
    assert run(app, write(tmp_path, durham)).exit_code == 0
    assert db.execute("SELECT council_seats FROM city WHERE slug = 'durham-nc'").fetchone()[0] == 9
    result = run(app, write(tmp_path, good(1, council_seats="9"), good(2, council_seats="11")))
    assert result.exit_code == 1
    assert "row 3, column council_seats: row 2 gives 9 seats for Chapel Hill, NC; this row gives 11." in result.stderr


def test_rows_of_one_motion_must_agree_on_its_fields(app, tmp_path):
    result = run(app, write(tmp_path, good(1), good(1, kind="ordinance")))
    assert result.exit_code == 1
    assert "row 3, column kind: row 2 gives this motion a different kind." in result.stderr


def test_counts_that_contradict_a_recorded_roll_call_are_refused(app, db, tmp_path, durham_id):
    from tracker import records

    vote_id = db.execute("SELECT id FROM vote").fetchone()[0]
    records.update_vote(
        db, vote_id, {"yes": None, "no": None}, [(f"Member {i}", "yes") for i in range(6)] + [("Member 6", "no")]
    )
    title = "Statement by the Durham City Council on International Police Exchanges"
    row = line(
        city="Durham",
        state="NC",
        title=title,
        kind="statement",
        petition_signatures="1394",
        date="2018-04-16",
        status="passed",
        description="Adopted unanimously by the City Council at its regular meeting.",
        vote_result="pass",
        yes="5",
        no="2",
    )
    result = run(app, write(tmp_path, row))
    assert result.exit_code == 1 and "row 2: the roll call has 6 yes but the count says 5" in result.stderr


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
