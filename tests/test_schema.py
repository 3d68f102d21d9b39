"""The schema itself refuses bad rows: SQLite raises, whatever code tries to write them."""

import sqlite3

import pytest

CITY = (
    "INSERT INTO city (slug, name, state, ocd_id, lat, lon, council_seats, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, '2024-01-01T00:00:00Z')"
)
GOOD_CITY = ["test-city-nc", "Test City", "NC", None, 35.0, -78.0, 5]


def insert_city(db, **changes):
    """Insert a city built from GOOD_CITY with some fields changed."""
    fields = dict(zip(["slug", "name", "state", "ocd_id", "lat", "lon", "council_seats"], GOOD_CITY, strict=True))
    fields.update(changes)
    return db.execute(CITY, list(fields.values())).lastrowid


def test_a_good_city_is_accepted(empty_db):
    insert_city(empty_db)
    assert empty_db.execute("SELECT count(*) FROM city").fetchone()[0] == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"lat": 200},
        {"lat": -91},
        {"lon": 181},
        {"slug": "Not A Slug"},
        {"slug": "-leading"},
        {"slug": "double--dash"},
        {"slug": ""},
        {"state": "nc"},
        {"state": "NCX"},
        {"name": "   "},
        {"council_seats": 0},
        {"council_seats": -3},
        {"council_seats": "seven"},
        {"ocd_id": "not-an-ocd-id"},
        {"name": None},
    ],
    ids=repr,
)
def test_bad_city_rows_are_refused(empty_db, changes):
    with pytest.raises(sqlite3.IntegrityError):
        insert_city(empty_db, **changes)


def test_duplicate_slug_is_refused(empty_db):
    insert_city(empty_db)
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        insert_city(empty_db, name="Another Name")


@pytest.fixture
def motion_id(empty_db):
    """A city and one motion to attach rows to."""
    city_id = insert_city(empty_db)
    return empty_db.execute(
        "INSERT INTO motion (city_id, kind, title, created_at, updated_at) "
        "VALUES (?, 'resolution', 'A motion', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')",
        [city_id],
    ).lastrowid


@pytest.mark.parametrize(
    ("sql", "params"),
    [
        ("UPDATE motion SET status = 'bogus' WHERE id = :m", {}),
        ("UPDATE motion SET kind = 'decree' WHERE id = :m", {}),
        ("UPDATE motion SET petition_signatures = -1 WHERE id = :m", {}),
        ("UPDATE motion SET published = 2 WHERE id = :m", {}),
        ("UPDATE motion SET decided_on = '2018-02-30' WHERE id = :m", {}),
        ("UPDATE motion SET city_id = 999 WHERE id = :m", {}),
        (
            "INSERT INTO action (motion_id, date, classification, description) VALUES (:m, '2018-04-16', 'won', 'x')",
            {},
        ),
        (
            "INSERT INTO action (motion_id, date, classification, description) VALUES (:m, '16/04/2018', 'passed', 'x')",
            {},
        ),
        (
            "INSERT INTO action (motion_id, date, classification, description) VALUES (999, '2018-04-16', 'passed', 'x')",
            {},
        ),
        ("INSERT INTO vote (motion_id, date, result, yes, no) VALUES (:m, '2018-04-16', 'pass', -1, 0)", {}),
        ("INSERT INTO vote (motion_id, date, result, yes, no) VALUES (:m, '2018-04-16', 'maybe', 1, 0)", {}),
        # Five seats: six votes cannot have been cast.
        ("INSERT INTO vote (motion_id, date, result, yes, no) VALUES (:m, '2018-04-16', 'pass', 4, 2)", {}),
        (
            "INSERT INTO hearing (motion_id, date, body, speakers_total) VALUES (:m, '2018-04-16', 'Council', -5)",
            {},
        ),
        ("INSERT INTO source (url, title) VALUES ('javascript:alert(1)', 'x')", {}),
        ("INSERT INTO source (url, title) VALUES ('ftp://example.org/x', 'x')", {}),
        ("INSERT INTO citation (table_name, row_id, source_id) VALUES ('user', 1, 1)", {}),
        (
            "INSERT INTO user (email, password_hash, role, created_at) VALUES ('a@b.c', 'x', 'root', 'now')",
            {},
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_bad_rows_are_refused(empty_db, motion_id, sql, params):
    with pytest.raises(sqlite3.IntegrityError):
        empty_db.execute(sql, {"m": motion_id, **params})


def test_vote_within_the_seats_is_accepted_and_raising_it_beyond_them_is_refused(empty_db, motion_id):
    vote_id = empty_db.execute(
        "INSERT INTO vote (motion_id, date, result, yes, no) VALUES (?, '2018-04-16', 'pass', 3, 2)",
        [motion_id],
    ).lastrowid
    with pytest.raises(sqlite3.IntegrityError, match="council seats"):
        empty_db.execute("UPDATE vote SET abstain = 1 WHERE id = ?", [vote_id])


def test_user_emails_are_unique_whatever_their_case(empty_db):
    insert = "INSERT INTO user (email, password_hash, role, created_at) VALUES (?, 'x', 'editor', 'now')"
    empty_db.execute(insert, ["Editor@Example.org"])
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        empty_db.execute(insert, ["editor@example.ORG"])


def test_the_schema_accepts_exactly_the_status_vocabulary(empty_db, motion_id):
    from tracker import status

    for code in status.CODES:
        empty_db.execute(
            "INSERT INTO action (motion_id, date, classification, description) VALUES (?, '2020-01-01', ?, 'x')",
            [motion_id, code],
        )
    assert empty_db.execute("SELECT count(*) FROM action").fetchone()[0] == len(status.CODES)


def add_vote(db, motion_id, yes, no):
    """Insert a vote straight into the table; return its id."""
    return db.execute(
        "INSERT INTO vote (motion_id, date, result, yes, no) VALUES (?, '2018-04-16', 'pass', ?, ?)",
        [motion_id, yes, no],
    ).lastrowid


def test_a_council_cannot_shrink_below_a_recorded_vote(empty_db, motion_id):
    add_vote(empty_db, motion_id, 3, 1)  # four members voted on a five-seat council
    city_id = empty_db.execute("SELECT city_id FROM motion WHERE id = ?", [motion_id]).fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match="vote counts exceed the council seats"):
        empty_db.execute("UPDATE city SET council_seats = 3 WHERE id = ?", [city_id])
    assert empty_db.execute("SELECT council_seats FROM city WHERE id = ?", [city_id]).fetchone()[0] == 5
    empty_db.execute("UPDATE city SET council_seats = 4 WHERE id = ?", [city_id])  # as many as voted: fine
    assert empty_db.execute("SELECT council_seats FROM city WHERE id = ?", [city_id]).fetchone()[0] == 4


def test_a_motion_cannot_move_to_a_council_too_small_for_its_votes(empty_db, motion_id):
    add_vote(empty_db, motion_id, 3, 1)
    small = insert_city(empty_db, slug="small-town-nc", name="Small Town", council_seats=3)
    with pytest.raises(sqlite3.IntegrityError, match="vote counts exceed the council seats"):
        empty_db.execute("UPDATE motion SET city_id = ? WHERE id = ?", [small, motion_id])
    assert empty_db.execute("SELECT city_id FROM motion WHERE id = ?", [motion_id]).fetchone()[0] != small
    big = insert_city(empty_db, slug="big-town-nc", name="Big Town", council_seats=4)
    empty_db.execute("UPDATE motion SET city_id = ? WHERE id = ?", [big, motion_id])
    assert empty_db.execute("SELECT city_id FROM motion WHERE id = ?", [motion_id]).fetchone()[0] == big


def version(db):
    """The public record's version counter."""
    return db.execute("SELECT version FROM public_version").fetchone()[0]


def test_the_public_version_moves_with_public_changes_only(empty_db, motion_id):
    unpublished = version(empty_db)
    empty_db.execute(
        "INSERT INTO action (motion_id, date, classification, description) VALUES (?, '2018-04-05', 'introduced', 'x')",
        [motion_id],
    )
    empty_db.execute("UPDATE motion SET summary = 'draft' WHERE id = ?", [motion_id])
    empty_db.execute("INSERT INTO user (email, password_hash, role, created_at) VALUES ('a@b.c', 'x', 'editor', 'now')")
    assert version(empty_db) == unpublished, "nothing a visitor can see has changed"
    empty_db.execute("UPDATE motion SET published = 1 WHERE id = ?", [motion_id])
    published = version(empty_db)
    assert published > unpublished
    empty_db.execute(
        "INSERT INTO action (motion_id, date, classification, description) VALUES (?, '2018-04-16', 'passed', 'x')",
        [motion_id],
    )
    assert version(empty_db) > published
    changed_at = empty_db.execute("SELECT changed_at FROM public_version").fetchone()[0]
    assert changed_at.endswith("Z")
