"""Write operations: one function per change, each one transaction that includes its change_log rows."""

import json
from collections import Counter
from datetime import UTC, datetime

from . import status as status_rules
from .db import rows, transaction

# The columns each table may be written through; table and column names never come from input.
COLUMNS = {
    "city": ("slug", "name", "state", "ocd_id", "lat", "lon", "council_seats", "notes", "updated_at"),
    "motion": (
        "city_id",
        "kind",
        "identifier",
        "title",
        "summary",
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
    "source": ("url", "title", "publisher", "published_on", "accessed_on"),
    "citation": ("table_name", "row_id", "source_id", "note"),
}
VOTE_OPTIONS = ("yes", "no", "abstain", "absent", "excused")


class RecordError(ValueError):
    """A write that the rules refuse; the message is meant for the person who asked for it."""


def now():
    """Return the current UTC time as the ISO text stored in timestamps."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_columns(table, values):
    """Refuse any table or column that is not in COLUMNS."""
    unknown = set(values) - set(COLUMNS[table])
    if unknown:
        raise KeyError(f"not columns of {table}: {sorted(unknown)}")


def fetch(db, table, row_id):
    """Return one row as a dict, or None."""
    _check_columns(table, {})
    found = rows(db, f"SELECT * FROM [{table}] WHERE id = ?", [row_id])
    return found[0] if found else None


def log_change(db, user_id, table, row_id, op, before, after):
    """Write the change_log row for one changed row."""
    db.execute(
        "INSERT INTO change_log (at, user_id, table_name, row_id, op, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            now(),
            user_id,
            table,
            row_id,
            op,
            None if before is None else json.dumps(before, sort_keys=True),
            None if after is None else json.dumps(after, sort_keys=True),
        ],
    )


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
    """Delete one row, logging what it held."""
    _check_columns(table, {})
    with transaction(db):
        before = fetch(db, table, row_id)
        if before is None:
            raise RecordError(f"no {table} with id {row_id}")
        db.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
        log_change(db, user_id, table, row_id, "delete", before, None)


def refresh_motion(db, motion_id, user_id=None):
    """Re-derive a motion's status and dates from its actions and mark it updated now."""
    actions = rows(db, "SELECT id, date, classification FROM action WHERE motion_id = ?", [motion_id])
    derived = status_rules.derive(actions)
    update(
        db,
        "motion",
        motion_id,
        {
            "status": derived.status,
            "introduced_on": derived.introduced_on,
            "decided_on": derived.decided_on,
            "updated_at": now(),
        },
        user_id,
    )


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


def tally(members):
    """Count a roll call's members by option."""
    counts = Counter(option for _name, option in members)
    return {option: counts.get(option, 0) for option in VOTE_OPTIONS}


def add_vote(db, motion_id, values, members=(), user_id=None):
    """Add a vote with its optional roll call (name, option) pairs; return the vote's id."""
    values = dict(values)
    if members:
        counted = tally(members)
        for option in VOTE_OPTIONS:
            if values.get(option) is None:
                values[option] = counted[option]
            elif values[option] != counted[option]:
                raise RecordError(f"the roll call has {counted[option]} {option} but the count says {values[option]}")
    with transaction(db):
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


def cite(db, table, row_id, source_id, note=None, user_id=None):
    """Record that a source supports a row, with what it says in a few words; return the citation id."""
    return insert(
        db, "citation", {"table_name": table, "row_id": row_id, "source_id": source_id, "note": note}, user_id
    )
