"""Open-data writers as pure functions (JSON shapes, CSV, GeoJSON, Atom), and the routes that serve them.

Only published motions and consented testimony names reach these functions: the queries they are given
already filter them.
"""

import csv
import hashlib
import io
import json
import os
import sqlite3
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, request, send_file

from . import caching, places, queries
from . import status as status_rules
from .db import connect, get_db, public_version
from .text import xml_text

bp = Blueprint("exports", __name__)

# A spreadsheet would run a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# The columns of /exports/motions.csv, which is also the import format (one row per action; a motion without
# actions has one row with the action columns empty). Vote columns hold the vote that decided that action.
# A motion's own columns, which the importer reads back with the motion form.
MOTION_FIELDS = (
    "title",
    "kind",
    "aim",
    "body",
    "identifier",
    "summary",
    "excerpt",
    "scope_note",
    "campaign",
    "petition_signatures",
)
MOTION_COLUMNS = (
    "city",
    "state",
    "place_kind",
    "lat",
    "lon",
    "council_seats",
    *MOTION_FIELDS,
    "date",
    "status",
    "description",
    "vote_result",
    "yes",
    "no",
    "abstain",
    "absent",
    "excused",
    "source_url",
)
VOTE_COLUMNS = (
    "city",
    "state",
    "motion_id",
    "title",
    "vote_id",
    "date",
    "result",
    "yes",
    "no",
    "abstain",
    "absent",
    "excused",
    "member_name",
    "member_option",
)


# JSON shapes, shared by the API.


def citations_json(citations):
    """Shape citations as OCD-style sources: the source's fields, what it says, and the field it supports."""
    return [
        {
            **{k: c["source"][k] for k in ("url", "title", "headline", "publisher", "published_on")},
            "field": c["field"],
            "note": c["note"],
        }
        for c in citations
    ]


def aim_json(aim, status):
    """Shape a measure's aim and what its status means for it."""
    category = status_rules.category(status, aim)
    return {
        "aim": aim,
        "aim_label": status_rules.AIMS[aim].label,
        "outcome": category,
        "outcome_label": status_rules.CATEGORIES[category].label,
    }


def city_ref(base, slug, name, state):
    """Shape a short reference to a city."""
    return {"slug": slug, "name": name, "state": state, "url": f"{base}/cities/{slug}"}


def motion_summary_json(base, row):
    """Shape a motion of a list."""
    return {
        "id": row["id"],
        "url": f"{base}/motions/{row['id']}",
        "api_url": f"{base}/api/v1/motions/{row['id']}",
        "title": row["title"],
        "kind": row["kind"],
        "body": row["body"],
        "identifier": row["identifier"],
        "status": row["status"],
        **aim_json(row["aim"], row["status"]),
        "introduced_on": row["introduced_on"],
        "decided_on": row["decided_on"],
        "last_action_on": row["last_action_on"],
        "updated_at": row["updated_at"],
        "city": city_ref(base, row["city_slug"], row["city_name"], row["city_state"]),
        "votes": [vote_summary_json(v) for v in row["votes"]],
    }


def vote_summary_json(vote):
    """Shape a vote's date, result and counts."""
    return {
        "date": vote["date"],
        "result": vote["result"],
        "counts": {o: vote[o] for o in ("yes", "no", "abstain", "absent", "excused")},
    }


def city_json(base, city, motions=None):
    """Shape a place with its counts, and with motions when they are given (a bounded list of them)."""
    shaped = {
        **{
            k: city[k] for k in ("slug", "name", "kind", "state", "ocd_id", "lat", "lon", "council_seats", "updated_at")
        },
        "category": city["category"],
        "url": f"{base}/cities/{city['slug']}",
        "api_url": f"{base}/api/v1/cities/{city['slug']}",
        "motion_count": city["motion_count"],
        "status_counts": city["status_counts"],
        "motions_url": f"{base}/api/v1/motions?{urlencode({'city': city['slug']})}",
    }
    if motions is not None:
        shaped["motions"] = [
            {
                "id": m["id"],
                "title": m["title"],
                "kind": m["kind"],
                "body": m["body"],
                "status": m["status"],
                **aim_json(m["aim"], m["status"]),
                "last_action_on": m["last_action_on"],
                "api_url": f"{base}/api/v1/motions/{m['id']}",
            }
            for m in motions
        ]
    return shaped


def motion_json(base, motion):
    """Shape a whole motion record (as queries.get_motion returns it)."""
    city = motion["city"]
    return {
        "id": motion["id"],
        "url": f"{base}/motions/{motion['id']}",
        "api_url": f"{base}/api/v1/motions/{motion['id']}",
        **{
            k: motion[k]
            for k in (
                "title",
                "kind",
                "body",
                "identifier",
                "summary",
                "excerpt",
                "scope_note",
                "status",
                "introduced_on",
                "decided_on",
                "last_action_on",
                "campaign",
                "petition_signatures",
                "created_at",
                "updated_at",
            )
        },
        "status_label": status_rules.label(motion["status"]),
        **aim_json(motion["aim"], motion["status"]),
        "no_news_since": motion["no_news_since"].isoformat() if motion["no_news_since"] else None,
        "city": {
            **city_ref(base, city["slug"], city["name"], city["state"]),
            "kind": city["kind"],
            "council_seats": city["council_seats"],
        },
        "sources": citations_json(motion["citations"]),
        "actions": [
            {
                **{k: a[k] for k in ("id", "date", "classification", "description")},
                "sources": citations_json(a["citations"]),
            }
            for a in motion["actions"]
        ],
        "votes": [
            {
                **{k: v[k] for k in ("id", "action_id", "date", "result")},
                "counts": {o: v[o] for o in ("yes", "no", "abstain", "absent", "excused")},
                "roll_call": v["members"],
                "roll_call_partial": v["partial"],
                "sources": citations_json(v["citations"]),
            }
            for v in motion["votes"]
        ],
        "hearings": [
            {
                **{k: h[k] for k in ("id", "date", "body", "duration_minutes", "notes")},
                "speakers": {side: h[f"speakers_{side}"] for side in ("total", "support", "oppose", "neutral")},
                "testimony": [
                    {
                        **{k: t[k] for k in ("id", "speaker_name", "affiliation", "position", "summary")},
                        "sources": citations_json(t["citations"]),
                    }
                    for t in h["testimony"]
                ],
                "sources": citations_json(h["citations"]),
            }
            for h in motion["hearings"]
        ],
    }


# CSV.


def safe_cell(value):
    """Write a value as a CSV cell: None as empty, and text a spreadsheet would run as a formula neutralised.

    Text that already starts with the quote gets one more, so that unsafe_cell can always undo exactly one.
    """
    if value is None:
        return ""
    if isinstance(value, int | float):  # a number is never a formula, negative ones included
        return str(value)
    text = str(value)
    if text.startswith((*FORMULA_START, "'")):
        return "'" + text
    return text


def unsafe_cell(text):
    """Undo safe_cell's neutralising quote when reading a cell back (so an export re-imports unchanged)."""
    if text.startswith("'") and text[1:].startswith((*FORMULA_START, "'")):
        return text[1:]
    return text


def csv_lines(columns, records):
    """Yield CSV text (RFC 4180: CRLF line ends, quoting where needed) a header and one row at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([safe_cell(record.get(c)) for c in columns])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def motion_rows(rows):
    """Shape rows of queries.motion_export_rows for motions.csv."""
    for row in rows:
        yield {**row, "status": row["classification"]}


# GeoJSON.


def geojson_chunks(base, cities):
    """Yield a FeatureCollection as text, one Point per place ([lon, lat]) with what its measures decided.

    Written a place at a time, so that memory holds one place's measures however large the record grows.
    """
    yield '{"type":"FeatureCollection","features":['
    for number, city in enumerate(cities):
        yield ("," if number else "") + json.dumps(city_feature(base, city), separators=(",", ":"))
    yield "]}"


def city_feature(base, city):
    """Return one place as a GeoJSON Feature."""
    counts = Counter(m["status"] for m in city["motions"])
    category = status_rules.CATEGORIES[city["category"]]
    latest = max(city["motions"], key=lambda m: (m["last_action_on"] or "", m["id"]), default=None)
    return {
        "type": "Feature",
        "id": city["slug"],
        "geometry": {"type": "Point", "coordinates": [city["lon"], city["lat"]]},
        "properties": {
            "name": city["name"],
            "kind": city["kind"],
            "state": city["state"],
            "slug": city["slug"],
            "url": f"{base}/cities/{city['slug']}",
            "motion_count": len(city["motions"]),
            "category": category.code,
            "category_label": category.label,
            "symbol": category.symbol,
            "status_counts": {code: counts[code] for code in status_rules.CODES if counts[code]},
            "latest_status": latest["status"] if latest else None,
            "latest_action_on": latest["last_action_on"] if latest else None,
            "motions": [
                {
                    "id": m["id"],
                    "title": m["title"],
                    "kind": m["kind"],
                    "body": m["body"],
                    "status": m["status"],
                    "status_label": status_rules.label(m["status"]),
                    **aim_json(m["aim"], m["status"]),
                    "url": f"{base}/motions/{m['id']}",
                }
                for m in city["motions"]
            ],
        },
    }


# Atom.


def feed_address():
    """The feed's own address, its id: the same whatever query string a request adds to it."""
    return site_base() + request.path


def atom_feed(base, feed_url, title, entries, updated):
    """Return an Atom document (bytes) of recent actions, newest first."""
    from feedgen.feed import FeedGenerator

    # The host a request names is part of every link: whatever it holds, the document stays XML.
    base, feed_url = xml_text(base), xml_text(feed_url)
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(xml_text(title))
    feed.link(href=feed_url, rel="self")
    feed.link(href=f"{base}/", rel="alternate")
    feed.author({"name": "tracker"})
    feed.subtitle("Council actions on police exchanges with foreign police and militaries")
    feed.updated(as_datetime(updated))
    feed.language("en")
    feed.generator("tracker")
    for row in reversed(entries):  # feedgen lists the last added first
        entry = feed.add_entry()
        url = f"{base}/motions/{row['motion_id']}"
        entry.id(f"{url}#action-{row['id']}")
        label = status_rules.label(row["classification"])
        if row["classification"] in status_rules.DECISIONS:
            # A decision says what it meant: "Passed (kept or endorsed exchanges)" is never read as a ban.
            label += f" ({status_rules.outcome(row['classification'], row['aim']).lower()})"
        entry.title(xml_text(f"{row['city_name']}, {row['city_state']}: {row['title']}: {label}"))
        entry.link(href=url)
        entry.updated(as_datetime(row["updated_at"]))
        entry.published(as_datetime(row["date"]))
        aim = status_rules.AIMS[row["aim"]].label
        entry.summary(xml_text(f"{row['date']}: {row['description']} (The measure's aim: {aim.lower()}.)"))
    return feed.atom_str(pretty=True)


def as_datetime(value):
    """Turn an ISO date or UTC timestamp into an aware datetime (the epoch for None)."""
    if not value:
        return datetime(1970, 1, 1, tzinfo=UTC)
    if len(value) == 10:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


# The whole public database as one SQLite file.

# What never leaves the site, removed from the copy in this order (children before parents): alert subscribers and
# their emails, accounts, their submissions, sessions and login attempts, the change log (who changed what, and
# every earlier version of each row), unpublished motions with everything that belongs to them, the names of
# speakers who did not consent, and the sources nothing public cites.
STRIP_PRIVATE = (
    # Email alerts: who follows what (addresses are personal data), the outbox and the emails sent. Their triggers
    # first, so that the copy's action, vote and motion tables write nowhere.
    "DROP TRIGGER alert_event_action",
    "DROP TRIGGER alert_event_vote",
    "DROP TRIGGER alert_event_status",
    "DROP TABLE alert_digest_event",
    "DROP TABLE alert_delivery",
    "DROP TABLE alert_event",
    "DROP TABLE alert_attempt",
    "DROP TABLE alert_subscription",
    "DROP TABLE change_log",
    "DROP TABLE changeset",
    "DROP TABLE submission",
    "DROP TABLE login_attempt",
    "DROP TABLE user_session",
    "DROP TABLE user",
    "DELETE FROM citation WHERE (table_name, row_id) IN (SELECT cited_motion.table_name, cited_motion.row_id "
    "FROM cited_motion JOIN motion ON motion.id = cited_motion.motion_id WHERE motion.published = 0)",
    "DELETE FROM testimony WHERE hearing_id IN (SELECT hearing.id FROM hearing "
    "JOIN motion ON motion.id = hearing.motion_id WHERE motion.published = 0)",
    "DELETE FROM vote_member WHERE vote_id IN (SELECT vote.id FROM vote "
    "JOIN motion ON motion.id = vote.motion_id WHERE motion.published = 0)",
    "DELETE FROM vote WHERE motion_id IN (SELECT id FROM motion WHERE published = 0)",
    "DELETE FROM hearing WHERE motion_id IN (SELECT id FROM motion WHERE published = 0)",
    "DELETE FROM action WHERE motion_id IN (SELECT id FROM motion WHERE published = 0)",
    "DELETE FROM motion WHERE published = 0",
    "UPDATE testimony SET speaker_name = NULL WHERE publish_name = 0",
    "DELETE FROM source WHERE id NOT IN (SELECT source_id FROM citation)",
    # Deleting rows only marks their words deleted in the search index's blocks; rebuilding drops them.
    "INSERT INTO motion_fts (motion_fts) VALUES ('rebuild')",
)


def write_public_database(source_path, dest_path):
    """Copy the database to dest_path without its private rows: only what the public site shows stays.

    The copy is made with VACUUM INTO, stripped, then vacuumed again so no deleted row survives in a free page.
    """
    dest = Path(dest_path)
    dest.parent.mkdir(parents=True, exist_ok=True)
    handle, work = tempfile.mkstemp(dir=dest.parent, suffix=".db.part")
    os.close(handle)
    os.unlink(work)  # VACUUM INTO needs a path that does not exist yet
    try:
        source = sqlite3.connect(source_path)
        try:
            source.execute("VACUUM INTO ?", [work])
        finally:
            source.close()
        copy = sqlite3.connect(work, isolation_level=None)
        try:
            copy.execute("PRAGMA foreign_keys = ON")
            copy.execute("PRAGMA journal_mode = DELETE")
            copy.execute("BEGIN")
            for statement in STRIP_PRIVATE:
                copy.execute(statement)
            copy.execute("COMMIT")
            copy.execute("VACUUM")
        finally:
            copy.close()
        os.replace(work, dest)
    finally:
        if os.path.exists(work):
            os.unlink(work)
    return dest


def public_database_path(database, version):
    """Return the cached public copy of a database for a data version, building it (dropping older ones) if needed."""
    return versioned_file(database, "public", version, ".db", write_public_database)


def versioned_file(database, kind, version, suffix, write):
    """Return the export file of one kind for this version, beside the database: written by write(database, path)
    when missing, the older versions' files removed."""
    # Absolute, because a relative DATABASE (as `make run` sets it) is relative to the working directory, while
    # send_file would read a relative path from the package's folder.
    database = Path(database).resolve()
    folder = database.parent / "exports"
    path = folder / f"{database.stem}-{kind}-{version}{suffix}"
    if not path.exists():
        folder.mkdir(exist_ok=True)
        write(database, path)
        for old in folder.glob(f"{database.stem}-{kind}-*{suffix}"):
            if old != path:
                old.unlink(missing_ok=True)
    return path


# Routes.


def site_base():
    """Return the site's absolute base URL, without a trailing slash."""
    return request.url_root.rstrip("/")


def download(body, mimetype, filename):
    """A response offered as a file download."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def streamed_csv(columns, query, shape):
    """Stream a CSV from a query on a connection of its own, open for as long as the download lasts."""
    path = current_app.config["DATABASE"]

    def generate():
        """Yield the CSV text row by row, then close the connection."""
        db = connect(path)
        try:
            yield from csv_lines(columns, shape(query(db)))
        finally:
            db.conn.close()

    return generate()


@bp.get("/exports/motions.csv")
def motions_csv():
    """Every published motion's dated history, one row per action, streamed."""
    body = streamed_csv(MOTION_COLUMNS, queries.motion_export_rows, motion_rows)
    return download(body, "text/csv", "motions.csv")


@bp.get("/exports/votes.csv")
def votes_csv():
    """Every vote on a published motion, one row per vote or per member where a roll call exists, streamed."""
    body = streamed_csv(VOTE_COLUMNS, queries.vote_export_rows, iter)
    return download(body, "text/csv", "votes.csv")


@bp.get("/exports/cities.geojson")
def cities_geojson_route():
    """Every place as a GeoJSON point with all its measures: written to a file once per version, then sent from it."""
    tag, _modified = caching.validators()
    path = geojson_path(current_app.config["DATABASE"], site_base(), tag)
    # Sent from the file (the server may hand it to the kernel); caching.py gives it its validators.
    response = send_file(path, mimetype="application/geo+json", etag=False, conditional=False, max_age=None)
    response.headers["Content-Disposition"] = 'inline; filename="cities.geojson"'
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def geojson_path(database, base, tag):
    """Return the GeoJSON file of the public record at this version and base URL, writing it first if needed."""
    base_key = hashlib.sha256(base.encode()).hexdigest()[:8]
    return versioned_file(
        database, "cities", f"{tag}-{base_key}", ".geojson", lambda source, path: write_geojson(source, base, path)
    )


def write_geojson(database, base, path):
    """Write the public record's GeoJSON to path, a place at a time (memory holds one place's measures), into a
    temporary file then renamed, so a reader never sees half a file and two writers at once do no harm."""
    fd, work = tempfile.mkstemp(dir=path.parent, prefix=".cities-", suffix=".geojson")
    db = connect(database)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.writelines(geojson_chunks(base, places.each_place_with_motions(db)))
        os.replace(work, path)
    finally:
        db.conn.close()
        Path(work).unlink(missing_ok=True)


@bp.get("/exports/tracker.db")
def public_database():
    """The whole public record as one SQLite file (no accounts, submissions, unpublished rows or private names)."""
    # Rebuilt when the public record changes, never for a change to a draft or an account.
    version = public_version(get_db())[0]
    path = public_database_path(current_app.config["DATABASE"], version)
    response = send_file(
        path,
        mimetype="application/vnd.sqlite3",
        as_attachment=True,
        download_name="tracker.db",
        etag=f"tracker-db-{version}",
        max_age=60,
        conditional=True,
    )
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/feed.atom")
def feed():
    """Recent council actions everywhere, as Atom."""
    db = get_db()
    entries = queries.recent_actions(db)
    body = atom_feed(site_base(), feed_address(), "tracker: recent council actions", entries, caching.last_changed())
    return Response(body, mimetype="application/atom+xml")


@bp.get("/cities/<slug>/feed.atom")
def city_feed(slug):
    """Recent council actions in one city, as Atom."""
    db = get_db()
    city = places.get_place(db, slug)
    if city is None:
        abort(404)
    entries = queries.recent_actions(db, city_slug=slug)
    title = f"tracker: {city['name']}, {city['state']}"
    body = atom_feed(site_base(), feed_address(), title, entries, city["updated_at"])
    return Response(body, mimetype="application/atom+xml")
