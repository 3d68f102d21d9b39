"""Backups and restores: a restore checks what it is given, keeps what it replaces, and never runs under a server."""

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from tracker import backups, serving
from tracker import db as database

from .conftest import make_app


def digest(path):
    """A hash of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder):
    """Every file in a folder with its hash: what a refused restore must leave as it was."""
    return {p.name: digest(p) for p in folder.iterdir() if p.is_file() and not p.name.endswith(".lock")}


@pytest.fixture
def site(tmp_path, app):
    """(app, database path, a backup of it) in a folder of their own."""
    path = tmp_path / "tracker.db"
    backup = tmp_path / "backups" / "monday.db"
    backup.parent.mkdir()
    assert app.test_cli_runner().invoke(args=["backup", str(backup)]).exit_code == 0
    return app, path, backup


def restore(app, source, *options):
    """Run `restore SOURCE` on app; return the click result."""
    return app.test_cli_runner().invoke(args=["restore", str(source), *options])


CITY = (
    "INSERT INTO city (slug, name, state, lat, lon, council_seats, updated_at) "
    "VALUES (?, ?, 'NC', 35.9, -78.9, 7, '2024-01-01T00:00:00Z')"
)


def add_city(path, slug):
    """Write one place straight into the database."""
    db = database.connect(path)
    with database.transaction(db):
        db.execute(CITY, [slug, "Later"])
    db.conn.close()


def slugs(path):
    """The places a database holds."""
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT slug FROM city")}
    finally:
        conn.close()


def test_a_restore_brings_the_backup_back_and_keeps_the_replaced_file(site):
    app, path, backup = site
    add_city(path, "later-nc")  # written after the backup, partly still in the -wal
    result = restore(app, backup)
    assert result.exit_code == 0, result.output
    assert slugs(path) == {"durham-nc"}
    aside = [p for p in path.parent.iterdir() if p.name.startswith("tracker.db.before-restore-") and p.suffix != ""]
    kept = [p for p in aside if not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and f"kept as {kept[0]}" in result.output
    assert slugs(kept[0]) == {"durham-nc", "later-nc"}  # whole by itself
    assert app.test_client().get("/cities/durham-nc").status_code == 200
    assert app.test_client().get("/cities/later-nc").status_code == 404


CRASHED_WRITER = textwrap.dedent(
    """
    import os, sys
    from tracker import db as database
    db = database.connect(sys.argv[1])
    db.execute("PRAGMA wal_autocheckpoint = 0")
    with database.transaction(db):
        db.execute(sys.argv[2], ["wal-nc", "Wal"])
    os._exit(0)  # a server killed mid-run: its changes stay in tracker.db-wal, never checkpointed
    """
)


def test_no_stale_write_ahead_log_is_applied_to_the_restored_file(site, tmp_path):
    app, path, backup = site
    subprocess.run([sys.executable, "-c", CRASHED_WRITER, str(path), CITY], check=True, cwd=tmp_path)
    assert os.path.getsize(f"{path}-wal") > 0
    assert restore(app, backup).exit_code == 0
    assert slugs(path) == {"durham-nc"}
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()


def damage_an_index(path):
    """Point an index at another column behind SQLite's back: the file opens, its integrity check fails."""
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE scratch (a, b); CREATE INDEX scratch_a ON scratch (a);"
        "INSERT INTO scratch VALUES (1, 2), (3, 4);"
        "PRAGMA writable_schema = ON;"
        "UPDATE sqlite_master SET sql = 'CREATE INDEX scratch_a ON scratch (b)' WHERE name = 'scratch_a';"
    )
    conn.close()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("city,state\nDurham,NC\n"), "is not an SQLite database"),
        (lambda p: p.write_bytes(b""), "is not an SQLite database"),
        (None, "is damaged"),
        ("index", "is damaged (integrity check"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.close(), "is not a tracker database"),
        ("newer", "newer than this code"),
        ("missing", "does not exist"),
    ],
)
def test_a_restore_refuses_what_it_cannot_use_and_changes_nothing(site, make, message):
    app, path, backup = site
    source = backup.parent / "candidate.db"
    if make is None:  # a backup whose pages after the first are overwritten
        data = bytearray(backup.read_bytes())
        data[4096 : 4096 * 6] = b"\xff" * (4096 * 5)
        source.write_bytes(bytes(data))
    elif make == "index":
        source.write_bytes(backup.read_bytes())
        damage_an_index(source)
    elif make == "newer":
        source.write_bytes(backup.read_bytes())
        conn = sqlite3.connect(source)
        conn.execute(f"PRAGMA user_version = {database.latest_version() + 1}")
        conn.close()
    elif make != "missing":
        make(source)
    before = folder_state(path.parent)
    result = restore(app, source)
    assert result.exit_code != 0 and message in result.output, result.output
    assert folder_state(path.parent) == before


def test_an_older_backup_is_migrated_after_the_restore(site, tmp_path):
    app, path, _backup = site
    old = tmp_path / "old.db"
    db = database.connect(old)
    for version, _name, sql in database.migrations()[:-1]:
        database.run_script(db, sql, version)
    db.conn.close()
    result = restore(app, old)
    assert result.exit_code == 0 and "migrated" in result.output, result.output
    db = database.connect(path)
    assert database.schema_version(db) == database.latest_version()
    db.conn.close()


def test_a_restore_refuses_while_a_server_uses_the_database_unless_forced(site, serve):
    app, path, backup = site
    add_city(path, "later-nc")
    server = serve(path)
    assert server.get("/").status == 200  # its worker holds the database now
    before = folder_state(path.parent)
    refused = restore(app, backup)
    assert refused.exit_code != 0 and "A server is using" in refused.output
    assert folder_state(path.parent) == before and "later-nc" in slugs(path)
    forced = restore(app, backup, "--force")
    assert forced.exit_code == 0 and "Restart the server now" in forced.output
    assert slugs(path) == {"durham-nc"}


WRITER = textwrap.dedent(
    """
    import os, sys, time
    from tracker import db as database
    path, name, stop = sys.argv[1], sys.argv[2], sys.argv[3]
    db = database.connect(path)
    end, n = time.monotonic() + 60, 0
    while time.monotonic() < end and not os.path.exists(stop):
        with database.transaction(db):
            db.execute(
                "INSERT INTO city (slug, name, state, lat, lon, council_seats, notes, updated_at) "
                "VALUES (?, ?, 'NC', 35.9, -78.9, 7, ?, '2024-01-01T00:00:00Z')",
                [f"{name}-{n}-nc", f"{name} {n}", "x" * 500],
            )
        n += 1
    print(n)
    """
)


def test_a_backup_taken_while_four_processes_write_is_sound_and_restores_to_a_working_site(
    site, tmp_path, serve, durham_id
):
    app, path, _monday = site
    stop = tmp_path / "stop"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), f"w{i}", str(stop)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
        )
        for i in range(4)
    ]
    try:
        deadline = time.monotonic() + 30
        while not all(any(s.startswith(f"w{i}-") for s in slugs(path)) for i in range(4)):
            assert time.monotonic() < deadline, "the writers did not start"
            time.sleep(0.1)
        backup = tmp_path / "backups" / "busy.db"
        result = app.test_cli_runner().invoke(args=["backup", str(backup)])
        # They go on writing after it: wait until each has written again.
        after = len(slugs(path))
        deadline = time.monotonic() + 30
        while len(slugs(path)) < after + 4:
            assert time.monotonic() < deadline, "the writers stopped"
            time.sleep(0.05)
        stop.touch()
        written = [int(w.communicate(timeout=60)[0]) for w in writers]
    finally:
        for w in writers:
            if w.poll() is None:
                w.kill()
                w.communicate()
    assert result.exit_code == 0 and "integrity check: ok" in result.output, result.output
    assert all(n > 0 for n in written), written
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copied = conn.execute("SELECT count(*) FROM city WHERE slug LIKE 'w_-%'").fetchone()[0]
    conn.close()
    assert 0 < copied < sum(written)  # taken while they wrote: some rows, not all
    # Restored into a new site's database, it serves pages with the backed-up record.
    target = tmp_path / "restored" / "tracker.db"
    restored = make_app(target)
    assert restore(restored, backup).exit_code == 0
    assert not os.path.exists(f"{target}-wal") or os.path.getsize(f"{target}-wal") == 0
    server = serve(target)
    assert sum(1 for slug in slugs(target) if slug.startswith("w")) == copied
    for page in ("/", f"/motions/{durham_id}", "/cities/durham-nc", "/api/v1/cities"):
        response = server.get(page)
        assert response.status == 200, (page, response.status, server.tail())
    assert "Durham" in server.get(f"/motions/{durham_id}").text


def test_the_lock_is_free_once_the_serving_connection_is_gone(tmp_path):
    lock = backups.server_running(tmp_path / "x.db")
    assert lock is not None
    lock.close()


def test_a_restore_over_a_damaged_database_sets_it_aside_and_restores(site):
    app, path, backup = site
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # what a damaged disk may leave
    result = restore(app, backup)
    assert result.exit_code == 0, result.output
    assert "kept as" in result.output
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM motion").fetchone()[0] > 0
    conn.close()


def test_a_backup_that_fails_its_check_is_deleted_and_says_so(site, monkeypatch, tmp_path):
    app, _path, _backup = site
    monkeypatch.setattr(backups, "copy_database", lambda source, target: target.write_bytes(b"x") and "bad")
    target = tmp_path / "backups" / "tuesday.db"
    result = app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code == 1 and "failed its integrity check" in result.output
    assert not target.exists()


def test_a_restore_refuses_from_the_moment_the_server_starts(site, monkeypatch):
    app, _path, backup = site
    seen = []

    def serving_now(*_args):
        """Stand in for gunicorn's run: while it runs, see what a restore would say."""
        seen.append(restore(app, backup))

    monkeypatch.setattr(serving, "serve", serving_now)
    assert app.test_cli_runner().invoke(args=["serve"]).exit_code == 0
    assert seen[0].exit_code == 1 and "A server is using" in seen[0].output
    assert restore(app, backup).exit_code == 0  # stopped, it lets go
