"""Backups and restores of the database file: online copies, checks, and the swap that keeps the old file aside."""

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from . import db as database
from .serving import server_running

SQLITE_HEADER = b"SQLite format 3\x00"


class RestoreError(Exception):
    """A restore refused, with a message that says why and what to do; nothing was changed."""


def copy_database(source, target):
    """Copy the database at source into the new file target with SQLite's online backup (0600: password hashes).

    Returns the copy's integrity check ("ok" when sound). Safe while other processes write to source.
    """
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        src = sqlite3.connect(database.read_only_uri(database.file_of(source)), uri=True)
        copy = sqlite3.connect(target)
        try:
            src.backup(copy)
            # The copy stands alone: one file, no -wal beside it.
            copy.execute("PRAGMA journal_mode = DELETE")
            return copy.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            copy.close()
            src.close()
    except BaseException:
        Path(target).unlink(missing_ok=True)  # no half-written copy is left to be mistaken for a backup
        raise


def check_backup(path):
    """Check that path is a sound tracker database this code can serve; return its schema version."""
    with open(path, "rb") as f:
        if f.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise RestoreError(f"{path} is not an SQLite database.")
    conn = sqlite3.connect(database.read_only_uri(path), uri=True)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise RestoreError(f"{path} is damaged (integrity check: {'; '.join(problems[:3])}).")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise RestoreError(f"{path} is damaged: SQLite cannot read it ({error}).") from error
    finally:
        conn.close()
    if not {"motion", "user"} <= tables or version < 1:
        raise RestoreError(f"{path} is not a tracker database.")
    latest = database.latest_version()
    if version > latest:
        raise RestoreError(
            f"{path} has schema version {version}, newer than this code ({latest}): upgrade tracker first."
        )
    return version


def move_aside(path, suffix):
    """Rename the database and its -wal and -shm files to <name><suffix>; return the new main file's path.

    The -wal keeps its pairing (<aside>-wal beside <aside>), and none is left where the restored file goes: a stale
    write-ahead log applied to another database would corrupt it.
    """
    aside = Path(f"{path}{suffix}")
    for ending in ("", "-wal", "-shm"):
        if os.path.exists(f"{path}{ending}"):
            os.replace(f"{path}{ending}", f"{aside}{ending}")
    return aside


def checkpoint(path):
    """Fold the database's write-ahead log into its main file, so the file set aside is whole by itself.

    A damaged database (the reason for many a restore) cannot be checkpointed: it is set aside as it is, with its
    -wal beside it.
    """
    try:
        conn = sqlite3.connect(path)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass


def restore(source, path, force=False):
    """Replace the database at path with the backup at source; return (file set aside or None, what init-db did).

    Checks the backup first (a database, sound, a schema this code knows) and changes nothing when it fails;
    refuses while a server uses the database unless force. An older schema is migrated after the swap.
    """
    source, path = Path(source), database.file_of(path)
    if not source.is_file():
        raise RestoreError(f"{source} does not exist.")
    if source.resolve() == path.resolve():
        raise RestoreError(f"{source} is the database itself.")
    check_backup(source)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = server_running(path)
    if lock is None and not force:
        raise RestoreError(
            f"A server is using {path}; stop it first (systemctl stop tracker), or use --force and restart it "
            "right after. Nothing was changed."
        )
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    incoming = Path(f"{path}.restoring-{stamp}")
    try:
        # A copy beside the database, so that the swap is a rename on one file system and the backup stays as it is.
        ok = copy_database(source, incoming)
        if ok != "ok":
            raise RestoreError(f"The copy of {source} failed its integrity check ({ok}); nothing was changed.")
        aside = None
        if path.exists():
            os.chmod(incoming, os.stat(path).st_mode & 0o777)
            checkpoint(path)
            aside = move_aside(path, f".before-restore-{stamp}")
        else:
            for ending in ("-wal", "-shm"):  # left by a database deleted by hand: never apply them to the backup
                if os.path.exists(f"{path}{ending}"):
                    move_aside(path, f".stale-{stamp}")
                    break
        os.replace(incoming, path)
        # Migrated while the lock is still held, so that no server starts on a database of an older schema.
        db = database.connect(path)
        try:
            outcome = database.init_db(db)
        finally:
            db.conn.close()
    finally:
        if incoming.exists():
            incoming.unlink()
        if lock is not None:
            lock.close()
    return aside, outcome
