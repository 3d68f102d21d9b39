"""The editor's pages: create and correct records, review organizers' submissions, the change log, accounts."""

import io
import json
import sqlite3
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from . import alerts, auth, forms, importer, queries, records
from . import status as status_rules
from .auth import ADMINS, EDITORS, ROLES, role_required
from .db import get_db
from .numbers import whole_number

bp = Blueprint("editor", __name__, url_prefix="/editor")

FORMS = {
    "city": forms.CityForm,
    "motion": forms.MotionForm,
    "action": forms.ActionForm,
    "vote": forms.VoteForm,
    "hearing": forms.HearingForm,
    "testimony": forms.TestimonyForm,
    "citation": forms.CitationForm,
    "source": forms.SourceForm,
}


def visible_motion(motion_id):
    """Return a motion row the current user may work on (organizers: published only), or 404."""
    row = queries.row_of(get_db(), "motion", motion_id)
    if row is None or (not row["published"] and not current_user.is_editor):
        abort(404)
    return row


def organizers_may_see(db, table, row_id):
    """Return whether organizers may see a record: not when only an unpublished motion (or nothing public) leads to it.

    The rule visible_motion applies to a motion holds for everything that belongs to it, and for a source, which
    organizers reach only through what cites it.
    """
    if table == "source":
        return queries.source_is_public(db, row_id)
    motion_id = records.motion_of(db, table, row_id)
    if motion_id is None:
        return True  # a place, or a record no motion holds
    motion = queries.row_of(db, "motion", motion_id)
    return motion is not None and bool(motion["published"])


def form_context(kind, motion=None, row=None):
    """Return what a kind's form rules need from the database."""
    db = get_db()
    context = guidance(db, kind, motion, row)
    return {**context, **kind_context(db, kind, motion, row)}


def guidance(db, kind, motion, row):
    """What guides an organizer adding a fact: a source (or saying there is none) and a duplicate warning."""
    context = {"source_required": not current_user.is_editor and row is None}
    if row is None and motion is not None and kind == "action":
        context["duplicate"] = lambda day, code: queries.duplicate_action(db, motion["id"], day, code)
    if row is None and motion is not None and kind == "vote":
        context["duplicate"] = lambda day, result: queries.duplicate_vote(db, motion["id"], day, result)
    return context


def kind_context(db, kind, motion=None, row=None):
    """Return what one kind's form rules need from the database."""
    if kind == "city":
        return {
            "slug_taken": lambda slug: queries.slug_taken(db, slug, row["id"] if row else None),
            "largest_vote": queries.largest_vote(db, row["id"]) if row else 0,
        }
    if kind == "motion":
        # An organizer may put a motion in a place they proposed that waits for review: both are approved together.
        # Such a place is offered as the negative of its submission's id.
        waiting = [] if current_user.is_editor or row else queries.pending_places(db, current_user.id)
        return {
            "cities": [
                *queries.city_choices(db),
                *((-sid, f"{name} (new, waiting for review)") for sid, name in waiting),
            ],
            "title_taken": lambda city_id, title: queries.title_taken(db, city_id, title, row["id"] if row else None),
            "can_publish": current_user.is_editor,
        }
    if kind == "vote":
        city = queries.row_of(db, "city", motion["city_id"])
        return {
            "seats": city["council_seats"],
            "city_name": city["name"],
            "actions": queries.action_choices(db, motion["id"]),
        }
    return {}


def prefill(kind, row):
    """Turn a stored row into form data (dates as dates, roll call as text)."""
    data = dict(row)
    for name in ("date", "published_on", "accessed_on"):
        if data.get(name):
            data[name] = date.fromisoformat(data[name])
    if kind == "vote":
        members = queries.vote_members(get_db(), row["id"])
        data["roll_call"] = "\n".join(f"{name}: {option}" for name, option in members)
    for name in ("published", "publish_name"):
        if name in data:
            data[name] = bool(data[name])
    return data


def save(kind, op, target_id, form, title, back_url, submission_target=None):
    """Validate and apply (editors) or submit for review (organizers); re-render with messages otherwise."""
    if form.validate_on_submit():
        db = get_db()
        payload = form.payload()
        if "no_source" in form and form.no_source.data and not payload.get("source"):
            payload["no_source"] = True  # the editor sees it highlighted in the review
        try:
            if current_user.is_editor:
                table, row_id = records.apply(db, kind, op, target_id, payload, current_user.id)
                flash(f"Saved: {title}.", "success")
                return redirect(after_save_url(table, row_id))
            target_table, target_row = submission_target or (kind, target_id)
            submission_id = records.submit(db, current_user.id, kind, op, target_table, target_row, payload)
        except (records.RecordError, sqlite3.IntegrityError) as error:
            form.form_errors.append(readable(error))
        else:
            flash("Thank you: your change is waiting for an editor's review.", "success")
            return redirect(url_for(".submission", submission_id=submission_id))
    return render_template("editor/form.html", form=form, title=title, back_url=back_url, kind=kind)


def readable(error):
    """Turn a refused write into a sentence for the person who tried it."""
    if isinstance(error, sqlite3.IntegrityError):
        error = records.refused(error)
    text = str(error)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def after_save_url(table, row_id):
    """Return where to go after saving a record: its motion's or city's editor page."""
    db = get_db()
    if table == "city":
        city = queries.row_of(db, "city", row_id)
        return url_for("public.city", slug=city["slug"])
    if table == "source":
        return auth.safe_next(request.args.get("next"))
    motion_id = records.motion_of(db, table, row_id)
    return url_for(".motion", motion_id=motion_id) if motion_id else url_for(".dashboard")


@bp.get("/")
@role_required(*ROLES)
def dashboard():
    """The review queue, recent changes and stale motions (editors); one's own submissions (organizers)."""
    db = get_db()
    if not current_user.is_editor:
        mine = organizers_labels(db, queries.submissions(db, user_id=current_user.id))
        return render_template("editor/dashboard.html", mine=mine)
    year_ago = status_rules.one_year_before(date.today()).isoformat()
    return render_template(
        "editor/dashboard.html",
        pending=queries.submissions(db, state="pending", limit=50),
        changesets=queries.changesets(db, limit=10),
        stale=queries.stale_motions(db, year_ago),
        # Admins see how many confirmed subscribers follow each place: counts only, never an address.
        followers=alerts.confirmed_counts(db) if current_user.is_admin else None,
    )


@bp.get("/motions")
@role_required(*ROLES)
def motions():
    """Every motion (editors see unpublished ones too) with links to log what happened."""
    found = queries.editor_motions(get_db())
    if not current_user.is_editor:
        found = [m for m in found if m["published"]]
    return render_template("editor/motions.html", motions=found)


@bp.get("/motions/<int:motion_id>")
@role_required(*ROLES)
def motion(motion_id):
    """A motion with its parts, each with links to correct it or add a source."""
    visible_motion(motion_id)
    db = get_db()
    found = queries.get_motion(db, motion_id, include_unpublished=True, private_names=current_user.is_editor)
    history = queries.motion_changesets(db, motion_id) if current_user.is_editor else []
    return render_template("editor/motion.html", motion=found, history=history, kinds=CHANGESET_KINDS)


@bp.route("/cities/new", methods=["GET", "POST"])
@role_required(*ROLES)
def new_city():
    """Add a city, placed from the gazetteer."""
    form = forms.CityForm(context=form_context("city"))
    return save("city", "create", None, form, "New city", url_for(".dashboard"))


@bp.route("/cities/<slug>/edit", methods=["GET", "POST"])
@role_required(*ROLES)
def edit_city(slug):
    """Correct a city."""
    row = queries.city_by_slug(get_db(), slug)
    if row is None:
        abort(404)
    form = forms.CityForm(data=prefill("city", row), context=form_context("city", row=row))
    return save(
        "city", "update", row["id"], form, f"Edit {row['name']}, {row['state']}", url_for("public.city", slug=slug)
    )


@bp.route("/motions/new", methods=["GET", "POST"])
@role_required(*ROLES)
def new_motion():
    """Add a motion to a city."""
    form = forms.MotionForm(context=form_context("motion"))
    city_id = whole_number(request.args.get("city"), 1)
    if request.method == "GET" and city_id is not None:
        form.city_id.data = city_id
    return save("motion", "create", None, form, "New motion", url_for(".motions"))


@bp.route("/motions/<int:motion_id>/edit", methods=["GET", "POST"])
@role_required(*ROLES)
def edit_motion(motion_id):
    """Correct a motion's fields (its status changes only by adding an action)."""
    row = visible_motion(motion_id)
    form = forms.MotionForm(data=prefill("motion", row), context=form_context("motion", row=row))
    return save("motion", "update", motion_id, form, f"Edit “{row['title']}”", url_for(".motion", motion_id=motion_id))


def new_part(kind, motion_id, label):
    """Show and handle the form that adds an action, vote or hearing to a motion."""
    motion_row = visible_motion(motion_id)
    form = FORMS[kind](context=form_context(kind, motion=motion_row))
    return save(
        kind,
        "create",
        motion_id,
        form,
        f"{label} for “{motion_row['title']}”",
        url_for(".motion", motion_id=motion_id),
        submission_target=("motion", motion_id),
    )


def edit_part(kind, row_id, label):
    """Show and handle the form that corrects an action, vote, hearing or testimony."""
    db = get_db()
    row = queries.row_of(db, kind, row_id)
    if row is None:
        abort(404)
    motion_row = visible_motion(records.motion_of(db, kind, row_id))
    form = FORMS[kind](data=prefill(kind, row), context=form_context(kind, motion=motion_row, row=row))
    return save(
        kind,
        "update",
        row_id,
        form,
        f"Edit {label} of “{motion_row['title']}”",
        url_for(".motion", motion_id=motion_row["id"]),
    )


@bp.route("/submissions/<int:submission_id>/actions/new", methods=["GET", "POST"])
@role_required(*ROLES)
def new_action_on_pending_motion(submission_id):
    """Log an action on a motion one has proposed that still waits for review: approved together with it."""
    db = get_db()
    found = queries.submission(db, submission_id)
    waiting = found and found["kind"] == "motion" and found["state"] == "pending" and found["target_id"] is None
    if not waiting or (not current_user.is_editor and found["user_id"] != current_user.id):
        abort(404)
    title = json.loads(found["payload"])["values"]["title"]
    form = forms.ActionForm(context=guidance(db, "action", None, None))
    if form.validate_on_submit():
        payload = {**form.payload(), "pending_motion": submission_id}
        if form.no_source.data and not payload.get("source"):
            payload["no_source"] = True
        new_id = records.submit(db, current_user.id, "action", "create", "submission", submission_id, payload)
        flash("Thank you: your action will be reviewed with the motion it belongs to.", "success")
        return redirect(url_for(".submission", submission_id=new_id))
    back = url_for(".submission", submission_id=submission_id)
    return render_template(
        "editor/form.html", form=form, title=f"New action for “{title}”", back_url=back, kind="action"
    )


@bp.route("/motions/<int:motion_id>/actions/new", methods=["GET", "POST"])
@role_required(*ROLES)
def new_action(motion_id):
    """Log a dated council action."""
    return new_part("action", motion_id, "New action")


@bp.route("/motions/<int:motion_id>/votes/new", methods=["GET", "POST"])
@role_required(*ROLES)
def new_vote(motion_id):
    """Log a vote with its counts and optional roll call."""
    return new_part("vote", motion_id, "New vote")


@bp.route("/motions/<int:motion_id>/hearings/new", methods=["GET", "POST"])
@role_required(*ROLES)
def new_hearing(motion_id):
    """Log a hearing."""
    return new_part("hearing", motion_id, "New hearing")


@bp.route("/hearings/<int:hearing_id>/testimony/new", methods=["GET", "POST"])
@role_required(*ROLES)
def new_testimony(hearing_id):
    """Log one person's testimony at a hearing."""
    db = get_db()
    hearing = queries.row_of(db, "hearing", hearing_id)
    if hearing is None:
        abort(404)
    motion_row = visible_motion(hearing["motion_id"])
    form = forms.TestimonyForm(context=form_context("testimony", motion=motion_row))
    return save(
        "testimony",
        "create",
        hearing_id,
        form,
        f"New testimony for “{motion_row['title']}”",
        url_for(".motion", motion_id=motion_row["id"]),
        submission_target=("hearing", hearing_id),
    )


@bp.route("/actions/<int:row_id>/edit", methods=["GET", "POST"])
@role_required(*ROLES)
def edit_action(row_id):
    """Correct an action."""
    return edit_part("action", row_id, "action")


@bp.route("/votes/<int:row_id>/edit", methods=["GET", "POST"])
@role_required(*ROLES)
def edit_vote(row_id):
    """Correct a vote."""
    return edit_part("vote", row_id, "vote")


@bp.route("/hearings/<int:row_id>/edit", methods=["GET", "POST"])
@role_required(*ROLES)
def edit_hearing(row_id):
    """Correct a hearing."""
    return edit_part("hearing", row_id, "hearing")


@bp.route("/testimony/<int:row_id>/edit", methods=["GET", "POST"])
@role_required(*EDITORS)
def edit_testimony(row_id):
    """Correct a testimony (editors only: it may hold a name that is not public)."""
    return edit_part("testimony", row_id, "testimony")


@bp.route("/sources/<int:row_id>/edit", methods=["GET", "POST"])
@role_required(*ROLES)
def edit_source(row_id):
    """Correct a source's title, address, publisher or dates (?next= says where to go back to)."""
    db = get_db()
    row = queries.row_of(db, "source", row_id)
    if row is None or not (current_user.is_editor or organizers_may_see(db, "source", row_id)):
        abort(404)
    form = forms.SourceForm(
        data=prefill("source", row), context={"url_taken": lambda url: queries.url_taken(db, url, row_id)}
    )
    back = auth.safe_next(request.args.get("next"))
    return save("source", "update", row_id, form, f"Edit the source “{row['title']}”", back)


@bp.route(
    "/<any(city, motion, action, vote, hearing, testimony):table>/<int:row_id>/sources/new", methods=["GET", "POST"]
)
@role_required(*ROLES)
def new_citation(table, row_id):
    """Add a source for a record."""
    db = get_db()
    row = queries.row_of(db, table, row_id)
    if row is None:
        abort(404)
    motion_id = records.motion_of(db, table, row_id)
    if motion_id is not None:
        visible_motion(motion_id)
        back = url_for(".motion", motion_id=motion_id)
    else:
        back = url_for("public.city", slug=row["slug"])
    form = forms.CitationForm(context={"fields": forms.CITABLE_FIELDS[table]})
    return save(table, "cite", row_id, form, f"New source for this {table}", back)


# Review of organizers' submissions.


def describe(db, found):
    """Return a readable account of a submission: its title and (field, current, proposed) rows."""
    payload = json.loads(found["payload"])
    op, kind, values = payload["op"], found["kind"], payload.get("values", {})
    labels, choices = {}, {}
    form_class = FORMS.get(kind)
    if form_class is not None:
        form = form_class(meta={"csrf": False}, formdata=None, context=form_context_for_labels(kind))
        labels = {field.name: field.label.text for field in form}
        # Coded values (an aim, a kind, a status) read as the labels the form offers.
        choices = {f.name: dict(f.choices) for f in form if isinstance(getattr(f, "choices", None), dict)}
    current = queries.row_of(db, kind, found["target_id"]) if op == "update" else None
    diff = []
    # In the order the form shows the fields, then any others.
    names = [n for n in labels if n in values] + sorted(n for n in values if n not in labels)
    for name in names:
        proposed = values[name]
        before = current.get(name) if current else None
        if current is None or before != proposed:
            shown = choices.get(name, {})
            diff.append(
                (
                    labels.get(name, name.replace("_", " ").capitalize()),
                    shown.get(before, before),
                    shown.get(proposed, proposed),
                )
            )
    if "members" in payload:
        old = queries.vote_members(db, found["target_id"]) if current else []
        new = [tuple(m) for m in payload["members"]]
        if old != new:
            diff.append(
                (
                    "Roll call",
                    "; ".join(f"{n}: {o}" for n, o in old) or None,
                    "; ".join(f"{n}: {o}" for n, o in new) or None,
                )
            )
    if payload.get("pending_place"):
        place = queries.submission(db, payload["pending_place"])
        name = (
            f"{json.loads(place['payload'])['values']['name']}, {json.loads(place['payload'])['values']['state']}"
            if place
            else "a place no longer on record"
        )
        waiting = place and place["state"] == "pending"
        note = " (new: approving this motion approves the place too)" if waiting else ""
        diff = [(n, b, (name + note) if n == "Place" else a) for n, b, a in diff]
    if payload.get("pending_motion"):
        waiting = queries.submission(db, payload["pending_motion"])
        title = json.loads(waiting["payload"])["values"]["title"] if waiting else "a motion no longer on record"
        pending = waiting and waiting["state"] == "pending"
        diff.insert(
            0, ("On the motion", None, title + (" (new: approving this action approves it too)" if pending else ""))
        )
    if payload.get("no_source"):
        diff.append(("Source", None, "None yet: the organizer said they have no source for this"))
    if kind == "motion" and op == "create" and "published" not in values:
        diff.append(("Published (visible to the public)", None, "Yes, once approved"))
    source = payload.get("source")
    if source:
        text = ", ".join(str(source[k]) for k in ("title", "publisher", "published_on", "url") if source.get(k))
        text += " (the title is its headline)" if source.get("headline") else " (the title is a description)"
        if source.get("note"):
            text += f"; it says: {source['note']}"
        if source.get("field"):
            supported = forms.CITABLE_FIELDS.get(found["target_table"], {}).get(source["field"], source["field"])
            text += f"; it supports: {supported}"
        diff.append(("New source", None, text))
    parent = None
    if found["target_table"] in ("motion", "hearing") and found["target_id"] is not None:
        motion_id = records.motion_of(db, found["target_table"], found["target_id"])
        parent = queries.row_of(db, "motion", motion_id) if motion_id else None
    verb = {"create": "New", "update": "Change to", "cite": "New source for"}[op]
    return {"title": f"{verb} {kind}", "diff": diff, "motion": parent, "op": op, "no_source": payload.get("no_source")}


def form_context_for_labels(kind):
    """Return a context good enough to build a form only to read its labels and name its choices (places)."""
    if kind == "citation":
        return {"fields": {}}
    if kind == "motion":
        return {"cities": queries.city_choices(get_db()), "can_publish": True}
    return {"actions": []} if kind == "vote" else {}


@bp.get("/submissions")
@role_required(*ROLES)
def submissions():
    """Submissions: every one for editors, one's own for organizers."""
    db = get_db()
    state = request.args.get("state") if request.args.get("state") in status_rules.SUBMISSION_STATES else None
    if current_user.is_editor:
        found = queries.submissions(db, state)
    else:
        found = organizers_labels(db, queries.submissions(db, state, current_user.id))
    return render_template("editor/submissions.html", submissions=found, state=state)


@bp.route("/submissions/<int:submission_id>", methods=["GET", "POST"])
@role_required(*ROLES)
def submission(submission_id):
    """Show a submission's changes; editors approve or reject it (POST)."""
    db = get_db()
    found = queries.submission(db, submission_id)
    if found is None or (not current_user.is_editor and not own_visible_submission(db, found)):
        abort(404)
    form = forms.ReviewForm(formdata=review_data(request.form) if request.method == "POST" else None)
    if request.method == "POST":
        if not current_user.is_editor:
            abort(403)
        if form.validate_on_submit():
            try:
                if form.decision.data == "approve":
                    records.approve(db, submission_id, current_user.id)
                    flash("Approved and applied.", "success")
                else:
                    records.reject(db, submission_id, current_user.id, form.reason.data)
                    flash("Rejected; the organizer will see your reason.", "success")
                return redirect(next_in_queue(db))
            except (records.RecordError, sqlite3.IntegrityError) as error:
                form.form_errors.append(f"It could not be applied: {readable(error)} It is still pending.")
    return render_template("editor/submission.html", submission=found, form=form, **describe(db, found))


def own_visible_submission(db, found):
    """Return whether an organizer may see a submission: their own, about a record they may still see.

    Its page shows the record's current values, so one about a motion since unpublished is hidden like the motion.
    """
    if found["user_id"] != current_user.id:
        return False
    if found["target_id"] is None or found["target_table"] == "submission":
        return True  # a new record, or an action on their own motion still waiting for review
    if queries.row_of(db, found["target_table"], found["target_id"]) is None:
        return True  # the record is gone: the page shows only what they proposed
    return organizers_may_see(db, found["target_table"], found["target_id"])


def organizers_labels(db, found):
    """Return an organizer's own submissions, those about a record they may no longer see named only as such."""
    for item in found:
        if not own_visible_submission(db, item):
            item["target_label"] = "a record that is not public now"
    return found


def next_in_queue(db):
    """Where a reviewer goes next: the next pending submission, or the queue saying none is left."""
    pending = queries.submissions(db, state="pending", limit=1)
    if pending:
        return url_for(".submission", submission_id=pending[0]["id"])
    flash("No pending submissions are left.", "success")
    return url_for(".submissions", state="pending")


def review_data(posted):
    """The review form's data, its decision also read from a button named approve or reject."""
    data = posted.copy()
    if not data.get("decision"):
        chosen = [choice for choice in ("approve", "reject") if choice in data]
        if len(chosen) == 1:
            data["decision"] = chosen[0]
    return data


# The change log.


CHANGESET_KINDS = {
    "edit": "Edit",
    "approval": "Approval",
    "submission": "Submission",
    "import": "Import",
    "revert": "Revert",
    "seed": "Seed",
    "account": "Account",
    "earlier": "Earlier change",
}


def change_filters(args):
    """Read the change log's filters from a query string (anything unknown is ignored)."""
    return {
        "kind": args.get("kind") if args.get("kind") in CHANGESET_KINDS else None,
        "table": args.get("table") if args.get("table") in records.COLUMNS else None,
        "op": args.get("op") if args.get("op") in status_rules.OPERATIONS else None,
        "user": args.get("user", "").strip() or None,
        "row": args.get("row", type=parse_row_id),
    }


@bp.get("/changes")
@role_required(*EDITORS)
def changes():
    """The change log as changesets, newest first, filtered; each with its rows on demand."""
    filters = change_filters(request.args)
    before_id = request.args.get("before", type=parse_row_id)
    found = queries.changesets(get_db(), **filters, before_id=before_id)
    for changeset in found:
        for entry in changeset["changes"]:
            entry["fields"] = changed_fields(entry)
    return render_template(
        "editor/changes.html",
        changesets=found,
        tables=sorted(records.COLUMNS),
        kinds=CHANGESET_KINDS,
        filters=filters,
        operations=status_rules.OPERATIONS,
        back=request.full_path,
    )


def parse_row_id(text):
    """Read a row id from a query string (ValueError, so the filter is ignored, unless it is a storable id)."""
    value = whole_number(text, 1)
    if value is None:
        raise ValueError(text)
    return value


def changed_fields(entry):
    """Return (field, before, after) for the fields a change_log entry touched; private names stay hidden."""
    before = json.loads(entry["before"]) if entry["before"] else {}
    after = json.loads(entry["after"]) if entry["after"] else {}
    names = [n for n in (after or before) if n != "id" and before.get(n) != after.get(n)]
    if entry["table_name"] == "testimony" and not (after or before).get("publish_name"):
        # A name the speaker did not agree to publish never appears here either.
        before = {**before, "speaker_name": "(name not public)"} if before.get("speaker_name") else before
        after = {**after, "speaker_name": "(name not public)"} if after.get("speaker_name") else after
    return [(n, before.get(n), after.get(n)) for n in names]


@bp.route("/changesets/<int:changeset_id>/revert", methods=["GET", "POST"])
@role_required(*EDITORS)
def revert_changeset(changeset_id):
    """Show what reverting a changeset will change (GET), then revert it whole (POST)."""
    db = get_db()
    found = queries.changesets(db, changeset_id=changeset_id, limit=1)
    if not found:
        abort(404)
    back = auth.safe_next(request.values.get("next")) if request.values.get("next") else url_for(".changes")
    form = forms.ConfirmForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        return do_revert(
            db,
            lambda: records.revert_changeset(db, changeset_id, current_user.id, form.seen.data or None),
            changeset_id,
            back,
        )
    shown = []
    for entry in found[0]["changes"]:
        entry["fields"] = changed_fields(entry)
        derived = entry["table_name"] == "motion" and {f[0] for f in entry["fields"]} <= records.DERIVED
        # What a revert puts back: the record's rows; a motion's status follows from them by itself.
        if entry["table_name"] in records.REVERTIBLE and not (entry["op"] == "update" and derived):
            shown.append(entry)
    found[0]["changes"] = shown
    return render_template("editor/revert_confirm.html", changeset=found[0], form=form, back=back)


def do_revert(db, action, changeset_id, back):
    """Run a revert; show the newer versions (409) or the records in the way, or go back with a message."""
    try:
        action()
    except records.RevertConflict as conflict:
        return render_template(
            "editor/revert_conflict.html",
            change=conflict.change,
            current=conflict.current,
            seen=conflict.fingerprint,
            action_url=url_for(".revert_changeset", changeset_id=changeset_id, next=back),
        ), 409
    except records.DependentsError as error:
        return render_template("editor/revert_refused.html", error=error, back=back), 409
    except records.RecordError as error:
        flash(readable(error), "error")
        return redirect(back)
    flash(f"Changeset {changeset_id} is reverted, every row of it; the revert can itself be reverted.", "success")
    return redirect(back)


@bp.post("/changes/<int:change_id>/revert")
@role_required(*EDITORS)
def revert(change_id):
    """Revert the changeset one change belongs to, whole (the address older links use)."""
    form = forms.ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    db = get_db()
    change = records.fetch_change(db, change_id)
    if change is None:
        flash("There is no such change.", "error")
        return redirect(url_for(".changes"))
    changeset_id = change["changeset_id"]
    return do_revert(
        db,
        lambda: records.revert_changeset(db, changeset_id, current_user.id, form.seen.data or None),
        changeset_id,
        url_for(".changes"),
    )


@bp.route("/import", methods=["GET", "POST"])
@role_required(*EDITORS)
def import_csv():
    """Upload a CSV of motions: checked row by row first, then written in one step (or only checked)."""
    form = forms.ImportForm()
    report = None
    if form.validate_on_submit():
        # Read as a stream (werkzeug keeps a large upload in a temporary file), never as one string in memory.
        stream = io.TextIOWrapper(form.file.data.stream, encoding="utf-8-sig", newline="")
        report = importer.run(get_db(), stream, dry_run=form.dry_run.data)
    return render_template("editor/import.html", form=form, report=report)


# Accounts (admins).


@bp.route("/users", methods=["GET", "POST"])
@role_required(*ADMINS)
def users():
    """List accounts and create new ones."""
    db = get_db()
    form = forms.UserForm(context={"email_taken": lambda email: queries.email_taken(db, email)})
    if form.validate_on_submit():
        records.create_user(
            db, form.email.data, auth.hash_password(form.new_password.data), form.role.data, current_user.id
        )
        flash(f"Account {form.email.data.lower()} created.", "success")
        return redirect(url_for(".users"))
    return render_template("editor/users.html", form=form, users=queries.list_users(db), roles=forms.ROLES)


@bp.post("/users/<int:account_id>")
@role_required(*ADMINS)
def update_user(account_id):
    """Change an account's role or deactivate it (never one's own, so an admin cannot lock themselves out)."""
    db = get_db()
    form = forms.UserRoleForm()
    if queries.get_user(db, account_id) is None:
        abort(404)
    if not form.validate_on_submit():
        abort(400)
    if account_id == current_user.id:
        flash("You cannot change your own role or deactivate yourself; ask another admin.", "error")
    else:
        records.set_account(db, account_id, {"role": form.role.data, "active": int(form.active.data)}, current_user.id)
        flash("Account updated.", "success")
    return redirect(url_for(".users"))
