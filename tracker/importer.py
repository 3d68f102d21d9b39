"""CSV import in the format of /exports/motions.csv: every row validated by the forms' rules first, then all
rows written in one transaction (or, for a dry run, written and rolled back to count what would change).
"""

import csv
import io
import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from werkzeug.datastructures import MultiDict

from . import forms, geo, queries, records
from . import status as status_rules
from .exports import MOTION_COLUMNS, MOTION_FIELDS, unsafe_cell

REQUIRED = ("city", "state", "title", "kind")
# The columns that place a place: its kind and coordinates (without them, a city placed from the gazetteer).
PLACE_COLUMNS = ("place_kind", "lat", "lon")
MAX_ROWS = 200_000


@dataclass
class Report:
    """What an import did (or would do), or why it was refused."""

    rows: int = 0
    errors: list = field(default_factory=list)
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    dry_run: bool = False
    # (row number, what it created, what it updated), in the file's order.
    by_row: list = field(default_factory=list)

    def summary(self):
        """Say in one sentence what was (or would be) created and updated."""
        return f"{self.rows} rows read; {self.changes(self.created, self.updated)}."

    def changes(self, created, updated):
        """'would create 1 action; would update nothing', or the past tense after a real import."""
        verb = ("would create", "would update") if self.dry_run else ("created", "updated")
        return f"{verb[0]} {listing(created)}; {verb[1]} {listing(updated)}"

    def details(self):
        """One line per row saying what it did (or would do)."""
        return [f"row {number}: {self.changes(created, updated)}" for number, created, updated in self.by_row]


def listing(counts):
    """'2 cities, 1 motion', or 'nothing'."""
    parts = [f"{n} {table if n == 1 else plural(table)}" for table, n in sorted(counts.items()) if n]
    return ", ".join(parts) or "nothing"


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
    """Parse CSV text into (header, [(row number, cells)], errors); neutralised formula cells are read back.

    Rows are numbered as a spreadsheet shows them: the header is row 1, and blank lines count.
    """
    if text.startswith("\ufeff"):  # a byte-order mark from spreadsheet programs
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    errors, rows = [], []
    try:
        header = [cell.strip() for cell in next(reader, [])]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            errors.append(f"row 1: the header lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
        unknown = [c for c in header if c not in MOTION_COLUMNS]
        if unknown:
            errors.append(
                f"row 1: unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
                f"(the columns are: {', '.join(MOTION_COLUMNS)})"
            )
        if errors:
            return header, rows, errors
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                errors.append(f"row {number}: more cells than columns in the header")
                continue
            cells = cells + [""] * (len(header) - len(cells))
            rows.append((number, {k: unsafe_cell(v.strip()) for k, v in zip(header, cells, strict=True)}))
            if len(rows) > MAX_ROWS:
                errors.append(f"row {number}: a file can have at most {MAX_ROWS:,} rows")
                break
    except csv.Error as error:
        errors.append(f"row {reader.line_num + 1}: the CSV cannot be read ({error})")
    return header, rows, errors


def form_errors(number, form, columns):
    """Turn a form's errors into 'row N, column X: message' lines (columns maps field names to columns)."""
    lines = []
    for name, messages in form.errors.items():
        if name == "":  # form-level
            continue
        for message in messages:
            choices = getattr(form[name], "choices", None)
            if message == "Not a valid choice." and isinstance(choices, dict):
                # A file holds codes: say which ones it may hold.
                allowed = ", ".join(code for code in choices if code)
                message = f"Not a valid choice: use one of {allowed}."
            lines.append(f"row {number}, column {columns.get(name, name)}: {message}")
    for message in form.form_errors:
        lines.append(f"row {number}, column {columns.get('', 'yes')}: {message}")
    return lines


def check(form_class, data, number, columns, context=None):
    """Validate data with one of the editor's forms (CSRF off); return (form, error lines)."""
    form = form_class(formdata=MultiDict(data), meta={"csrf": False}, context=context or {})
    return form, ([] if form.validate() else form_errors(number, form, columns))


# What a file without these columns means: every record before them was a city council's measure to end exchanges.
MOTION_DEFAULTS = {"aim": "restrict", "body": "City Council"}
COUNTS = status_rules.VOTE_OPTIONS


def check_city(db, raw, number, cities):
    """Validate a row's city; return (slug, error lines), remembering each city in `cities` by slug.

    A place is named as the gazetteer names it, so 'Saint Louis' and 'St. Louis' are one city. A row may give
    council_seats, place_kind or coordinates for a recorded place (a correction); rows that disagree are refused.
    """
    name, state = raw.get("city", ""), raw.get("state", "").upper()
    canonical = geo.canonical_name(name, state) if name and state else None
    slug = geo.slug(canonical or name, state) if name and state else ""
    seats_text = raw.get("council_seats", "")
    placed = tuple(raw.get(column, "") for column in PLACE_COLUMNS)
    known = cities.get(slug)
    if known is not None and not seats_text and not any(placed):
        return slug, []
    recorded = queries.city_by_slug(db, slug) if known is None else None
    # The form's seat rule: a recorded place keeps at least as many seats as its largest recorded vote counted.
    largest = (queries.largest_vote(db, recorded["id"]) if recorded else 0) if known is None else known["largest_vote"]
    data = {
        "name": canonical or name,
        "state": state,
        # Without a kind or coordinates (older files have neither column), a recorded place keeps its own and a
        # new one is a city placed from the gazetteer.
        "kind": raw.get("place_kind") or (recorded["kind"] if recorded else "city"),
        "lat": raw.get("lat", ""),
        "lon": raw.get("lon", ""),
        "council_seats": seats_text or (str(recorded["council_seats"] or "") if recorded else ""),
    }
    city_form, problems = check(
        forms.CityForm,
        data,
        number,
        {"name": "city", "slug": "city", "kind": "place_kind"},
        # Only a seat count the row gives is checked against the votes (a blank one keeps the recorded seats).
        {"slug_taken": lambda _slug: False, "in_csv": True, "largest_vote": largest if seats_text else 0},
    )
    if problems:
        return slug, problems
    seats = city_form.council_seats.data
    if known is None:
        values = city_form.payload()["values"]
        cities[slug] = {
            "slug": slug,
            "values": values,
            "seats": seats,
            "seats_from": number if seats_text else None,
            "placed": placed,
            "placed_from": number if any(placed) else None,
            "largest_vote": largest,
        }
        return slug, []
    if any(placed):
        if known["placed_from"] and placed != known["placed"]:
            return slug, [
                f"row {number}, column place_kind: row {known['placed_from']} gives {known['values']['name']}, "
                f"{state} the kind and coordinates {', '.join(known['placed'])}; this row gives {', '.join(placed)}."
            ]
        if not known["placed_from"]:
            known.update(values=city_form.payload()["values"], placed=placed, placed_from=number)
    if not seats_text:
        return slug, []
    if known["seats_from"] and seats != known["seats"]:
        return slug, [
            f"row {number}, column council_seats: row {known['seats_from']} gives {known['seats']} "
            f"seats for {known['values']['name']}, {state}; this row gives {seats}."
        ]
    else:
        known.update(seats=seats, seats_from=known["seats_from"] or number)
    return slug, []


def check_motion(raw, number, slug, motions):
    """Validate a row's motion; rows of one motion (same city and title) must agree on its fields."""
    motion_form, problems = check(
        forms.MotionForm,
        {"city_id": "0", **{k: raw[k] if k in raw else MOTION_DEFAULTS.get(k, "") for k in MOTION_FIELDS}},
        number,
        {},
        {"cities": [(0, slug)]},
    )
    if problems:
        return None, problems
    values = {k: v for k, v in motion_form.payload()["values"].items() if k != "city_id"}
    first = motions.setdefault((slug, values["title"]), (number, values))
    for name in MOTION_FIELDS:
        if first[1][name] != values[name]:
            return None, [f"row {number}, column {name}: row {first[0]} gives this motion a different {name}."]
    return values, []


def validate(db, rows):
    """Validate every row with the forms' rules; return (validated rows, error lines)."""
    validated, errors = [], []
    cities, motions = {}, {}
    for number, raw in rows:
        slug, line_errors = check_city(db, raw, number, cities)
        motion, problems = check_motion(raw, number, slug, motions)
        line_errors += problems

        action = None
        if any(raw.get(k) for k in ("date", "status", "description")):
            description = raw.get("description") or (
                f"{status_rules.label(raw['status'])}." if raw.get("status") in status_rules.CLASSIFICATIONS else ""
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
        if raw.get("vote_result") or any(raw.get(k) for k in COUNTS):
            if not raw.get("date"):
                line_errors.append(f"row {number}, column date: a vote needs the date of its action")
            else:
                city = cities.get(slug)
                vote_form, problems = check(
                    forms.VoteForm,
                    {"date": raw["date"], "result": raw.get("vote_result", ""), **{k: raw.get(k, "") for k in COUNTS}},
                    number,
                    {"result": "vote_result"},
                    {
                        "seats": city["seats"] if city else None,
                        "city_name": raw.get("city") or "The city",
                        "actions": [],
                    },
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
        # The city's entry is shared by its rows, so a seat count given on any row applies to all of them.
        validated.append(Row(number, cities[slug], motion, action, vote, sources))
    # Votes are checked against the seats the whole file gives a city, not only the rows before them.
    for row in validated:
        seats = row.city["seats"]
        total = sum((row.vote or {}).get(k) or 0 for k in COUNTS)
        if seats is not None and total > seats:
            errors.append(
                f"row {row.number}, column yes: {row.city['values']['name']} has {seats} "
                f"council seats; these counts add up to {total}."
            )
    return validated, errors


def apply_row(db, row, progress):
    """Write one validated row: find or create its city, motion, action and vote, and cite its sources."""
    city, slug = row.city, row.city["slug"]
    if slug not in progress["city_ids"]:
        found = queries.city_by_slug(db, slug)
        if found is None:
            progress["city_ids"][slug] = records.create_city(db, {**city["values"], "council_seats": city["seats"]})
        else:
            progress["city_ids"][slug] = found["id"]
            corrections = {"council_seats": city["seats"]} if found["council_seats"] != city["seats"] else {}
            if city["placed_from"]:
                given = {k: city["values"][k] for k in ("kind", "lat", "lon")}
                corrections.update({k: v for k, v in given.items() if found[k] != v})
            if corrections:
                records.update_city(db, found["id"], corrections)
    city_id = progress["city_ids"][slug]
    motion_id = queries.motion_id(db, city_id, row.motion["title"])
    if motion_id:
        records.update_motion(db, motion_id, row.motion)
    else:
        motion_id = records.create_motion(db, {**row.motion, "city_id": city_id, "published": 1})
    cited_table, cited_id = "motion", motion_id
    if row.action:
        # The n-th row for a motion, date and status is its n-th such action, so same-day actions stay apart.
        key = (motion_id, row.action["date"], row.action["classification"])
        position = progress["seen"][key] = progress["seen"].get(key, -1) + 1
        existing = queries.action_ids(db, *key)
        if position < len(existing):
            action_id = existing[position]
            records.update_part(db, "action", action_id, {"description": row.action["description"]})
        else:
            action_id = records.add_action(db, motion_id, row.action)
        cited_table, cited_id = "action", action_id
        if row.vote:
            counts = {k: row.vote[k] for k in ("result", *COUNTS)}
            vote_id = queries.vote_of_action(db, action_id)
            if vote_id:
                records.update_vote(db, vote_id, counts, queries.vote_members(db, vote_id))
            else:
                records.add_vote(db, motion_id, {**counts, "date": row.vote["date"], "action_id": action_id})
    for url in row.sources:
        records.cite_source(
            db, cited_table, cited_id, {"url": url, "title": url, "publisher": None, "published_on": None, "note": None}
        )


def tally_changes(changes, new_rows):
    """Count changed rows by table as (created, updated); a row this import created is not also 'updated'."""
    created, updated = Counter(), Counter()
    for table, row_id, op in changes:
        if op == "insert":
            new_rows.add((table, row_id))
            created[table] += 1
        elif (table, row_id) not in new_rows:
            updated[table] += 1
            new_rows.add((table, row_id))  # counted once, however many times the import touches it
    return created, updated


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
    try:
        with records.changeset(db, None, "import"):
            progress = {"city_ids": {}, "seen": {}}
            new_rows = set()
            for row in validated:
                before = queries.latest_change_id(db)
                try:
                    apply_row(db, row, progress)
                except (records.RecordError, sqlite3.IntegrityError) as error:
                    reason = records.refused(error) if isinstance(error, sqlite3.IntegrityError) else error
                    raise records.RecordError(f"row {row.number}: {reason}") from error
                created, updated = tally_changes(queries.changed_rows_since(db, before), new_rows)
                report.by_row.append((row.number, created, updated))
                report.created.update(created)
                report.updated.update(updated)
            if dry_run:
                raise DryRun
    except DryRun:
        pass
    except (records.RecordError, sqlite3.IntegrityError) as error:
        report.errors.append(f"nothing was written: {error}")
    return report
