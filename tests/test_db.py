"""Creating, migrating and connecting to the database."""

import re
import sqlite3

import pytest

from tracker import db as database
from tracker import seed


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


def test_an_older_database_is_migrated_in_place_keeping_its_data(tmp_path):
    db = database.connect(tmp_path / "old.db")
    version, _name, first = database.migrations()[0]
    database.run_script(db, first, version)
    seed.load(db)
    before = db.execute("SELECT * FROM motion").fetchall()
    assert "login_attempt" not in {r[0] for r in db.execute("SELECT name FROM sqlite_master")}

    assert database.init_db(db).startswith("migrated")

    assert db.execute("SELECT * FROM motion").fetchall() == before
    fresh = database.connect(tmp_path / "fresh.db")
    database.init_db(fresh)
    assert normalised_schema(db) == normalised_schema(fresh)


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
