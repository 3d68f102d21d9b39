"""Creating, migrating and connecting to the database."""

import re
import sqlite3

import pytest

from tracker import db as database


def normalised_schema(db):
    """Return sqlite_master as sorted (type, name, table, whitespace-normalised sql) rows."""
    rows = db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    return [(t, n, tbl, re.sub(r"\s+", " ", sql or "").strip()) for t, n, tbl, sql in rows]


def migrate_from_scratch(path):
    """Build a database by running every migration in order, as an old install would have."""
    db = database.connect(path)
    for version, _name, sql in database.migrations():
        database.run_script(db, sql, version)
    return db


def test_a_new_database_is_created_from_schema_sql(tmp_path):
    db = database.connect(tmp_path / "new.db")
    assert database.init_db(db) == "created"
    assert database.schema_version(db) == database.latest_version()
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "city",
        "motion",
        "action",
        "vote",
        "vote_member",
        "hearing",
        "testimony",
        "source",
        "citation",
        "user",
        "submission",
        "change_log",
    } <= tables


def test_migrations_and_schema_sql_give_identical_schemas(tmp_path):
    fresh = database.connect(tmp_path / "fresh.db")
    database.init_db(fresh)
    migrated = migrate_from_scratch(tmp_path / "migrated.db")
    assert normalised_schema(migrated) == normalised_schema(fresh)
    assert database.schema_version(migrated) == database.schema_version(fresh)


# A version 1 database as an early install held it: the Durham record written with that schema's columns.
V1_ROWS = [
    "INSERT INTO city VALUES (1, 'durham-nc', 'Durham', 'NC', 'ocd-division/country:us/state:nc/place:durham', "
    "35.994, -78.8986, 7, NULL, '2024-01-01T00:00:00Z')",
    "INSERT INTO motion VALUES (1, 1, 'statement', NULL, 'Statement on police exchanges', 'Opposes exchanges.', "
    "'passed', NULL, '2018-04-16', 'Demilitarize! Durham2Palestine', 1394, '2024-01-01T00:00:00Z', "
    "'2024-01-01T00:00:00Z', 1)",
    "INSERT INTO action VALUES (1, 1, '2018-04-16', 'passed', 'Adopted unanimously.')",
    "INSERT INTO vote VALUES (1, 1, 1, '2018-04-16', 'pass', 6, 0, NULL, NULL, NULL)",
    "INSERT INTO vote_member VALUES (1, 1, 'Javiera Caballero', 'yes')",
    "INSERT INTO source VALUES (1, 'https://example.org/report', 'Report', 'Press', '2018-04-18', NULL)",
    "INSERT INTO citation VALUES (1, 'motion', 1, 1, 'Voted 6-0.')",
    "DELETE FROM citation",  # ids once used stay used (AUTOINCREMENT), across the rebuild too
    "INSERT INTO citation VALUES (2, 'motion', 1, 1, 'Voted 6-0.')",
    # Two rows written in the same second by the command line (one transaction), then one a second later.
    "INSERT INTO change_log VALUES (1, '2024-01-01T00:00:00Z', NULL, 'city', 1, 'insert', NULL, '{\"id\": 1}')",
    "INSERT INTO change_log VALUES (2, '2024-01-01T00:00:00Z', NULL, 'motion', 1, 'insert', NULL, '{\"id\": 1}')",
    "INSERT INTO change_log VALUES (3, '2024-01-01T00:00:01Z', NULL, 'action', 1, 'insert', NULL, '{\"id\": 1}')",
]
OLD_COLUMNS = {
    "city": "id, slug, name, state, ocd_id, lat, lon, council_seats, notes, updated_at",
    "motion": "id, city_id, kind, identifier, title, summary, status, introduced_on, decided_on, campaign, "
    "petition_signatures, created_at, updated_at, published",
    "action": "*",
    "vote": "*",
    "vote_member": "*",
    "source": "id, url, title, publisher, published_on, accessed_on",
    "citation": "id, table_name, row_id, source_id, note",
}


def test_an_older_database_is_migrated_in_place_keeping_its_data(tmp_path):
    db = database.connect(tmp_path / "old.db")
    version, _name, first = database.migrations()[0]
    database.run_script(db, first, version)
    for statement in V1_ROWS:
        db.execute(statement)
    before = {t: db.execute(f"SELECT {c} FROM {t}").fetchall() for t, c in OLD_COLUMNS.items()}
    assert "login_attempt" not in {r[0] for r in db.execute("SELECT name FROM sqlite_master")}

    assert database.init_db(db).startswith("migrated")

    assert {t: db.execute(f"SELECT {c} FROM {t}").fetchall() for t, c in OLD_COLUMNS.items()} == before
    # What the old schema could not say takes the meaning every record then had: a city council's measure
    # to end exchanges; a source title not known to be a headline; a citation of the whole row.
    assert db.execute("SELECT kind FROM city").fetchall() == [("city",)]
    assert db.execute("SELECT aim, body, excerpt FROM motion").fetchall() == [("restrict", "City Council", None)]
    assert db.execute("SELECT headline FROM source").fetchall() == [(0,)]
    assert db.execute("SELECT field FROM citation").fetchall() == [(None,)]
    assert db.execute("INSERT INTO citation (table_name, row_id, source_id) VALUES ('vote', 1, 1)").lastrowid == 3
    # The search index was rebuilt over the old rows, roll call and sources included.
    for word in ("Demilitarize", "Caballero", "Press", "Durham"):
        assert db.execute("SELECT rowid FROM motion_fts WHERE motion_fts MATCH ?", [word]).fetchall() == [(1,)]
    # The old log is grouped into changesets: one per transaction (same second, same person).
    assert db.execute("SELECT changeset_id FROM change_log ORDER BY id").fetchall() == [(1,), (1,), (2,)]
    assert db.execute("SELECT kind, summary FROM changeset ORDER BY id").fetchall() == [
        ("earlier", "Changed 2 rows of city, motion."),
        ("earlier", "Changed 1 row of action."),
    ]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    fresh = database.connect(tmp_path / "fresh.db")
    database.init_db(fresh)
    assert normalised_schema(db) == normalised_schema(fresh)


def test_a_migration_that_would_break_a_reference_changes_nothing(tmp_path):
    db = database.connect(tmp_path / "old.db")
    database.init_db(db)
    version = database.schema_version(db)
    with pytest.raises(sqlite3.IntegrityError, match="break references"):
        database.run_script(
            db,
            "INSERT INTO action (motion_id, date, classification, description) "
            "VALUES (99, '2018-01-01', 'event', 'orphan');",
            version + 1,
        )
    assert database.schema_version(db) == version
    assert db.execute("SELECT count(*) FROM action").fetchone()[0] == 0


def test_running_init_db_again_changes_nothing(db):
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("city", "motion", "change_log")}
    assert database.init_db(db) == "up to date"
    assert {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in counts} == counts


def test_a_database_newer_than_the_code_is_refused(tmp_path):
    db = database.connect(tmp_path / "future.db")
    database.init_db(db)
    db.execute(f"PRAGMA user_version = {database.latest_version() + 1}")
    with pytest.raises(RuntimeError, match="newer than this code"):
        database.init_db(db)


def test_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    db = database.connect(tmp_path / "x.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_a_failed_transaction_leaves_nothing_behind(empty_db):
    with pytest.raises(sqlite3.IntegrityError), database.transaction(empty_db):
        empty_db.execute("INSERT INTO source (title) VALUES ('kept only if all succeeds')")
        empty_db.execute("INSERT INTO source (title) VALUES (NULL)")
    assert empty_db.execute("SELECT count(*) FROM source").fetchone()[0] == 0


def test_a_failed_nested_block_rolls_back_only_itself(empty_db):
    with database.transaction(empty_db):
        empty_db.execute("INSERT INTO source (title) VALUES ('outer')")
        with pytest.raises(sqlite3.IntegrityError), database.transaction(empty_db):
            empty_db.execute("INSERT INTO source (title) VALUES ('inner')")
            empty_db.execute("INSERT INTO source (title) VALUES (NULL)")
    assert [r[0] for r in empty_db.execute("SELECT title FROM source")] == ["outer"]
