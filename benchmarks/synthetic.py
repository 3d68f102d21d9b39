"""Deterministic synthetic databases in tracker's own schema, for load benchmarks at 1,000 to 100,000+ motions.

About N/20 places (a few hold most motions), N published motions with 1-5 dated actions whose latest step is the
motion's status, and 0-2 votes each. Rows go in with executemany and the search index is filled in one statement,
so 100,000 motions take seconds, not the hours records.py would. Built files are cached, keyed by N and a hash of
everything that shapes them.
"""

import hashlib
import os
import random
import sqlite3
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from tracker import db as database
from tracker import status as vocab

HERE = Path(__file__).resolve()
STAMP = "2026-01-01T00:00:00Z"
START = date(2012, 1, 1)
SPAN_DAYS = 13 * 365
# Classifications leading to each status, in order; any step but the last may be dropped.
PATHS = {
    "campaign": ["campaign"],
    "introduced": ["campaign", "introduced"],
    "in_committee": ["introduced", "in_committee"],
    "scheduled": ["introduced", "in_committee", "scheduled"],
    "deferred": ["introduced", "in_committee", "scheduled", "deferred"],
    "passed": ["introduced", "in_committee", "scheduled", "passed"],
    "failed": ["introduced", "in_committee", "scheduled", "failed"],
    "withdrawn": ["introduced", "in_committee", "withdrawn"],
    "vetoed": ["introduced", "scheduled", "passed", "vetoed"],
    "overridden": ["introduced", "passed", "vetoed", "overridden"],
}
# Roughly how often each status shows up in the real record: many passed, some under way, few vetoes.
STATUS_WEIGHTS = {
    "campaign": 6,
    "introduced": 12,
    "in_committee": 15,
    "scheduled": 6,
    "deferred": 6,
    "passed": 30,
    "failed": 10,
    "withdrawn": 8,
    "vetoed": 4,
    "overridden": 3,
}
DESCRIPTIONS = {
    "campaign": "Organizers launched a petition asking the council to act.",
    "introduced": "Introduced at the council's regular session.",
    "in_committee": "Referred to the public safety committee.",
    "scheduled": "Placed on the agenda for a council vote.",
    "deferred": "Tabled until a later meeting.",
    "passed": "Adopted by the council.",
    "failed": "Voted down by the council.",
    "withdrawn": "Withdrawn by its sponsor.",
    "vetoed": "Vetoed by the mayor.",
    "overridden": "The council overrode the mayor's veto.",
    "event": "The police department published its annual training report.",
}
BODIES = {"city": "City Council", "town": "Town Board", "county": "Board of Supervisors"}
ROOTS = "Oak Maple Cedar River Lake Fair Green Clear Rock Pine Ash Elm Mill Stone Silver Brook Glen Hill Bridge Port"
ENDS = "field ville ton burg wood dale view ford land haven mont ridge side water vale"
STATES = "AL AZ CA CO CT FL GA IL IN MA MD MI MN MO NC NJ NY OH OR PA TN TX VA WA WI"
# "bike" turns up in about one title in twelve and a few more summaries: /search?q=bike finds about a tenth of
# the motions at every size.
TOPICS = [
    "police exchange programs with foreign militaries",
    "training trips for officers abroad",
    "the department's bike patrol exchange with a foreign police force",
    "crowd control training by foreign police",
    "sister-city police delegations",
    "surveillance technology training abroad",
    "a police leadership fellowship overseas",
    "counter-terrorism seminars run by a foreign army",
    "border policing courses abroad",
    "an officer exchange with a foreign national police",
    "conference travel paid for by foreign governments",
    "use-of-force training from abroad",
]
VERBS = ["End", "Suspend", "Restrict", "Review", "Endorse", "Fund", "Report on"]
SENTENCES = [
    "The measure names {topic}.",
    "Residents asked for a public hearing before any vote.",
    "Staff would report back within {days} days.",
    "Supporters and opponents both testified at length.",
]
BIKE_SENTENCE = "The sponsor cited a bike safety program that police already run at home."


def cache_dir():
    """Where built databases are kept between runs (BENCH_CACHE, or a folder in the temp dir)."""
    return Path(os.environ.get("BENCH_CACHE") or Path(tempfile.gettempdir()) / "tracker-bench")


def fingerprint():
    """Hash of what shapes a built database: the schema, its migrations' names, the vocabulary and this file."""
    digest = hashlib.sha256()
    for path in (database.SCHEMA_PATH, Path(vocab.__file__), HERE):
        digest.update(path.read_bytes())
    # init_db stamps user_version from the last migration's number, so a new migration changes the file.
    digest.update(" ".join(name for _v, name, _sql in database.migrations()).encode())
    return digest.hexdigest()[:12]


def ensure(n):
    """Return the path of a database with n motions, building it first when no cached one matches."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"motions-{n}-{fingerprint()}.db"
    if not path.exists():
        for old in folder.glob(f"motions-{n}-*.db"):  # built from an older schema or generator: never used again
            old.unlink()
        print(f"building {path} (once per schema change: 100,000 motions take about 20 s) ...", flush=True)
        build(n, path)
    return path


def build(n, path):
    """Build the database at path (through a temporary file, so an interrupted build leaves nothing behind)."""
    tmp = Path(f"{path}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        db = database.connect(tmp)
        database.init_db(db)
        load(db.conn, *rows(n))
        db.conn.close()
        check_schema(tmp)
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)


def rows(n):
    """Return (cities, motions, actions, votes) as tuples in column order, the same for the same n."""
    rng = random.Random(n)
    cities = make_cities(rng, max(5, n // 20))
    # Zipf-like weights: the first place gets about 1/ln(places) of all motions (thousands at 100,000).
    weights = [1 / rank for rank in range(1, len(cities) + 1)]
    homes = rng.choices(cities, weights=weights, k=n)
    motions, actions, votes = [], [], []
    for motion_id, city in enumerate(homes, start=1):
        steps = make_actions(rng, motion_id, len(actions))
        actions.extend(steps)
        derived = vocab.derive({"id": a[0], "date": a[2], "classification": a[3]} for a in steps)
        motions.append(make_motion(rng, motion_id, city, derived))
        votes.extend(make_votes(rng, motion_id, city[7], steps, len(votes)))
    return [c[:10] for c in cities], motions, actions, votes


def make_cities(rng, count):
    """Places with unique (name, state) and slugs; each tuple ends with its body's name and council seats."""
    roots, ends, states, seen, cities = ROOTS.split(), ENDS.split(), STATES.split(), set(), []
    for city_id in range(1, count + 1):
        name, state = rng.choice(roots) + rng.choice(ends), rng.choice(states)
        if (name, state) in seen:
            name = f"{name} {city_id}"  # the number keeps (name, state) and the slug unique
        seen.add((name, state))
        kind = rng.choices(list(vocab.PLACE_KINDS), weights=[8, 1, 2])[0]
        seats = rng.choice([5, 7, 9, 11, 13])
        slug = f"{name.lower().replace(' ', '-')}-{state.lower()}"
        lat, lon = round(rng.uniform(25.0, 48.5), 5), round(rng.uniform(-124.0, -67.5), 5)
        cities.append((city_id, slug, name, kind, state, lat, lon, seats, None, STAMP, BODIES[kind], seats))
    return cities


def make_actions(rng, motion_id, first_id):
    """1-5 dated actions whose latest status step is the motion's status (an event may follow it)."""
    status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
    path = PATHS[status]
    steps = [step for step in path[:-1] if rng.random() < 0.8] + [path[-1]]
    if rng.random() < 0.15:
        steps.append(vocab.EVENT)
    day = START + timedelta(days=rng.randrange(SPAN_DAYS))
    actions = []
    for i, step in enumerate(steps[:5]):
        day += timedelta(days=rng.randint(7, 90))  # strictly later each time: no ties for derive() to break
        actions.append((first_id + i + 1, motion_id, day.isoformat(), step, DESCRIPTIONS[step]))
    return actions


def make_motion(rng, motion_id, city, derived):
    """One published motion in a city, its dates and status as status.derive() reads them from the actions."""
    kind = rng.choice(list(vocab.MOTION_KINDS))
    aim = rng.choices(list(vocab.AIMS), weights=[7, 2, 1])[0]
    topic = rng.choice(TOPICS)
    title = f"{rng.choice(VERBS)} {topic} ({motion_id})"  # the id keeps (city_id, title) unique
    summary = " ".join(
        rng.choice(SENTENCES).format(topic=topic, days=rng.choice([30, 60, 90])) for _ in range(rng.randint(1, 3))
    )
    if rng.random() < 0.03:
        summary += " " + BIKE_SENTENCE
    campaign = f"{city[2]} Coalition for Safe Streets" if rng.random() < 0.3 else None
    identifier = f"{derived.last_action_on[:4]}-{motion_id}"
    updated = f"{derived.last_action_on}T12:00:00Z"
    return (
        motion_id,
        city[0],
        kind,
        aim,
        city[10],
        identifier,
        title,
        summary,
        derived.status,
        derived.introduced_on,
        derived.decided_on,
        campaign,
        updated,
        updated,
        1,
    )


def make_votes(rng, motion_id, seats, actions, first_id):
    """0-2 votes: one on the council's decision (passed, failed or overridden), maybe one in committee before."""
    votes = []
    for action_id, _motion, day, step, _text in actions:
        if step in ("passed", "failed", "overridden") or (step == "in_committee" and rng.random() < 0.3):
            if len(votes) == 2:
                break
            present = seats - rng.choice([0, 0, 1])
            majority = present // 2 + 1
            passes = step != "failed"
            yes = rng.randint(majority, present) if passes else rng.randint(0, majority - 1)
            result = "pass" if passes else "fail"
            votes.append(
                (first_id + len(votes) + 1, motion_id, action_id, day, result, yes, present - yes, 0, seats - present)
            )
    return votes


def load(conn, cities, motions, actions, votes):
    """Insert every row in one transaction, with the search index filled once at the end instead of per row."""
    conn.execute("PRAGMA synchronous = OFF")  # a half-built file is thrown away anyway
    conn.execute("BEGIN IMMEDIATE")
    # The motion_fts triggers rebuild a motion's entry on each insert (five times for five actions): dropped for
    # the load and restored from their own SQL, so the file ends exactly as schema.sql defines it.
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'motion_fts%'"
    ).fetchall()
    for name, _sql in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.executemany(
        "INSERT INTO city (id, slug, name, kind, state, lat, lon, council_seats, notes, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        cities,
    )
    conn.executemany(
        "INSERT INTO motion (id, city_id, kind, aim, body, identifier, title, summary, status, introduced_on,"
        " decided_on, campaign, created_at, updated_at, published) VALUES (" + ", ".join("?" * 15) + ")",
        motions,
    )
    conn.executemany(
        "INSERT INTO action (id, motion_id, date, classification, description) VALUES (?, ?, ?, ?, ?)", actions
    )
    conn.executemany(
        "INSERT INTO vote (id, motion_id, action_id, date, result, yes, no, abstain, absent)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        votes,
    )
    # The view's own columns, so the index holds exactly what the triggers would have put there.
    columns = ", ".join(row[1] for row in conn.execute("PRAGMA table_info(motion_search)"))
    conn.execute(f"INSERT INTO motion_fts ({columns}) SELECT {columns} FROM motion_search")
    for _name, sql in triggers:
        conn.execute(sql)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def check_schema(path):
    """Raise unless the built file's schema is exactly what init_db gives an empty database."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = database.connect(Path(tmp) / "fresh.db")
        database.init_db(fresh)
        want = schema_of(fresh.conn)
        fresh.conn.close()
    conn = sqlite3.connect(path)
    got = schema_of(conn)
    conn.close()
    if got != want:
        raise RuntimeError(f"synthetic database schema differs from schema.sql: {sorted(got ^ want)[:3]}")


def schema_of(conn):
    """The set of (type, name, sql) in sqlite_master, without ANALYZE's statistics tables."""
    return set(conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%'"))


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["1000"]:
        print(ensure(int(arg)))
