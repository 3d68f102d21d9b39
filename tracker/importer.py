"""CSV import in the format of /exports/motions.csv: every row validated by the forms' rules first, then all
rows written in one transaction (or, for a dry run, written and rolled back to count what would change).
"""

import csv
import io
import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from werkzeug.datastructures import MultiDict

from . import forms, geo, records
from . import status as status_rules
from .db import transaction
from .exports import MOTION_COLUMNS, unsafe_cell

REQUIRED = ("city", "state", "title", "kind")
MAX_ROWS = 200_000


@dataclass
class Report:
    """What an import did (or would do), or why it was refused."""

    rows: int = 0
    errors: list = field(default_factory=list)
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    dry_run: bool = False

    def summary(self):
        """Say in one sentence what was (or would be) created and updated."""

        def listing(counts):
            """'2 cities, 1 motion', or 'nothing'."""
            parts = [f"{n} {table if n == 1 else plural(table)}" for table, n in sorted(counts.items()) if n]
            return ", ".join(parts) or "nothing"

        verb = ("would create", "would update") if self.dry_run else ("created", "updated")
        return f"{self.rows} rows read; {verb[0]} {listing(self.created)}; {verb[1]} {listing(self.updated)}."


def plural(table):
    """The plural of a table's name, for reports."""
    return {"city": "cities", "testimony": "testimonies"}.get(table, table + "s")


@dataclass
class Row:
    """One validated row: what it says about a city, a motion, an action, a vote and their sources."""

    number: int
    city: dict
    motion: dict
    action: dict | None
    vote: dict | None
    sources: list


def read(text):
    """Parse CSV text into (header, rows as dicts, errors); neutralised formula cells are read back."""
    if text.startswith("\ufeff"):  # a byte-order mark from spreadsheet programs
        text = text[1:]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    errors = []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        errors.append(f"row 1: the header lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    unknown = [c for c in header if c not in MOTION_COLUMNS]
    if unknown:
        errors.append(
            f"row 1: unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
            f"(the columns are: {', '.join(MOTION_COLUMNS)})"
        )
    rows = []
    if not errors:
        for row in reader:
            if None in row:
                errors.append(f"row {reader.line_num}: more cells than columns in the header")
                continue
            rows.append({k: unsafe_cell((v or "").strip()) for k, v in row.items()})
            if len(rows) > MAX_ROWS:
                errors.append(f"row {reader.line_num}: a file can have at most {MAX_ROWS:,} rows")
                break
    return header, rows, errors


def form_errors(number, form, columns):
    """Turn a form's errors into 'row N, column X: message' lines (columns maps field names to columns)."""
    lines = []
    for name, messages in form.errors.items():
        if name == "":  # form-level
            continue
        for message in messages:
            lines.append(f"row {number}, column {columns.get(name, name)}: {message}")
    for message in form.form_errors:
        lines.append(f"row {number}, column {columns.get('', 'yes')}: {message}")
    return lines


def check(form_class, data, number, columns, context=None):
    """Validate data with one of the editor's forms (CSRF off); return (form, error lines)."""
    form = form_class(formdata=MultiDict(data), meta={"csrf": False}, context=context or {})
    return form, ([] if form.validate() else form_errors(number, form, columns))


def validate(db, rows):
    """Validate every row with the forms' rules; return (validated rows, error lines)."""
    validated, errors = [], []
    cities = {}  # slug -> (city values or None when it exists, seats)
    for number, raw in enumerate(rows, start=2):
        line_errors = []
        slug = geo.slug(raw.get("city", ""), raw.get("state", "")) if raw.get("city") and raw.get("state") else ""
        if slug not in cities:
            existing = db.execute("SELECT id, council_seats FROM city WHERE slug = ?", [slug]).fetchone()
            if existing:
                cities[slug] = (None, existing[1])
            else:
                city_form, problems = check(
                    forms.CityForm,
                    {
                        "name": raw.get("city", ""),
                        "state": raw.get("state", "").upper(),
                        "council_seats": raw.get("council_seats", ""),
                    },
                    number,
                    {"name": "city", "slug": "city"},
                    {"slug_taken": lambda _slug: False},
                )
                if problems:
                    line_errors += problems
                else:
                    cities[slug] = (city_form.payload()["values"], city_form.council_seats.data)
        city_values, seats = cities.get(slug, (None, None))

        motion_form, problems = check(
            forms.MotionForm,
            {
                "city_id": "0",
                **{
                    k: raw.get(k, "")
                    for k in ("title", "kind", "identifier", "summary", "campaign", "petition_signatures")
                },
            },
            number,
            {},
            {"cities": [(0, slug)]},
        )
        line_errors += problems

        action = None
        if any(raw.get(k) for k in ("date", "status", "description")):
            description = raw.get("description") or (
                f"{status_rules.label(raw['status'])}." if raw.get("status") in status_rules.STATUSES else ""
            )
            action_form, problems = check(
                forms.ActionForm,
                {"date": raw.get("date", ""), "classification": raw.get("status", ""), "description": description},
                number,
                {"classification": "status"},
            )
            line_errors += problems
            action = action_form.payload()["values"] if not problems else None

        vote = None
        counts = ("yes", "no", "abstain", "absent", "excused")
        if raw.get("vote_result") or any(raw.get(k) for k in counts):
            if not raw.get("date"):
                line_errors.append(f"row {number}, column date: a vote needs the date of its action")
            else:
                vote_form, problems = check(
                    forms.VoteForm,
                    {"date": raw["date"], "result": raw.get("vote_result", ""), **{k: raw.get(k, "") for k in counts}},
                    number,
                    {"result": "vote_result"},
                    {"seats": seats, "city_name": raw.get("city") or "The city", "actions": []},
                )
                line_errors += problems
                vote = vote_form.payload()["values"] if not problems else None

        sources = raw.get("source_url", "").split()
        for url in sources:
            _form, problems = check(
                forms.CitationForm,
                {"source_url": url, "source_title": url},
                number,
                {"source_url": "source_url", "source_title": "source_url"},
            )
            line_errors += problems

        if line_errors:
            errors += line_errors
            continue
        validated.append(
            Row(number, {"slug": slug, "values": city_values}, motion_form.payload()["values"], action, vote, sources)
        )
    return validated, errors


def apply_row(db, row, city_ids):
    """Write one validated row: find or create its city, motion, action and vote, and cite its sources."""
    slug = row.city["slug"]
    if slug not in city_ids:
        found = db.execute("SELECT id FROM city WHERE slug = ?", [slug]).fetchone()
        city_ids[slug] = found[0] if found else records.create_city(db, row.city["values"])
    city_id = city_ids[slug]
    values = {k: v for k, v in row.motion.items() if k != "city_id"}
    found = db.execute("SELECT id FROM motion WHERE city_id = ? AND title = ?", [city_id, values["title"]]).fetchone()
    if found:
        motion_id = found[0]
        records.update_motion(db, motion_id, values)
    else:
        motion_id = records.create_motion(db, {**values, "city_id": city_id, "published": 1})
    cited_table, cited_id = "motion", motion_id
    if row.action:
        found = db.execute(
            "SELECT id FROM action WHERE motion_id = ? AND date = ? AND classification = ?",
            [motion_id, row.action["date"], row.action["classification"]],
        ).fetchone()
        if found:
            action_id = found[0]
            records.update_part(db, "action", action_id, {"description": row.action["description"]})
        else:
            action_id = records.add_action(db, motion_id, row.action)
        cited_table, cited_id = "action", action_id
        if row.vote:
            vote = {k: v for k, v in row.vote.items() if k != "action_id"}
            found = db.execute("SELECT min(id) FROM vote WHERE action_id = ?", [action_id]).fetchone()[0]
            if found:
                records.update_part(db, "vote", found, vote)
            else:
                records.add_vote(db, motion_id, {**vote, "action_id": action_id})
    for url in row.sources:
        records.cite_source(
            db, cited_table, cited_id, {"url": url, "title": url, "publisher": None, "published_on": None, "note": None}
        )


class DryRun(Exception):
    """Raised to roll back a dry run's transaction after counting what it wrote."""


def run(db, text, dry_run=False):
    """Import CSV text; return a Report (errors mean nothing was written)."""
    report = Report(dry_run=dry_run)
    _header, rows, report.errors = read(text)
    report.rows = len(rows)
    if report.errors:
        return report
    validated, report.errors = validate(db, rows)
    if report.errors:
        return report
    start = db.execute("SELECT coalesce(max(id), 0) FROM change_log").fetchone()[0]
    try:
        with transaction(db):
            city_ids = {}
            for row in validated:
                apply_row(db, row, city_ids)
            for table, op, count in db.execute(
                "SELECT table_name, op, count(*) FROM change_log WHERE id > ? GROUP BY table_name, op", [start]
            ):
                (report.created if op == "insert" else report.updated)[table] += count
            if dry_run:
                raise DryRun
    except DryRun:
        pass
    except (records.RecordError, sqlite3.IntegrityError) as error:
        report.errors.append(f"nothing was written: {error}")
    return report
