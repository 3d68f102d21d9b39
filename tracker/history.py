"""The record's history in council terms: the sentence that says what a changeset did, from its change_log rows.

No Flask here. A sentence never holds an email address, a password or a name that is not public: people are named
by role on the pages that show a sentence, and testimony is "a testimony".
"""

import json

from . import status as status_rules
from .formatting import long_date

# Rows that only follow from others: a motion's derived status and dates, a roll call's members (said with their
# vote), a source (said with the citation that uses it).
DERIVED_MOTION_FIELDS = {"status", "introduced_on", "decided_on", "updated_at"}
LIMIT = 1000


def only_derived(row):
    """Whether a motion update changed nothing but what its actions derive."""
    before, after = row["before"] or {}, row["after"] or {}
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    return row["table"] == "motion" and row["op"] == "update" and changed <= DERIVED_MOTION_FIELDS


def motion_name(db, motion_id):
    """“Title” (Place, ST) of a motion, from the database or, once removed, from its last logged version."""
    found = db.execute(
        "SELECT motion.title, city.name, city.state FROM motion JOIN city ON city.id = motion.city_id "
        "WHERE motion.id = ?",
        [motion_id],
    ).fetchone()
    if found is None:
        logged = db.execute(
            "SELECT coalesce(before, after) FROM change_log WHERE table_name = 'motion' AND row_id = ? "
            "ORDER BY id DESC LIMIT 1",
            [motion_id],
        ).fetchone()
        return f"“{json.loads(logged[0])['title']}”" if logged else "a motion since removed"
    return f"“{found[0]}” ({found[1]}, {found[2]})"


def motion_of(db, table, data):
    """The motion id a logged row belongs to (None for places, sources and accounts)."""
    if table == "motion":
        return data["id"]
    if table in ("action", "vote", "hearing"):
        return data["motion_id"]
    if table == "vote_member":
        found = db.execute("SELECT motion_id FROM vote WHERE id = ?", [data["vote_id"]]).fetchone()
        return found[0] if found else None
    if table == "testimony":
        found = db.execute("SELECT motion_id FROM hearing WHERE id = ?", [data["hearing_id"]]).fetchone()
        return found[0] if found else None
    return None


def what(db, row):
    """Name the record a row holds, as a reader would: 'the action “Passed, April 16, 2018” on “…” (Durham, NC)'."""
    table, data = row["table"], row["after"] or row["before"]
    if table == "city":
        return f"the place {data['name']}, {data['state']}"
    if table == "motion":
        return f"the measure {motion_name(db, data['id'])}"
    if table == "source":
        return f"the source “{data['title']}”"
    if table == "user":
        return f"an {data['role']} account"
    if table == "submission":
        return "a submission for review"
    on = motion_name(db, motion_of(db, table, data)) if motion_of(db, table, data) else "a motion since removed"
    if table == "action":
        return f"the action “{status_rules.label(data['classification'])}, {long_date(data['date'])}” on {on}"
    if table == "vote":
        counts = f" {data['yes']}–{data['no']}" if data["yes"] is not None and data["no"] is not None else ""
        result = "passed" if data["result"] == "pass" else "failed"
        return f"the vote of {long_date(data['date'])} ({result}{counts}) on {on}"
    if table == "hearing":
        return f"the hearing of {long_date(data['date'])} ({data['body']}) on {on}"
    if table == "testimony":
        return f"a testimony on {on}"
    if table == "vote_member":
        return f"a roll call entry on {on}"
    if table == "citation":
        return "a citation"
    return f"a {table} row"


def source_name(db, source_id):
    """How a source is named in a sentence: its publisher, or its title."""
    found = db.execute("SELECT publisher, title FROM source WHERE id = ?", [source_id]).fetchone()
    return (found[0] or f"“{found[1]}”") if found else "a source since removed"


# A sentence names at most this many changes and sources; a large import is summed up, not listed, so writing its
# sentence costs a few queries however many rows it wrote.
SHOWN_CHANGES = 6
SHOWN_SOURCES = 3


def decoded(row):
    """A change_log row (id, table, row id, op, before, after) as a dict, before/after decoded."""
    return {
        "id": row[0],
        "table": row[1],
        "row_id": row[2],
        "op": row[3],
        "before": json.loads(row[4]) if row[4] else None,
        "after": json.loads(row[5]) if row[5] else None,
    }


def describe(db, changeset_id):
    """Say in council terms what a changeset did, e.g. 'Added the action “Passed, April 16, 2018” on … citing …'.

    The change log is read as a stream and only the rows a sentence names are decoded, so describing an import
    of 100,000 rows takes little time and memory (it runs inside the import's transaction).
    """
    kind, reverts = db.execute("SELECT kind, reverts FROM changeset WHERE id = ?", [changeset_id]).fetchone()
    cited = [
        source_id
        for (source_id,) in db.execute(
            "SELECT json_extract(after, '$.source_id') FROM change_log "
            "WHERE changeset_id = ? AND table_name = 'citation' AND op = 'insert' ORDER BY id",
            [changeset_id],
        )
    ]
    cited_set = set(cited)
    with_roll_call = {
        vote_id
        for (vote_id,) in db.execute(
            "SELECT json_extract(coalesce(after, before), '$.vote_id') FROM change_log "
            "WHERE changeset_id = ? AND table_name = 'vote_member'",
            [changeset_id],
        )
    }
    shown, count = [], 0
    for row in db.execute(
        "SELECT id, table_name, row_id, op, before, after FROM change_log "
        "WHERE changeset_id = ? AND table_name NOT IN ('citation', 'vote_member') ORDER BY id",
        [changeset_id],
    ):
        _id, table, row_id, op = row[:4]
        if table == "source" and op == "insert" and row_id in cited_set:
            continue
        if table == "submission" and op == "update":  # an approval says so in its kind
            continue
        if table == "motion" and op == "update" and only_derived(decoded(row)):
            continue
        count += 1
        if len(shown) < SHOWN_CHANGES:
            shown.append(decoded(row))
    phrases = [phrase(db, row, with_roll_call) for row in shown]
    if count > SHOWN_CHANGES:
        phrases.append(f"and {count - SHOWN_CHANGES} more changes")
    sources = list(dict.fromkeys(cited))
    if sources:
        names = ", ".join(source_name(db, source_id) for source_id in sources[:SHOWN_SOURCES])
        more = len(sources) - SHOWN_SOURCES
        phrases.append(f"citing {names}" + (f" and {more} more" if more > 0 else ""))
    sentence = "; ".join(phrases) or "changed nothing a reader sees"
    if kind == "revert" and reverts:
        sentence = f"reverted changeset {reverts}: {sentence}"
    sentence = sentence[:1].upper() + sentence[1:] + "."
    return sentence if len(sentence) <= LIMIT else sentence[: LIMIT - 1] + "…"


def phrase(db, row, with_roll_call):
    """Say what one row's change did: 'added the vote of … with its roll call', 'corrected the place … (notes)'."""
    verb = {"insert": "added", "update": "corrected", "delete": "removed"}[row["op"]]
    text = f"{verb} {what(db, row)}"
    if row["op"] == "update" and row["table"] not in ("user", "submission"):
        fields = changed_fields(row)
        text += f" ({', '.join(fields)})" if fields else ""
    if row["table"] == "vote" and row["row_id"] in with_roll_call:
        text += " with its roll call"
    return text


def changed_fields(row):
    """The names of the fields an update changed (never their private values)."""
    before, after = row["before"] or {}, row["after"] or {}
    return [k.replace("_", " ") for k in after if k != "id" and before.get(k) != after.get(k)]
