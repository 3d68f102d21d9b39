"""CSV import in the format of /exports/motions.csv, all or nothing, in three steps that keep the write lock brief:

1. read the file as a stream and check every row with the forms' rules, keeping per place and per motion what later
   rows must agree with, and per row only the few values it writes;
2. plan the writes against the record as it is now: every read happens here, outside any transaction;
3. write the plan in one transaction (BEGIN IMMEDIATE) with its change history. If the record changed since step 2
   the plan is made again inside the transaction, or the import refused when a place in the file changed.

A dry run stops after step 2, so its counts are the plan's, the same the real import reports.
"""

import csv
import io
import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from werkzeug.datastructures import MultiDict
from wtforms.fields.core import UnboundField

from . import forms, geo, queries, records
from . import status as status_rules
from .exports import MOTION_COLUMNS, MOTION_FIELDS, unsafe_cell

REQUIRED = ("city", "state", "title", "kind")
# The columns that place a place: its kind and coordinates (without them, a city placed from the gazetteer).
PLACE_COLUMNS = ("place_kind", "lat", "lon")
MAX_ROWS = 200_000
# A report keeps this many problems and per-row lines, and says how many more there were: a file of 60,000 bad
# rows gives a page a person can read, not 60,000 lines held in memory.
MAX_ERRORS = 200
MAX_DETAILS = 500
# Plans made before the write lock, should others keep saving meanwhile; the last one is made holding the lock.
PLAN_ATTEMPTS = 3
NOT_UTF8 = "the file is not UTF-8 text; save it from your spreadsheet as CSV UTF-8."


@dataclass
class Report:
    """What an import did (or would do), or why it was refused."""

    rows: int = 0
    errors: list = field(default_factory=list)
    error_count: int = 0
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    dry_run: bool = False
    # (row number, what it created, what it updated), in the file's order, for the first MAX_DETAILS rows.
    by_row: list = field(default_factory=list)
    detail_count: int = 0

    def restart(self):
        """Forget what a plan counted, before the next plan counts again; return the report."""
        self.created, self.updated, self.by_row, self.detail_count = Counter(), Counter(), [], 0
        return self

    def refuse(self, line):
        """Note a problem (the first MAX_ERRORS are kept word for word, the rest counted)."""
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(line)

    def more_errors(self):
        """How many problems are counted but not listed."""
        return self.error_count - len(self.errors)

    def note_row(self, number, created, updated):
        """Add a row's changes to the totals, and keep its line while there are few."""
        self.created.update(created)
        self.updated.update(updated)
        self.detail_count += 1
        if len(self.by_row) < MAX_DETAILS:
            self.by_row.append((number, created, updated))

    def more_details(self):
        """How many rows' lines are counted but not listed."""
        return self.detail_count - len(self.by_row)

    def summary(self):
        """Say in one sentence what was (or would be) created and updated."""
        return f"{self.rows} rows read; {self.changes(self.created, self.updated)}."

    def changes(self, created, updated):
        """'would create 1 action; would update nothing', or the past tense after a real import."""
        verb = ("would create", "would update") if self.dry_run else ("created", "updated")
        return f"{verb[0]} {listing(created)}; {verb[1]} {listing(updated)}"

    def details(self):
        """One line per row (the first MAX_DETAILS) saying what it did (or would do)."""
        return [f"row {number}: {self.changes(created, updated)}" for number, created, updated in self.by_row]


def listing(counts):
    """'2 cities, 1 motion', or 'nothing'."""
    parts = [f"{n} {table if n == 1 else plural(table)}" for table, n in sorted(counts.items()) if n]
    return ", ".join(parts) or "nothing"


def plural(table):
    """The plural of a table's name, for reports."""
    return {"city": "cities", "testimony": "testimonies"}.get(table, table + "s")


def read(source, report):
    """Yield (row number, cells) for each row of CSV text or a text stream; problems with the file go to report.

    Rows are numbered as a spreadsheet shows them: the header is row 1, and blank lines count. Neutralised formula
    cells are read back. A stream is read as it goes, so a large file is never held whole in memory.
    """
    if isinstance(source, str):
        source = io.StringIO(source, newline="")
    reader = csv.reader(source)
    try:
        header = [cell.strip() for cell in next(reader, [])]
        if header:
            header[0] = header[0].removeprefix("\ufeff")  # a byte-order mark from spreadsheet programs
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            report.refuse(f"row 1: the header lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
        unknown = [c for c in header if c not in MOTION_COLUMNS]
        if unknown:
            report.refuse(
                f"row 1: unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
                f"(the columns are: {', '.join(MOTION_COLUMNS)})"
            )
        if report.error_count:
            return
        width = len(header)
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > width:
                report.refuse(f"row {number}: more cells than columns in the header")
                continue
            report.rows += 1
            if report.rows > MAX_ROWS:
                report.rows -= 1
                report.refuse(f"row {number}: a file can have at most {MAX_ROWS:,} rows")
                return
            cells = cells + [""] * (width - len(cells))
            yield number, {k: unsafe_cell(v.strip()) for k, v in zip(header, cells, strict=True)}
    except csv.Error as error:
        report.refuse(f"row {reader.line_num + 1}: the CSV cannot be read ({error})")
    except UnicodeDecodeError:
        report.refuse(f"row {reader.line_num + 1}: {NOT_UTF8}")


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


# Fields a row never fills and whose rules only concern what the editor's pages ask: the fields naming a source (a
# row's sources are checked with CitationForm), "separate" (asked only when the page warns of a duplicate, which the
# import never asks about), a vote's roll call and linked action (the import links a vote to its row's action).
# The forms that check a row go without them when the row gives none; left empty, they could not fail.
SOURCE_FIELDS = tuple(name for name, value in vars(forms.SourceFields).items() if isinstance(value, UnboundField))
UNUSED_FIELDS = (*SOURCE_FIELDS, "submit", "separate", "roll_call", "action_id")


class Checks:
    """The editor's forms (CSRF off), one of each reused for every row: building a form costs more than checking."""

    def __init__(self):
        """Start with no forms built."""
        self.forms = {}

    def check(self, form_class, data, number, columns, context=None):
        """Validate data with one of the editor's forms; return (form, error lines)."""
        form = self.forms.get(form_class)
        if form is None:
            form = form_class(formdata=MultiDict(data), meta={"csrf": False}, context=context or {})
            if not set(data) & set(UNUSED_FIELDS):
                for name in UNUSED_FIELDS:
                    if name in form:
                        del form[name]
            self.forms[form_class] = form
        else:
            form.context = context or {}
            form.form_errors = []
            form.process(formdata=MultiDict(data))
        return form, ([] if form.validate() else form_errors(number, form, columns))


# What a file without these columns means: every record before them was a city council's measure to end exchanges.
MOTION_DEFAULTS = {"aim": "restrict", "body": "City Council"}
COUNTS = status_rules.VOTE_OPTIONS


@dataclass
class Checked:
    """What the check of a file keeps: per place, per motion, and per row only the values it writes."""

    cities: dict = field(default_factory=dict)
    motions: dict = field(default_factory=dict)
    # (row number, city slug, motion title, (date, classification, description) or None,
    #  {result, yes, no, ...} or None, source urls)
    rows: list = field(default_factory=list)
    checks: Checks = field(default_factory=Checks)
    memo: dict = field(default_factory=dict)


def check_city(db, raw, number, checked):
    """Validate a row's city; return (slug, error lines), remembering each city in checked.cities by slug.

    A place is named as the gazetteer names it, so 'Saint Louis' and 'St. Louis' are one city. A row may give
    council_seats, place_kind or coordinates for a recorded place (a correction); rows that disagree are refused.
    """
    cities = checked.cities
    name, state = raw.get("city", ""), raw.get("state", "").upper()
    named = checked.memo.get(("place", name, state))
    if named is None:  # the gazetteer is asked once per spelling
        canonical = geo.canonical_name(name, state) if name and state else None
        named = checked.memo["place", name, state] = (
            canonical,
            geo.slug(canonical or name, state) if name and state else "",
        )
    canonical, slug = named
    seats_text = raw.get("council_seats", "")
    placed = tuple(raw.get(column, "") for column in PLACE_COLUMNS)
    known = cities.get(slug)
    if known is not None and ((not seats_text and not any(placed)) or (seats_text, placed) in known["checked"]):
        # Nothing to correct, or the same cells as a row already checked for this place: the same outcome.
        return slug, []
    recorded = queries.city_by_slug(db, slug) if known is None else known["recorded"]
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
    city_form, problems = checked.checks.check(
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
            # The place as recorded when the file was checked: the plan compares it with the place as it is then.
            "recorded": recorded,
            "checked": {(seats_text, placed)},
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
        known["checked"].add((seats_text, placed))
        return slug, []
    if known["seats_from"] and seats != known["seats"]:
        return slug, [
            f"row {number}, column council_seats: row {known['seats_from']} gives {known['seats']} "
            f"seats for {known['values']['name']}, {state}; this row gives {seats}."
        ]
    known.update(seats=seats, seats_from=known["seats_from"] or number)
    known["checked"].add((seats_text, placed))
    return slug, []


def check_motion(raw, number, slug, checked):
    """Validate a row's motion; rows of one motion (same city and title) must agree on its fields."""
    cells = tuple(raw[k] if k in raw else MOTION_DEFAULTS.get(k, "") for k in MOTION_FIELDS)
    memo_key = ("motion", slug, cells)
    if memo_key in checked.memo:  # the same cells as a row already checked: the same values
        return checked.memo[memo_key], []
    motion_form, problems = checked.checks.check(
        forms.MotionForm,
        {"city_id": "0", **dict(zip(MOTION_FIELDS, cells, strict=True))},
        number,
        {},
        {"cities": [(0, slug)]},
    )
    if problems:
        return None, problems
    values = motion_form.values(*MOTION_FIELDS)
    first = checked.motions.setdefault((slug, values["title"]), (number, values))
    for name in MOTION_FIELDS:
        if first[1][name] != values[name]:
            return None, [f"row {number}, column {name}: row {first[0]} gives this motion a different {name}."]
    checked.memo[memo_key] = first[1]
    return first[1], []


def check_row(db, raw, number, checked):
    """Validate one row; return (the values it writes as a tuple, vote total, error lines)."""
    slug, line_errors = check_city(db, raw, number, checked)
    motion, problems = check_motion(raw, number, slug, checked)
    line_errors += problems
    checks = checked.checks

    action = None
    if any(raw.get(k) for k in ("date", "status", "description")):
        description = raw.get("description") or (
            f"{status_rules.label(raw['status'])}." if raw.get("status") in status_rules.CLASSIFICATIONS else ""
        )
        action_form, problems = checks.check(
            forms.ActionForm,
            {"date": raw.get("date", ""), "classification": raw.get("status", ""), "description": description},
            number,
            {"classification": "status"},
        )
        line_errors += problems
        if not problems:
            values = action_form.values("date", "classification", "description")
            action = (values["date"], values["classification"], values["description"])

    vote = None
    if raw.get("vote_result") or any(raw.get(k) for k in COUNTS):
        if not raw.get("date"):
            line_errors.append(f"row {number}, column date: a vote needs the date of its action")
        else:
            city = checked.cities.get(slug)
            vote_form, problems = checks.check(
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
            vote = vote_form.values("date", "result", *COUNTS) if not problems else None

    sources = tuple(raw.get("source_url", "").split())
    for url in sources:
        _form, problems = checks.check(
            forms.CitationForm,
            {"source_url": url, "source_title": url},
            number,
            {"source_url": "source_url", "source_title": "source_url"},
        )
        line_errors += problems
    if line_errors:
        return None, 0, line_errors
    total = sum((vote or {}).get(k) or 0 for k in COUNTS)
    return (number, slug, motion["title"], action, vote, sources), total, []


def validate(db, rows, report):
    """Validate every row with the forms' rules; return what the plan needs (problems go to report)."""
    checked = Checked()
    totals = []
    for number, raw in rows:
        row, total, problems = check_row(db, raw, number, checked)
        for line in problems:
            report.refuse(line)
        if report.error_count:
            checked.rows = []  # nothing will be written: keep checking, without keeping rows
            continue
        checked.rows.append(row)
        if total:
            totals.append((number, row[1], total))
    # Votes are checked against the seats the whole file gives a city, not only the rows before them.
    for number, slug, total in totals:
        city = checked.cities[slug]
        if city["seats"] is not None and total > city["seats"]:
            report.refuse(
                f"row {number}, column yes: {city['values']['name']} has {city['seats']} "
                f"council seats; these counts add up to {total}."
            )
    return checked


class Stale(records.RecordError):
    """A place in the file changed between the check and the write: the check no longer holds."""


@dataclass(frozen=True)
class New:
    """A row the plan creates, by table and position: its id is known once it is written."""

    table: str
    index: int


# New actions sort after every recorded one (ids grow), in the order they are written.
NEW_ACTION_IDS = 1 << 62


@dataclass
class Plan:
    """The writes an import makes, and the row that asked for each."""

    inserts: dict = field(default_factory=lambda: {t: [] for t in ("city", "motion", "action", "vote", "source")})
    # The row number that asked for each insert, by table (to name it if SQLite refuses it).
    numbers: dict = field(default_factory=lambda: {t: [] for t in ("city", "motion", "action", "vote", "source")})
    citations: list = field(default_factory=list)
    updates: dict = field(default_factory=lambda: {t: [] for t in ("city", "action", "vote", "motion")})
    update_numbers: dict = field(default_factory=lambda: {t: [] for t in ("city", "action", "vote", "motion")})

    def insert(self, table, values, number):
        """Plan a new row; return its reference."""
        self.inserts[table].append(values)
        self.numbers[table].append(number)
        return New(table, len(self.inserts[table]) - 1)

    def update(self, table, before, values, number):
        """Plan an update of a recorded row (only the values that differ)."""
        self.updates[table].append((before, values))
        self.update_numbers[table].append(number)


def changed_part(motion, touch):
    """A part of a motion changed: its status is derived again, and a recorded motion counts as updated."""
    motion["touched"] = True
    if motion["row"] is not None:
        touch(("motion", motion["ref"]), "motion")


def prepare(db, checked, report):
    """Plan the writes of a checked file against the record as it is; note each row's changes in report.

    Raises Stale if a place in the file changed since the check.
    """
    plan = Plan()
    stamp = records.now()
    city_ids, city_created, city_updates = {}, set(), {}
    for slug, city in checked.cities.items():
        current = queries.city_by_slug(db, slug)
        largest = queries.largest_vote(db, current["id"]) if current else 0
        if current != city["recorded"] or largest != city["largest_vote"]:
            name = city["values"]["name"]
            raise Stale(
                f"{name}, {city['values']['state']} was changed by someone else while the file was being checked; "
                "import the file again."
            )
        if current is None:
            city_ids[slug] = New("city", -1)  # placed by the first row that names it, below
            city_created.add(slug)
            continue
        city_ids[slug] = current["id"]
        corrections = {"council_seats": city["seats"]} if current["council_seats"] != city["seats"] else {}
        if city["placed_from"]:
            given = {k: city["values"][k] for k in ("kind", "lat", "lon")}
            corrections.update({k: v for k, v in given.items() if current[k] != v})
        if corrections:
            city_updates[slug] = (current, {**corrections, "updated_at": stamp})

    recorded_ids = [i for i in city_ids.values() if not isinstance(i, New)]
    motions = queries.motions_of_cities(db, recorded_ids)
    wanted = {(city_ids[slug], title) for slug, title in checked.motions if not isinstance(city_ids[slug], New)}
    motions = {key: row for key, row in motions.items() if key in wanted}
    actions = queries.actions_of_motions(db, [row["id"] for row in motions.values()])
    by_motion = {}
    for action in actions:
        by_motion.setdefault(action["motion_id"], []).append(action)
    first_votes = queries.first_votes_of_actions(db, [a["id"] for a in actions])
    urls = {url for row in checked.rows for url in row[5]}
    source_ids = queries.source_ids_by_url(db, urls)
    cited = {
        ("motion", *pair) for pair in queries.whole_row_citations(db, "motion", [r["id"] for r in motions.values()])
    }
    cited |= {("action", *pair) for pair in queries.whole_row_citations(db, "action", [a["id"] for a in actions])}

    state = {}  # (slug, title) -> the motion as planned
    seen_cities, counted, positions = set(), set(), {}
    for number, slug, title, action, vote, sources in checked.rows:
        created, updated = Counter(), Counter()

        def touch(key, table, updated=updated):
            """Count a recorded row as updated, once."""
            if key not in counted:
                counted.add(key)
                updated[table] += 1

        city = checked.cities[slug]
        if slug not in seen_cities:
            seen_cities.add(slug)
            if slug in city_created:
                values = {**city["values"], "council_seats": city["seats"], "updated_at": stamp}
                city_ids[slug] = plan.insert("city", values, number)
                created["city"] += 1
            elif slug in city_updates:
                plan.update("city", *city_updates[slug], number)
                touch(("city", slug), "city")
        city_id = city_ids[slug]

        motion = state.get((slug, title))
        if motion is None:
            values = checked.motions[(slug, title)][1]
            row = motions.get((city_id, title))
            if row is None:
                ref = plan.insert("motion", {**values, "city_id": city_id, "published": 1}, number)
                motion = {"ref": ref, "row": None, "own": {}, "actions": [], "touched": False, "number": number}
                created["motion"] += 1
            else:
                own = {c: v for c, v in values.items() if row[c] != v}
                motion = {
                    "ref": row["id"],
                    "row": row,
                    "own": own,
                    "actions": list(by_motion.get(row["id"], [])),
                    "touched": False,
                    "number": number,
                }
                if own:
                    touch(("motion", row["id"]), "motion")
            state[(slug, title)] = motion
        cited_row = ("motion", motion["ref"])

        if action is not None:
            date, classification, description = action
            # The n-th row for a motion, date and status is its n-th such action, so same-day actions stay apart.
            key = (motion["ref"], date, classification)
            position = positions[key] = positions.get(key, -1) + 1
            existing = [
                a
                for a in motion["actions"]
                if a["date"] == date and a["classification"] == classification and not isinstance(a["id"], New)
            ]
            if position < len(existing):
                found = existing[position]
                action_ref = found["id"]
                if found["description"] != description:
                    plan.update("action", found, {"description": description}, number)
                    touch(("action", action_ref), "action")
                    changed_part(motion, touch)
            else:
                values = {"motion_id": motion["ref"], "date": date, "classification": classification}
                action_ref = plan.insert("action", {**values, "description": description}, number)
                order = NEW_ACTION_IDS + action_ref.index
                motion["actions"].append({"id": action_ref, "order": order, **values})
                created["action"] += 1
                changed_part(motion, touch)
            cited_row = ("action", action_ref)
            if vote is not None:
                counts = {k: vote[k] for k in ("result", *COUNTS)}
                recorded_vote = None if isinstance(action_ref, New) else first_votes.get(action_ref)
                if recorded_vote is None:
                    values = {"motion_id": motion["ref"], "action_id": action_ref, "date": vote["date"], **counts}
                    plan.insert("vote", values, number)
                    created["vote"] += 1
                    changed_part(motion, touch)
                else:
                    members = queries.vote_members(db, recorded_vote["id"])
                    if members:
                        checked_counts = status_rules.check_roll_call(
                            {o: counts[o] for o in COUNTS}, members, city["seats"]
                        )
                        if checked_counts.problems:
                            raise records.RecordError(f"row {number}: {' '.join(checked_counts.problems)}")
                        counts = {**counts, **checked_counts.counts}
                    changes = {c: v for c, v in counts.items() if recorded_vote[c] != v}
                    if changes:
                        plan.update("vote", recorded_vote, changes, number)
                        touch(("vote", recorded_vote["id"]), "vote")
                        changed_part(motion, touch)
        for url in sources:
            source = source_ids.get(url)
            if source is None:
                source = source_ids[url] = plan.insert(
                    "source",
                    {"url": url, "title": url, "headline": 0, "publisher": None, "published_on": None},
                    number,
                )
                created["source"] += 1
            if (*cited_row, source) not in cited:
                cited.add((*cited_row, source))
                plan.citations.append(
                    ({"table_name": cited_row[0], "row_id": cited_row[1], "source_id": source}, number)
                )
                created["citation"] += 1
        report.note_row(number, created, updated)

    for motion in state.values():
        derived = {}
        if motion["touched"]:
            ordered = [{**a, "id": a.get("order", a["id"])} for a in motion["actions"]]
            result = status_rules.derive(ordered)
            derived = {"status": result.status, "introduced_on": result.introduced_on, "decided_on": result.decided_on}
        if motion["row"] is None:
            values = plan.inserts["motion"][motion["ref"].index]
            status = derived or {"status": status_rules.derive([]).status, "introduced_on": None, "decided_on": None}
            values.update(status, created_at=stamp, updated_at=stamp)
            continue
        if motion["own"] or motion["touched"]:
            values = {**motion["own"], **derived, "updated_at": stamp}
            changes = {c: v for c, v in values.items() if motion["row"][c] != v}
            if changes:
                plan.update("motion", motion["row"], changes, motion["number"])
    return plan


@dataclass
class Staged:
    """A plan's new rows with the ids they will get, their parameters and their change history, ready to write."""

    starts: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)
    log: dict = field(default_factory=dict)

    def still_free(self, db):
        """Whether the ids are still the next ones (checked in the write transaction, before writing)."""
        return all(records.next_ids(db, table, 1)[0] == start for table, start in self.starts.items())


def stage(db, plan):
    """Give the plan's new rows their ids, and prepare their values and change history: all before the write lock.

    The ids are the tables' next ones as read now; the transaction checks they still are (no one wrote meanwhile).
    """
    staged, ids = Staged(), {}

    def resolve(values):
        """Put the ids of the rows the plan creates in place of their references."""
        return {k: ids[v.table][v.index] if isinstance(v, New) else v for k, v in values.items()}

    for table in ("city", "motion", "action", "vote", "source", "citation"):
        if table == "citation":
            rows = [{**values, "field": None, "note": None} for values, _number in plan.citations]
        else:
            rows = plan.inserts[table]
        ids[table] = records.next_ids(db, table, len(rows))
        if ids[table]:
            staged.starts[table] = ids[table][0]
        staged.params[table], staged.log[table] = records.staged_inserts(table, ids[table], map(resolve, rows))
    return staged


def write(db, plan, staged):
    """Write a staged plan in the open transaction, with its change history (parents logged before their parts)."""
    log = []  # change_log rows, in the order a revert undoes backwards
    # What is being written, to name the row that asked for a write SQLite refuses.
    step = ("insert", "city")

    def inserts(table):
        """Write a table's new rows."""
        nonlocal step
        step = ("insert", table)
        if staged.params[table]:
            records.write_inserts(db, table, staged.params[table])

    def updates(table):
        """Write a table's updates."""
        nonlocal step
        step = ("update", table)
        records.update_many(db, table, plan.updates[table], log=log)

    try:
        inserts("city")
        log += staged.log["city"]
        updates("city")
        # New motions are written after their actions and citations, so that the search index (kept by triggers
        # on each of them) is built once per motion rather than once per row; their change_log rows still come
        # before their parts', and their references are checked when the transaction ends.
        log += staged.log["motion"]
        db.execute("PRAGMA defer_foreign_keys = ON")
        for table in ("action", "source", "citation"):
            inserts(table)
            log += staged.log[table]
            if table == "action":
                updates("action")
        inserts("motion")
        # Votes after their motions: the seat triggers find the council through the motion.
        inserts("vote")
        log += staged.log["vote"]
        updates("vote")
        updates("motion")
        step = ("log", None)
        records.write_log(db, log)
    except records.RowRefused as error:
        op, table = step
        if table == "citation":
            numbers = [number for _values, number in plan.citations]
        else:
            numbers = (plan.numbers if op == "insert" else plan.update_numbers)[table]
        raise records.RecordError(f"row {numbers[error.index]}: {error}") from error


def run(db, source, dry_run=False):
    """Import CSV text or a text stream; return a Report (errors mean nothing was written)."""
    report = Report(dry_run=dry_run)
    # Any change to the record after this point moves the newest change_log id: the write checks it.
    token = queries.latest_change_id(db)
    checked = validate(db, read(source, report), report)
    if report.error_count:
        return report
    try:
        plan = prepare(db, checked, report)
        if dry_run:
            return report
        for attempt in range(1, PLAN_ATTEMPTS + 1):
            staged = stage(db, plan)
            try:
                with records.changeset(db, None, "import"):
                    if queries.latest_change_id(db) != token or not staged.still_free(db):
                        if attempt < PLAN_ATTEMPTS:
                            raise ChangedMeanwhile
                        # The record keeps changing: plan again now that nobody else can write.
                        plan = prepare(db, checked, report.restart())
                        staged = stage(db, plan)
                    write(db, plan, staged)
                break
            except ChangedMeanwhile:
                # Someone saved a change meanwhile: plan again without the lock, so that others can still save.
                token = queries.latest_change_id(db)
                plan = prepare(db, checked, report.restart())
    except (records.RecordError, sqlite3.IntegrityError) as error:
        report.refuse(f"nothing was written: {error}")
    return report


class ChangedMeanwhile(Exception):
    """Raised inside the write transaction (rolling it back) when the record changed after the plan was made."""
