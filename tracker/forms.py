"""WTForms classes and their validation rules, with messages a person understands.

The same forms validate the editor pages, organizers' submissions and (with CSRF off) imported rows, so there
is one set of rules. Each form's payload() gives the validated values in the shape records.apply() takes.
"""

import re
from datetime import date

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from . import geo, records, status
from .formatting import long_date
from .text import CONTROL, REFUSED

# Select choices as {value: label}, WTForms' shorthand (lists of tuples are deprecated).
KINDS = {code: term.label for code, term in status.MOTION_KINDS.items()}
AIMS = {code: term.label for code, term in status.AIMS.items()}
PLACE_KINDS = {code: term.label for code, term in status.PLACE_KINDS.items()}
VOTE_OPTIONS = status.VOTE_OPTIONS
POSITIONS = status.POSITIONS
CITABLE_FIELDS = status.CITABLE_FIELDS
ROLES = status.ROLES
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Enough to catch typing mistakes; whether the address works is the account holder's business.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# An address as HTML's email input accepts it (ASCII, one mailbox): where alerts are sent, nothing else may pass.
MAILBOX = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
)
EARLIEST = date(1900, 1, 1)
MIN_PASSWORD = 12
MAX_COUNT = 1_000_000_000


def latest_allowed(today=None):
    """Return the latest date a record may carry: two years from today."""
    today = today or date.today()
    try:
        return today.replace(year=today.year + 2)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 2, day=28)


class RealDateField(DateField):
    """A YYYY-MM-DD date field whose parse error says what to type."""

    def __init__(self, label=None, validators=None, **kwargs):
        """Use the ISO format, shown as a date picker in browsers."""
        super().__init__(label, validators, format="%Y-%m-%d", **kwargs)

    def process_formdata(self, valuelist):
        """Parse the date, replacing WTForms' message with one that shows the expected form."""
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError("Enter a real date as YYYY-MM-DD, for example 2018-04-16.") from error


class CountField(IntegerField):
    """A whole number >= 0, blank meaning unknown."""

    def __init__(self, label=None, validators=None, **kwargs):
        """Blank is allowed and means 'not recorded'."""
        super().__init__(label, [Optional(), *(validators or [])], **kwargs)

    def process_formdata(self, valuelist):
        """Parse the number, with a message a person understands."""
        if valuelist and valuelist[0].strip() == "":
            self.data = None
            return
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError("Enter a whole number (0 or more), or leave it blank if it is not known.") from error

    def pre_validate(self, form):
        """Refuse negative counts, and numbers too large to be real (or stored)."""
        if self.data is not None and not 0 <= self.data <= MAX_COUNT:
            raise ValidationError("Enter a whole number (0 or more), or leave it blank if it is not known.")


def date_in_range(future=True):
    """Validator: the date lies between 1900 and two years from now (or today, if future=False)."""

    def check(form, field):
        """Refuse dates outside the allowed range."""
        if field.data is None:
            return
        latest = latest_allowed() if future else date.today()
        if field.data < EARLIEST:
            raise ValidationError(f"Enter a date on or after {long_date(EARLIEST)}.")
        if field.data > latest:
            if not future:
                raise ValidationError("This cannot be dated in the future.")
            raise ValidationError(f"Enter a date no later than {long_date(latest)}.")

    return check


def web_address(form, field):
    """Validator: an http(s) address without spaces."""
    if not field.data:
        return
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", field.data, re.IGNORECASE):
        raise ValidationError("Enter a web address that starts with http:// or https://.")


def strip(value):
    """Trim surrounding spaces; turn an empty string into None."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


class TrackerForm(FlaskForm):
    """Base form: every string field is trimmed, and context (seats, choices) can be passed in."""

    # Set when the form warns that the record it adds may already exist (see warn_duplicate).
    duplicate_found = False

    class Meta:
        """Trim every string input."""

        def bind_field(self, form, unbound_field, options):
            """Add the strip filter to every field but passwords (whose spaces count)."""
            filters = list(unbound_field.kwargs.get("filters", []))
            if unbound_field.field_class is not PasswordField:
                filters.insert(0, strip)
            return unbound_field.bind(form=form, filters=filters, **options)

    def __init__(self, *args, context=None, **kwargs):
        """Keep the context (things the rules need from the database) on the form."""
        self.context = context or {}
        super().__init__(*args, **kwargs)

    def validate(self, extra_validators=None):
        """Check every field's rules, and refuse invisible control characters in text anywhere."""
        valid = super().validate(extra_validators)
        for field in self:
            if isinstance(field.data, str) and CONTROL.search(field.data):
                field.errors = [*field.errors, REFUSED]
                valid = False
        return valid

    def values(self, *names):
        """Return the named fields' data, dates as ISO text and booleans as 0/1."""
        result = {}
        for name in names:
            value = self[name].data
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, bool):
                value = int(value)
            result[name] = value
        return result


class SourceFields:
    """Optional fields naming the source for what a form records (a new citation)."""

    source_url = StringField(
        "Source web address",
        [Optional(), Length(max=2000), web_address],
        description="Where a reader can check this, if it is online.",
    )
    source_title = StringField("Source title", [Length(max=300)], description="The headline or document name.")
    source_publisher = StringField("Publisher", [Optional(), Length(max=200)])
    source_published_on = RealDateField("Source date", [Optional(), date_in_range(future=False)])
    source_headline = BooleanField("The title is the source's own headline (untick if it is your description)")
    source_note = StringField(
        "What the source says",
        [Optional(), Length(max=1000)],
        description="In a few words, e.g. “The council voted 6-0”.",
    )

    no_source = BooleanField(
        "I have no source yet", description="An editor will see that this fact has no source before approving it."
    )

    def validate_no_source(self, field):
        """Where a source is required (an organizer's new fact), no source must be said out loud."""
        if self.context.get("source_required") and not self.source_title.data and not field.data:
            raise ValidationError("Give the source for this, or tick “I have no source yet”.")

    def validate_source_title(self, field):
        """A source given by any of its fields needs a title."""
        given = any(self[n].data for n in ("source_url", "source_publisher", "source_published_on", "source_note"))
        if given and not field.data:
            raise ValidationError("Give the source a title (its headline or document name).")

    def source(self):
        """Return the source and the note as a dict, or None when no source was given."""
        if not self.source_title.data:
            return None
        return {
            "url": self.source_url.data,
            "title": self.source_title.data,
            "headline": int(bool(self.source_headline.data)),
            "publisher": self.source_publisher.data,
            "published_on": self.source_published_on.data.isoformat() if self.source_published_on.data else None,
            "note": self.source_note.data,
        }


class CityForm(TrackerForm):
    """A place (city, town or county): placed from the gazetteer unless coordinates are given."""

    name = StringField(
        "Name",
        [DataRequired("Enter the place's name."), Length(max=120)],
        description="As it is usually written, e.g. “Durham” or “Alameda County”.",
    )
    kind = SelectField("Kind of place", choices=PLACE_KINDS, default="city")
    state = SelectField("State", choices={"": "Choose a state"}, validate_choice=False)
    council_seats = CountField(
        "Seats on the deciding body",
        description="Voting seats, the mayor's included if the mayor votes; blank if no source gives them.",
    )
    slug = StringField(
        "Address",
        [Length(max=80)],
        description="Used in /cities/<address>; leave blank to make it from the name and state.",
    )
    lat = DecimalField(
        "Latitude", [Optional()], places=None, description="Leave blank to use the gazetteer's coordinates."
    )
    lon = DecimalField("Longitude", [Optional()], places=None)
    notes = TextAreaField("Notes", [Optional(), Length(max=4000)])
    submit = SubmitField("Save city")

    def __init__(self, *args, **kwargs):
        """Offer every state."""
        super().__init__(*args, **kwargs)
        self.state.choices = {"": "Choose a state", **geo.states()}

    def validate_state(self, field):
        """Only US state codes."""
        if field.data not in geo.states():
            raise ValidationError("Choose a state.")

    def validate_council_seats(self, field):
        """A body has between 1 and 200 seats (or an unknown number), and at least as many as any vote counted."""
        if field.data is not None and not 1 <= field.data <= 200:
            raise ValidationError("A council has between 1 and 200 seats.")
        largest = self.context.get("largest_vote") or 0
        if field.data is not None and field.data < largest:
            raise ValidationError(
                f"A vote recorded here counted {largest} members, so the council has at least {largest} seats."
            )

    def validate_slug(self, field):
        """Slugs are lower-case words joined by single hyphens, and unique."""
        slug = field.data or (geo.slug(self.name.data, self.state.data) if self.name.data and self.state.data else "")
        if not slug:
            return
        if not SLUG.match(slug):
            raise ValidationError("Use lower-case letters, digits and single hyphens, for example durham-nc.")
        taken = self.context.get("slug_taken")
        if taken and taken(slug):
            raise ValidationError(f"Another city already uses the address /cities/{slug}.")
        field.data = slug

    def validate_lat(self, field):
        """Latitude within -90..90."""
        if field.data is not None and not field.data.is_finite():
            raise ValidationError("Enter a number.")
        if field.data is not None and not -90 <= field.data <= 90:
            raise ValidationError("Latitude is between -90 and 90.")

    def validate_lon(self, field):
        """Longitude within -180..180."""
        if field.data is not None and not field.data.is_finite():
            raise ValidationError("Enter a number.")
        if field.data is not None and not -180 <= field.data <= 180:
            raise ValidationError("Longitude is between -180 and 180.")

    def validate(self, extra_validators=None):
        """Check the fields, then place the city from the gazetteer when no coordinates were given."""
        if not super().validate(extra_validators):
            return False
        largest = self.context.get("largest_vote") or 0
        # Here, not in validate_council_seats: a blank count stops that field's own checks.
        if self.council_seats.data is None and largest:
            self.council_seats.errors.append(
                f"A vote recorded here counted {largest} members: enter the number of seats."
            )
            return False
        if (self.lat.data is None) != (self.lon.data is None):
            (self.lon if self.lon.data is None else self.lat).errors.append(
                "Give both latitude and longitude, or neither."
            )
            return False
        if self.lat.data is None:
            try:
                self.context["coordinates"] = geo.lookup(self.name.data, self.state.data)
            except geo.UnknownPlace as error:
                hint = (
                    "Check the spelling."
                    if self.context.get("in_csv")
                    else ("Check the spelling, or give its latitude and longitude.")
                )
                self.name.errors.append(f"{str(error)[0].upper()}{str(error)[1:]}. {hint}")
                return False
        else:
            self.context["coordinates"] = (float(self.lat.data), float(self.lon.data))
        return True

    def payload(self):
        """Return the city's values."""
        lat, lon = self.context["coordinates"]
        values = self.values("name", "kind", "state", "council_seats", "slug", "notes")
        values.update(lat=lat, lon=lon, ocd_id=geo.ocd_id(self.name.data, self.state.data, self.kind.data))
        return {"values": values}


class MotionForm(TrackerForm, SourceFields):
    """A motion before a council. Its status is never a field: it comes from the actions."""

    city_id = SelectField("Place", coerce=int, choices={}, validate_choice=True)
    title = StringField("Title", [DataRequired("Enter the motion's title."), Length(max=300)])
    kind = SelectField("Kind", choices=KINDS)
    aim = SelectField(
        "Aim",
        choices=AIMS,
        default="restrict",
        description="Which way the measure points; its status will say what happened to it.",
    )
    body = StringField(
        "Decided by",
        [DataRequired("Name the body that decides, e.g. City Council."), Length(max=200)],
        default="City Council",
        description="The body that decides it, e.g. City Council, Board of Supervisors, Mayor and Police Chief.",
    )
    identifier = StringField(
        "Council's number",
        [Optional(), Length(max=60)],
        description="The council's own file or resolution number, if it has one.",
    )
    summary = TextAreaField("Summary", [Optional(), Length(max=4000)], description="In our own words.")
    excerpt = TextAreaField(
        "Its own words", [Optional(), Length(max=4000)], description="The measure's text, as a source quotes it."
    )
    scope_note = TextAreaField(
        "Why it is here",
        [Optional(), Length(max=4000)],
        description="When it is not obvious why this measure belongs in the record.",
    )
    campaign = StringField("Campaign", [Optional(), Length(max=200)], description="The organizing campaign's name.")
    petition_signatures = CountField("Petition signatures")
    published = BooleanField("Published (visible to the public)")
    submit = SubmitField("Save motion")

    def __init__(self, *args, **kwargs):
        """Offer the cities given in the context; only those who may publish see the Published box."""
        super().__init__(*args, **kwargs)
        self.city_id.choices = dict(self.context.get("cities", []))
        if not self.context.get("can_publish"):
            # An organizer's motion is published when an editor approves it: a box they tick would mean nothing.
            del self.published

    def validate_title(self, field):
        """Titles are unique within a city."""
        taken = self.context.get("title_taken")
        if field.data and self.city_id.data in self.city_id.choices and taken and taken(self.city_id.data, field.data):
            raise ValidationError("This city already has a motion with this title.")

    def payload(self):
        """Return the motion's values and its optional source."""
        names = ["city_id", "title", "kind", "aim", "body", "identifier", "summary", "excerpt", "scope_note"]
        names += ["campaign", "petition_signatures"]
        if "published" in self:
            names.append("published")
        values = self.values(*names)
        if values["city_id"] < 0:  # a proposed place that waits for review (see editor.kind_context)
            return {"values": {**values, "city_id": None}, "pending_place": -values["city_id"], "source": self.source()}
        return {"values": values, "source": self.source()}


def warn_duplicate(form, what, noun):
    """Ask before adding a second action or vote of the same date and classification or result; True if asked.

    context 'duplicate' (date, what) -> label of the one already recorded, or None. Ticking form.separate says
    the new one is not the same.
    """
    found = form.context.get("duplicate") and form.context["duplicate"](form.date.data.isoformat(), what)
    if not found or form.separate.data:
        return False
    form.duplicate_found = True
    form.date.errors.append(
        f"This motion already has {'an' if noun == 'action' else 'a'} {noun} “{found}” on "
        f"{long_date(form.date.data)}. If this is a different "
        f"{noun}, tick “It is a separate {noun}” and save again; if it is the same, there is nothing to add."
    )
    return True


class ActionForm(TrackerForm, SourceFields):
    """A dated council action; its classification becomes the motion's status if it is the latest."""

    date = RealDateField("Date", [InputRequired("Enter the date of the action."), date_in_range()])
    classification = SelectField(
        "What happened",
        choices={**{s.code: s.label for s in status.STATUSES.values()}, status.EVENT: status.EVENT_LABEL},
        description=f"{status.EVENT_LABEL}: {status.EVENT_MEANING}",
    )
    description = TextAreaField("Description", [DataRequired("Describe what happened."), Length(max=1000)])
    submit = SubmitField("Save action")

    separate = BooleanField("It is a separate action from the one already recorded")

    def validate_date(self, field):
        """Only a scheduled vote may lie in the future."""
        if field.data and field.data > date.today() and self.classification.data != "scheduled":
            raise ValidationError("Only a scheduled vote can be dated in the future.")

    def validate(self, extra_validators=None):
        """Check the fields, then warn about an action the motion already has (same date and classification)."""
        return super().validate(extra_validators) and not warn_duplicate(self, self.classification.data, "action")

    def payload(self):
        """Return the action's values and its optional source."""
        return {"values": self.values("date", "classification", "description"), "source": self.source()}


def parse_roll_call(text):
    """Parse 'Name: option' lines into (name, option) pairs; return (members, errors)."""
    members, errors, seen = [], [], set()
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, sep, option = line.rpartition(":")
        name, option = name.strip(), "_".join(option.strip().lower().split())
        if not sep or not name or option not in status.MEMBER_OPTIONS:
            errors.append(
                f"Line {number}: write “Name: yes”, with yes, no, abstain, absent, excused or not recorded after "
                "the colon."
            )
        elif len(name) > 120:
            errors.append(f"Line {number}: a name can be at most 120 characters.")
        elif name.casefold() in seen:
            errors.append(f"Line {number}: {name} is listed twice.")
        else:
            seen.add(name.casefold())
            members.append((name, option))
    return members, errors


class VoteForm(TrackerForm, SourceFields):
    """A council vote: counts (blank = unknown) and an optional roll call."""

    date = RealDateField("Date", [InputRequired("Enter the date of the vote."), date_in_range(future=False)])
    result = SelectField("Result", choices=status.VOTE_RESULTS)
    yes = CountField("Yes")
    no = CountField("No")
    abstain = CountField("Abstain")
    absent = CountField("Absent")
    excused = CountField("Excused")
    roll_call = TextAreaField(
        "Roll call",
        [Optional(), Length(max=10000)],
        description="Optional. One member per line, as “Name: yes”, “Name: no”, “Name: abstain”, “Name: absent”, "
        "“Name: excused”, or “Name: not recorded” for a member whose vote no source gives. A partial roll call may "
        "name only some members. Blank counts are filled only from one that names every seat.",
    )
    separate = BooleanField("It is a separate vote from the one already recorded")
    action_id = SelectField(
        "Decides the action",
        coerce=lambda v: int(v) if v not in (None, "", "None") else None,
        choices={},
        validate_choice=False,
    )
    submit = SubmitField("Save vote")

    def __init__(self, *args, **kwargs):
        """Offer the motion's actions to link the vote to."""
        super().__init__(*args, **kwargs)
        self.action_id.choices = {"": "None", **dict(self.context.get("actions", []))}
        self.members = []

    def validate_action_id(self, field):
        """The linked action must be one of this motion's."""
        if field.data is not None and field.data not in {a for a, _ in self.context.get("actions", [])}:
            raise ValidationError("Choose one of this motion's actions, or none.")

    def validate_roll_call(self, field):
        """Each line names one member and how they voted."""
        self.members, errors = parse_roll_call(field.data)
        if errors:
            raise ValidationError(" ".join(errors))

    def validate(self, extra_validators=None):
        """Check the fields, then the tally against the counts and the counts against the council's seats."""
        if not super().validate(extra_validators):
            return False
        seats, city = self.context.get("seats"), self.context.get("city_name", "The city")
        if self.members:
            checked = status.check_roll_call({o: self[o].data for o in VOTE_OPTIONS}, self.members, seats)
            if checked.problems:
                self.roll_call.errors = [*self.roll_call.errors, *checked.problems]
                return False
            for option in VOTE_OPTIONS:
                self[option].data = checked.counts[option]
        total = sum(self[o].data or 0 for o in VOTE_OPTIONS)
        if seats is not None and total > seats:
            self.form_errors.append(f"{city} has {seats} council seats; these counts add up to {total}.")
            return False
        return not warn_duplicate(self, self.result.data, "vote")

    def payload(self):
        """Return the vote's values, roll call and optional source."""
        return {
            "values": self.values("date", "result", "action_id", *VOTE_OPTIONS),
            "members": [list(m) for m in self.members],
            "source": self.source(),
        }


class HearingForm(TrackerForm, SourceFields):
    """A hearing: who heard it, how long, and how many spoke on which side (any may be unknown)."""

    date = RealDateField("Date", [InputRequired("Enter the date of the hearing."), date_in_range()])
    body = StringField(
        "Body",
        [DataRequired("Say which body held the hearing."), Length(max=200)],
        description="For example “City Council regular meeting”.",
    )
    duration_minutes = CountField("Duration in minutes")
    speakers_total = CountField("Speakers in all")
    speakers_support = CountField("Speakers in support")
    speakers_oppose = CountField("Speakers opposed")
    speakers_neutral = CountField("Speakers neutral")
    notes = TextAreaField(
        "Notes", [Optional(), Length(max=4000)], description="For example where sources disagree, and which says what."
    )
    submit = SubmitField("Save hearing")

    def validate_duration_minutes(self, field):
        """A hearing lasts at most two days."""
        if field.data is not None and field.data > 2880:
            raise ValidationError("Enter the duration in minutes (at most 2,880, two days).")

    def validate_speakers_total(self, field):
        """The sides cannot add up to more than the total."""
        sides = [self[n].data for n in ("speakers_support", "speakers_oppose", "speakers_neutral")]
        if field.data is not None and sum(s or 0 for s in sides) > field.data:
            raise ValidationError(
                f"The speakers for, against and neutral add up to {sum(s or 0 for s in sides)}, "
                f"more than the {field.data} in all."
            )

    def payload(self):
        """Return the hearing's values and its optional source."""
        names = [c for c in records.COLUMNS["hearing"] if c != "motion_id"]
        return {"values": self.values(*names), "source": self.source()}


class TestimonyForm(TrackerForm, SourceFields):
    """One person's testimony at a hearing; their name is public only with publish_name."""

    speaker_name = StringField("Speaker's name", [Optional(), Length(max=120)])
    publish_name = BooleanField("Show the name publicly (only if it is already public in the source)")
    affiliation = StringField("Affiliation", [Optional(), Length(max=200)])
    position = SelectField("Position", choices=POSITIONS)
    summary = TextAreaField("Summary", [Optional(), Length(max=4000)])
    submit = SubmitField("Save testimony")

    def validate_publish_name(self, field):
        """A name can only be published if one was given."""
        if field.data and not self.speaker_name.data:
            raise ValidationError("There is no name to publish: enter the speaker's name or untick this.")

    def payload(self):
        """Return the testimony's values and its optional source."""
        names = ("speaker_name", "publish_name", "affiliation", "position", "summary")
        return {"values": self.values(*names), "source": self.source()}


class SourceForm(TrackerForm):
    """Correct a source's own fields (every record citing it shows the correction)."""

    title = StringField(
        "Title", [DataRequired("Give the source a title (its headline or document name)."), Length(max=300)]
    )
    headline = BooleanField("The title is the source's own headline (untick if it is a description)")
    url = StringField(
        "Web address",
        [Optional(), Length(max=2000), web_address],
        description="Leave blank for a printed or archived document with no address.",
    )
    publisher = StringField("Publisher", [Optional(), Length(max=200)])
    published_on = RealDateField("Published on", [Optional(), date_in_range(future=False)])
    accessed_on = RealDateField("Last checked on", [Optional(), date_in_range(future=False)])
    submit = SubmitField("Save source")

    def validate_url(self, field):
        """One source per web address."""
        taken = self.context.get("url_taken")
        if field.data and taken and taken(field.data):
            raise ValidationError("Another source already has this web address.")

    def payload(self):
        """Return the source's values."""
        return {"values": self.values("title", "headline", "url", "publisher", "published_on", "accessed_on")}


class CitationForm(TrackerForm, SourceFields):
    """A further source for a record that already exists, for the whole record or one of its facts."""

    field = SelectField("Which fact it supports", choices={}, validate_choice=False)
    submit = SubmitField("Add source")

    def __init__(self, *args, **kwargs):
        """Offer the record's citable fields (context 'fields': {name: label})."""
        super().__init__(*args, **kwargs)
        self.field.choices = {"": "The record as a whole", **self.context.get("fields", {})}

    def validate_field(self, field):
        """Only one of the record's own fields."""
        if field.data and field.data not in self.context.get("fields", {}):
            raise ValidationError("Choose one of this record's facts, or the record as a whole.")

    def validate_source_title(self, field):
        """Here the source is the whole point: it needs a title."""
        if not field.data:
            raise ValidationError("Give the source a title (its headline or document name).")

    def payload(self):
        """Return the source and note, with the fact it supports."""
        return {"values": {}, "source": {**self.source(), "field": self.field.data or None}}


ZXCVBN_LIMIT = 72


def password_problem(password, email=""):
    """Return why a password is refused (too short, common or easy to guess), or None if it is fine."""
    from zxcvbn import zxcvbn

    if len(password) < MIN_PASSWORD:
        return f"Use at least {MIN_PASSWORD} characters; a few words together make a good password."
    if len(password) > 256:
        return "Use at most 256 characters."
    email = email.strip().lower()
    hints = [email, *(part for part in re.split(r"[@.+_-]", email) if part), "tracker", "password", "council"]
    if email and email in password.lower():
        return "Do not use your email address in your password."
    # zxcvbn refuses more than 72 characters; a passphrase's first 72 say whether it is guessable (the whole is
    # hashed). Long passphrases are welcome.
    if zxcvbn(password[:ZXCVBN_LIMIT], user_inputs=hints)["score"] < 3:
        return "This password is too common or too easy to guess; try a few unrelated words together."
    return None


class LoginForm(TrackerForm):
    """Log in with email and password."""

    email = EmailField("Email", [DataRequired("Enter your email address."), Length(max=254)])
    password = PasswordField("Password", [DataRequired("Enter your password."), Length(max=256)])
    submit = SubmitField("Log in")


class NewPasswordFields:
    """A new password, typed twice."""

    new_password = PasswordField(
        "New password",
        [DataRequired("Enter a new password.")],
        description=f"At least {MIN_PASSWORD} characters; not a common password.",
    )
    confirm = PasswordField("New password again", [DataRequired("Type the new password again.")])

    def validate_new_password(self, field):
        """Refuse short and common passwords."""
        problem = password_problem(field.data or "", self.context.get("email", ""))
        if problem:
            raise ValidationError(problem)

    def validate_confirm(self, field):
        """Both entries match."""
        if field.data != self.new_password.data:
            raise ValidationError("The two passwords do not match.")


class PasswordChangeForm(TrackerForm, NewPasswordFields):
    """Change one's own password (which logs out every other session)."""

    current_password = PasswordField("Current password", [DataRequired("Enter your current password.")])
    submit = SubmitField("Change password")


class UserForm(TrackerForm, NewPasswordFields):
    """An admin creates an account."""

    email = EmailField("Email", [DataRequired("Enter an email address."), Length(max=254)])
    role = SelectField("Role", choices=ROLES)
    submit = SubmitField("Create account")

    def validate_email(self, field):
        """A plausible address, one account per address."""
        if not EMAIL.match(field.data or ""):
            raise ValidationError("Enter an email address like name@example.org.")
        taken = self.context.get("email_taken")
        if taken and field.data and taken(field.data):
            raise ValidationError("An account with this email address already exists.")

    def validate_new_password(self, field):
        """Check the password against this email."""
        self.context["email"] = self.email.data or ""
        super().validate_new_password(field)


class UserRoleForm(TrackerForm):
    """An admin changes an account's role or active flag."""

    role = SelectField("Role", choices=ROLES)
    active = BooleanField("Active")
    submit = SubmitField("Save")


class ImportForm(TrackerForm):
    """An editor uploads a CSV to import."""

    file = FileField(
        "CSV file",
        [FileRequired("Choose a CSV file."), FileAllowed(["csv"], "Choose a .csv file.")],
        description="In the format of /exports/motions.csv; see the README for the columns.",
    )
    dry_run = BooleanField("Dry run: check the file and show what would change, without writing", default=True)
    submit = SubmitField("Import")


class ReviewForm(TrackerForm):
    """An editor approves or rejects a submission; a rejection gives its reason."""

    decision = SelectField(
        "Decision", [InputRequired("Choose Approve or Reject.")], choices={"approve": "Approve", "reject": "Reject"}
    )
    reason = TextAreaField("Reason", [Length(max=2000)], description="Shown to the organizer who sent it.")

    def validate_reason(self, field):
        """A rejection says why."""
        if self.decision.data == "reject" and not field.data:
            raise ValidationError("Say why this is rejected; the organizer will see it.")


class ConfirmForm(TrackerForm):
    """A POST with only the CSRF token; confirming a revert also names the version of the row that was shown."""

    seen = HiddenField()
    submit = SubmitField("Revert")


class LogoutForm(TrackerForm):
    """Log out, here or everywhere."""

    everywhere = BooleanField("Log out on every device")
    submit = SubmitField("Log out")


class SubscribeForm(TrackerForm):
    """Follow everything, a place or a measure by email: the address and how often."""

    email = EmailField(
        "Email address",
        [
            DataRequired("Enter your email address."),
            Length(max=254, message="An email address is at most 254 characters."),
        ],
        description="We send a link to confirm it first; nothing else is sent before you confirm.",
    )
    frequency = RadioField(
        "How often",
        choices={"immediate": "An email for each change", "daily": "One email a day with the day's changes"},
        default="immediate",
        validators=[DataRequired("Choose how often.")],
    )
    place = HiddenField()
    motion = HiddenField()
    submit = SubmitField("Send me the confirmation link")

    def validate_email(self, field):
        """One bare address a mail server could deliver to (no name, no list: "Bob <a@b.org>" or "a,b@c.org" could
        reach other mailboxes than the one stored)."""
        if not MAILBOX.fullmatch(field.data or "") or len(field.data) > 254:
            raise ValidationError("Enter one email address like name@example.org.")


class FrequencyForm(TrackerForm):
    """Change how often one subscription's emails come."""

    frequency = RadioField(
        "How often",
        choices={"immediate": "An email for each change", "daily": "One email a day"},
        validators=[DataRequired("Choose how often.")],
    )
    submit = SubmitField("Save")
