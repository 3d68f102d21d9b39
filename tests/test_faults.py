"""Faults, against the real server started the documented way (`tracker serve`, gunicorn): writers in other
processes while a large import runs, an import killed mid-write, and a database file that cannot be written."""

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests

from benchmarks.import_csv import make_csv

from .conftest import EMAILS, PASSWORD, add_accounts, write_lock_held
from .serving import Served

ROWS = 20_000

# One writer: logs in as an editor and adds 25 dated actions to a motion, one request each, through the server. A
# 503 is followed as a browser user would: wait as Retry-After says, then send the same form again.
WRITER = r"""
import json, re, sys, time
import requests

base, email, password, motion_id, writer = sys.argv[1:6]
session = requests.Session()
token = lambda page: re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
login = session.post(f"{base}/auth/login", data={"csrf_token": token(session.get(f"{base}/auth/login").text),
                     "email": email, "password": password}, allow_redirects=False)
form = f"{base}/editor/motions/{motion_id}/actions/new"
csrf = token(session.get(form).text)
statuses = [login.status_code]
for n in range(25):
    data = {"csrf_token": csrf, "date": f"2004-{int(writer) + 1:02}-{n + 1:02}", "classification": "event",
            "description": f"Writer {writer} note {n}.", "no_source": "y"}
    for attempt in range(10):
        answer = session.post(form, data=data, allow_redirects=False)
        statuses.append(answer.status_code)
        if answer.status_code != 503:
            break
        time.sleep(min(5, int(answer.headers.get("Retry-After", "1"))))
print(json.dumps(statuses))
"""


def csrf_token(page):
    """The CSRF token a form page carries."""
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def editor_session(base):
    """A requests session logged in as the editor through the server."""
    session = requests.Session()
    token = csrf_token(session.get(f"{base}/auth/login").text)
    data = {"csrf_token": token, "email": EMAILS["editor"], "password": PASSWORD}
    assert session.post(f"{base}/auth/login", data=data, allow_redirects=False).status_code == 302
    return session


def post_import(session, base, csv_path):
    """Upload a CSV to /editor/import (a real import, not a dry run); return the response.

    The session's connections are closed after: an idle keep-alive connection would hold the server's stop.
    """
    token = csrf_token(session.get(f"{base}/editor/import").text)
    try:
        with open(csv_path, "rb") as upload:
            return session.post(
                f"{base}/editor/import",
                data={"csrf_token": token},
                files={"file": ("motions.csv", upload)},
                timeout=120,
            )
    finally:
        session.close()


def imported_motions(path):
    """How many of the generated file's motions the database at path holds."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM motion WHERE title LIKE 'Resolution %'").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def site(app, password_hash, tmp_path):
    """(database path, a 20,000-row import file): the Durham record with one account per role."""
    path = Path(app.config["DATABASE"])
    add_accounts(path, password_hash)
    csv_path = tmp_path / "large.csv"
    csv_path.write_text(make_csv(ROWS), encoding="utf-8", newline="")
    return path, csv_path


def test_four_writers_get_every_write_saved_while_a_large_import_runs(site, serve, durham_id):
    path, csv_path = site
    server = serve(path, workers=2, threads=4)
    base = f"http://127.0.0.1:{server.port}"
    imported = {}
    importer = threading.Thread(
        target=lambda: imported.update(answer=post_import(editor_session(base), base, csv_path))
    )
    importer.start()
    argv = [sys.executable, "-c", WRITER, base, EMAILS["editor"], PASSWORD, str(durham_id)]
    writers = [subprocess.Popen([*argv, str(w)], stdout=subprocess.PIPE, text=True) for w in range(4)]
    statuses = [json.loads(w.communicate(timeout=240)[0]) for w in writers]
    importer.join(240)
    answer = imported["answer"]
    assert answer.status_code == 200 and "created" in answer.text, answer.text[:500]
    assert imported_motions(path) == ROWS // 5
    every = [status for writer in statuses for status in writer]
    assert 500 not in every, statuses
    assert all(writer[0] == 302 for writer in statuses)  # each logged in
    assert sum(writer.count(302) for writer in statuses) == 4 + 100, statuses
    conn = sqlite3.connect(path)
    saved = conn.execute("SELECT count(*) FROM action WHERE description LIKE 'Writer % note %'").fetchone()[0]
    conn.close()
    assert saved == 100


def test_an_import_killed_mid_write_leaves_nothing_and_the_next_one_works(site, serve):
    path, csv_path = site
    server = serve(path, workers=1, threads=2)
    base = f"http://127.0.0.1:{server.port}"
    session = editor_session(base)

    outcome = []

    def killed_import():
        """Post the import; the server dies under it (what the client saw is checked by the test)."""
        try:
            outcome.append(post_import(session, base, csv_path).status_code)
        except requests.ConnectionError:
            outcome.append("connection lost")

    posting = threading.Thread(target=killed_import)
    posting.start()
    deadline = time.monotonic() + 120
    while not write_lock_held(path):  # the import has begun writing
        assert time.monotonic() < deadline, server.tail()
        time.sleep(0.02)
    time.sleep(0.3)  # well inside its writes
    os.killpg(server.proc.pid, signal.SIGKILL)
    server.proc.wait(10)
    posting.join(30)
    assert outcome == ["connection lost"]  # killed while it wrote, not after it had answered
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    assert imported_motions(path) == 0
    again = serve(path, workers=1, threads=2)
    base = f"http://127.0.0.1:{again.port}"
    assert post_import(editor_session(base), base, csv_path).status_code == 200
    assert imported_motions(path) == ROWS // 5


def read_only_database(path):
    """Make the database file at path read-only for the server; return (what the server opens, the user it runs as).

    Not root: the file loses its write permission. Root writes through any permission, so the server then runs as
    nobody, when nobody can run this Python; where it cannot (a virtualenv under a private home), the server opens
    the same file through SQLite's read-only URI, which SQLite answers with the same error, SQLITE_READONLY.
    """
    path.chmod(0o444)
    if os.geteuid() != 0:
        return path, None
    try:
        probe = subprocess.run([sys.executable, "-c", "import tracker"], user="nobody", capture_output=True)
    except OSError:  # this Python cannot even be started by nobody
        probe = None
    if probe is not None and probe.returncode == 0:
        return path, "nobody"
    return f"file:{path}?mode=ro", None


def test_a_read_only_database_file_refuses_writes_with_a_clear_page_and_keeps_reading(app, password_hash, durham_id):
    add_accounts(app.config["DATABASE"], password_hash)
    # A folder anyone may enter: as root, the server runs as nobody, for whom a file without write permission
    # cannot be written (root writes through any permission).
    folder = Path(tempfile.mkdtemp(prefix="tracker-read-only-"))
    try:
        folder.chmod(0o777)
        path = folder / "tracker.db"
        source = sqlite3.connect(app.config["DATABASE"])
        copy = sqlite3.connect(path)
        source.backup(copy)
        copy.execute("PRAGMA journal_mode = WAL")
        copy.close()
        source.close()
        served = folder / "served"
        served.mkdir(mode=0o777)
        served.chmod(0o777)
        database, user = read_only_database(path)
        server = Served(database, served, user=user)
        base = f"http://127.0.0.1:{server.port}"
        try:
            assert requests.get(f"{base}/motions/{durham_id}").status_code == 200
            assert requests.get(f"{base}/api/v1/motions").status_code == 200
            session = requests.Session()
            token = csrf_token(session.get(f"{base}/auth/login").text)
            data = {"csrf_token": token, "email": EMAILS["editor"], "password": PASSWORD}
            login = session.post(f"{base}/auth/login", data=data, allow_redirects=False)
            # Even a login writes (its attempt, its session): it is refused with the same clear page.
            assert login.status_code == 503, login.text[:300]
            assert "Changes cannot be saved right now" in login.text
            assert login.headers["Retry-After"] == "60"
            assert requests.get(f"{base}/cities/durham-nc").status_code == 200
        finally:
            server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
