"""Email alerts: subscribing (double opt-in, rate-limited), the outbox turned into deliveries, and sending them.

The outbox (alert_event) is written by triggers in the same transaction as the change it tells of (schema.sql), so
no published change is missed and none is told of when its transaction rolled back. `tracker send-alerts` turns
events into deliveries for confirmed subscribers, then sends the due ones, each marked sent in its own small
transaction right after the SMTP server accepted it. The one window left: a crash between the server's acceptance
and that mark sends that one message again on the next run.
"""

import email.errors
import email.policy
import ipaddress
import json
import secrets
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from urllib.parse import urlsplit

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from . import mail, queries
from . import status as status_rules
from .db import rows, transaction, waiting_at_most
from .formatting import long_date

FREQUENCIES = ("immediate", "daily")
# Double opt-in: the confirmation link is signed with its own salt and works this long.
CONFIRM_SALT = "tracker.alerts.confirm"
CONFIRM_MAX_AGE = 48 * 3600
# How long marking an email sent waits for the database (longer than any write we allow).
MARK_WAIT = 120
# Rate limits: confirmation emails per address per day, subscribe requests per client address per hour.
EMAIL_LIMIT, EMAIL_WINDOW = 3, 24 * 3600
ADDRESS_LIMIT, ADDRESS_WINDOW = 20, 3600
# Retries: the wait doubles from a minute after each failure, up to a day; after this many, the delivery is kept
# as failed (never deleted) for an operator to look at.
RETRY_BASE, RETRY_CAP, MAX_ATTEMPTS = 60, 24 * 3600, 12


def stamp(moment):
    """A UTC timestamp as the schema stores it (YYYY-MM-DDTHH:MM:SSZ)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utcnow():
    """The current moment, in UTC."""
    return datetime.now(UTC)


# Subscribing


def find_target(db, place=None, motion=None):
    """Return (city_id, motion_id, words) for what a subscription follows, or None for an unknown or hidden one."""
    if motion:
        found = db.execute(
            "SELECT motion.id, motion.title, city.name, city.state FROM motion JOIN city ON city.id = motion.city_id "
            "WHERE motion.id = ? AND motion.published = 1",
            [motion],
        ).fetchone()
        return None if found is None else (None, found[0], f"the measure “{found[1]}” ({found[2]}, {found[3]})")
    if place:
        found = db.execute("SELECT id, name, state FROM city WHERE slug = ?", [place]).fetchone()
        return None if found is None else (found[0], None, f"{found[1]}, {found[2]}")
    return (None, None, "every place and measure")


def client_network(address):
    """What the per-client limit counts: an IPv4 address, or an IPv6 address's /64 (one client's usual share)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def subscribe(db, email, frequency, city_id, motion_id, address, now=None):
    """Record a subscribe request; return 'address-limit' (too many from this client) or 'ok'.

    The answer is the same whether the address is new, waiting for confirmation or already following: a new or
    waiting one gets a confirmation email queued (at most EMAIL_LIMIT a day), a confirmed one nothing.
    """
    now = now or utcnow()
    moment = now.timestamp()
    address = client_network(address)
    with transaction(db):
        db.execute("DELETE FROM alert_attempt WHERE at < ?", [moment - EMAIL_WINDOW])
        recent = db.execute(
            "SELECT count(*) FROM alert_attempt WHERE address = ? AND at >= ?", [address, moment - ADDRESS_WINDOW]
        ).fetchone()[0]
        if recent >= ADDRESS_LIMIT:
            return "address-limit"
        sent = db.execute(
            "SELECT count(*) FROM alert_attempt WHERE email = ? AND confirmation = 1 AND at >= ?",
            [email, moment - EMAIL_WINDOW],
        ).fetchone()[0]
        existing = db.execute(
            "SELECT id, confirmed FROM alert_subscription WHERE email = ? AND ifnull(city_id, 0) = ? "
            "AND ifnull(motion_id, 0) = ?",
            [email, city_id or 0, motion_id or 0],
        ).fetchone()
        confirmation = 0
        if (existing is None or not existing[1]) and sent < EMAIL_LIMIT:
            if existing is None:
                subscription_id = db.execute(
                    "INSERT INTO alert_subscription (token, email, city_id, motion_id, frequency, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [secrets.token_urlsafe(24), email, city_id, motion_id, frequency, stamp(now)],
                ).lastrowid
            else:
                subscription_id = existing[0]
                db.execute("UPDATE alert_subscription SET frequency = ? WHERE id = ?", [frequency, subscription_id])
            db.execute(
                "INSERT INTO alert_delivery (subscription_id, kind, next_attempt_at, created_at) "
                "VALUES (?, 'confirm', ?, ?)",
                [subscription_id, stamp(now), stamp(now)],
            )
            confirmation = 1
        db.execute(
            "INSERT INTO alert_attempt (at, email, address, confirmation) VALUES (?, ?, ?, ?)",
            [moment, email, address, confirmation],
        )
    return "ok"


def confirm_link_token(secret, token):
    """Sign a subscription's token for its confirmation link."""
    return URLSafeTimedSerializer(secret, salt=CONFIRM_SALT).dumps(token)


def read_confirm_link(secret, signed, max_age=CONFIRM_MAX_AGE):
    """Return the subscription token a confirmation link carries, or None if it is forged or expired."""
    try:
        return URLSafeTimedSerializer(secret, salt=CONFIRM_SALT).loads(signed, max_age=max_age)
    except (SignatureExpired, BadSignature):
        return None


def confirm(db, token, now=None):
    """Confirm the subscription with this token; return True if there is one (confirming twice is fine)."""
    with transaction(db):
        changed = db.execute(
            "UPDATE alert_subscription SET after_event = CASE confirmed WHEN 1 THEN after_event ELSE "
            "(SELECT ifnull(max(id), 0) FROM alert_event) END, confirmed = 1, "
            "confirmed_at = ifnull(confirmed_at, ?) WHERE token = ?",
            [stamp(now or utcnow()), token],
        ).rowcount
    return changed == 1


def subscriptions_of(db, token):
    """Return the subscriptions of the address that token belongs to (with what each follows), or None."""
    found = rows(
        db,
        "SELECT other.id, other.token, other.frequency, other.confirmed, other.email, city.name AS city_name, "
        "city.state AS city_state, city.slug, motion.id AS motion_id, motion.title "
        "FROM alert_subscription AS mine JOIN alert_subscription AS other ON other.email = mine.email "
        "LEFT JOIN city ON city.id = other.city_id LEFT JOIN motion ON motion.id = other.motion_id "
        "WHERE mine.token = ? ORDER BY other.id",
        [token],
    )
    return found or None


def set_frequency(db, token, subscription_id, frequency):
    """Change how often one of this address's subscriptions sends; return True if it was one of them."""
    with transaction(db):
        changed = db.execute(
            "UPDATE alert_subscription SET frequency = ? WHERE id = ? AND email = "
            "(SELECT email FROM alert_subscription WHERE token = ?)",
            [frequency, subscription_id, token],
        ).rowcount
    return changed == 1


def remove(db, token, subscription_id):
    """Delete one of this address's subscriptions; return a token of the address's others (None: none left)."""
    with transaction(db):
        found = db.execute("SELECT email FROM alert_subscription WHERE token = ?", [token]).fetchone()
        if found is None:
            return None
        db.execute("DELETE FROM alert_subscription WHERE id = ? AND email = ?", [subscription_id, found[0]])
        other = db.execute("SELECT token FROM alert_subscription WHERE email = ? ORDER BY id", [found[0]]).fetchone()
        if other is None:
            db.execute("DELETE FROM alert_attempt WHERE email = ?", [found[0]])
    return None if other is None else other[0]


def unsubscribe(db, token):
    """Delete the address that token belongs to: every subscription, queued email and request of it."""
    with transaction(db):
        found = db.execute("SELECT email FROM alert_subscription WHERE token = ?", [token]).fetchone()
        if found is None:
            return False
        # Deliveries and digests' events go with their subscriptions (ON DELETE CASCADE).
        db.execute("DELETE FROM alert_subscription WHERE email = ?", [found[0]])
        db.execute("DELETE FROM alert_attempt WHERE email = ?", [found[0]])
    return True


def confirmed_counts(db):
    """Return each followed place with its confirmed subscribers (for admins: a count, never an address)."""
    return rows(
        db,
        "SELECT city.name, city.state, city.slug, count(*) AS followers FROM alert_subscription "
        "JOIN city ON city.id = alert_subscription.city_id WHERE confirmed = 1 GROUP BY city.id ORDER BY city.name",
    )


# The outbox into deliveries

FOLLOWERS = """
SELECT alert_subscription.id, alert_subscription.frequency, alert_subscription.email FROM alert_subscription
WHERE confirmed = 1 AND after_event < :event AND (
    (city_id IS NULL AND motion_id IS NULL) OR motion_id = :motion
    OR city_id = (SELECT city_id FROM motion WHERE id = :motion))
-- An address that follows the measure, its place and everything hears of a change once: by its quickest
-- subscription, then its closest (the measure, then the place).
ORDER BY frequency = 'immediate' DESC, motion_id IS NULL, city_id IS NULL, id
"""


def queue_events(db, now=None):
    """Turn the outbox's new events into deliveries for confirmed followers; return how many events were queued.

    A follower hears of the changes made since confirming, never of older ones (the seed's, an import's history).

    A status change made by a new action or vote is told with it (same measure, same moment), not on its own.
    """
    now = now or utcnow()
    with transaction(db):
        events = rows(db, "SELECT * FROM alert_event WHERE queued = 0 ORDER BY id")
        for event in events:
            if not told_with_another(db, event):
                told = set()
                for follower in rows(db, FOLLOWERS, {"motion": event["motion_id"], "event": event["id"]}):
                    if follower["email"].lower() in told:
                        continue
                    told.add(follower["email"].lower())
                    if follower["frequency"] == "immediate":
                        db.execute(
                            "INSERT OR IGNORE INTO alert_delivery (subscription_id, kind, event_id, next_attempt_at, "
                            "created_at) VALUES (?, 'alert', ?, ?, ?)",
                            [follower["id"], event["id"], stamp(now), stamp(now)],
                        )
                    else:
                        add_to_digest(db, follower["id"], event, now)
            db.execute("UPDATE alert_event SET queued = 1 WHERE id = ?", [event["id"]])
    return len(events)


def told_with_another(db, event):
    """Whether a status event was made by the action or vote just before it (the same save: see status_change)."""
    if event["kind"] != "status":
        return False
    before = rows(db, "SELECT * FROM alert_event WHERE id = ? AND motion_id = ?", [event["id"] - 1, event["motion_id"]])
    return bool(before) and made_status(before[0], event)


def made_status(step, status_event):
    """Whether a new action or vote can have made a status event (the row after it in the outbox).

    A status is the latest step's classification: a new action made the change only if it is classified as the new
    status. A status changed by correcting an older action (after an unrelated new one) is told on its own.
    """
    if step["kind"] == "action":
        return json.loads(step["details"])["classification"] == json.loads(status_event["details"])["to"]
    return step["kind"] == "vote"


def add_to_digest(db, subscription_id, event, now):
    """Add an event to the subscriber's digest of its day (or of today, when that day's has gone out)."""
    for day in (event["at"][:10], stamp(now)[:10]):
        found = db.execute(
            "SELECT id, state FROM alert_delivery WHERE subscription_id = ? AND kind = 'digest' AND digest_day = ?",
            [subscription_id, day],
        ).fetchone()
        if found is not None and found[1] != "queued":
            continue
        if found is None:
            # A day's digest leaves once the day is over (UTC).
            due = datetime.combine(date.fromisoformat(day) + timedelta(days=1), datetime.min.time(), UTC)
            delivery_id = db.execute(
                "INSERT INTO alert_delivery (subscription_id, kind, digest_day, next_attempt_at, created_at) "
                "VALUES (?, 'digest', ?, ?, ?)",
                [subscription_id, day, stamp(due), stamp(now)],
            ).lastrowid
        else:
            delivery_id = found[0]
        db.execute(
            "INSERT OR IGNORE INTO alert_digest_event (delivery_id, event_id) VALUES (?, ?)", [delivery_id, event["id"]]
        )
        return
    # Both digests already sent (a run late past midnight): an email of its own rather than nothing.
    db.execute(
        "INSERT OR IGNORE INTO alert_delivery (subscription_id, kind, event_id, next_attempt_at, created_at) "
        "VALUES (?, 'alert', ?, ?, ?)",
        [subscription_id, event["id"], stamp(now), stamp(now)],
    )


# Sending


def send_due(db, mail_settings, site, now=None, connection=None):
    """Send the deliveries that are due; return {'sent': n, 'failed': n, 'waiting': n} (waiting: still queued).

    site: an object with url (the site's address) and secret (the app's key, for confirmation links).
    """
    now = now or utcnow()
    connection = connection or mail.Connection(mail_settings)
    sent = failed = 0
    try:
        due = rows(
            db,
            "SELECT alert_delivery.*, alert_subscription.email, alert_subscription.token "
            "FROM alert_delivery JOIN alert_subscription ON alert_subscription.id = alert_delivery.subscription_id "
            "WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY alert_delivery.id",
            [stamp(now)],
        )
        for delivery in due:
            try:
                message = compose(db, delivery, mail_settings, site, now)
            except (ValueError, email.errors.MessageError) as error:
                # One email that cannot be built must not hold back the others: it waits, and says why.
                failed += 1
                note_failure(db, delivery, f"the email could not be built: {error}", now)
                continue
            try:
                if message is not None:
                    connection.send(message)
            except (mail.Refused, mail.Unavailable) as error:
                failed += 1
                # An unreachable server is not this email's fault: it waits as long as the server is down (at most a
                # day between tries) and is never given up; a refused email is, after MAX_ATTEMPTS.
                unavailable = isinstance(error, mail.Unavailable)
                note_failure(db, delivery, str(error), now, may_give_up=not unavailable)
                if unavailable:
                    break
                continue
            # Its own small transaction, right after the server accepted the message: what is marked sent was sent.
            # It waits for the database as long as it must (an import may hold it): a mark given up is a second email.
            with waiting_at_most(db, MARK_WAIT), transaction(db):
                db.execute(
                    "UPDATE alert_delivery SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL "
                    "WHERE id = ? AND state = 'queued'",
                    [stamp(now), delivery["id"]],
                )
            sent += 1
    finally:
        connection.close()
    waiting = db.execute("SELECT count(*) FROM alert_delivery WHERE state = 'queued'").fetchone()[0]
    return {"sent": sent, "failed": failed, "waiting": waiting}


def note_failure(db, delivery, error, now, may_give_up=True):
    """Keep a failed delivery queued for a later attempt (the wait doubling each time), or failed after many."""
    attempts = delivery["attempts"] + 1
    wait = min(RETRY_CAP, RETRY_BASE * 2 ** min(attempts - 1, 20))
    with transaction(db):
        db.execute(
            "UPDATE alert_delivery SET attempts = ?, next_attempt_at = ?, last_error = ?, state = ? "
            "WHERE id = ? AND state = 'queued'",
            [
                attempts,
                stamp(now + timedelta(seconds=wait)),
                error[:500],
                "failed" if may_give_up and attempts >= MAX_ATTEMPTS else "queued",
                delivery["id"],
            ],
        )


def send_alerts(db, mail_settings, site, now=None, connection=None):
    """The whole run of `tracker send-alerts`: forget stale unconfirmed addresses, queue the outbox's events, then
    send what is due."""
    forget_unconfirmed(db, now)
    queued = queue_events(db, now)
    outcome = send_due(db, mail_settings, site, now, connection)
    return {"events": queued, **outcome}


def forget_unconfirmed(db, now=None):
    """Delete addresses whose last confirmation link has expired unused: they did not consent, so they are not kept."""
    cutoff = stamp((now or utcnow()) - timedelta(seconds=CONFIRM_MAX_AGE))
    with transaction(db):
        db.execute(
            "DELETE FROM alert_subscription WHERE confirmed = 0 AND created_at < ? AND NOT EXISTS ("
            "SELECT 1 FROM alert_delivery WHERE subscription_id = alert_subscription.id AND kind = 'confirm' "
            "AND created_at >= ?)",
            [cutoff, cutoff],
        )


# The emails


def one_line(text):
    """Text for a header: line breaks (which a title may hold) become spaces, as a header cannot carry them."""
    return " ".join(text.split())


def compose(db, delivery, mail_settings, site, now):
    """Build the email for one delivery (None when there is nothing left to tell, e.g. its measure was removed)."""
    base = site.url.rstrip("/")
    token = delivery["token"]
    if delivery["kind"] == "confirm":
        subject, body = confirmation_text(db, delivery, base, site.secret)
    else:
        if delivery["kind"] == "alert":
            events = rows(db, "SELECT * FROM alert_event WHERE id = ?", [delivery["event_id"]])
        else:
            events = rows(
                db,
                "SELECT alert_event.* FROM alert_digest_event JOIN alert_event ON alert_event.id = event_id "
                "WHERE delivery_id = ? ORDER BY alert_event.id",
                [delivery["id"]],
            )
        told = [t for t in (tell(db, event, base) for event in events) if t is not None]
        if not told:
            return None
        if delivery["kind"] == "alert":
            subject = told[0][0]
        else:
            subject = f"{len(told)} change{'s' if len(told) != 1 else ''} on {long_date(delivery['digest_day'])}"
        body = "\n\n".join(t[1] for t in told)
        body += "\n\n" + footer(db, delivery, base)
    message = EmailMessage(policy=email.policy.SMTP.clone(max_line_length=76))
    message["Subject"] = one_line(subject)
    message["From"] = mail_settings.sender
    message["To"] = delivery["email"]
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(f"delivery{delivery['id']}", domain=urlsplit(base).hostname or "localhost")
    message["Auto-Submitted"] = "auto-generated"
    # RFC 8058: a mail program's one-click unsubscribe POSTs "List-Unsubscribe=One-Click" to this address.
    message["List-Unsubscribe"] = f"<{base}/alerts/unsubscribe/{token}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(body, cte="quoted-printable")  # its lines wrapped at 76, as RFC 2045 asks
    # Headers written unfolded up to SMTP's 998 characters: a folded List-Unsubscribe would be encoded, and mail
    # programs would not find its address.
    message.policy = email.policy.SMTP.clone(max_line_length=998)
    return message


def what_followed(db, subscription_id):
    """Words for what a subscription follows."""
    found = db.execute("SELECT city_id, motion_id FROM alert_subscription WHERE id = ?", [subscription_id]).fetchone()
    if found is None:
        return "changes"
    if found[1]:
        motion = db.execute(
            "SELECT motion.title, city.name, city.state, motion.published FROM motion "
            "JOIN city ON city.id = motion.city_id WHERE motion.id = ?",
            [found[1]],
        ).fetchone()
        if not motion[3]:  # unpublished since: its title is no longer public, even to its follower
            return f"a measure in {motion[1]}, {motion[2]}"
        return f"the measure “{motion[0]}” ({motion[1]}, {motion[2]})"
    if found[0]:
        place = db.execute("SELECT name, state FROM city WHERE id = ?", [found[0]]).fetchone()
        return f"{place[0]}, {place[1]}"
    return "every place and measure"


def confirmation_text(db, delivery, base, secret):
    """The subject and body of a confirmation email."""
    link = f"{base}/alerts/confirm/{confirm_link_token(secret, delivery['token'])}"
    followed = what_followed(db, delivery["subscription_id"])
    body = (
        f"Someone, probably you, asked tracker to email this address about changes to {followed}.\n\n"
        f"To start the emails, confirm within 48 hours:\n{link}\n\n"
        "If you did not ask, ignore this email: nothing more will be sent, and the address is forgotten when you "
        f"unsubscribe:\n{base}/alerts/unsubscribe/{delivery['token']}\n"
    )
    return "Confirm your tracker alerts", body


def footer(db, delivery, base):
    """The end of every alert: why it came, and how to change or stop it."""
    sub = db.execute("SELECT frequency FROM alert_subscription WHERE id = ?", [delivery["subscription_id"]]).fetchone()
    how = "a daily digest" if sub and sub[0] == "daily" else "an email for each change"
    return (
        f"-- \nYou follow {what_followed(db, delivery['subscription_id'])} on tracker ({how}).\n"
        f"Manage your alerts: {base}/alerts/manage/{delivery['token']}\n"
        f"Unsubscribe: {base}/alerts/unsubscribe/{delivery['token']}\n"
    )


def tell(db, event, base):
    """Return (subject, text) telling one event in council terms, or None if its measure is no longer public."""
    motion = db.execute(
        "SELECT motion.id, motion.title, motion.body, motion.status, city.name, city.state FROM motion "
        "JOIN city ON city.id = motion.city_id WHERE motion.id = ? AND motion.published = 1",
        [event["motion_id"]],
    ).fetchone()
    if motion is None:
        return None
    motion_id, title, body, _status, city, state = motion
    details = json.loads(event["details"])
    lines = [f"{title}", f"{city}, {state} · {body}", ""]
    if event["kind"] == "action":
        label = status_rules.label(details["classification"])
        headline = f"{label} on {long_date(details['date'])}"
        lines.append(f"New step on {long_date(details['date'])}: {label}.")
        lines.append(f"  {details['description']}")
        sources = queries.row_citations(db, "action", event["row_id"])
    elif event["kind"] == "vote":
        result = "passed" if details["result"] == "pass" else "failed"
        counts = ", ".join(
            f"{details[k]} {k}" for k in ("yes", "no", "abstain", "absent", "excused") if details[k] is not None
        )
        tally = f" {details['yes']}–{details['no']}" if details["yes"] is not None and details["no"] is not None else ""
        headline = f"vote {result}{tally} on {long_date(details['date'])}"
        lines.append(f"Vote on {long_date(details['date'])}: {result}{tally}" + (f" ({counts})." if counts else "."))
        sources = queries.row_citations(db, "vote", event["row_id"])
    else:
        headline = f"now {status_rules.label(details['to'])}"
        sources = []
    change = status_change(db, event)
    if change is not None:
        old, new = change
        lines.append(
            f"Status: {status_rules.label(new)} (was {status_rules.label(old)}): "
            f"{status_rules.STATUSES[new].meaning.rstrip('.')}."
        )
    sources = sources or queries.row_citations(db, "motion", motion_id)
    for cited in sources[:3]:
        where = f" {cited['source']['url']}" if cited["source"]["url"] else ""
        lines.append(f"Source: {cited['source']['title']}{where}")
    lines.append("")
    lines.append(f"The measure's page: {base}/motions/{motion_id}")
    return f"{city}, {state}: {headline} – {shorten(title)}", "\n".join(lines)


def status_change(db, event):
    """Return (old, new) status for a status event, or for the status event told with an action or vote."""
    if event["kind"] == "status":
        details = json.loads(event["details"])
        return details["from"], details["to"]
    # records.py saves an action or a vote, then re-derives the status in the same transaction: the status event a
    # new action or vote makes is the very next row of the outbox.
    found = rows(
        db,
        "SELECT * FROM alert_event WHERE id = ? AND motion_id = ? AND kind = 'status'",
        [event["id"] + 1, event["motion_id"]],
    )
    if not found or not made_status(event, found[0]):
        return None
    details = json.loads(found[0]["details"])
    return details["from"], details["to"]


def shorten(text, limit=80):
    """Cut a long title for a subject line."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
