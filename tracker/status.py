"""The record's vocabulary (statuses, events, aims, place kinds, measure kinds, vote options) and the rules that
derive a motion's status from its dated actions and a place's map category from its motions."""

from collections import Counter
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Status:
    """One status a motion can be in, as shown to visitors."""

    code: str
    label: str
    meaning: str
    final: bool


STATUSES = {
    s.code: s
    for s in (
        Status(
            "campaign",
            "Campaign",
            "Organizers are asking the council to act; nothing formally introduced.",
            False,
        ),
        Status("introduced", "Introduced", "On the council's record.", False),
        Status("in_committee", "In committee", "Referred to a committee or work session.", False),
        Status("scheduled", "Scheduled for vote", "On an upcoming agenda.", False),
        Status("deferred", "Deferred", "Postponed or tabled.", False),
        Status("passed", "Passed", "Adopted by the council, board or official that decides.", True),
        Status("failed", "Failed", "Voted down.", True),
        Status("withdrawn", "Withdrawn", "Pulled by its sponsor.", True),
        Status("vetoed", "Vetoed", "Passed, then vetoed by the mayor or executive.", False),
        Status("overridden", "Veto overridden", "The council overrode the veto: in force.", True),
    )
}
CODES = tuple(STATUSES)
# A dated event on a motion's timeline that leaves its status as it is: a later report, a lawsuit filed, an
# advisory body's finding.
EVENT = "event"
EVENT_LABEL = "Other event"
EVENT_MEANING = "A dated event that does not change the status: a report, a lawsuit, an advisory body's finding."
# What an action can record: a step that sets the status, or an event.
CLASSIFICATIONS = (*CODES, EVENT)
# With no action on record, a motion is still only a campaign.
DEFAULT = "campaign"
# Statuses that record the council's decision, in the order a motion can reach them.
DECISIONS = ("passed", "failed", "withdrawn", "vetoed", "overridden")


@dataclass(frozen=True)
class Term:
    """A code with the label and one-line meaning visitors see."""

    code: str
    label: str
    meaning: str


def _terms(*terms):
    """Index terms by code, in the order given."""
    return {t.code: t for t in terms}


# Which way a measure points. The status says what happened to it; the aim says what that means.
AIMS = _terms(
    Term("restrict", "End or restrict exchanges", "The measure ends, suspends or limits the exchanges or training."),
    Term("keep", "Keep or endorse exchanges", "The measure keeps, funds or endorses the exchanges or training."),
    Term("review", "Ask for a review", "The measure asks for a report or information, and decides nothing else."),
)
PLACE_KINDS = _terms(
    Term("city", "City", "A city, with its council."),
    Term("town", "Town", "A town, with its council or board."),
    Term("county", "County", "A county, with its board or council."),
)
MOTION_KINDS = _terms(
    Term("resolution", "Resolution", "A resolution of the body."),
    Term("ordinance", "Ordinance", "An ordinance: local law."),
    Term("statement", "Statement", "A statement of policy adopted by the body."),
    Term("motion", "Motion", "A motion, policy order or budget vote."),
    Term("policy", "Policy", "A written policy."),
    Term("executive", "Executive decision", "Decided by a mayor, police chief or agency head, without a vote."),
    Term("petition", "Petition", "A campaign's petition asking the body to act; nothing decided yet."),
)
# Accounts, submissions and the change log.
ROLES = {"organizer": "Organizer", "editor": "Editor", "admin": "Admin"}
EDITOR_ROLES = ("editor", "admin")
ADMIN_ROLES = ("admin",)
SUBMISSION_STATES = ("pending", "approved", "rejected")
# What a submission asks for: a new record (under a parent), a correction, or a further source for a record.
SUBMISSION_OPS = ("create", "update", "cite")
# What one change_log row records.
OPERATIONS = ("insert", "update", "delete")
VOTE_RESULTS = {"pass": "Passed", "fail": "Failed"}
POSITIONS = {"support": "Supports the motion", "oppose": "Opposes the motion", "neutral": "Neutral"}

# Roll call options; not_recorded names a member known to sit on the body whose vote no source gives.
VOTE_OPTIONS = ("yes", "no", "abstain", "absent", "excused")
NOT_RECORDED = "not_recorded"
MEMBER_OPTIONS = (*VOTE_OPTIONS, NOT_RECORDED)


# The facts of each record that a source can support on its own (a citation of one field), with their labels.
CITABLE_FIELDS = {
    "city": {"kind": "Kind of place", "council_seats": "Seats", "notes": "Notes", "lat": "Location"},
    "motion": {
        "title": "Title",
        "kind": "Kind",
        "aim": "Aim",
        "body": "Decided by",
        "identifier": "Number",
        "summary": "Summary",
        "excerpt": "Its own words",
        "scope_note": "Why it is here",
        "campaign": "Campaign",
        "petition_signatures": "Petition signatures",
    },
    "action": {"date": "Date", "classification": "What happened", "description": "Description"},
    "vote": {"date": "Date", "result": "Result", "yes": "Counts", "roll_call": "Roll call"},
    "hearing": {"date": "Date", "duration_minutes": "Duration", "speakers_total": "Speakers", "notes": "Notes"},
    "testimony": {"speaker_name": "Speaker", "position": "Position", "summary": "Summary"},
}


@dataclass(frozen=True)
class Category:
    """What a decision meant, as the map and the summary show it: a colour, a shape and a symbol, never colour alone.

    phrase is the summary sentence's clause, with {n} places; one and many are its singular and plural forms.
    """

    code: str
    label: str
    symbol: str
    meaning: str
    one: str
    many: str


CATEGORIES = {
    c.code: c
    for c in (
        Category(
            "restricted",
            "Ended or restricted exchanges",
            "✓",
            "A measure to end or restrict exchanges passed (or its veto was overridden).",
            "{n} place ended or restricted exchanges",
            "{n} places ended or restricted exchanges",
        ),
        Category(
            "vetoed",
            "Restriction vetoed",
            "!",
            "A measure to end or restrict exchanges passed and was vetoed.",
            "{n} place saw a restriction vetoed",
            "{n} places saw a restriction vetoed",
        ),
        Category(
            "kept",
            "Kept or endorsed exchanges",
            "=",
            "A measure to keep or endorse exchanges passed.",
            "{n} place voted to keep exchanges",
            "{n} places voted to keep exchanges",
        ),
        Category(
            "stopped",
            "Restriction failed or withdrawn",
            "✕",
            "A measure to end or restrict exchanges was voted down or withdrawn.",
            "in {n} place a measure to end them failed or was withdrawn",
            "in {n} places a measure to end them failed or was withdrawn",
        ),
        Category(
            "reviewed",
            "Asked for a review",
            "?",
            "A measure asking for a report or information passed.",
            "{n} place asked for a review",
            "{n} places asked for a review",
        ),
        Category(
            "other",
            "Other decision",
            "·",
            "A decision on a measure to keep exchanges or to review them that did not pass.",
            "{n} place made another decision",
            "{n} places made other decisions",
        ),
        Category(
            "under_way",
            "Under way",
            "…",
            "A campaign or a measure not yet decided.",
            "{n} place has a campaign or measure under way",
            "{n} places have campaigns or measures under way",
        ),
        Category("none", "No measure recorded", "–", "No measure is recorded for the place.", "", ""),
    )
}
IN_FORCE = ("passed", "overridden")
STOPPED = ("failed", "withdrawn")


def category(code, aim="restrict"):
    """Return the category code of a measure with this status and aim ("none" when code is None)."""
    if code is None:
        return "none"
    if not STATUSES[code].final and code != "vetoed":
        return "under_way"
    if aim == "restrict":
        return "restricted" if code in IN_FORCE else "vetoed" if code == "vetoed" else "stopped"
    if code in IN_FORCE:
        return "kept" if aim == "keep" else "reviewed"
    return "other"


def outcome(code, aim):
    """Say in a few words what a status means for a measure with this aim (e.g. "passed: exchanges kept")."""
    return CATEGORIES[category(code, aim)].label


def place_category(motions):
    """Return the category of a place from its motions (dicts with status, aim, decided_on, id).

    The latest decision speaks for the place (a later vote can undo an earlier one); a place with no decision
    yet is under way if any measure is, and "none" without measures.
    """
    decided = [m for m in motions if category(m["status"], m["aim"]) != "under_way"]
    if decided:
        last = max(decided, key=lambda m: (m["decided_on"] or "", m["id"]))
        return category(last["status"], last["aim"])
    return "under_way" if motions else "none"


def summary_clauses(counts):
    """Return the summary sentence's clauses for {category: number of places}, in the categories' order."""
    return [
        (CATEGORIES[code].one if n == 1 else CATEGORIES[code].many).format(n=f"{n:,}")
        for code, n in counts.items()
        if n and code != "none"
    ]


@dataclass(frozen=True)
class Derived:
    """What the action history says about a motion: its status and its key dates."""

    status: str
    introduced_on: str | None
    decided_on: str | None
    last_action_on: str | None


def latest(actions):
    """Return the latest action: the latest date, ties broken by insertion order (id)."""
    return max(actions, key=lambda a: (a["date"], a["id"]), default=None)


def derive(actions):
    """Derive status, introduced_on, decided_on and last_action_on from a motion's actions.

    Events count as news (last_action_on) but never set the status.
    """
    actions = list(actions)
    last = latest(actions)
    if last is None:
        return Derived(DEFAULT, None, None, None)
    steps = latest(a for a in actions if a["classification"] != EVENT)
    introduced = [a["date"] for a in actions if a["classification"] == "introduced"]
    decided = [a for a in actions if a["classification"] in DECISIONS]
    return Derived(
        status=steps["classification"] if steps else DEFAULT,
        introduced_on=min(introduced) if introduced else None,
        decided_on=latest(decided)["date"] if decided else None,
        last_action_on=last["date"],
    )


def one_year_before(day):
    """Return the same calendar day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def no_news_since(status, last_action_on, today=None):
    """Return the date of the last action if a non-final motion has had none for over a year, else None."""
    if last_action_on is None or STATUSES[status].final:
        return None
    last = date.fromisoformat(last_action_on) if isinstance(last_action_on, str) else last_action_on
    today = today or date.today()
    return last if last < one_year_before(today) else None


def label(code):
    """Return the plain label for a status code (or for an event)."""
    return EVENT_LABEL if code == EVENT else STATUSES[code].label


def option_label(option):
    """Return how a roll call option reads ("Not recorded" for not_recorded)."""
    return option.replace("_", " ").capitalize()


@dataclass(frozen=True)
class RollCall:
    """A roll call checked against its vote's counts."""

    counts: dict
    partial: bool
    problems: tuple


def check_roll_call(counts, members, seats=None):
    """Check a roll call ((name, option) pairs) against the counts ({option: n or None}) and the seats.

    A roll call never contradicts the counts: no option names more members than its count, and where members
    are listed as not recorded (the roll call names the whole body), they are enough to cover every counted vote
    the others leave unexplained. Only a complete roll call (one member named for each seat, none of them not
    recorded) fills blank counts; a partial one leaves them unknown, never guessed.
    """
    named = Counter(option for _name, option in members)
    unknown = named[NOT_RECORDED]
    problems = []
    for option in VOTE_OPTIONS:
        given = counts.get(option)
        if given is not None and named[option] > given:
            problems.append(f"The roll call has {named[option]} “{option}” but the count says {given}.")
    unexplained = sum(max(0, counts[o] - named[o]) for o in VOTE_OPTIONS if counts.get(o) is not None)
    if unknown and unexplained > unknown:
        problems.append(
            f"The counts have {unexplained} votes the roll call does not name, but only {unknown} "
            f"{'member is' if unknown == 1 else 'members are'} listed as not recorded."
        )
    if seats is not None and len(members) > seats:
        problems.append(f"The roll call lists {len(members)} members, more than the {seats} seats.")
    # The counts and the named members together: each option counts at least as many as either says.
    least = sum(max(counts.get(o) or 0, named[o]) for o in VOTE_OPTIONS)
    if seats is not None and least > seats and len(members) <= seats:
        problems.append(f"The counts and the roll call together count {least} members, more than the {seats} seats.")
    complete = not unknown and seats is not None and len(members) == seats and not problems
    filled = {o: (named[o] if complete and counts.get(o) is None else counts.get(o)) for o in VOTE_OPTIONS}
    return RollCall(filled, bool(members) and not complete, tuple(problems))
