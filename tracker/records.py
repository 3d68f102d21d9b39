"""Write operations: one function per change, each one transaction that includes its change_log rows."""

import hashlib
import json
import sqlite3
import time
from contextlib import contextmanager
from datetime import UTC, datetime

from . import history
from . import status as status_rules
from .db import rows, transaction
from .text import unfit_text

# The columns each table may be written through; table and column names never come from input.
COLUMNS = {
    "city": ("slug", "name", "kind", "state", "ocd_id", "lat", "lon", "council_seats", "notes", "updated_at"),
    "motion": (
        "city_id",
        "kind",
        "aim",
        "body",
        "identifier",
        "title",
        "summary",
        "excerpt",
        "scope_note",
        "status",
        "introduced_on",
        "decided_on",
        "campaign",
        "petition_signatures",
        "created_at",
        "updated_at",
        "published",
    ),
    "action": ("motion_id", "date", "classification", "description"),
    "vote": ("motion_id", "action_id", "date", "result", "yes", "no", "abstain", "absent", "excused"),
    "vote_member": ("vote_id", "member_name", "option"),
    "hearing": (
        "motion_id",
        "date",
        "body",
        "duration_minutes",
        "speakers_total",
        "speakers_support",
        "speakers_oppose",
        "speakers_neutral",
        "notes",
    ),
    "testimony": ("hearing_id", "speaker_name", "publish_name", "affiliation", "position", "summary"),
    "source": ("url", "title", "headline", "publisher", "published_on", "accessed_on"),
    "citation": ("table_name", "row_id", "source_id", "field", "note"),
    "user": ("email", "password_hash", "role", "active", "session_version", "created_at", "last_login_at"),
    "submission": (
        "user_id",
        "kind",
        "payload",
        "target_table",
        "target_id",
        "state",
        "created_at",
        "reviewer_id",
        "reviewed_at",
        "reason",
    ),
}
# Rows of these tables make up the public record; their changes can be reverted from the change log.
REVERTIBLE = ("city", "motion", "action", "vote", "vote_member", "hearing", "testimony", "source", "citation")
# A motion's fields that only follow from its actions.
DERIVED = {"status", "introduced_on", "decided_on", "updated_at"}
# Tables whose rows belong to a motion: changing them re-derives the motion's status and marks it updated.
MOTION_PARTS = ("action", "vote", "hearing")


class RecordError(ValueError):
    """A write that the rules refuse; the message is meant for the person who asked for it."""


class RevertConflict(RecordError):
    """The row has changed again since the change being reverted; the editor must confirm."""

    def __init__(self, change, current):
        """Keep the change and the row as it is now, to show both."""
        super().__init__("This row has changed since; confirm to replace the newer version.")
        self.change = change
        self.current = current
        self.fingerprint = fingerprint(current)


def now():
    """Return the current UTC time as the ISO text stored in timestamps."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_columns(table, values):
    """Refuse any table or column that is not in COLUMNS, and text that the record may not hold."""
    unknown = set(values) - set(COLUMNS[table])
    if unknown:
        raise KeyError(f"not columns of {table}: {sorted(unknown)}")
    check_text(values)


def check_text(values):
    """Refuse text with a character that XML cannot carry, whichever way it came (forms refuse it first)."""
    where = unfit_text(values)
    if where is not None:
        raise RecordError(f"The {where.split('.')[-1] or 'text'} holds an invisible control character; remove it.")


def fetch(db, table, row_id):
    """Return one row as a dict, or None."""
    _check_columns(table, {})
    found = rows(db, f"SELECT * FROM [{table}] WHERE id = ?", [row_id])
    return found[0] if found else None


def _redacted(table, row):
    """Return a row fit for the change log: never a password hash."""
    if row is None or table != "user":
        return row
    return {**row, "password_hash": "(hidden)"}


def log_change(db, user_id, table, row_id, op, before, after):
    """Write the change_log row for one changed row, in this transaction's changeset."""
    before, after = _redacted(table, before), _redacted(table, after)
    db.execute(
        "INSERT INTO change_log (at, user_id, table_name, row_id, op, before, after, changeset_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            now(),
            user_id,
            table,
            row_id,
            op,
            None if before is None else json.dumps(before, sort_keys=True),
            None if after is None else json.dumps(after, sort_keys=True),
            changeset_for(db, user_id),
        ],
    )


def changeset_for(db, user_id, kind="edit", submission_id=None, reverts=None):
    """Return this transaction's changeset, opening it on the first write (its sentence is written at commit)."""
    current = getattr(db, "changeset_id", None)
    if current is not None:
        return current
    changeset_id = db.execute(
        "INSERT INTO changeset (at, user_id, kind, submission_id, reverts) VALUES (?, ?, ?, ?, ?)",
        [now(), user_id, kind, submission_id, reverts],
    ).lastrowid
    db.changeset_id = changeset_id
    db.before_commit.append(lambda: close_changeset(db, changeset_id))
    return changeset_id


@contextmanager
def changeset(db, user_id, kind, submission_id=None, reverts=None):
    """Run the block as one transaction whose writes form one changeset of this kind."""
    with transaction(db):
        changeset_for(db, user_id, kind, submission_id, reverts)
        yield db


def close_changeset(db, changeset_id):
    """Write the changeset's sentence, or drop it if nothing was written after all."""
    tables = {
        row[0]
        for row in db.execute("SELECT DISTINCT table_name FROM change_log WHERE changeset_id = ?", [changeset_id])
    }
    if not tables:
        db.execute("DELETE FROM changeset WHERE id = ?", [changeset_id])
        return
    kind = db.execute("SELECT kind FROM changeset WHERE id = ?", [changeset_id]).fetchone()[0]
    if kind == "edit" and tables <= {"user"}:
        kind = "account"
    elif kind == "edit" and tables <= {"submission"}:
        kind = "submission"
    db.execute(
        "UPDATE changeset SET kind = ?, summary = ? WHERE id = ?",
        [kind, history.describe(db, changeset_id), changeset_id],
    )


# The schema's last line of defence speaks SQL; this is where its words become a person's. (schema.sql's seat
# triggers raise with SEATS_TRIGGER; the forms say the same earlier, with the numbers.)
SEATS_TRIGGER = "vote counts exceed the council seats"


def refused(error):
    """Turn a write that SQLite refused into a RecordError a person can read."""
    text = str(error)
    if SEATS_TRIGGER in text:
        return RecordError("These counts add up to more than the seats on the deciding body.")
    if "UNIQUE" in text:
        return RecordError("This would duplicate a record that already exists.")
    return RecordError("This would break one of the record's rules, so nothing was saved.")


def insert(db, table, values, user_id=None):
    """Insert one row and its change_log row; return the new id."""
    _check_columns(table, values)
    with transaction(db):
        columns = list(values)
        cursor = db.execute(
            f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})",
            [values[c] for c in columns],
        )
        row_id = cursor.lastrowid
        log_change(db, user_id, table, row_id, "insert", None, fetch(db, table, row_id))
    return row_id


def update(db, table, row_id, values, user_id=None):
    """Update one row if anything differs, logging before and after; return whether it changed."""
    _check_columns(table, values)
    with transaction(db):
        before = fetch(db, table, row_id)
        if before is None:
            raise RecordError(f"no {table} with id {row_id}")
        changes = {c: v for c, v in values.items() if before[c] != v}
        if not changes:
            return False
        db.execute(
            f"UPDATE [{table}] SET {', '.join(f'[{c}] = ?' for c in changes)} WHERE id = ?",
            [*changes.values(), row_id],
        )
        log_change(db, user_id, table, row_id, "update", before, fetch(db, table, row_id))
    return True


def delete(db, table, row_id, user_id=None):
    """Delete one row and the citations of it, logging what each held."""
    _check_columns(table, {})
    with transaction(db):
        before = fetch(db, table, row_id)
        if before is None:
            raise RecordError(f"no {table} with id {row_id}")
        cited = db.execute("SELECT id FROM citation WHERE table_name = ? AND row_id = ?", [table, row_id]).fetchall()
        for (citation_id,) in cited:
            delete(db, "citation", citation_id, user_id)
        db.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
        log_change(db, user_id, table, row_id, "delete", before, None)


class RowRefused(RecordError):
    """One row of a bulk write that SQLite refused: which one (its position in the list) and why."""

    def __init__(self, index, error):
        """Keep the position and say why in a person's words."""
        super().__init__(str(refused(error)))
        self.index = index


# Change-log rows are written in batches of this many: few statements, and little held in memory at once.
LOG_BATCH = 2000


def _log_many(db, entries):
    """Write a batch of change_log rows (at, user_id, table, row_id, op, before, after, changeset_id)."""
    db.conn.executemany(
        "INSERT INTO change_log (at, user_id, table_name, row_id, op, before, after, changeset_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        entries,
    )
    entries.clear()


def staged_inserts(table, ids, values_list, user_id=None):
    """Prepare rows to insert with known ids (see next_ids): return (their parameters, their change_log rows).

    Pure preparation, done before the write lock: every column of the table is written (a missing one as NULL,
    never a default), so the row logged is the row stored without reading it back. The change_log rows lack
    their changeset, known only in the transaction (see write_log).
    """
    params_list, entries, stamp = [], [], now()
    for row_id, values in zip(ids, values_list, strict=True):
        _check_columns(table, values)
        params = [row_id, *(values.get(c) for c in COLUMNS[table])]
        params_list.append(params)
        after = _redacted(table, dict(zip(("id", *COLUMNS[table]), params, strict=True)))
        entries.append((stamp, user_id, table, row_id, "insert", None, json.dumps(after, sort_keys=True)))
    return params_list, entries


def write_inserts(db, table, params_list):
    """Insert staged rows (staged_inserts) in the open transaction; a refused one raises RowRefused (its position)."""
    columns = ("id", *COLUMNS[table])
    sql = f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' for _ in columns)})"
    try:
        db.conn.executemany(sql, params_list)
    except sqlite3.IntegrityError as error:
        # The ids are consecutive and the refused statement wrote nothing: the rows written say which one it was.
        written = db.execute(f"SELECT count(*) FROM [{table}] WHERE id >= ?", [params_list[0][0]]).fetchone()[0]
        raise RowRefused(written, error) from error


def write_log(db, entries, user_id=None):
    """Write staged change_log rows in the open transaction's changeset, in batches."""
    changeset_id = changeset_for(db, user_id)
    for start in range(0, len(entries), LOG_BATCH):
        _log_many(db, [(*entry, changeset_id) for entry in entries[start : start + LOG_BATCH]])


def next_ids(db, table, count):
    """Return the ids the next `count` rows of a table will get (a guess until the write lock is held)."""
    _check_columns(table, {})
    used = db.execute(
        f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), "
        f"coalesce((SELECT max(id) FROM [{table}]), 0))",
        [table],
    ).fetchone()[0]
    return list(range(used + 1, used + 1 + count))


def update_many(db, table, changes, user_id=None, log=None):
    """Apply many (row as read, {column: new value}) updates with their change_log rows, in the open transaction.

    The caller read each row in full (SELECT *) and only passes values that differ; a refused update raises
    RowRefused with its position. With `log`, the change_log rows are added to it for write_log instead.
    """
    entries, stamp = [], now()
    with transaction(db):
        for index, (before, values) in enumerate(changes):
            _check_columns(table, values)
            try:
                db.conn.execute(
                    f"UPDATE [{table}] SET {', '.join(f'[{c}] = ?' for c in values)} WHERE id = ?",
                    [*values.values(), before["id"]],
                )
            except sqlite3.IntegrityError as error:
                raise RowRefused(index, error) from error
            after = {**before, **values}
            entries.append(
                (
                    stamp,
                    user_id,
                    table,
                    before["id"],
                    "update",
                    json.dumps(_redacted(table, before), sort_keys=True),
                    json.dumps(_redacted(table, after), sort_keys=True),
                )
            )
        if log is None:
            write_log(db, entries, user_id)
        else:
            log += entries


def restore(db, table, row, user_id=None):
    """Insert a deleted row again with its old id, logging it; return the id."""
    values = {c: row[c] for c in COLUMNS[table] if c in row}
    with transaction(db):
        columns = ["id", *values]
        db.execute(
            f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})",
            [row["id"], *values.values()],
        )
        log_change(db, user_id, table, row["id"], "insert", None, fetch(db, table, row["id"]))
    return row["id"]


def refresh_motion(db, motion_id, user_id=None, touch=True):
    """Re-derive a motion's status and dates from its actions; with touch, mark it updated now."""
    actions = rows(db, "SELECT id, date, classification FROM action WHERE motion_id = ?", [motion_id])
    derived = status_rules.derive(actions)
    values = {"status": derived.status, "introduced_on": derived.introduced_on, "decided_on": derived.decided_on}
    if touch:
        values["updated_at"] = now()
    update(db, "motion", motion_id, values, user_id)


def create_city(db, values, user_id=None):
    """Create a city; return its id."""
    return insert(db, "city", {**values, "updated_at": now()}, user_id)


def create_motion(db, values, user_id=None):
    """Create a motion with no actions yet (so its status is the default); return its id."""
    stamp = now()
    derived = status_rules.derive([])
    row = {**values, "status": derived.status, "created_at": stamp, "updated_at": stamp}
    return insert(db, "motion", row, user_id)


def add_action(db, motion_id, values, user_id=None):
    """Add a dated action to a motion and re-derive its status; return the action's id."""
    with transaction(db):
        action_id = insert(db, "action", {**values, "motion_id": motion_id}, user_id)
        refresh_motion(db, motion_id, user_id)
    return action_id


def checked_counts(db, motion_id, values, members):
    """Return the vote's values with blank counts filled from a complete roll call, or refuse a contradiction."""
    seats = db.execute(
        "SELECT city.council_seats FROM motion JOIN city ON city.id = motion.city_id WHERE motion.id = ?", [motion_id]
    ).fetchone()
    checked = status_rules.check_roll_call(values, members, seats[0] if seats else None)
    if checked.problems:
        raise RecordError(" ".join(checked.problems))
    return {**values, **checked.counts}


def add_vote(db, motion_id, values, members=(), user_id=None):
    """Add a vote with its optional roll call (name, option) pairs; return the vote's id."""
    values = dict(values)
    with transaction(db):
        if members:
            values = checked_counts(db, motion_id, values, members)
        vote_id = insert(db, "vote", {**values, "motion_id": motion_id}, user_id)
        for name, option in members:
            insert(db, "vote_member", {"vote_id": vote_id, "member_name": name, "option": option}, user_id)
        refresh_motion(db, motion_id, user_id)
    return vote_id


def add_hearing(db, motion_id, values, user_id=None):
    """Add a hearing to a motion; return its id."""
    with transaction(db):
        hearing_id = insert(db, "hearing", {**values, "motion_id": motion_id}, user_id)
        refresh_motion(db, motion_id, user_id)
    return hearing_id


def add_testimony(db, hearing_id, values, user_id=None):
    """Add one person's testimony to a hearing; return its id."""
    with transaction(db):
        hearing = fetch(db, "hearing", hearing_id)
        if hearing is None:
            raise RecordError(f"no hearing with id {hearing_id}")
        testimony_id = insert(db, "testimony", {**values, "hearing_id": hearing_id}, user_id)
        refresh_motion(db, hearing["motion_id"], user_id)
    return testimony_id


def add_source(db, values, user_id=None):
    """Add a source; return its id."""
    return insert(db, "source", values, user_id)


def cite(db, table, row_id, source_id, note=None, user_id=None, field=None):
    """Record that a source supports a row (or one field of it), in a few words; return the citation id."""
    values = {"table_name": table, "row_id": row_id, "source_id": source_id, "field": field, "note": note}
    return insert(db, "citation", values, user_id)


def update_city(db, city_id, values, user_id=None):
    """Correct a city's fields."""
    with transaction(db):
        current = fetch(db, "city", city_id)
        changed = {c: v for c, v in values.items() if current is None or current[c] != v}
        if changed:
            update(db, "city", city_id, {**values, "updated_at": now()}, user_id)


def update_motion(db, motion_id, values, user_id=None):
    """Correct a motion's fields (never its status, which only actions change)."""
    if set(values) & {"status", "introduced_on", "decided_on"}:
        raise RecordError("A motion's status changes only by adding an action.")
    with transaction(db):
        current = fetch(db, "motion", motion_id)
        if current is None:
            raise RecordError(f"no motion with id {motion_id}")
        if any(current[c] != v for c, v in values.items()):
            update(db, "motion", motion_id, {**values, "updated_at": now()}, user_id)


def update_part(db, table, row_id, values, user_id=None):
    """Correct an action, vote, hearing or testimony and re-derive its motion."""
    with transaction(db):
        if fetch(db, table, row_id) is None:
            raise RecordError(f"no {table} with id {row_id}")
        if update(db, table, row_id, values, user_id):
            refresh_motion(db, motion_of(db, table, row_id), user_id)


def update_vote(db, vote_id, values, members, user_id=None):
    """Correct a vote and replace its roll call."""
    with transaction(db):
        vote = fetch(db, "vote", vote_id)
        if vote is None:
            raise RecordError(f"no vote with id {vote_id}")
        old = {m["member_name"]: m for m in rows(db, "SELECT * FROM vote_member WHERE vote_id = ?", [vote_id])}
        new = dict(members)
        if members:
            counts = {o: values.get(o, vote[o]) for o in status_rules.VOTE_OPTIONS}
            values = {**values, **checked_counts(db, vote["motion_id"], counts, members)}
        for name, member in old.items():
            if name not in new:
                delete(db, "vote_member", member["id"], user_id)
        update_part(db, "vote", vote_id, values, user_id)
        for name, option in members:
            if name in old:
                update(db, "vote_member", old[name]["id"], {"option": option}, user_id)
            else:
                insert(db, "vote_member", {"vote_id": vote_id, "member_name": name, "option": option}, user_id)


def motion_of(db, table, row_id):
    """Return the id of the motion a row belongs to (None for cities and sources)."""
    if table == "motion":
        return row_id
    if table in MOTION_PARTS:
        found = db.execute(f"SELECT motion_id FROM [{table}] WHERE id = ?", [row_id]).fetchone()
    elif table == "testimony":
        found = db.execute(
            "SELECT hearing.motion_id FROM testimony JOIN hearing ON hearing.id = testimony.hearing_id "
            "WHERE testimony.id = ?",
            [row_id],
        ).fetchone()
    elif table == "vote_member":
        found = db.execute(
            "SELECT vote.motion_id FROM vote_member JOIN vote ON vote.id = vote_member.vote_id "
            "WHERE vote_member.id = ?",
            [row_id],
        ).fetchone()
    elif table == "citation":
        cited = db.execute("SELECT table_name, row_id FROM citation WHERE id = ?", [row_id]).fetchone()
        return motion_of(db, *cited) if cited else None
    else:
        return None
    return found[0] if found else None


def find_or_add_source(db, source, user_id=None):
    """Return the id of the source with this URL (or title and publisher), adding it if new."""
    if source["url"]:
        found = db.execute("SELECT id FROM source WHERE url = ?", [source["url"]]).fetchone()
    else:
        found = db.execute(
            "SELECT id FROM source WHERE url IS NULL AND title = ? AND publisher IS ?",
            [source["title"], source["publisher"]],
        ).fetchone()
    if found:
        return found[0]
    fields = {k: source.get(k) for k in ("url", "title", "publisher", "published_on", "accessed_on")}
    return add_source(db, {**fields, "headline": int(bool(source.get("headline")))}, user_id)


def cite_source(db, table, row_id, source, user_id=None):
    """Cite a source (given as fields with a note, and optionally the field it supports) for a row, once."""
    with transaction(db):
        source_id = find_or_add_source(db, source, user_id)
        field = source.get("field")
        exists = db.execute(
            "SELECT id FROM citation WHERE table_name = ? AND row_id = ? AND source_id = ? AND field IS ?",
            [table, row_id, source_id, field],
        ).fetchone()
        if exists:
            return exists[0]
        return cite(db, table, row_id, source_id, source.get("note"), user_id, field)


def apply(db, kind, op, target_id, payload, user_id=None):
    """Apply a validated form payload: create (under a parent), update, or cite; return (table, row id)."""
    values, source = payload.get("values", {}), payload.get("source")
    with transaction(db):
        if op == "cite":
            table, row_id = kind, target_id
        elif op == "create":
            table, row_id = kind, _create(db, kind, target_id, values, payload, user_id)
        elif op == "update":
            table, row_id = kind, target_id
            _update(db, kind, target_id, values, payload, user_id)
        else:
            raise RecordError(f"unknown operation {op!r}")
        if source:
            cite_source(db, table, row_id, source, user_id)
    return table, row_id


def _create(db, kind, parent_id, values, payload, user_id):
    """Create one record of a kind; return its id."""
    if kind == "city":
        return create_city(db, values, user_id)
    if kind == "motion":
        if payload.get("pending_place"):
            values = {**values, "city_id": place_of_submission(db, payload["pending_place"], user_id)}
        return create_motion(db, {"published": 1, **values}, user_id)
    if kind == "action":
        if payload.get("pending_motion"):
            parent_id = motion_of_submission(db, payload["pending_motion"], user_id)
        return add_action(db, parent_id, values, user_id)
    if kind == "vote":
        return add_vote(db, parent_id, values, [tuple(m) for m in payload.get("members", [])], user_id)
    if kind == "hearing":
        return add_hearing(db, parent_id, values, user_id)
    if kind == "testimony":
        return add_testimony(db, parent_id, values, user_id)
    raise RecordError(f"unknown kind {kind!r}")


def place_of_submission(db, submission_id, user_id):
    """Return the id of the place a submission proposed, approving it now if it still waits (one review round)."""
    found = fetch(db, "submission", submission_id)
    if found is None or found["kind"] != "city":
        raise RecordError("The new place this motion belongs to is no longer on record.")
    if found["state"] == "rejected":
        raise RecordError("The new place this motion belongs to was rejected, so the motion cannot be added there.")
    if found["state"] == "pending":
        approve(db, submission_id, user_id)
    slug = json.loads(found["payload"])["values"]["slug"]
    place = db.execute("SELECT id FROM city WHERE slug = ?", [slug]).fetchone()
    if place is None:
        raise RecordError("The new place this motion belongs to is no longer on record.")
    return place[0]


def motion_of_submission(db, submission_id, user_id):
    """Return the id of the motion a submission proposed, approving it (and its new place) now if it still waits."""
    found = fetch(db, "submission", submission_id)
    if found is None or found["kind"] != "motion":
        raise RecordError("The new motion this action belongs to is no longer on record.")
    if found["state"] == "rejected":
        raise RecordError("The new motion this action belongs to was rejected, so the action cannot be added.")
    if found["state"] == "pending":
        return approve(db, submission_id, user_id)[1]
    # Approved before: the motion its approval created.
    title = json.loads(found["payload"])["values"]["title"]
    motion = db.execute(
        "SELECT motion.id FROM motion JOIN change_log ON change_log.table_name = 'motion' "
        "AND change_log.row_id = motion.id AND change_log.op = 'insert' "
        "JOIN changeset ON changeset.id = change_log.changeset_id "
        "WHERE changeset.submission_id = ? AND motion.title = ?",
        [submission_id, title],
    ).fetchone()
    if motion is None:
        raise RecordError("The new motion this action belongs to is no longer on record.")
    return motion[0]


def _update(db, kind, row_id, values, payload, user_id):
    """Correct one record of a kind."""
    if kind == "city":
        update_city(db, row_id, values, user_id)
    elif kind == "motion":
        update_motion(db, row_id, values, user_id)
    elif kind == "vote":
        update_vote(db, row_id, values, [tuple(m) for m in payload.get("members", [])], user_id)
    elif kind in ("action", "hearing", "testimony"):
        update_part(db, kind, row_id, values, user_id)
    elif kind == "source":
        update(db, "source", row_id, values, user_id)
    else:
        raise RecordError(f"unknown kind {kind!r}")


def submit(db, user_id, kind, op, target_table, target_id, payload):
    """Store an organizer's validated change for review; return the submission id."""
    check_text(payload)
    body = json.dumps({"op": op, **payload}, sort_keys=True)
    return insert(
        db,
        "submission",
        {
            "user_id": user_id,
            "kind": kind,
            "payload": body,
            "target_table": target_table,
            "target_id": target_id,
            "state": "pending",
            "created_at": now(),
        },
        user_id,
    )


def approve(db, submission_id, reviewer_id):
    """Apply a pending submission and mark it approved, in one transaction; return (table, row id)."""
    with changeset(db, reviewer_id, "approval", submission_id=submission_id):
        found = fetch(db, "submission", submission_id)
        if found is None or found["state"] != "pending":
            raise RecordError("This submission has already been reviewed.")
        payload = json.loads(found["payload"])
        op = payload.pop("op")
        target = apply(db, found["kind"], op, found["target_id"], payload, reviewer_id)
        update(
            db,
            "submission",
            submission_id,
            {"state": "approved", "reviewer_id": reviewer_id, "reviewed_at": now()},
            reviewer_id,
        )
    return target


def reject(db, submission_id, reviewer_id, reason):
    """Mark a pending submission rejected, with the reason the organizer will see."""
    with transaction(db):
        found = fetch(db, "submission", submission_id)
        if found is None or found["state"] != "pending":
            raise RecordError("This submission has already been reviewed.")
        update(
            db,
            "submission",
            submission_id,
            {"state": "rejected", "reviewer_id": reviewer_id, "reviewed_at": now(), "reason": reason},
            reviewer_id,
        )


def fingerprint(row):
    """A short digest of a row as it is now, to tell whether it changed after an editor looked at it."""
    return hashlib.sha256(json.dumps(row, sort_keys=True).encode()).hexdigest()[:16]


def revert(db, change_id, user_id=None, confirmed=None):
    """Revert the changeset a change belongs to, whole (see revert_changeset)."""
    change = fetch_change(db, change_id)
    if change is None:
        raise RecordError("There is no such change.")
    return revert_changeset(db, change["changeset_id"], user_id, confirmed)


def changeset_changes(db, changeset_id, derived=False):
    """Return a changeset's change_log rows, oldest first; without `derived`, not a motion's derived status."""
    found = [
        fetch_change(db, row["id"])
        for row in rows(db, "SELECT id FROM change_log WHERE changeset_id = ? ORDER BY id", [changeset_id])
    ]
    return found if derived else [c for c in found if not derived_only(c)]


def derived_only(change):
    """Whether a change touched nothing but a motion's derived status, dates and time of update."""
    before, after = change["before"] or {}, change["after"] or {}
    touched = {c for c in set(before) | set(after) if before.get(c) != after.get(c)}
    return change["table_name"] == "motion" and change["op"] == "update" and touched <= DERIVED


def revert_changeset(db, changeset_id, user_id=None, confirmed=None):
    """Put back every row a changeset changed, together (an action with its citations, a vote with its roll call).

    The revert is itself one changeset. If any of the rows has changed since, it is refused with RevertConflict
    unless `confirmed` is the fingerprint of the newer versions the editor was shown.
    """
    with changeset(db, user_id, "revert", reverts=changeset_id):
        logged = changeset_changes(db, changeset_id)
        if not logged:
            raise RecordError("There is no such change.")
        # An approval's submission stays approved (that is history); only the record's rows are put back.
        changes = [c for c in logged if c["table_name"] in REVERTIBLE]
        if not changes:
            raise RecordError("Changes to accounts and submissions cannot be reverted.")
        final = {}
        # The version of each row this changeset left behind (a motion's derived status included).
        for change in changeset_changes(db, changeset_id, derived=True):
            if change["table_name"] not in REVERTIBLE:
                continue
            final[(change["table_name"], change["row_id"])] = change
        now_rows = {key: fetch(db, *key) for key in final}
        newer = {key: row for key, row in now_rows.items() if row != final[key]["after"]}
        if newer and confirmed != fingerprint(sorted(newer.items(), key=str)):
            key = next(iter(newer))
            conflict = RevertConflict(final[key], newer[key])
            conflict.fingerprint = fingerprint(sorted(newer.items(), key=str))
            raise conflict
        motions = {motion_of(db, c["table_name"], c["row_id"]) for c in changes} - {None}
        # A motion whose own fields are put back keeps its restored time of update; one whose parts change is new.
        parts_changed = {motion_of(db, c["table_name"], c["row_id"]) for c in changes if c["table_name"] != "motion"}
        try:
            for change in reversed(changes):
                table, row_id = change["table_name"], change["row_id"]
                current = fetch(db, table, row_id)
                if change["op"] == "insert":
                    if current is not None:
                        delete(db, table, row_id, user_id)
                elif current is None:  # deleted by this change, or since: put it back as it was, id and all
                    restore(db, table, change["before"], user_id)
                else:
                    update(db, table, row_id, {c: change["before"][c] for c in COLUMNS[table]}, user_id)
        except sqlite3.IntegrityError as error:
            raise DependentsError(db, changes) from error
        motions |= {motion_of(db, c["table_name"], c["row_id"]) for c in changes} - {None}
        for motion_id in motions:
            if fetch(db, "motion", motion_id) is not None:
                refresh_motion(db, motion_id, user_id, touch=motion_id in parts_changed)


class DependentsError(RecordError):
    """A revert that would orphan records added since; names them so the editor can revert those first."""

    def __init__(self, db, changes):
        """Find what depends on the rows the revert would remove."""
        self.dependents = []
        for change in changes:
            if change["op"] != "insert":
                continue
            table, row_id = change["table_name"], change["row_id"]
            if table == "city":
                self.dependents += [
                    ("motion", r["id"], r["title"])
                    for r in rows(db, "SELECT id, title FROM motion WHERE city_id = ?", [row_id])
                ]
            elif table == "motion":
                for part in ("action", "vote", "hearing"):
                    self.dependents += [
                        (part, r["id"], r["motion_id"])
                        for r in rows(db, f"SELECT id, motion_id FROM [{part}] WHERE motion_id = ?", [row_id])
                    ]
            elif table == "hearing":
                self.dependents += [
                    ("testimony", r["id"], row_id)
                    for r in rows(db, "SELECT id FROM testimony WHERE hearing_id = ?", [row_id])
                ]
            elif table == "vote":
                self.dependents += [
                    ("vote_member", r["id"], row_id)
                    for r in rows(db, "SELECT id FROM vote_member WHERE vote_id = ?", [row_id])
                ]
        super().__init__(
            "This cannot be reverted while records added since depend on it: revert or correct those first"
            + (f" ({len(self.dependents)} of them, listed below)." if self.dependents else ".")
        )


def fetch_change(db, change_id):
    """Return one change_log row with before/after decoded, or None."""
    found = rows(db, "SELECT * FROM change_log WHERE id = ?", [change_id])
    if not found:
        return None
    change = found[0]
    change["before"] = json.loads(change["before"]) if change["before"] else None
    change["after"] = json.loads(change["after"]) if change["after"] else None
    return change


def create_user(db, email, password_hash, role, user_id=None):
    """Create an account; return its id."""
    return insert(
        db,
        "user",
        {
            "email": email.strip().lower(),
            "password_hash": password_hash,
            "role": role,
            "active": 1,
            "session_version": 1,
            "created_at": now(),
        },
        user_id,
    )


def set_password(db, account_id, password_hash, user_id=None, keep=None):
    """Replace a password and end every session of the account but `keep` (a session's token hash), if given."""
    with transaction(db):
        current = fetch(db, "user", account_id)
        update(
            db,
            "user",
            account_id,
            {"password_hash": password_hash, "session_version": current["session_version"] + 1},
            user_id,
        )
        end_session_rows(db, account_id, keep)


def end_sessions(db, account_id, user_id=None):
    """Log an account out everywhere: its sessions are deleted, and its session version counts the event."""
    with transaction(db):
        current = fetch(db, "user", account_id)
        update(db, "user", account_id, {"session_version": current["session_version"] + 1}, user_id)
        end_session_rows(db, account_id)


def set_account(db, account_id, values, user_id=None):
    """Change an account's role or active flag; a deactivation or a new role ends its sessions."""
    with transaction(db):
        current = fetch(db, "user", account_id)
        if current is None:
            raise RecordError("There is no such account.")
        values = dict(values)
        deactivated = values.get("active") == 0 and current["active"]
        # A new role starts with a new login, so nobody keeps working under a session opened for the old one.
        new_role = "role" in values and values["role"] != current["role"]
        if deactivated or new_role:
            values["session_version"] = current["session_version"] + 1
            end_session_rows(db, account_id)
        update(db, "user", account_id, values, user_id)


def end_session_rows(db, account_id, keep=None):
    """Delete an account's sessions (all, or all but the one whose token hash is `keep`), in the open transaction."""
    db.execute("DELETE FROM user_session WHERE user_id = ? AND token_hash IS NOT ?", [account_id, keep])


# Login bookkeeping is security data, not part of the record: it is not in the change log, and failed
# attempts are kept only for the throttling window.


def record_login(db, account_id, address, token_hash, label, lifetime):
    """Note a successful login: open its session, forget its address's failed attempts and expired sessions."""
    stamp = time.time()
    with transaction(db):
        db.execute("UPDATE user SET last_login_at = ? WHERE id = ?", [now(), account_id])
        # Only this address's attempts: someone else's failures elsewhere keep counting against them.
        db.execute(
            "DELETE FROM login_attempt WHERE email = (SELECT email FROM user WHERE id = ?) AND address = ?",
            [account_id, address],
        )
        # Expired sessions go here, lazily: a login is rare enough, and the user loader refuses them anyway.
        db.execute("DELETE FROM user_session WHERE last_seen_at < ?", [stamp - lifetime])
        db.execute(
            "INSERT INTO user_session (token_hash, user_id, created_at, last_seen_at, label) VALUES (?, ?, ?, ?, ?)",
            [token_hash, account_id, stamp, stamp, label],
        )


def end_session(db, token_hash):
    """Log one session out: delete its row, leaving the account's other sessions as they are."""
    with transaction(db):
        db.execute("DELETE FROM user_session WHERE token_hash = ?", [token_hash])


def touch_session(db, token_hash, stamp):
    """Note that a session was used at `stamp`, which keeps it from expiring."""
    with transaction(db):
        db.execute("UPDATE user_session SET last_seen_at = ? WHERE token_hash = ?", [stamp, token_hash])


def record_login_attempt(db, email, address, window):
    """Count a login attempt (removed again if it succeeds) and forget attempts older than the window (seconds)."""
    stamp = time.time()
    with transaction(db):
        db.execute("DELETE FROM login_attempt WHERE at < ?", [stamp - window])
        db.execute(
            "INSERT INTO login_attempt (at, email, address) VALUES (?, ?, ?)", [stamp, email.strip().lower(), address]
        )
