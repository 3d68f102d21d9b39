"""Read queries: plain functions of a database returning dicts and lists, each a fixed number of queries."""

import json
import sqlite3
from collections import defaultdict

from . import status as status_rules
from .db import rows


def states_with_cities(db):
    """Return the state codes that have at least one city, sorted."""
    return [row[0] for row in db.execute("SELECT DISTINCT state FROM city ORDER BY state")]


def status_counts(db, state=None, kind=None, aim=None):
    """Count published motions by status (every status present, zero included)."""
    counts = dict.fromkeys(status_rules.CODES, 0)
    rows = db.execute(
        # No join with city unless a state is asked for: counting reads the index on (published, status) alone.
        "SELECT motion.status, count(*) FROM motion WHERE motion.published = 1 "
        "AND (:state IS NULL OR motion.city_id IN (SELECT id FROM city WHERE state = :state)) "
        "AND (:kind IS NULL OR motion.kind = :kind) AND (:aim IS NULL OR motion.aim = :aim) GROUP BY motion.status",
        {"state": state, "kind": kind, "aim": aim},
    )
    counts.update(dict(rows.fetchall()))
    return counts


# How the home list can be sorted (places.py reads the list).
SORTS = ("name", "state", "latest")


def _by_key(rows, key):
    """Group rows into lists by one of their fields."""
    grouped = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


def get_motion(db, motion_id, include_unpublished=False, private_names=False):
    """Return a motion with its city, actions, votes (with roll calls), hearings, testimony and sources.

    Speakers' names come only where publish_name allows, unless private_names (for editors) is set.
    """
    found = rows(
        db,
        "SELECT motion.*, city.slug AS city_slug, city.name AS city_name, city.state AS city_state, "
        "city.kind AS city_kind, city.council_seats AS city_council_seats "
        "FROM motion JOIN city ON city.id = motion.city_id "
        "WHERE motion.id = :id AND (:all OR motion.published = 1)",
        {"id": motion_id, "all": int(include_unpublished)},
    )
    if not found:
        return None
    motion = found[0]
    params = {"motion": motion_id, "names": int(private_names)}
    actions = rows(db, "SELECT * FROM action WHERE motion_id = :motion ORDER BY date, id", params)
    votes = rows(db, "SELECT * FROM vote WHERE motion_id = :motion ORDER BY date, id", params)
    # Roll calls and testimony are asked for only when there is a vote or a hearing (most measures have neither).
    members = _by_key(
        rows(
            db,
            "SELECT vote_member.* FROM vote_member JOIN vote ON vote.id = vote_member.vote_id "
            "WHERE vote.motion_id = :motion ORDER BY vote_member.member_name",
            params,
        )
        if votes
        else [],
        "vote_id",
    )
    hearings = rows(db, "SELECT * FROM hearing WHERE motion_id = :motion ORDER BY date, id", params)
    # A speaker's name leaves the database only with their consent (publish_name).
    testimony = _by_key(
        rows(
            db,
            "SELECT testimony.id, testimony.hearing_id, "
            "CASE WHEN testimony.publish_name = 1 OR :names THEN testimony.speaker_name END AS speaker_name, "
            "testimony.publish_name, testimony.affiliation, testimony.position, testimony.summary "
            "FROM testimony JOIN hearing ON hearing.id = testimony.hearing_id "
            "WHERE hearing.motion_id = :motion ORDER BY testimony.id",
            params,
        )
        if hearings
        else [],
        "hearing_id",
    )
    citations = _by_key(rows(db, CITATIONS, params), "cited")
    sources = {}
    for cited in citations.values():
        for citation in cited:
            sources.setdefault(citation["source_id"], _source(citation))

    def cited(table, row_id):
        """Return the citations of one row as source + note pairs (with the field each supports, if one)."""
        return [
            {"note": c["note"], "field": c["field"], "source": _source(c)}
            for c in citations.get(f"{table}:{row_id}", [])
        ]

    def roll_call(vote):
        """Return a vote's roll call and whether it names only some of the members."""
        listed = [(m["member_name"], m["option"]) for m in members.get(vote["id"], [])]
        checked = status_rules.check_roll_call(vote, listed, seats)
        return [{"name": n, "option": o} for n, o in listed], checked.partial

    derived = status_rules.derive(actions)
    seats = motion["city_council_seats"]
    motion.update(
        city={
            "slug": motion.pop("city_slug"),
            "name": motion.pop("city_name"),
            "state": motion.pop("city_state"),
            "kind": motion.pop("city_kind"),
            "council_seats": motion.pop("city_council_seats"),
        },
        category=status_rules.category(motion["status"], motion["aim"]),
        published=bool(motion["published"]),
        last_action_on=derived.last_action_on,
        no_news_since=status_rules.no_news_since(motion["status"], derived.last_action_on),
        citations=cited("motion", motion_id),
        actions=[{**a, "citations": cited("action", a["id"])} for a in actions],
        votes=[
            {
                **v,
                **dict(zip(("members", "partial"), roll_call(v), strict=True)),
                "citations": cited("vote", v["id"]),
            }
            for v in votes
        ],
        hearings=[
            {
                **h,
                "testimony": [{**t, "citations": cited("testimony", t["id"])} for t in testimony.get(h["id"], [])],
                "citations": cited("hearing", h["id"]),
            }
            for h in hearings
        ],
        sources=sorted(sources.values(), key=lambda s: (s["published_on"] or "9999", s["id"])),
    )
    return motion


# Every citation of a motion and of the rows that belong to it, in one query.
CITATIONS = """
SELECT citation.table_name || ':' || citation.row_id AS cited, citation.field, citation.note,
       source.id AS source_id, source.url, source.title, source.headline, source.publisher, source.published_on,
       source.accessed_on
FROM citation JOIN source ON source.id = citation.source_id
WHERE (citation.table_name = 'motion' AND citation.row_id = :motion)
   OR (citation.table_name = 'action' AND citation.row_id IN (SELECT id FROM action WHERE motion_id = :motion))
   OR (citation.table_name = 'vote' AND citation.row_id IN (SELECT id FROM vote WHERE motion_id = :motion))
   OR (citation.table_name = 'hearing' AND citation.row_id IN (SELECT id FROM hearing WHERE motion_id = :motion))
   OR (citation.table_name = 'testimony' AND citation.row_id IN (
        SELECT testimony.id FROM testimony JOIN hearing ON hearing.id = testimony.hearing_id
        WHERE hearing.motion_id = :motion))
ORDER BY source.published_on IS NULL, source.published_on, source.id
"""


def row_citations(db, table, row_id):
    """Return the citations of one row (a place, say) as source + note pairs."""
    found = rows(db, CITATIONS_OF_ROW, {"table": table, "row": row_id})
    return [{"note": c["note"], "field": c["field"], "source": _source(c)} for c in found]


CITATIONS_OF_ROW = """
SELECT citation.field, citation.note, source.id AS source_id, source.url, source.title, source.headline,
       source.publisher, source.published_on, source.accessed_on
FROM citation JOIN source ON source.id = citation.source_id
WHERE citation.table_name = :table AND citation.row_id = :row
ORDER BY source.published_on IS NULL, source.published_on, source.id
"""


def _source(row):
    """Shape a source from a citation row."""
    return {
        "id": row["source_id"],
        "url": row["url"],
        "title": row["title"],
        "headline": bool(row["headline"]),
        "publisher": row["publisher"],
        "published_on": row["published_on"],
        "accessed_on": row["accessed_on"],
    }


# Accounts and the editor's views.


def get_user(db, account_id):
    """Return an account row by id, or None."""
    found = rows(db, "SELECT * FROM user WHERE id = ?", [account_id])
    return found[0] if found else None


def get_user_by_email(db, email):
    """Return an account row by email (any case), or None."""
    # Emails are stored in lower case; Python's lower() folds non-ASCII letters too, which NOCASE does not.
    found = rows(db, "SELECT * FROM user WHERE email = ?", [email.strip().lower()])
    return found[0] if found else None


def list_users(db):
    """Return every account, without password hashes."""
    return rows(db, "SELECT id, email, role, active, created_at, last_login_at FROM user ORDER BY email")


def session_account(db, token_hash, since):
    """Return the active account of a session last seen at or after `since`, with that time as session_seen_at."""
    found = rows(
        db,
        "SELECT user.*, user_session.last_seen_at AS session_seen_at FROM user_session "
        "JOIN user ON user.id = user_session.user_id "
        "WHERE user_session.token_hash = ? AND user_session.last_seen_at >= ? AND user.active = 1",
        [token_hash, since],
    )
    return found[0] if found else None


def failed_logins(db, since, email=None, address=None):
    """Return the times of failed logins since a time for an email, an address, or both together, oldest first."""
    sql = {
        (True, False): "SELECT at FROM login_attempt WHERE email = ? AND at >= ? ORDER BY at",
        (False, True): "SELECT at FROM login_attempt WHERE address = ? AND at >= ? ORDER BY at",
        (True, True): "SELECT at FROM login_attempt WHERE email = ? AND address = ? AND at >= ? ORDER BY at",
    }[(email is not None, address is not None)]
    params = [value for value in (email, address) if value is not None]
    return [row[0] for row in db.execute(sql, [*params, since])]


def failure_count(db, email, since):
    """Return how many failed logins an account has had since a time, from any address."""
    return db.execute("SELECT count(*) FROM login_attempt WHERE email = ? AND at >= ?", [email, since]).fetchone()[0]


def source_is_public(db, source_id):
    """Return whether a place or a published motion (or one of its parts) cites a source."""
    sql = (
        "SELECT EXISTS (SELECT 1 FROM citation WHERE source_id = ? AND table_name = 'city') "
        "OR EXISTS (SELECT 1 FROM citation JOIN cited_motion USING (table_name, row_id) "
        "JOIN motion ON motion.id = cited_motion.motion_id WHERE citation.source_id = ? AND motion.published = 1)"
    )
    return bool(db.execute(sql, [source_id, source_id]).fetchone()[0])


def city_choices(db):
    """Return (id, 'Name, ST') pairs for every city, for select boxes."""
    return [(row[0], f"{row[1]}, {row[2]}") for row in db.execute("SELECT id, name, state FROM city ORDER BY name")]


def pending_places(db, user_id):
    """Return (submission id, 'Name, ST') for the new places an account has sent that wait for review."""
    return [
        (row[0], f"{row[1]}, {row[2]}")
        for row in db.execute(
            "SELECT id, json_extract(payload, '$.values.name'), json_extract(payload, '$.values.state') "
            "FROM submission WHERE kind = 'city' AND state = 'pending' AND json_extract(payload, '$.op') = 'create' "
            "AND user_id = ? ORDER BY id",
            [user_id],
        )
    ]


def largest_vote(db, city_id):
    """Return the most members any vote in a city counted (0 if none)."""
    return db.execute(
        "SELECT coalesce(max(coalesce(yes, 0) + coalesce(no, 0) + coalesce(abstain, 0) + coalesce(absent, 0) "
        "+ coalesce(excused, 0)), 0) FROM vote JOIN motion ON motion.id = vote.motion_id WHERE motion.city_id = ?",
        [city_id],
    ).fetchone()[0]


def slug_taken(db, slug, except_id=None):
    """Return whether another city uses this slug."""
    return db.execute("SELECT 1 FROM city WHERE slug = ? AND id IS NOT ?", [slug, except_id]).fetchone() is not None


def url_taken(db, url, except_id=None):
    """Return whether another source has this web address."""
    return db.execute("SELECT 1 FROM source WHERE url = ? AND id IS NOT ?", [url, except_id]).fetchone() is not None


def title_taken(db, city_id, title, except_id=None):
    """Return whether another motion of the city has this title."""
    return (
        db.execute(
            "SELECT 1 FROM motion WHERE city_id = ? AND title = ? AND id IS NOT ?", [city_id, title, except_id]
        ).fetchone()
        is not None
    )


def email_taken(db, email):
    """Return whether an account uses this email address."""
    return get_user_by_email(db, email) is not None


def action_choices(db, motion_id):
    """Return (id, 'date: label') pairs for a motion's actions, for linking a vote."""
    return [
        (row[0], f"{row[1]}: {status_rules.label(row[2])}")
        for row in db.execute(
            "SELECT id, date, classification FROM action WHERE motion_id = ? ORDER BY date, id", [motion_id]
        )
    ]


def row_of(db, table, row_id):
    """Return one row of a record table by id, or None."""
    sql = {
        "city": "SELECT * FROM city WHERE id = ?",
        "motion": "SELECT * FROM motion WHERE id = ?",
        "action": "SELECT * FROM action WHERE id = ?",
        "vote": "SELECT * FROM vote WHERE id = ?",
        "hearing": "SELECT * FROM hearing WHERE id = ?",
        "testimony": "SELECT * FROM testimony WHERE id = ?",
        "source": "SELECT * FROM source WHERE id = ?",
    }[table]
    found = rows(db, sql, [row_id])
    return found[0] if found else None


def vote_members(db, vote_id):
    """Return a vote's roll call as (name, option) pairs."""
    return [
        (row[0], row[1])
        for row in db.execute("SELECT member_name, option FROM vote_member WHERE vote_id = ? ORDER BY id", [vote_id])
    ]


def editor_motions(db):
    """Return every motion, published or not, with its city, newest change first."""
    return rows(
        db,
        "SELECT motion.id, motion.title, motion.status, motion.published, motion.updated_at, "
        "city.name AS city_name, city.state AS city_state, city.slug AS city_slug "
        "FROM motion JOIN city ON city.id = motion.city_id ORDER BY motion.updated_at DESC, motion.id DESC",
    )


def stale_motions(db, before):
    """Return non-final motions whose latest action is older than a date (or that have none)."""
    final = [code for code, s in status_rules.STATUSES.items() if s.final]
    return rows(
        db,
        "SELECT motion.id, motion.title, motion.status, city.name AS city_name, city.state AS city_state, "
        "(SELECT max(date) FROM action WHERE action.motion_id = motion.id) AS last_action_on "
        "FROM motion JOIN city ON city.id = motion.city_id "
        "WHERE motion.status NOT IN (SELECT value FROM json_each(?)) "
        "AND coalesce((SELECT max(date) FROM action WHERE action.motion_id = motion.id), '') < ? "
        "ORDER BY last_action_on",
        [json.dumps(final), before],
    )


SUBMISSIONS = """
SELECT submission.*, author.email AS author_email, reviewer.email AS reviewer_email,
       -- What the submission is about, named as a person would: the motion (and place) it touches, the place,
       -- the source, or for something new, the name it proposes.
       coalesce(
           CASE WHEN submission.target_id IS NULL THEN
               coalesce(json_extract(submission.payload, '$.values.title'),
                        json_extract(submission.payload, '$.values.name') || ', '
                        || json_extract(submission.payload, '$.values.state'))
           END,
           (SELECT motion.title || ' (' || city.name || ', ' || city.state || ')'
            FROM motion JOIN city ON city.id = motion.city_id
            WHERE motion.id = CASE submission.target_table
                WHEN 'motion' THEN submission.target_id
                WHEN 'hearing' THEN (SELECT motion_id FROM hearing WHERE id = submission.target_id)
                WHEN 'action' THEN (SELECT motion_id FROM action WHERE id = submission.target_id)
                WHEN 'vote' THEN (SELECT motion_id FROM vote WHERE id = submission.target_id)
                WHEN 'testimony' THEN (SELECT hearing.motion_id FROM testimony
                                       JOIN hearing ON hearing.id = testimony.hearing_id
                                       WHERE testimony.id = submission.target_id)
            END),
           (SELECT name || ', ' || state FROM city
            WHERE submission.target_table = 'city' AND id = submission.target_id),
           (SELECT title FROM source WHERE submission.target_table = 'source' AND id = submission.target_id),
           (SELECT json_extract(proposed.payload, '$.values.title') || ' (new)' FROM submission AS proposed
            WHERE submission.target_table = 'submission' AND proposed.id = submission.target_id)
       ) AS target_label
FROM submission
JOIN user AS author ON author.id = submission.user_id
LEFT JOIN user AS reviewer ON reviewer.id = submission.reviewer_id
WHERE (:state IS NULL OR submission.state = :state) AND (:user IS NULL OR submission.user_id = :user)
  AND (:id IS NULL OR submission.id = :id)
ORDER BY submission.state = 'pending' DESC, submission.created_at DESC, submission.id DESC
LIMIT :limit
"""


def submissions(db, state=None, user_id=None, limit=200):
    """Return submissions (pending first), optionally of one state or one author."""
    return rows(db, SUBMISSIONS, {"state": state, "user": user_id, "id": None, "limit": limit})


def submission(db, submission_id):
    """Return one submission with its author's and reviewer's emails, or None."""
    found = rows(db, SUBMISSIONS, {"state": None, "user": None, "id": submission_id, "limit": 1})
    return found[0] if found else None


CHANGESETS = """
SELECT changeset.*, user.email AS user_email, user.role AS user_role,
       (SELECT count(*) FROM changeset AS later WHERE later.reverts = changeset.id) AS reverted_by
FROM changeset LEFT JOIN user ON user.id = changeset.user_id
WHERE (:kind IS NULL OR changeset.kind = :kind)
  AND (:user IS NULL OR user.email = :user COLLATE NOCASE)
  AND (:id IS NULL OR changeset.id = :id)
  AND (:before_id IS NULL OR changeset.id < :before_id)
  AND ((:table IS NULL AND :op IS NULL AND :row IS NULL) OR EXISTS (
        SELECT 1 FROM change_log WHERE change_log.changeset_id = changeset.id
        AND (:table IS NULL OR change_log.table_name = :table) AND (:op IS NULL OR change_log.op = :op)
        AND (:row IS NULL OR change_log.row_id = :row)))
ORDER BY changeset.id DESC
LIMIT :limit
"""


def changesets(db, kind=None, user=None, table=None, op=None, row=None, before_id=None, changeset_id=None, limit=50):
    """Return changesets, newest first, each with its change_log rows ('changes'), filtered as the log page asks."""
    params = {
        "kind": kind,
        "user": user,
        "table": table,
        "op": op,
        "row": row,
        "before_id": before_id,
        "id": changeset_id,
        "limit": limit,
    }
    found = rows(db, CHANGESETS, params)
    changes = _by_key(
        rows(
            db,
            "SELECT * FROM change_log WHERE changeset_id IN (SELECT value FROM json_each(?)) ORDER BY id",
            [json.dumps([c["id"] for c in found])],
        ),
        "changeset_id",
    )
    for changeset in found:
        changeset["changes"] = changes.get(changeset["id"], [])
    return found


def motion_changesets(db, motion_id, limit=100):
    """Return the changesets that touched a motion or any of its parts (its citations included), newest first."""
    return rows(
        db,
        "SELECT DISTINCT changeset.*, user.role AS user_role, user.email AS user_email, "
        "(SELECT author.role FROM submission JOIN user AS author ON author.id = submission.user_id "
        "WHERE submission.id = changeset.submission_id) AS submitter_role FROM changeset "
        "LEFT JOIN user ON user.id = changeset.user_id "
        "JOIN change_log ON change_log.changeset_id = changeset.id "
        "JOIN cited_motion ON cited_motion.table_name = change_log.table_name "
        "AND cited_motion.row_id = change_log.row_id WHERE cited_motion.motion_id = ? "
        "ORDER BY changeset.id DESC LIMIT ?",
        [motion_id, limit],
    )


def changeset_sources(db, changeset_ids, motion_id):
    """Return {changeset id: [source]} for the sources each changeset cited for a motion or its parts."""
    found = rows(
        db,
        "SELECT DISTINCT change_log.changeset_id, source.id AS source_id, source.url, source.title, source.headline, "
        "source.publisher, source.published_on, source.accessed_on "
        "FROM change_log JOIN citation ON citation.id = change_log.row_id "
        "JOIN source ON source.id = citation.source_id "
        "JOIN cited_motion ON cited_motion.table_name = citation.table_name AND cited_motion.row_id = citation.row_id "
        "WHERE change_log.table_name = 'citation' AND change_log.op = 'insert' AND cited_motion.motion_id = ? "
        "AND change_log.changeset_id IN (SELECT value FROM json_each(?)) ORDER BY source.id",
        [motion_id, json.dumps(list(changeset_ids))],
    )
    grouped = defaultdict(list)
    for row in found:
        grouped[row["changeset_id"]].append(_source(row))
    return grouped


# Full-text search. Matches are marked with these control characters; formatting.highlight escapes the text
# and turns them into <mark> tags.
MARK_START, MARK_END = "\x01", "\x02"
MAX_QUERY = 200

# The best matches first (bm25 weighs a title match above one in a source's note), a page at a time; the
# highlights are made afterwards for the rows shown only, since making them for every match is what costs.
RANK = "bm25(motion_fts, 10.0, 2.0, 5.0, 5.0, 1.0, 3.0, 1.0)"
SEARCH_PAGE = (
    """
SELECT motion.id FROM motion_fts JOIN motion ON motion.id = motion_fts.rowid
WHERE motion_fts MATCH :query AND motion.published = 1
ORDER BY """
    + RANK
    + """, motion.id
LIMIT :limit OFFSET :offset
"""
)
HIGHLIGHTS = """
SELECT motion.id, motion.title, motion.kind, motion.aim, motion.body, motion.status, city.slug AS city_slug,
       city.name AS city_name, city.state AS city_state,
       highlight(motion_fts, 0, char(1), char(2)) AS title_marked,
       snippet(motion_fts, -1, char(1), char(2), ' … ', 24) AS snippet_marked
FROM motion_fts
JOIN motion ON motion.id = motion_fts.rowid
JOIN city ON city.id = motion.city_id
WHERE motion_fts MATCH :query AND motion_fts.rowid IN (SELECT value FROM json_each(:ids))
"""
COUNT_MATCHES = """
SELECT count(*) FROM motion_fts JOIN motion ON motion.id = motion_fts.rowid
WHERE motion_fts MATCH :query AND motion.published = 1
"""


def phrase(text):
    """Quote text as one FTS5 phrase, so that no character in it acts as an operator."""
    return '"' + text.replace('"', '""') + '"'


def match_expression(db, text):
    """Return what to MATCH for a search: the text itself, or its words as phrases if FTS5 cannot read it; or None.

    People may use FTS5's syntax (OR, NOT, "phrases", prefix*); most just type words.
    """
    # Control characters (NUL included) mean nothing in a search and upset SQLite.
    text = " ".join("".join(c for c in (text or "") if c.isprintable()).split())[:MAX_QUERY]
    if not text:
        return None
    try:
        # Checking costs one lookup: the rowid no motion has, which FTS5 must still parse the query to look for.
        db.execute("SELECT 1 FROM motion_fts WHERE motion_fts MATCH ? AND rowid = 0", [text]).fetchall()
        return text
    except sqlite3.OperationalError:
        words = [w for w in text.replace('"', " ").split() if w]
        return " ".join(phrase(w) for w in words) or None


def search(db, text, limit=50, offset=0):
    """Return a page of published motions matching a search, best first, with their matches marked."""
    query = match_expression(db, text)
    if query is None:
        return []
    ids = [row[0] for row in db.execute(SEARCH_PAGE, {"query": query, "limit": limit, "offset": offset})]
    found = {r["id"]: r for r in rows(db, HIGHLIGHTS, {"query": query, "ids": json.dumps(ids)})}
    return [found[i] for i in ids]


def count_matches(db, text):
    """Count the published motions a search matches."""
    query = match_expression(db, text)
    return db.execute(COUNT_MATCHES, {"query": query}).fetchone()[0] if query else 0


# Published motions matching the API's filters; shared by the page query and the count below. With a search (:query),
# the full-text index leads and its rank orders; without, the motion's id does (the primary key, so no sort).
MOTION_FILTERS = """
WHERE motion.published = 1
  AND (:status IS NULL OR motion.status = :status)
  AND (:state IS NULL OR city.state = :state)
  AND (:city IS NULL OR city.slug = :city)
  AND (:kind IS NULL OR motion.kind = :kind)
  AND (:aim IS NULL OR motion.aim = :aim)
  AND (:updated_since IS NULL OR motion.updated_at >= :updated_since)
"""
MOTION_COLUMNS = """
SELECT motion.id, motion.title, motion.kind, motion.aim, motion.body, motion.identifier, motion.status,
       motion.introduced_on, motion.decided_on, motion.updated_at, city.slug AS city_slug, city.name AS city_name,
       city.state AS city_state, city.kind AS city_kind,
       (SELECT max(action.date) FROM action WHERE action.motion_id = motion.id) AS last_action_on
"""
MOTIONS = (
    MOTION_COLUMNS
    + "FROM motion JOIN city ON city.id = motion.city_id"
    + MOTION_FILTERS
    + """
ORDER BY motion.id
LIMIT :limit OFFSET :offset
"""
)
COUNT_MOTIONS = "SELECT count(*) FROM motion JOIN city ON city.id = motion.city_id" + MOTION_FILTERS
MATCHING_MOTIONS = (
    MOTION_COLUMNS
    + """FROM motion_fts JOIN motion ON motion.id = motion_fts.rowid JOIN city ON city.id = motion.city_id"""
    + MOTION_FILTERS
    + "  AND motion_fts MATCH :query ORDER BY "
    + RANK
    + """, motion.id
LIMIT :limit OFFSET :offset
"""
)
COUNT_MATCHING_MOTIONS = (
    "SELECT count(*) FROM motion_fts JOIN motion ON motion.id = motion_fts.rowid JOIN city ON city.id = motion.city_id"
    + MOTION_FILTERS
    + "  AND motion_fts MATCH :query"
)


def list_motions(
    db, status=None, state=None, city=None, kind=None, aim=None, q=None, updated_since=None, page=1, per_page=50
):
    """Return one page of published motions matching the filters (best match first for q), and how many match."""
    params = {
        "status": status,
        "state": state,
        "city": city,
        "kind": kind,
        "aim": aim,
        "updated_since": updated_since,
        "limit": per_page,
        "offset": (page - 1) * per_page,
    }
    if q is not None:
        params["query"] = match_expression(db, q)
        if params["query"] is None:
            return [], 0
        found, total = rows(db, MATCHING_MOTIONS, params), db.execute(COUNT_MATCHING_MOTIONS, params).fetchone()[0]
    else:
        found, total = rows(db, MOTIONS, params), db.execute(COUNT_MOTIONS, params).fetchone()[0]
    votes = _by_key(
        rows(
            db,
            "SELECT * FROM vote WHERE motion_id IN (SELECT value FROM json_each(?)) ORDER BY date, id",
            [json.dumps([r["id"] for r in found])],
        ),
        "motion_id",
    )
    for row in found:
        row["votes"] = votes.get(row["id"], [])
    return found, total


def iter_rows(db, sql, params=()):
    """Yield a query's rows as dicts one at a time (for streamed exports)."""
    cursor = db.execute(sql, params)
    names = [column[0] for column in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


# One row per action of each published motion (one row with empty action columns for a motion without any), in
# a stable order: what /exports/motions.csv holds, and what import-csv reads back.
MOTION_EXPORT = """
SELECT city.name AS city, city.state, city.kind AS place_kind, city.lat, city.lon, city.council_seats,
       motion.title, motion.kind, motion.aim, motion.body, motion.identifier, motion.summary, motion.excerpt,
       motion.scope_note, motion.campaign, motion.petition_signatures,
       action.date, action.classification, action.description,
       vote.result AS vote_result, vote.yes, vote.no, vote.abstain, vote.absent, vote.excused,
       (SELECT group_concat(url, ' ') FROM (
            SELECT DISTINCT source.url FROM citation JOIN source ON source.id = citation.source_id
            WHERE source.url IS NOT NULL
              AND ((action.id IS NOT NULL AND citation.table_name = 'action' AND citation.row_id = action.id)
                OR (action.id IS NULL AND citation.table_name = 'motion' AND citation.row_id = motion.id))
            ORDER BY source.url)) AS source_url
FROM motion
JOIN city ON city.id = motion.city_id
LEFT JOIN action ON action.motion_id = motion.id
LEFT JOIN vote ON vote.id = (SELECT min(v.id) FROM vote AS v WHERE v.action_id = action.id)
WHERE motion.published = 1
ORDER BY city.state, city.name, motion.title, action.date, action.id
"""


def motion_export_rows(db):
    """Yield the rows of motions.csv."""
    return iter_rows(db, MOTION_EXPORT)


VOTE_EXPORT = """
SELECT city.name AS city, city.state, motion.id AS motion_id, motion.title, vote.id AS vote_id, vote.date,
       vote.result, vote.yes, vote.no, vote.abstain, vote.absent, vote.excused,
       vote_member.member_name, vote_member.option AS member_option
FROM vote
JOIN motion ON motion.id = vote.motion_id
JOIN city ON city.id = motion.city_id
LEFT JOIN vote_member ON vote_member.vote_id = vote.id
WHERE motion.published = 1
ORDER BY city.state, city.name, motion.title, vote.date, vote.id, vote_member.id
"""


def vote_export_rows(db):
    """Yield the rows of votes.csv."""
    return iter_rows(db, VOTE_EXPORT)


RECENT_ACTIONS = """
SELECT action.id, action.motion_id, action.date, action.classification, action.description, motion.title,
       motion.aim, motion.updated_at, city.name AS city_name, city.state AS city_state
FROM action
JOIN motion ON motion.id = action.motion_id
JOIN city ON city.id = motion.city_id
WHERE motion.published = 1 AND (:city IS NULL OR city.slug = :city)
ORDER BY action.date DESC, action.id DESC
LIMIT :limit
"""


def recent_actions(db, city_slug=None, limit=50):
    """Return the latest actions on published motions (of one city, if given), newest first."""
    return rows(db, RECENT_ACTIONS, {"city": city_slug, "limit": limit})


# Scheduled votes and dated hearings of published motions, for the calendars. Past a limit, the upcoming ones
# nearest first, then the most recent past ones, are kept; each comes with the first source that supports the row
# itself, else the first that supports the motion (read after the limit: one index lookup per event kept).
CALENDAR_EVENTS = """
WITH event AS (
    SELECT 'action' AS kind, action.id, action.motion_id, action.date, action.description AS text,
           motion.body AS body
    FROM action JOIN motion ON motion.id = action.motion_id
    WHERE action.classification = 'scheduled' AND action.date >= :since
    UNION ALL
    SELECT 'hearing', hearing.id, hearing.motion_id, hearing.date, hearing.notes, hearing.body
    FROM hearing WHERE hearing.date >= :since
), chosen AS (
    SELECT event.*, motion.title, motion.status, motion.updated_at, city.slug AS city_slug, city.name AS city_name,
           city.state AS city_state
    FROM event
    JOIN motion ON motion.id = event.motion_id
    JOIN city ON city.id = motion.city_id
    WHERE motion.published = 1 AND (:city IS NULL OR city.slug = :city)
    ORDER BY event.date < :today, iif(event.date >= :today, event.date, NULL), event.date DESC, event.kind, event.id
    LIMIT :limit
), sourced AS (
    SELECT chosen.*,
           (SELECT citation.source_id FROM citation
            WHERE citation.table_name = chosen.kind AND citation.row_id = chosen.id
            ORDER BY citation.field IS NOT NULL, citation.id LIMIT 1) AS row_source,
           (SELECT citation.source_id FROM citation
            WHERE citation.table_name = 'motion' AND citation.row_id = chosen.motion_id
            ORDER BY citation.field IS NOT NULL, citation.id LIMIT 1) AS motion_source
    FROM chosen
)
SELECT sourced.kind, sourced.id, sourced.motion_id, sourced.date, sourced.text, sourced.body, sourced.title,
       sourced.status, sourced.updated_at, sourced.city_slug, sourced.city_name, sourced.city_state,
       source.title AS source_title, source.url AS source_url, sourced.row_source IS NOT NULL AS source_of_row
FROM sourced
LEFT JOIN source ON source.id = coalesce(sourced.row_source, sourced.motion_source)
ORDER BY sourced.date, sourced.kind, sourced.id
"""


def calendar_events(db, since, today, limit, city_slug=None):
    """Return the scheduled votes and hearings of published motions dated on or after since (of one city, if given),
    by date; past limit, the upcoming ones nearest today, then the latest past ones."""
    return rows(db, CALENDAR_EVENTS, {"since": since, "today": today, "limit": limit, "city": city_slug})


# Lookups by natural key, for the seed loader and the CSV importer (which match records rather than ids).


def _first(db, sql, params):
    """Return the first column of the first row, or None."""
    row = db.execute(sql, params).fetchone()
    return row[0] if row else None


def city_id(db, slug):
    """Return the id of the city with this slug, or None."""
    return _first(db, "SELECT id FROM city WHERE slug = ?", [slug])


def city_by_slug(db, slug):
    """Return the city row with this slug, or None."""
    found = rows(db, "SELECT * FROM city WHERE slug = ?", [slug])
    return found[0] if found else None


def motion_id(db, city_id, title):
    """Return the id of a city's motion with this title, or None."""
    return _first(db, "SELECT id FROM motion WHERE city_id = ? AND title = ?", [city_id, title])


def action_ids(db, motion_id, date, classification):
    """Return the ids of a motion's actions with this date and classification, oldest first."""
    sql = "SELECT id FROM action WHERE motion_id = ? AND date = ? AND classification = ? ORDER BY id"
    return [row[0] for row in db.execute(sql, [motion_id, date, classification])]


def vote_id(db, motion_id, date, result):
    """Return the id of a motion's first vote with this date and result, or None."""
    return _first(
        db, "SELECT min(id) FROM vote WHERE motion_id = ? AND date = ? AND result = ?", [motion_id, date, result]
    )


def duplicate_action(db, motion_id, day, classification):
    """Return the label of a motion's action with this date and classification, or None."""
    found = action_ids(db, motion_id, day, classification)
    return status_rules.label(classification) if found else None


def duplicate_vote(db, motion_id, day, result):
    """Return how a motion's vote with this date and result reads ('passed 6-0'), or None."""
    row = db.execute(
        "SELECT result, yes, no FROM vote WHERE motion_id = ? AND date = ? AND result = ? ORDER BY id LIMIT 1",
        [motion_id, day, result],
    ).fetchone()
    if row is None:
        return None
    counts = f" {row[1]}–{row[2]}" if row[1] is not None and row[2] is not None else ""
    return ("passed" if row[0] == "pass" else "failed") + counts


def vote_of_action(db, action_id):
    """Return the id of the first vote that decided an action, or None."""
    return _first(db, "SELECT min(id) FROM vote WHERE action_id = ?", [action_id])


def hearing_id(db, motion_id, date, body):
    """Return the id of a motion's hearing on this date before this body, or None."""
    return _first(db, "SELECT id FROM hearing WHERE motion_id = ? AND date = ? AND body = ?", [motion_id, date, body])


def latest_change_id(db):
    """Return the id of the newest change_log row (0 for none)."""
    return db.execute("SELECT coalesce(max(id), 0) FROM change_log").fetchone()[0]


def city_count(db):
    """Count the cities (also a cheap check that the database answers)."""
    return db.execute("SELECT count(*) FROM city").fetchone()[0]


def published_motion_ids(db):
    """Yield the id of every published motion, in order."""
    for (motion_id,) in db.execute("SELECT id FROM motion WHERE published = 1 ORDER BY id"):
        yield motion_id


def place_slugs(db):
    """Yield the slug of every place (every place is public), in order."""
    for (slug,) in db.execute("SELECT slug FROM city ORDER BY slug"):
        yield slug


# Reads for the CSV import, which plans its writes before taking the write lock: one query per few hundred rows
# (SQLite caps the parameters of one statement), never one per row.
CHUNK = 500


def _chunked(db, sql, values, params=()):
    """Run sql (params, then `{marks}` for an IN list) over values in chunks; return every row as a dict."""
    values, found = list(values), []
    for start in range(0, len(values), CHUNK):
        part = values[start : start + CHUNK]
        found += rows(db, sql.format(marks=", ".join("?" for _ in part)), [*params, *part])
    return found


def motions_of_cities(db, city_ids):
    """Return {(city id, title): motion row} for every motion of these cities."""
    found = _chunked(db, "SELECT * FROM motion WHERE city_id IN ({marks})", city_ids)
    return {(row["city_id"], row["title"]): row for row in found}


def actions_of_motions(db, motion_ids):
    """Return every action of these motions, oldest first."""
    return _chunked(db, "SELECT * FROM action WHERE motion_id IN ({marks}) ORDER BY id", motion_ids)


def first_votes_of_actions(db, action_ids):
    """Return {action id: the first vote that decided it (row)} for these actions."""
    found = _chunked(db, "SELECT * FROM vote WHERE action_id IN ({marks}) ORDER BY id DESC", action_ids)
    return {row["action_id"]: row for row in found}  # the lowest id comes last, so it stays


def source_ids_by_url(db, urls):
    """Return {url: source id} for the sources with these web addresses."""
    return {row["url"]: row["id"] for row in _chunked(db, "SELECT id, url FROM source WHERE url IN ({marks})", urls)}


def whole_row_citations(db, table, row_ids):
    """Return the set of (row id, source id) of citations of whole rows (no field) of this table."""
    found = _chunked(
        db,
        "SELECT row_id, source_id FROM citation WHERE table_name = ? AND field IS NULL AND row_id IN ({marks})",
        row_ids,
        [table],
    )
    return {(row["row_id"], row["source_id"]) for row in found}
