"""Shared fixtures: an app on a tmp_path database (seeded or empty), its client, CLI runner and a query counter."""

import sqlite3
from contextlib import contextmanager

import pytest

from tracker import auth, create_app, records, seed
from tracker import db as database

from .serving import Served

PASSWORD = "correct horse battery staple"
EMAILS = {"organizer": "organizer@example.org", "editor": "editor@example.org", "admin": "admin@example.org"}


def make_app(path, **config):
    """Create a test app whose database lives at path (CSRF off unless asked for; see csrf_app)."""
    settings = {"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE": str(path), "WTF_CSRF_ENABLED": False}
    return create_app({**settings, **config})


@pytest.fixture(scope="session")
def password_hash():
    """One argon2id hash of PASSWORD, computed once (hashing is slow on purpose)."""
    return auth.hash_password(PASSWORD)


def add_accounts(path, password_hash):
    """Create one account per role in the database at path; return {role: id}."""
    db = database.connect(path)
    ids = {role: records.create_user(db, email, password_hash, role) for role, email in EMAILS.items()}
    db.conn.close()
    return ids


@pytest.fixture
def accounts(app, password_hash):
    """One account per role in the seeded database: {role: id}."""
    return add_accounts(app.config["DATABASE"], password_hash)


def log_in(client, role_or_email, password=PASSWORD, **extra):
    """Log a test client in; return the response."""
    email = EMAILS.get(role_or_email, role_or_email)
    return client.post("/auth/login", data={"email": email, "password": password, **extra})


@pytest.fixture
def as_role(app, accounts):
    """Return a function giving a client logged in with a role (or an anonymous one for None)."""

    def client_for(role):
        """A new client, logged in as role unless role is None."""
        client = app.test_client()
        if role is not None:
            assert log_in(client, role).status_code == 302
        return client

    return client_for


@pytest.fixture
def empty_app(tmp_path):
    """An app on a new database with the schema and no records."""
    app = make_app(tmp_path / "tracker.db")
    db = database.connect(app.config["DATABASE"])
    database.init_db(db)
    db.conn.close()
    return app


@pytest.fixture
def app(empty_app):
    """An app on a database holding the Durham 2018 seed record only: a small record most tests start from."""
    db = database.connect(empty_app.config["DATABASE"])
    seed.load(db, only={"durham-nc"})
    db.conn.close()
    return empty_app


@pytest.fixture(scope="session")
def record_path(tmp_path_factory):
    """A database holding every seed record, built once (tests that read it must not write to it)."""
    path = tmp_path_factory.mktemp("record") / "tracker.db"
    db = database.connect(path)
    database.init_db(db)
    seed.load(db)
    db.conn.close()
    return path


@pytest.fixture
def record_app(record_path):
    """An app on the whole seeded record (read only)."""
    return make_app(record_path)


@pytest.fixture
def record_db(record_path):
    """A connection to the whole seeded record (read only)."""
    conn = database.connect(record_path)
    yield conn
    conn.conn.close()


@pytest.fixture
def db(app):
    """A connection to the seeded test database."""
    conn = database.connect(app.config["DATABASE"])
    yield conn
    conn.conn.close()


@pytest.fixture
def empty_db(empty_app):
    """A connection to the empty test database."""
    conn = database.connect(empty_app.config["DATABASE"])
    yield conn
    conn.conn.close()


@pytest.fixture
def client(app):
    """A test client for the seeded app."""
    return app.test_client()


@pytest.fixture
def durham_id(db):
    """The id of the seeded Durham motion."""
    return db.execute("SELECT id FROM motion WHERE title LIKE 'Statement by the Durham%'").fetchone()[0]


@contextmanager
def counting_queries(app):
    """Count the SQL statements the app runs inside the block (the thread's request connection and any other)."""
    statements = []
    original = database.connect

    def traced(path):
        """Open a connection that records each statement it runs."""
        conn = original(path)
        conn.conn.set_trace_callback(statements.append)
        return conn

    # Requests from a test client run in this thread, so they use this thread's connection.
    shared = database.thread_connection(app)
    shared.conn.set_trace_callback(statements.append)
    database.connect = traced
    try:
        yield statements
    finally:
        database.connect = original
        shared.conn.set_trace_callback(None)


@pytest.fixture
def serve(tmp_path):
    """Return a function that starts `tracker serve` (gunicorn) on a database; every server is stopped at the end.

    serve(database, workers=1, threads=4, env={...}) -> serving.Served, with .get(path, headers) and .tail().
    """
    started = []

    def start(database, **options):
        """Start a server on database and wait until it answers."""
        server = Served(database, tmp_path / f"served-{len(started)}", **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def write_lock_held(path):
    """Whether some connection holds the database's write lock now."""
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()
