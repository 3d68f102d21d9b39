"""Form rules as units: tables of good and bad input, each bad one with the message a person sees."""

from datetime import date, timedelta

import pytest
from werkzeug.datastructures import MultiDict

from tracker import forms

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
        (
            {"yes": "", "no": "", "roll_call": "Ana: yes\nBen: YES\n\nCy: no\nDi: absent"},
            {"yes": 2, "no": 1, "absent": 1, "abstain": 0, "excused": 0},
        ),
        ({"yes": "2", "no": "", "roll_call": "Ana: yes\nBen: yes"}, {"yes": 2, "no": 0}),
        ({"action_id": "1"}, {"action_id": 1}),
        ({"date": TODAY.isoformat()}, {"date": TODAY.isoformat()}),
    ],
)
def test_good_votes(app, changes, expected):
    form = validate(app, forms.VoteForm, {**VOTE, **changes}, VOTE_CONTEXT)
    assert not form.errors and not form.form_errors
    values = form.payload()["values"]
    assert {k: values[k] for k in expected} == expected


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
        ({"date": (TODAY + timedelta(days=1)).isoformat()}, "This cannot be dated in the future."),
        ({"result": "maybe"}, "Not a valid choice"),
        ({"roll_call": "Ana - yes"}, "Line 1: write “Name: yes”"),
        ({"roll_call": "Ana: perhaps"}, "Line 1: write “Name: yes”"),
        ({"roll_call": "Ana: yes\nana: no"}, "Line 2: ana is listed twice."),
        ({"yes": "6", "roll_call": "Ana: yes\nBen: no"}, "The roll call has 1 “yes” but this count says 6."),
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
    assert "Durham has 7 council seats; these counts add up to 9." in messages(form)


ACTION = {"date": "2018-04-16", "classification": "passed", "description": "Adopted."}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, None),
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


CITY = {"name": "Chapel Hill", "state": "NC", "council_seats": "9"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, None),
        ({"lat": "35.9", "lon": "-79.05", "name": "Somewhere Unlisted"}, None),
        ({"name": "Nowhereville"}, "The gazetteer has no place called 'Nowhereville' in North Carolina."),
        ({"state": "ZZ"}, "Choose a state."),
        ({"council_seats": "0"}, "A council has between 1 and 200 seats."),
        ({"council_seats": ""}, "Enter the number of seats on the council."),
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
        assert form.payload()["values"]["slug"] in ("chapel-hill-nc", "somewhere-unlisted-nc")
    else:
        assert message in messages(form)


MOTION = {"city_id": "1", "title": "A resolution", "kind": "resolution", "published": "y"}
MOTION_CONTEXT = {
    "cities": [(1, "Durham, NC")],
    "title_taken": lambda city, title: title == "Taken",
    "can_publish": True,
}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, None),
        ({"title": ""}, "Enter the motion's title."),
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
        assert "status" not in form.payload()["values"]
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
    ],
)
def test_password_rules(password, email, problem):
    result = forms.password_problem(password, email)
    assert (result is None) if problem is None else (problem in result)
