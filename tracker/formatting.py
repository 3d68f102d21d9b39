"""Presentation helpers for templates: dates as people read them, status labels."""

import json
from datetime import date, datetime
from functools import lru_cache

from flask import request, url_for
from markupsafe import Markup, escape

from . import queries
from . import status as status_rules


def as_date(value):
    """Turn an ISO date or timestamp (text or object) into a date, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def long_date(value):
    """Format a date as 'April 16, 2018'."""
    day = as_date(value)
    return f"{day:%B} {day.day}, {day.year}" if day else "not recorded"


def time_tag(value):
    """Render a date as <time datetime="2018-04-16">April 16, 2018</time>, or 'not recorded'."""
    day = as_date(value)
    if day is None:
        return Markup('<span class="unknown">not recorded</span>')
    return day_tag(day)


@lru_cache(maxsize=8192)
def day_tag(day):
    """The <time> element of one day, made once: a page shows many dates and a record has few distinct ones."""
    return Markup('<time datetime="{}">{}</time>').format(day.isoformat(), long_date(day))


@lru_cache(maxsize=64)
def status_badge(code):
    """A status as a badge: <span class="status status-passed">Passed</span>."""
    return Markup('<span class="status status-{}">{}</span>').format(code, status_rules.label(code))


@lru_cache(maxsize=64)
def aim_badge(code):
    """An aim as a badge: <span class="aim aim-restrict">End or restrict exchanges</span>."""
    return Markup('<span class="aim aim-{}">{}</span>').format(code, status_rules.AIMS[code].label)


def source_link(source):
    """A source: its headline (or, marked as such, our description of it), publisher and date."""
    title = Markup("“{}”").format(source["title"]) if source["headline"] else escape(source["title"])
    if source["url"]:
        html = Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(source["url"], title)
    else:
        html = Markup("<cite>{}</cite>").format(title)
    if not source["headline"]:
        html += Markup(' <span class="muted">(our description; headline not recorded)</span>')
    if not source["url"]:
        html += Markup(' <span class="muted">(no web address known)</span>')
    if source["publisher"]:
        html += Markup(", {}").format(source["publisher"])
    else:
        html += Markup(', <span class="unknown">publisher not recorded</span>')
    if source["published_on"]:
        html += Markup(", ") + time_tag(source["published_on"])
    else:
        html += Markup(', <span class="unknown">date not recorded</span>')
    return html


def citations(cited, labels=None):
    """A record's sources as a list (each with its note and the field it supports), or 'Unsourced.'."""
    if not cited:
        return Markup('<p class="unsourced">Unsourced.</p>')
    labels = labels or {}
    items = []
    for c in cited:
        item = source_link(c["source"])
        if c["note"]:
            item += Markup(": {}").format(c["note"])
        if c["field"]:
            label = labels.get(c["field"], c["field"].replace("_", " "))
            item += Markup(' <span class="muted">(on {})</span>').format(str(label).lower())
        items.append(Markup("  <li>{}</li>\n").format(item))
    return Markup('<ul class="citations" aria-label="Sources">\n') + Markup("").join(items) + Markup("</ul>")


def known(value, suffix=""):
    """Show a value, or 'not recorded' when no source gives it."""
    if value is None or value == "":
        return Markup('<span class="unknown">not recorded</span>')
    return escape(f"{value}{suffix}")


def duration(minutes):
    """Format minutes as '3 hours 30 minutes'."""
    if minutes is None:
        return known(None)
    hours, rest = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def thousands(value):
    """Format a whole number with thousands separators, or 'not recorded'."""
    return known(None) if value is None else f"{value:,}"


def highlight(marked):
    """Escape search-result text, then turn its match markers into <mark> tags."""
    text = str(escape(marked or ""))
    return Markup(text.replace(queries.MARK_START, "<mark>").replace(queries.MARK_END, "</mark>"))  # noqa: S704 - escaped above


def submission_label(submission):
    """Name a submission as a person would: 'New action on Statement … (Durham, NC)'."""
    verb = {"create": "New", "update": "Change to", "cite": "New source for"}.get(
        json.loads(submission["payload"]).get("op"), "Change to"
    )
    kind = "place" if submission["kind"] == "city" else submission["kind"]
    if submission["target_id"] is None:  # something new: its own proposed name
        return f"{verb} {kind}: {submission['target_label'] or 'untitled'}"
    target = submission["target_label"] or "a record since removed"
    # A motion, place or source is named itself; an action, vote, hearing or testimony by its motion.
    return f"{verb} {kind}: {target}" if kind in ("motion", "place", "source") else f"{verb} {kind} on {target}"


def remembered_url_for():
    """Return url_for for templates, remembering each address: every page asks for the same dozen of them.

    An address depends on the endpoint, its values and where the app is mounted (SCRIPT_NAME); external
    addresses and values that cannot be a key go to url_for every time.
    """

    @lru_cache(maxsize=4096)
    def build(script_name, endpoint, values):
        """The address of endpoint with values, under script_name."""
        return url_for(endpoint, **dict(values))

    def template_url_for(endpoint, **values):
        """url_for, remembered per mount point."""
        if values.get("_external"):
            return url_for(endpoint, **values)
        try:
            return build(request.environ.get("SCRIPT_NAME", ""), endpoint, tuple(sorted(values.items())))
        except TypeError:  # a list or other unhashable value
            return url_for(endpoint, **values)

    return template_url_for


def init_app(app):
    """Register the filters, the status vocabulary and a remembering url_for with Jinja."""
    app.jinja_env.globals["url_for"] = remembered_url_for()
    app.jinja_env.filters.update(
        time_tag=time_tag,
        highlight=highlight,
        known=known,
        duration=duration,
        thousands=thousands,
        status_label=status_rules.label,
        submission_label=submission_label,
        aim_label=lambda code: status_rules.AIMS[code].label,
        option_label=status_rules.option_label,
        kind_label=lambda code: status_rules.MOTION_KINDS[code].label,
    )
    app.jinja_env.globals.update(
        STATUSES=status_rules.STATUSES,
        AIMS=status_rules.AIMS,
        PLACE_KINDS=status_rules.PLACE_KINDS,
        status_badge=status_badge,
        aim_badge=aim_badge,
        source_link=source_link,
        citations=citations,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
