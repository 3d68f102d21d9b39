"""Form rules as units: tables of good and bad input, each bad one with the message a person sees."""

from datetime import date, timedelta

import pytest
from werkzeug.datastructures import MultiDict

from tracker import forms

# Read once, when the cases are collected: a future date is two days ahead, so a run that crosses midnight
# still finds it in the future.
TODAY = date.today()
VOTE_CONTEXT = {"seats": 7, "city_name": "Durham", "actions": [(1, "2018-04-16: Passed")]}


def validate(app, form_class, data, context=None):
    """Build a form from data (CSRF off) and validate it; return the form."""
    with app.test_request_context(method="POST"):
        form = form_class(formdata=MultiDict(data), meta={"csrf": False}, context=context or {})
        form.validate()
        return form


def messages(form):
    """Return every message of a form, form-level ones included, as one string."""
    return " ".join(m for field in form.errors.values() for m in field) + " ".join(form.form_errors)


VOTE = {"date": "2018-04-16", "result": "pass", "yes": "6", "no": "0"}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, {"yes": 6, "no": 0, "abstain": None}),
        ({"yes": "", "no": ""}, {"yes": None, "no": None}),
        ({"yes": " 4 ", "no": "3"}, {"yes": 4, "no": 3}),
        # One member named for each of Durham's seven seats: the whole council, so blank counts are filled.
        (
            {"yes": "", "no": "", "roll_call": "Ana: yes\nBen: YES\n\nCy: no\nDi: absent\nEd: yes\nFlo: no\nGus: yes"},
            {"yes": 4, "no": 2, "absent": 1, "abstain": 0, "excused": 0},
        ),
        # Fewer members than seats: what the roll call does not say stays unknown.
        (
            {"yes": "", "no": "", "roll_call": "Ana: yes\nBen: YES\n\nCy: no\nDi: absent"},
            {"yes": None, "no": None, "absent": None, "abstain": None, "excused": None},
        ),
        ({"yes": "2", "no": "", "roll_call": "Ana: yes\nBen: yes"}, {"yes": 2, "no": None}),
        # A partial roll call names fewer members than the counts: the counts stand, blank ones stay unknown.
        ({"roll_call": "Ana: yes"}, {"yes": 6, "no": 0, "abstain": None, "absent": None}),
        (
            {
                "roll_call": "\n".join(
                    [
                        "Ana: yes",
                        "Ben: not recorded",
                        "Cy: Not Recorded",
                        "Di: not_recorded",
                        "Ed: NOT RECORDED",
                        "Fay: not recorded",
                    ]
                )
            },
            {"yes": 6, "no": 0, "abstain": None},
        ),
        ({"yes": "", "no": "", "roll_call": "Ana: yes\nBen: not recorded"}, {"yes": None, "no": None}),
        ({"action_id": "1"}, {"action_id": 1}),
        ({"date": TODAY.isoformat()}, {"date": TODAY.isoformat()}),
    ],
)
def test_good_votes(app, changes, expected):
    form = validate(app, forms.VoteForm, {**VOTE, **changes}, VOTE_CONTEXT)
    assert not form.errors and not form.form_errors
    values = form.payload()["values"]
    assert {k: values[k] for k in expected} == expected


def test_members_whose_vote_is_not_recorded_are_kept_in_the_roll_call(app):
    data = {**VOTE, "yes": "2", "roll_call": "Ana: yes\nBen: Not recorded"}
    form = validate(app, forms.VoteForm, data, VOTE_CONTEXT)
    assert not form.errors, form.errors
    assert form.payload()["members"] == [["Ana", "yes"], ["Ben", "not_recorded"]]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"yes": "6", "no": "3"}, "Durham has 7 council seats; these counts add up to 9."),
        ({"yes": "-1"}, "Enter a whole number (0 or more), or leave it blank if it is not known."),
        ({"no": "two"}, "Enter a whole number (0 or more), or leave it blank if it is not known."),
        ({"yes": "1.5"}, "Enter a whole number"),
        ({"date": ""}, "Enter the date of the vote."),
        ({"date": "2018-02-30"}, "Enter a real date as YYYY-MM-DD, for example 2018-04-16."),
        ({"date": "16/04/2018"}, "Enter a real date as YYYY-MM-DD"),
        ({"date": "1899-12-31"}, "Enter a date on or after January 1, 1900."),
        ({"date": (TODAY + timedelta(days=2)).isoformat()}, "This cannot be dated in the future."),
        ({"result": "maybe"}, "Not a valid choice"),
        ({"roll_call": "Ana - yes"}, "Line 1: write “Name: yes”"),
        ({"roll_call": "Ana: perhaps"}, "Line 1: write “Name: yes”"),
        ({"roll_call": "Ana: yes\nana: no"}, "Line 2: ana is listed twice."),
        # Naming more members than a count is refused (naming fewer is a partial roll call: see test_good_votes).
        ({"yes": "1", "roll_call": "Ana: yes\nBen: yes"}, "The roll call has 2 “yes” but the count says 1."),
        ({"yes": "6", "roll_call": "Ana: yes\nBen: no"}, "The roll call has 1 “no” but the count says 0."),
        (
            {"yes": "6", "roll_call": "Ana: yes\nBen: not recorded"},
            "The counts have 5 votes the roll call does not name, but only 1 member is listed as not recorded.",
        ),
        ({"action_id": "99"}, "Choose one of this motion's actions, or none."),
        (
            {"source_url": "javascript:alert(1)", "source_title": "x"},
            "Enter a web address that starts with http:// or https://.",
        ),
        ({"source_url": "https://example.org/a"}, "Give the source a title"),
    ],
)
def test_bad_votes_are_refused_with_a_message(app, changes, message):
    form = validate(app, forms.VoteForm, {**VOTE, **changes}, VOTE_CONTEXT)
    assert message in messages(form)


def test_a_roll_call_filling_counts_still_respects_the_seats(app):
    roll = "\n".join(f"Member {i}: yes" for i in range(9))
    form = validate(app, forms.VoteForm, {**VOTE, "yes": "", "no": "", "roll_call": roll}, VOTE_CONTEXT)
    assert "The roll call lists 9 members, more than the 7 seats." in messages(form)
    roll = "\n".join(f"Member {i}: yes" for i in range(7))
    form = validate(app, forms.VoteForm, {**VOTE, "yes": "", "no": "", "roll_call": roll}, VOTE_CONTEXT)
    assert not form.errors and form.payload()["values"]["yes"] == 7


def test_counts_and_a_partial_roll_call_together_respect_the_seats(app):
    # Six counted yes and two members named voting no are at least eight votes on a seven-seat council.
    form = validate(app, forms.VoteForm, {**VOTE, "yes": "6", "no": "", "roll_call": "Ana: no\nBen: no"}, VOTE_CONTEXT)
    assert "7 seats" in messages(form) or "7 council seats" in messages(form)


ACTION = {"date": "2018-04-16", "classification": "passed", "description": "Adopted."}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, None),
        ({"classification": "event", "description": "A lawsuit was filed."}, None),
        ({"classification": "scheduled", "date": (TODAY + timedelta(days=30)).isoformat()}, None),
        ({"date": (TODAY + timedelta(days=30)).isoformat()}, "Only a scheduled vote can be dated in the future."),
        ({"classification": "scheduled", "date": (TODAY + timedelta(days=800)).isoformat()}, "no later than"),
        ({"classification": "won"}, "Not a valid choice"),
        ({"description": "   "}, "Describe what happened."),
        ({"description": "x" * 1001}, "Field cannot be longer than 1000 characters."),
        ({"description": "Tab\x0bled."}, "Remove the invisible control character from this text."),
    ],
)
def test_actions(app, changes, message):
    form = validate(app, forms.ActionForm, {**ACTION, **changes})
    if message is None:
        assert not form.errors
    else:
        assert message in messages(form)


CITY = {"name": "Chapel Hill", "kind": "city", "state": "NC", "council_seats": "9"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, None),
        ({"lat": "35.9", "lon": "-79.05", "name": "Somewhere Unlisted"}, None),
        ({"kind": "town"}, None),
        ({"council_seats": ""}, None),
        ({"kind": "village"}, "Not a valid choice"),
        ({"name": "Nowhereville"}, "The gazetteer has no place called 'Nowhereville' in North Carolina."),
        ({"state": "ZZ"}, "Choose a state."),
        ({"council_seats": "0"}, "A council has between 1 and 200 seats."),
        ({"council_seats": "201"}, "A council has between 1 and 200 seats."),
        ({"slug": "Chapel Hill"}, "Use lower-case letters, digits and single hyphens"),
        ({"slug": "durham-nc"}, "Another city already uses the address /cities/durham-nc."),
        ({"lat": "95", "lon": "0"}, "Latitude is between -90 and 90."),
        ({"lat": "35"}, "Give both latitude and longitude, or neither."),
    ],
)
def test_cities(app, changes, message):
    form = validate(app, forms.CityForm, {**CITY, **changes}, {"slug_taken": lambda slug: slug == "durham-nc"})
    if message is None:
        assert not form.errors, form.errors
        values = form.payload()["values"]
        assert values["slug"] in ("chapel-hill-nc", "somewhere-unlisted-nc")
        assert values["kind"] == changes.get("kind", "city")
        assert values["council_seats"] == (9 if changes.get("council_seats", "9") else None)
    else:
        assert message in messages(form)


def test_a_county_placed_by_hand_gets_a_county_division_id(app):
    data = {
        "name": "Nowhere County",
        "kind": "county",
        "state": "NC",
        "council_seats": "",
        "lat": "35.1",
        "lon": "-76.5",
    }
    form = validate(app, forms.CityForm, data)
    assert not form.errors, form.errors
    values = form.payload()["values"]
    assert (values["lat"], values["lon"], values["council_seats"]) == (35.1, -76.5, None)
    assert values["ocd_id"] == "ocd-division/country:us/state:nc/county:nowhere"


@pytest.mark.parametrize(
    ("seats", "message"),
    [
        ("", "A vote recorded here counted 6 members: enter the number of seats."),
        ("5", "A vote recorded here counted 6 members, so the council has at least 6 seats."),
        ("6", None),
    ],
)
def test_seats_may_be_unknown_unless_a_recorded_vote_counted_members(app, seats, message):
    form = validate(app, forms.CityForm, {**CITY, "council_seats": seats}, {"largest_vote": 6})
    if message is None:
        assert not form.errors, form.errors
    else:
        assert message in messages(form)


MOTION = {
    "city_id": "1",
    "title": "A resolution",
    "kind": "resolution",
    "aim": "restrict",
    "body": "City Council",
    "published": "y",
}
MOTION_CONTEXT = {
    "cities": [(1, "Durham, NC")],
    "title_taken": lambda city, title: title == "Taken",
    "can_publish": True,
}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, None),
        ({"kind": "executive", "aim": "keep", "body": "Police Chief"}, None),
        ({"kind": "petition", "aim": "review"}, None),
        ({"excerpt": "The council opposes exchanges.", "scope_note": "Named no country."}, None),
        ({"title": ""}, "Enter the motion's title."),
        ({"aim": "ban"}, "Not a valid choice"),
        ({"body": " "}, "Name the body that decides, e.g. City Council."),
        ({"body": "x" * 201}, "Field cannot be longer than 200 characters."),
        ({"excerpt": "x" * 4001}, "Field cannot be longer than 4000 characters."),
        ({"title": "Taken"}, "This city already has a motion with this title."),
        ({"kind": "decree"}, "Not a valid choice"),
        ({"city_id": "2"}, "Not a valid choice"),
        ({"petition_signatures": "-5"}, "Enter a whole number"),
        ({"title": "x" * 301}, "Field cannot be longer than 300 characters."),
    ],
)
def test_motions(app, changes, message):
    form = validate(app, forms.MotionForm, {**MOTION, **changes}, MOTION_CONTEXT)
    if message is None:
        assert not form.errors
        values = form.payload()["values"]
        assert "status" not in values
        fields = {**MOTION, **changes}
        assert {k: values[k] for k in ("kind", "aim", "body")} == {k: fields[k] for k in ("kind", "aim", "body")}
        assert (values["excerpt"], values["scope_note"]) == (fields.get("excerpt"), fields.get("scope_note"))
    else:
        assert message in messages(form)


def test_only_editors_set_the_published_flag(app):
    form = validate(app, forms.MotionForm, MOTION, {**MOTION_CONTEXT, "can_publish": False})
    assert "published" not in form.payload()["values"]


HEARING = {"date": "2018-04-16", "body": "City Council regular meeting"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, None),
        ({"duration_minutes": "210", "speakers_total": "50"}, None),
        (
            {"speakers_total": "10", "speakers_support": "8", "speakers_oppose": "5"},
            "The speakers for, against and neutral add up to 13, more than the 10 in all.",
        ),
        ({"duration_minutes": "5000"}, "at most 2,880"),
        ({"body": ""}, "Say which body held the hearing."),
    ],
)
def test_hearings(app, changes, message):
    form = validate(app, forms.HearingForm, {**HEARING, **changes})
    if message is None:
        assert not form.errors
    else:
        assert message in messages(form)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"position": "support"}, None),
        ({"position": "support", "speaker_name": "Ana", "publish_name": "y"}, None),
        ({"position": "support", "publish_name": "y"}, "There is no name to publish"),
        ({"position": "angry"}, "Not a valid choice"),
    ],
)
def test_testimony(app, data, message):
    form = validate(app, forms.TestimonyForm, data)
    if message is None:
        assert not form.errors
    else:
        assert message in messages(form)


@pytest.mark.parametrize(
    ("password", "email", "problem"),
    [
        ("correct horse battery staple", "a@example.org", None),
        ("short", "", "Use at least 12 characters"),
        ("password1234", "", "too common or too easy to guess"),
        ("aaaaaaaaaaaaaaaa", "", "too common or too easy to guess"),
        ("organizer@example.org", "organizer@example.org", "Do not use your email address"),
        ("organizerorganizer", "organizer@example.org", "too common or too easy to guess"),
        ("x" * 257, "", "at most 256 characters"),
        # A long passphrase, past what the strength checker reads (72 characters), up to the limit.
        ("correct horse battery staple " * 3 + "and a lantern", "", None),
        ("a quiet lantern over the Eno river at dusk " * 5 + "x" * 40, "", None),
    ],
)
def test_password_rules(password, email, problem):
    result = forms.password_problem(password, email)
    assert (result is None) if problem is None else (problem in result)


CITATION = {"source_url": "https://example.org/a", "source_title": "A report", "source_note": "1,394 signatures."}
CITATION_CONTEXT = {"fields": {"petition_signatures": "Petition signatures", "title": "Title"}}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({}, None, None),
        ({"field": "petition_signatures"}, "petition_signatures", None),
        ({"field": "status"}, None, "Choose one of this record's facts, or the record as a whole."),
        ({"source_title": ""}, None, "Give the source a title"),
    ],
)
def test_citations_support_the_record_or_one_of_its_facts(app, changes, field, message):
    form = validate(app, forms.CitationForm, {**CITATION, **changes}, CITATION_CONTEXT)
    if message is None:
        assert not form.errors, form.errors
        source = form.payload()["source"]
        assert (source["field"], source["url"], source["note"]) == (
            field,
            CITATION["source_url"],
            CITATION["source_note"],
        )
    else:
        assert message in messages(form)
