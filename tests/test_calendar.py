"""Calendars (/calendar.ics, /cities/<slug>/calendar.ics): they parse, match the database and keep their UIDs."""

from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from tracker import calendars, records
from tracker import status as status_rules

TODAY = datetime.now(UTC).date()
YEAR_AGO = status_rules.one_year_before(TODAY)


def day(offset):
    """An ISO date offset days from today (UTC, as the calendars count)."""
    return (TODAY + timedelta(days=offset)).isoformat()


def events(client, path):
    """The VEVENTs of the calendar at path, by UID (a UID listed twice fails the test)."""
    response = client.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    found = {}
    for event in Calendar.from_ical(response.get_data()).walk("VEVENT"):
        uid = str(event["UID"])
        assert uid not in found, f"{uid} twice"
        found[uid] = event
    return found


def dates(found):
    """{UID: start date} of parsed events."""
    return {uid: event.decoded("DTSTART") for uid, event in found.items()}


def expected(db, slug=None):
    """{UID: date} the calendar should hold, read from the database directly: the published motions' scheduled
    actions and hearings dated from a year ago on."""
    sql = """
        SELECT 'action-' || action.id, action.date FROM action JOIN motion ON motion.id = action.motion_id
        JOIN city ON city.id = motion.city_id
        WHERE action.classification = 'scheduled' AND motion.published = 1 AND action.date >= :since
          AND (:slug IS NULL OR city.slug = :slug)
        UNION ALL
        SELECT 'hearing-' || hearing.id, hearing.date FROM hearing JOIN motion ON motion.id = hearing.motion_id
        JOIN city ON city.id = motion.city_id
        WHERE motion.published = 1 AND hearing.date >= :since AND (:slug IS NULL OR city.slug = :slug)
    """
    params = {"since": YEAR_AGO.isoformat(), "slug": slug}
    return {f"{uid}@localhost": date.fromisoformat(when) for uid, when in db.execute(sql, params)}


def scheduled(db, motion_id, when, text="On the council's agenda for a vote."):
    """Add a scheduled-vote action; return its id."""
    return records.add_action(db, motion_id, {"date": when, "classification": "scheduled", "description": text})


@pytest.fixture
def calendar_rows(db, durham_id):
    """Durham's dated events in and out of the window, an unpublished motion's and another place's."""
    rows = {
        "vote": scheduled(db, durham_id, day(30)),
        "hearing": records.add_hearing(db, durham_id, {"date": day(14), "body": "Public Safety Committee"}),
        "past_vote": scheduled(db, durham_id, YEAR_AGO.isoformat(), "Was on the agenda."),
        "old_vote": scheduled(db, durham_id, (YEAR_AGO - timedelta(days=1)).isoformat(), "Too old."),
        "introduced": records.add_action(
            db, durham_id, {"date": day(40), "classification": "introduced", "description": "Not a vote."}
        ),
    }
    source = records.add_source(db, {"url": "https://durham.example.org/agenda", "title": "Council agenda"})
    records.cite(db, "action", rows["vote"], source)
    city_id = db.execute("SELECT city_id FROM motion WHERE id = ?", [durham_id]).fetchone()[0]
    draft = records.create_motion(db, {"city_id": city_id, "kind": "resolution", "title": "A draft", "published": 0})
    rows["draft_vote"] = scheduled(db, draft, day(20), "Draft vote.")
    rows["draft_hearing"] = records.add_hearing(db, draft, {"date": day(21), "body": "City Council"})
    other_city = records.create_city(
        db, {"slug": "carrboro-nc", "name": "Carrboro", "state": "NC", "lat": 35.9, "lon": -79.1, "council_seats": 7}
    )
    other = records.create_motion(
        db, {"city_id": other_city, "kind": "resolution", "title": "Carrboro resolution", "published": 1}
    )
    rows["other_vote"] = scheduled(db, other, day(10), "Carrboro vote.")
    return rows


def test_the_place_calendar_holds_its_published_dated_events(client, db, calendar_rows):
    found = dates(events(client, "/cities/durham-nc/calendar.ics"))
    assert found == expected(db, "durham-nc")
    assert found == {
        f"action-{calendar_rows['vote']}@localhost": date.fromisoformat(day(30)),
        f"hearing-{calendar_rows['hearing']}@localhost": date.fromisoformat(day(14)),
        f"action-{calendar_rows['past_vote']}@localhost": YEAR_AGO,  # past events stay for a year
    }
    # The seed's hearing of 2018 is long past: out of the window.
    assert f"hearing-{calendar_rows['hearing'] - 1}@localhost" not in found


def test_the_whole_calendar_holds_every_places_events_and_no_draft(client, db, calendar_rows):
    found = dates(events(client, "/calendar.ics"))
    assert found == expected(db)
    assert f"action-{calendar_rows['other_vote']}@localhost" in found
    assert not any(f"-{calendar_rows[key]}@" in uid for key in ("draft_vote", "draft_hearing") for uid in found)
    assert "Draft vote" not in client.get("/calendar.ics").get_data(as_text=True)


def test_a_changed_date_keeps_the_event_uid(client, db, calendar_rows):
    uid = f"action-{calendar_rows['vote']}@localhost"
    db.execute(
        "UPDATE motion SET updated_at = '2025-01-01T00:00:00Z' WHERE id = (SELECT motion_id FROM action WHERE id = ?)",
        [calendar_rows["vote"]],
    )
    before = events(client, "/cities/durham-nc/calendar.ics")
    assert before[uid].decoded("DTSTART") == date.fromisoformat(day(30))
    records.update_part(db, "action", calendar_rows["vote"], {"date": day(45)})
    after = events(client, "/cities/durham-nc/calendar.ics")
    assert set(after) == set(before)  # the same events: the vote moved, none was added
    assert after[uid].decoded("DTSTART") == date.fromisoformat(day(45))
    assert after[uid].decoded("DTSTAMP") > before[uid].decoded("DTSTAMP")
    # Its revision grew, so calendar programs that compare SEQUENCE take the new date too.
    assert int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"])


def test_an_event_names_the_motion_the_body_the_page_and_the_source(client, db, durham_id, calendar_rows):
    motion = db.execute("SELECT title, updated_at FROM motion WHERE id = ?", [durham_id]).fetchone()
    response = client.get("/cities/durham-nc/calendar.ics")
    calendar = Calendar.from_ical(response.get_data())
    assert str(calendar["X-WR-CALNAME"]) == "tracker: Durham, NC"
    found = events(client, "/cities/durham-nc/calendar.ics")
    vote = found[f"action-{calendar_rows['vote']}@localhost"]
    assert str(vote["SUMMARY"]) == f"Durham, NC: vote scheduled on {motion[0]}"
    assert str(vote["LOCATION"]) == "City Council, Durham, NC"
    assert str(vote["URL"]) == f"http://localhost/motions/{durham_id}"
    # All day: only the date is recorded, and the description says so.
    assert type(vote.decoded("DTSTART")) is date
    assert vote.decoded("DTEND") == vote.decoded("DTSTART") + timedelta(days=1)
    assert vote.decoded("DTSTAMP") == datetime.fromisoformat(motion[1].replace("Z", "+00:00"))
    text = str(vote["DESCRIPTION"])
    assert "On the council's agenda for a vote." in text
    assert "Council agenda (https://durham.example.org/agenda)" in text
    assert f"http://localhost/motions/{durham_id}" in text
    assert "time is not recorded" in text
    status = db.execute("SELECT status FROM motion WHERE id = ?", [durham_id]).fetchone()[0]
    assert f"Its status now: {status_rules.label(status)}." in text
    hearing = found[f"hearing-{calendar_rows['hearing']}@localhost"]
    assert str(hearing["SUMMARY"]) == f"Durham, NC: hearing on {motion[0]}"
    assert str(hearing["LOCATION"]) == "Public Safety Committee, Durham, NC"
    # No source names this hearing yet: the measure's first source stands in, and says so.
    first = db.execute(
        "SELECT source.title FROM citation JOIN source ON source.id = citation.source_id "
        "WHERE citation.table_name = 'motion' AND citation.row_id = ? ORDER BY citation.field IS NOT NULL, citation.id",
        [durham_id],
    ).fetchone()[0]
    assert f"Source (for the measure): {first}" in str(hearing["DESCRIPTION"])
    assert "Source (for the measure)" not in text


def test_text_with_icalendar_delimiters_comes_back_as_written(client, db, durham_id):
    text = 'Agenda item 7; "public comment", then a vote\\ or not:\nsecond line'
    action = scheduled(db, durham_id, day(3), text)
    found = events(client, "/cities/durham-nc/calendar.ics")
    assert str(found[f"action-{action}@localhost"]["DESCRIPTION"]).startswith(text + "\n")


def test_uids_name_the_sites_host(app, client, db, durham_id):
    action = scheduled(db, durham_id, day(5))
    assert f"action-{action}@localhost" in events(client, "/calendar.ics")
    named = Calendar.from_ical(client.get("/calendar.ics", headers={"Host": "tracker.example.net:8080"}).get_data())
    assert f"action-{action}@tracker.example.net" in {str(e["UID"]) for e in named.walk("VEVENT")}
    app.config["SITE_URL"] = "https://tracker.example.org/"
    # The site's address wins over the host a request names (a mirror or a proxy keeps the same UIDs).
    found = events(app.test_client(), "/calendar.ics")
    assert f"action-{action}@tracker.example.org" in found


@pytest.mark.parametrize(
    ("host", "uid_host"),
    [
        ("[::1]:5000", "::1"),
        ("[::1", "localhost"),
        ('x"<y>;z,\\', "localhost"),
        ("TRACKER.example.net", "tracker.example.net"),
    ],
)
def test_any_host_a_request_names_gives_a_calendar_that_parses(client, db, durham_id, host, uid_host):
    action = scheduled(db, durham_id, day(5))
    response = client.get("/calendar.ics", headers={"Host": host})
    assert response.status_code == 200
    uids = {str(e["UID"]) for e in Calendar.from_ical(response.get_data()).walk("VEVENT")}
    assert uids == {f"action-{action}@{uid_host}"}


def test_an_unknown_place_has_no_calendar(client):
    assert client.get("/cities/nowhere-zz/calendar.ics").status_code == 404


@pytest.mark.parametrize("path", ["/calendar.ics", "/cities/durham-nc/calendar.ics"])
def test_calendars_are_validated_like_the_feeds(client, db, durham_id, path):
    db.execute("UPDATE public_version SET changed_at = '2020-01-01T00:00:00.000Z'")
    first = client.get(path)
    assert first.headers["Last-Modified"] == "Wed, 01 Jan 2020 00:00:00 GMT"
    assert first.headers["Cache-Control"] == "public, max-age=60"
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
    scheduled(db, durham_id, day(7))
    changed = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and changed.headers["ETag"] != first.headers["ETag"]
    assert "vote scheduled on" in changed.get_data(as_text=True)


def test_place_motion_and_home_pages_link_their_calendars(client, durham_id):
    assert 'href="/cities/durham-nc/calendar.ics"' in client.get("/cities/durham-nc").get_data(as_text=True)
    assert 'href="/cities/durham-nc/calendar.ics"' in client.get(f"/motions/{durham_id}").get_data(as_text=True)
    assert 'href="/calendar.ics"' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(("limit", "kept"), [(2, (5, 100)), (4, (5, 100, 300, -10))])
def test_past_the_limit_the_nearest_upcoming_events_come_first_then_the_latest_past(
    client, db, durham_id, monkeypatch, limit, kept
):
    monkeypatch.setattr(calendars, "LIMIT", limit)
    rows = {offset: scheduled(db, durham_id, day(offset)) for offset in (300, -200, 5, -10, 100)}
    found = dates(events(client, "/cities/durham-nc/calendar.ics"))
    assert found == {f"action-{rows[offset]}@localhost": date.fromisoformat(day(offset)) for offset in kept}
