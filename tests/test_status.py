"""Status derivation and 'no news since', on tables of cases."""

from datetime import date

import pytest

from tracker import status


def actions(*rows):
    """Build action dicts from (id, date, classification) tuples."""
    return [{"id": i, "date": d, "classification": c} for i, d, c in rows]


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ([], ("campaign", None, None, None)),
        ([(1, "2018-04-12", "introduced")], ("introduced", "2018-04-12", None, "2018-04-12")),
        (
            [(1, "2018-04-12", "introduced"), (2, "2018-04-16", "passed")],
            ("passed", "2018-04-12", "2018-04-16", "2018-04-16"),
        ),
        # Filled in out of order: an older action added later does not change the status.
        (
            [(1, "2018-04-16", "passed"), (2, "2018-04-12", "introduced")],
            ("passed", "2018-04-12", "2018-04-16", "2018-04-16"),
        ),
        # Same date: the later insertion wins.
        (
            [(1, "2020-01-01", "scheduled"), (2, "2020-01-01", "deferred")],
            ("deferred", None, None, "2020-01-01"),
        ),
        (
            [(2, "2020-01-01", "deferred"), (1, "2020-01-01", "scheduled")],
            ("deferred", None, None, "2020-01-01"),
        ),
        (
            [(1, "2020-01-01", "passed"), (2, "2020-01-10", "vetoed"), (3, "2020-02-01", "overridden")],
            ("overridden", None, "2020-02-01", "2020-02-01"),
        ),
        (
            [(1, "2020-01-01", "introduced"), (2, "2020-03-01", "introduced")],
            ("introduced", "2020-01-01", None, "2020-03-01"),
        ),
        (
            [(1, "2020-01-01", "failed"), (2, "2021-06-01", "introduced")],
            ("introduced", "2021-06-01", "2020-01-01", "2021-06-01"),
        ),
    ],
)
def test_status_is_derived_from_the_latest_dated_action(history, expected):
    derived = status.derive(actions(*history))
    assert (derived.status, derived.introduced_on, derived.decided_on, derived.last_action_on) == expected


TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("code", "last_action_on", "expected"),
    [
        ("introduced", "2025-11-24", date(2025, 11, 24)),
        ("introduced", "2025-11-25", None),
        ("in_committee", "2019-01-01", date(2019, 1, 1)),
        ("scheduled", "2026-12-01", None),
        ("vetoed", "2020-05-05", date(2020, 5, 5)),
        ("passed", "2018-04-16", None),
        ("failed", "2010-01-01", None),
        ("withdrawn", "2010-01-01", None),
        ("overridden", "2010-01-01", None),
        ("campaign", None, None),
    ],
)
def test_no_news_since_marks_only_stale_unfinished_motions(code, last_action_on, expected):
    assert status.no_news_since(code, last_action_on, today=TODAY) == expected


def test_a_year_before_a_leap_day_is_the_28th_of_february():
    assert status.one_year_before(date(2024, 2, 29)) == date(2023, 2, 28)


def test_every_status_has_a_label_and_an_explanation():
    assert status.CODES == (
        "campaign",
        "introduced",
        "in_committee",
        "scheduled",
        "deferred",
        "passed",
        "failed",
        "withdrawn",
        "vetoed",
        "overridden",
    )
    for s in status.STATUSES.values():
        assert s.label and s.meaning.endswith(".")
    assert {c for c, s in status.STATUSES.items() if s.final} == {
        "passed",
        "failed",
        "withdrawn",
        "overridden",
    }


def motion(motion_id, code, aim, decided_on=None):
    """A place's motion as place_category reads it."""
    return {"id": motion_id, "status": code, "aim": aim, "decided_on": decided_on}


@pytest.mark.parametrize(
    ("motions", "expected"),
    [
        ([], "none"),
        # No decision yet: under way, whatever the measures aim at.
        ([motion(1, "campaign", "restrict"), motion(2, "introduced", "keep")], "under_way"),
        # The latest decision speaks for the place, even when an earlier one went further.
        ([motion(1, "passed", "restrict", "2018-04-16"), motion(2, "failed", "restrict", "2019-06-01")], "stopped"),
        ([motion(1, "failed", "restrict", "2019-06-01"), motion(2, "passed", "restrict", "2018-04-16")], "stopped"),
        ([motion(1, "passed", "restrict", "2018-04-16"), motion(2, "passed", "keep", "2020-01-01")], "kept"),
        ([motion(1, "passed", "keep", "2020-01-01"), motion(2, "passed", "restrict", "2018-04-16")], "kept"),
        ([motion(1, "withdrawn", "review", "2021-01-01"), motion(2, "vetoed", "restrict", "2020-01-01")], "other"),
        # A measure still under way does not outweigh a decision.
        ([motion(1, "passed", "restrict", "2018-04-16"), motion(2, "introduced", "keep")], "restricted"),
        # Two decisions on one day: the later recorded one.
        ([motion(2, "passed", "keep", "2020-01-01"), motion(1, "failed", "restrict", "2020-01-01")], "kept"),
    ],
)
def test_a_place_is_shown_by_its_latest_decision(motions, expected):
    assert status.place_category(motions) == expected


def test_every_list_gives_each_place_the_category_of_its_latest_decision(db, durham_id):
    from tracker import places, records

    def category(slug):
        """The category the place's page, the home list, the map layer and the download give the place (all one)."""
        found = places.get_place(db, slug)["category"]
        listed = next(c["category"] for c in places.page_of_places(db)[0] if c["slug"] == slug)
        layer = next(row[6] for row in places.map_layer(db)["places"] if row[0] == slug)
        download = next(c["category"] for c in places.each_place_with_motions(db) if c["slug"] == slug)
        assert found == listed == layer == download
        return found

    def decided(city_id, title, aim, code, day):
        """Add a published motion decided on a day; return its id."""
        new = records.create_motion(
            db, {"city_id": city_id, "kind": "resolution", "aim": aim, "title": title, "published": 1}
        )
        if code is not None:
            records.add_action(db, new, {"date": day, "classification": code, "description": "Decided."})
        return new

    durham = db.execute("SELECT city_id FROM motion WHERE id = ?", [durham_id]).fetchone()[0]
    assert category("durham-nc") == "restricted"  # passed 2018-04-16, to end exchanges
    # A newer record of an older decision (2017) leaves the place as its 2018 decision shows it.
    decided(durham, "An earlier endorsement", "keep", "passed", "2017-01-05")
    assert category("durham-nc") == "restricted"
    # A later decision, less advanced than passing, now speaks for the place.
    decided(durham, "A later restriction", "restrict", "failed", "2019-06-03")
    assert category("durham-nc") == "stopped"
    # A place whose two measures are both undecided is under way.
    town = records.create_city(
        db, {"slug": "carrboro-nc", "name": "Carrboro", "state": "NC", "lat": 35.9, "lon": -79.1, "council_seats": 7}
    )
    decided(town, "A campaign", "restrict", None, None)
    decided(town, "An introduced review", "review", "introduced", "2020-02-02")
    assert category("carrboro-nc") == "under_way"


def test_large_counts_read_with_thousands_separators():
    from tracker import status

    assert status.summary_clauses({"restricted": 3036, "kept": 1})[0] == "3,036 places ended or restricted exchanges"
