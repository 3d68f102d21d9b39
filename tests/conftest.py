"""Shared fixtures: an app on a tmp_path database (seeded or empty), its client, CLI runner and a query counter."""

from contextlib import contextmanager

import pytest

from tracker import create_app, seed
from tracker import db as database


def make_app(path, **config):
    """Create a test app whose database lives at path."""
    return create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE": str(path), **config})


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
    """An app on a database holding the seed records (Durham 2018)."""
    db = database.connect(empty_app.config["DATABASE"])
    seed.load(db)
    db.conn.close()
    return empty_app


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
    """Count the SQL statements the app runs inside the block (every request connection is traced)."""
    statements = []
    original = database.connect

    def traced(path):
        """Open a connection that records each statement it runs."""
        conn = original(path)
        conn.conn.set_trace_callback(statements.append)
        return conn

    database.connect = traced
    try:
        yield statements
    finally:
        database.connect = original
