"""The SQLite connection: one per thread, reused by its requests; pragmas, transactions, schema and migrations."""

import sqlite3
import threading
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from urllib.parse import quote, unquote

import sqlite_utils
from flask import current_app, g, has_app_context

from . import serving

# Read through the package, so an installed wheel finds it as a source checkout does (tracker/schema.sql is a link
# to the top-level schema.sql that the build copies into the wheel).
SCHEMA_PATH = resources.files("tracker").joinpath("schema.sql")
MIGRATIONS = "migrations"


# Seconds a write waits for another one to finish before giving up ("database is locked"); the app answers 503
# then (see errors.py). BUSY_TIMEOUT in the app's config changes it.
BUSY_TIMEOUT = 5.0


def file_of(database):
    """The file a DATABASE setting names: the path itself, or the file of a `file:` URI (its query left out)."""
    text = str(database)
    if not text.startswith("file:"):
        return Path(text)
    return Path(unquote(text[len("file:") :].split("?", 1)[0]))


def read_only_uri(path):
    """A URI opening the database file at path read-only (its path quoted, so '?', '#' or '%' in it stay the path)."""
    return f"file:{quote(str(Path(path).absolute()))}?mode=ro"


def connect(path):
    """Open the database at path (or a `file:` URI, e.g. `file:tracker.db?mode=ro`) with the pragmas it needs."""
    uri = str(path).startswith("file:")
    if not uri:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    timeout = current_app.config.get("BUSY_TIMEOUT", BUSY_TIMEOUT) if has_app_context() else BUSY_TIMEOUT
    # isolation_level=None: we issue BEGIN IMMEDIATE ourselves (see transaction), so Python's sqlite3
    # never opens or commits a transaction behind our back.
    conn = sqlite3.connect(path, isolation_level=None, timeout=timeout, uri=uri)
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    return sqlite_utils.Database(conn)


@contextmanager
def waiting_at_most(db, seconds=0.1):
    """Within the block, wait at most seconds for another write instead of the busy timeout: briefly for a write
    that may be skipped (a session's last use), long for one that must not be given up (an email marked sent)."""
    conn = db.conn
    usual = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
    try:
        yield db
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(usual)}")


def rows(db, sql, params=()):
    """Run a read query and return its rows as dicts (without sqlite-utils' per-query savepoint)."""
    cursor = db.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def get_db():
    """Return this request's database: the thread's open connection, opened on its first request."""
    if "db" not in g:
        g.db = thread_connection(current_app)
    return g.db


def thread_connection(app):
    """Return this thread's connection to the app's database, opening it once.

    Opening a connection and setting its pragmas costs more than most pages' queries, so each server thread keeps
    one. SQLite connections must stay in the thread that uses them, hence one per thread, never shared.
    """
    local = app.extensions.setdefault("tracker.connections", threading.local())
    path = app.config["DATABASE"]
    if getattr(local, "path", None) != path:
        if getattr(local, "db", None) is not None:
            local.db.conn.close()
            local.lock.close()
        # Held with the connection: restore refuses while a server may be using the database.
        local.db, local.path, local.lock = connect(path), path, serving.ServingLock(path)
    return local.db


def close_db(_exc=None):
    """End this request's use of the connection: nothing it began may stay open for the next request."""
    db = g.pop("db", None)
    if db is not None and db.conn.in_transaction:
        db.conn.execute("ROLLBACK")


def public_version(db):
    """Return (version, changed_at) of the public record: a counter every visible change moves (see schema.sql)."""
    return db.execute("SELECT version, changed_at FROM public_version").fetchone()


@contextmanager
def transaction(db):
    """Run the block as one transaction (BEGIN IMMEDIATE), or as a savepoint inside an open one."""
    conn = db.conn
    if conn.in_transaction:
        conn.execute("SAVEPOINT nested")
        # A rolled-back savepoint takes what it wrote with it, a changeset opened inside it included.
        changeset_id, hooks = getattr(db, "changeset_id", None), len(getattr(db, "before_commit", []))
        try:
            yield db
        except BaseException:
            conn.execute("ROLLBACK TO nested")
            conn.execute("RELEASE nested")
            db.changeset_id, db.before_commit = changeset_id, db.before_commit[:hooks]
            raise
        conn.execute("RELEASE nested")
        return
    conn.execute("BEGIN IMMEDIATE")
    # What this transaction's writes belong to (records.py's changeset), and what must run just before it commits.
    db.changeset_id, db.before_commit = None, []
    try:
        yield db
        for hook in db.before_commit:
            hook()
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        db.changeset_id, db.before_commit = None, []
    conn.execute("COMMIT")


def migrations():
    """Return the numbered migration scripts as a sorted list of (version, name, sql)."""
    steps = []
    for item in resources.files("tracker").joinpath(MIGRATIONS).iterdir():
        if item.name.endswith(".sql"):
            version = int(item.name.split("_", 1)[0])
            steps.append((version, item.name, item.read_text(encoding="utf-8")))
    return sorted(steps)


def latest_version():
    """Return the schema version that schema.sql and the last migration both describe."""
    return migrations()[-1][0]


def schema_version(db):
    """Return the database's schema version (PRAGMA user_version; 0 for an empty file)."""
    return db.conn.execute("PRAGMA user_version").fetchone()[0]


def run_script(db, sql, version):
    """Run a schema script and set user_version, all in one transaction, with foreign keys checked at the end."""
    conn = db.conn
    enforced = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    # SQLite's procedure for rebuilding a table: foreign keys off (they cannot change inside a transaction), the
    # rebuild, then a check that every reference still holds before committing.
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        # executescript would COMMIT first; running statement by statement keeps the step atomic.
        with transaction(db):
            for statement in split_statements(sql):
                conn.execute(statement)
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise sqlite3.IntegrityError(f"schema step {version} would break references: {broken[:5]}")
            conn.execute(f"PRAGMA user_version = {int(version)}")
    finally:
        conn.execute(f"PRAGMA foreign_keys = {int(enforced)}")


def split_statements(sql):
    """Split a script into complete statements (triggers' inner semicolons included)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            code = "\n".join(x for x in buffer.splitlines() if not x.lstrip().startswith("--")).strip()
            # user_version is set by run_script, after the statements succeed.
            if code and not code.upper().startswith("PRAGMA USER_VERSION"):
                statements.append(code)
            buffer = ""
    return statements


def init_db(db):
    """Create the schema in an empty database or migrate an older one; return what was done."""
    has_tables = db.conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    if not has_tables:
        run_script(db, SCHEMA_PATH.read_text(encoding="utf-8"), latest_version())
        return "created"
    current = schema_version(db)
    latest = latest_version()
    if current > latest:
        raise RuntimeError(f"database schema version {current} is newer than this code ({latest})")
    applied = []
    for version, name, sql in migrations():
        if version > current:
            run_script(db, sql, version)
            applied.append(name)
    return f"migrated ({', '.join(applied)})" if applied else "up to date"


def init_app(app):
    """Close the request's connection when the app context ends."""
    app.teardown_appcontext(close_db)
