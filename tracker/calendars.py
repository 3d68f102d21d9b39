"""Calendars (iCalendar, RFC 5545) of scheduled council votes and hearings, and the routes that serve them.

A calendar application subscribed to one of these addresses reads it again now and then: each event's UID names
its row (never its date), so a vote moved to another day moves in the subscriber's calendar instead of appearing
twice.
"""

from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, current_app, request

from . import places, queries
from . import status as status_rules
from .db import get_db
from .exports import as_datetime, site_base

bp = Blueprint("calendars", __name__)

MIMETYPE = "text/calendar"
# How often a subscribed calendar application should read the calendar again (where it honours the hint).
REFRESH = timedelta(hours=12)
# Events in one calendar at most: writing one costs about a quarter of a millisecond, and a calendar application
# reads the whole file each time it refreshes. Past it, the upcoming events nearest today are kept first.
LIMIT = 1000
# Only dates are recorded, never the hour: said in each event, which is an all-day event on its date.
NO_TIME = "The time is not recorded: check the agenda in the source."


def uid_host():
    """The host that makes event UIDs unique to this site: TRACKER_SITE_URL's, else the one the request names."""
    for address in (current_app.config.get("SITE_URL"), "//" + request.host):
        try:
            host = urlsplit(address).hostname if address else None
        except ValueError:  # a malformed host a request names ("[::1"): the next choice
            host = None
        if host:
            return host
    return "localhost"


def event_summary(event):
    """The event's one-line title: the place, what happens and the motion."""
    what = "vote scheduled on" if event["kind"] == "action" else "hearing on"
    return f"{event['city_name']}, {event['city_state']}: {what} {event['title']}"


def event_description(event, url):
    """The event's text: what the record says about it, the motion page, the source, and that no time is known."""
    lines = [event["text"]] if event["text"] else []
    if event["kind"] == "hearing":
        lines.insert(0, f"Public hearing: {event['body']}.")
    lines.append(f"Motion: {event['title']} ({url})")
    # A vote deferred or withdrawn since it was scheduled stays on its date: the status now says what became of it.
    lines.append(f"Its status now: {status_rules.label(event['status'])}.")
    if event["source_title"]:
        source = event["source_title"] + (f" ({event['source_url']})" if event["source_url"] else "")
        # A vote or hearing no source names yet points to the measure's source, and says so.
        lines.append(f"Source: {source}" if event["source_of_row"] else f"Source (for the measure): {source}")
    else:
        lines.append("Source: none cited yet.")
    lines.append(NO_TIME)
    return "\n".join(lines)


def ics_calendar(base, host, name, events):
    """Return an iCalendar document (bytes) with one all-day event per scheduled vote or hearing."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//tracker//Council votes and hearings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add(
        "x-wr-caldesc", "Scheduled council votes and hearings on police exchanges with foreign police and militaries"
    )
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")  # the same hint, in the older form some read
    for event in events:
        url = f"{base}/motions/{event['motion_id']}"
        day = date.fromisoformat(event["date"])
        item = Event()
        # The row's table and id and the site: a corrected date keeps the UID, so the event moves.
        item.add("uid", f"{event['kind']}-{event['id']}@{host}")
        item.add("dtstamp", as_datetime(event["updated_at"]))
        item.add("last-modified", as_datetime(event["updated_at"]))
        # RFC 5545's revision number: it must grow when the event changes, as the measure's last change does.
        item.add("sequence", revision(event["updated_at"]))
        item.add("dtstart", day)
        item.add("dtend", day + timedelta(days=1))
        item.add("transp", "TRANSPARENT")  # a reminder of a public meeting, not time the subscriber is busy
        item.add("summary", event_summary(event))
        item.add("location", f"{event['body']}, {event['city_name']}, {event['city_state']}")
        item.add("url", url)
        item.add("description", event_description(event, url))
        item.add("categories", ["Vote" if event["kind"] == "action" else "Hearing"])
        calendar.add_component(item)
    return calendar.to_ical()


def calendar_response(name, city_slug=None):
    """A calendar of the published motions' scheduled votes and hearings (of one place, if given)."""
    # Past events stay for a year; days are UTC days, as the validators count them.
    today = datetime.now(UTC).date()
    since = status_rules.one_year_before(today)
    events = queries.calendar_events(get_db(), since.isoformat(), today.isoformat(), LIMIT, city_slug=city_slug)
    body = ics_calendar(site_base(), uid_host(), name, events)
    response = Response(body, mimetype=MIMETYPE)
    filename = f"{city_slug or 'tracker'}.ics"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.get("/calendar.ics")
def calendar():
    """Scheduled council votes and hearings everywhere, as iCalendar."""
    return calendar_response("tracker: council votes and hearings")


@bp.get("/cities/<slug>/calendar.ics")
def place_calendar(slug):
    """Scheduled council votes and hearings in one place, as iCalendar."""
    city = places.get_place(get_db(), slug)
    if city is None:
        abort(404)
    return calendar_response(f"tracker: {city['name']}, {city['state']}", city_slug=city["slug"])


def revision(updated_at):
    """An event's SEQUENCE: the seconds from 2000 to its measure's last change, which only ever grows."""
    return int((as_datetime(updated_at) - datetime(2000, 1, 1, tzinfo=UTC)).total_seconds())
