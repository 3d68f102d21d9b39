"""The status vocabulary and the rules that derive a motion's status from its dated actions."""

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
        Status("passed", "Passed", "Adopted by the council.", True),
        Status("failed", "Failed", "Voted down.", True),
        Status("withdrawn", "Withdrawn", "Pulled by its sponsor.", True),
        Status("vetoed", "Vetoed", "Passed, then vetoed by the mayor.", False),
        Status("overridden", "Veto overridden", "The council overrode the veto: in force.", True),
    )
}
CODES = tuple(STATUSES)
# With no action on record, a motion is still only a campaign.
DEFAULT = "campaign"
# Statuses that record the council's decision, in the order a motion can reach them.
DECISIONS = ("passed", "failed", "withdrawn", "vetoed", "overridden")


# How close each status is to a ban in force, least first: a city is shown by its most advanced motion.
ADVANCEMENT = (
    "withdrawn",
    "failed",
    "campaign",
    "deferred",
    "introduced",
    "in_committee",
    "scheduled",
    "vetoed",
    "passed",
    "overridden",
)


@dataclass(frozen=True)
class Category:
    """A group of statuses as the map shows it: a colour, a shape and a symbol, never colour alone."""

    code: str
    label: str
    symbol: str
    statuses: tuple


CATEGORIES = {
    c.code: c
    for c in (
        Category("in_force", "Passed", "✓", ("passed", "overridden")),
        Category("vetoed", "Vetoed", "!", ("vetoed",)),
        Category("under_way", "Under way", "…", ("campaign", "introduced", "in_committee", "scheduled", "deferred")),
        Category("stopped", "Failed or withdrawn", "✕", ("failed", "withdrawn")),
        Category("none", "No motion recorded", "–", ()),
    )
}


def most_advanced(codes):
    """Return the most advanced of some statuses (None when there are none)."""
    return max(codes, key=ADVANCEMENT.index, default=None)


def category(code):
    """Return the map category code of a status ("none" when there is no motion, code None)."""
    for c in CATEGORIES.values():
        if code in c.statuses:
            return c.code
    return "none"


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
    """Derive status, introduced_on, decided_on and last_action_on from a motion's actions."""
    actions = list(actions)
    last = latest(actions)
    if last is None:
        return Derived(DEFAULT, None, None, None)
    introduced = [a["date"] for a in actions if a["classification"] == "introduced"]
    decided = [a for a in actions if a["classification"] in DECISIONS]
    return Derived(
        status=last["classification"],
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
    """Return the plain label for a status code."""
    return STATUSES[code].label
