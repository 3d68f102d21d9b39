-- Email alerts: who follows what, the outbox of changes and the emails to send (schema 10).
-- Email alerts (see tracker/alerts.py). Addresses are personal data: these tables never leave the site (the public
-- database drops them; no API, export, change log or editor page shows them).

-- What an address follows: everything, a place or a motion; immediately or as a daily digest. Nothing is sent to
-- an address before it confirms (double opt-in). token: a random id for the manage and unsubscribe links.
CREATE TABLE alert_subscription (
    id INTEGER PRIMARY KEY,
    token TEXT NOT NULL UNIQUE CHECK (length(token) BETWEEN 20 AND 64),
    email TEXT NOT NULL COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 254 AND email GLOB '?*@?*'),
    city_id INTEGER REFERENCES city (id) ON DELETE CASCADE,
    motion_id INTEGER REFERENCES motion (id) ON DELETE CASCADE,
    frequency TEXT NOT NULL DEFAULT 'immediate' CHECK (frequency IN ('immediate', 'daily')),
    confirmed INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
    created_at TEXT NOT NULL,
    confirmed_at TEXT,
    -- The outbox's last event when the address confirmed: it hears of later changes only.
    after_event INTEGER NOT NULL DEFAULT 0,
    CHECK (city_id IS NULL OR motion_id IS NULL)
) STRICT;
-- One subscription per address and thing followed (a NULL place and motion: everything).
CREATE UNIQUE INDEX alert_subscription_follows ON alert_subscription (email, ifnull(city_id, 0), ifnull(motion_id, 0));
CREATE INDEX alert_subscription_city ON alert_subscription (city_id, confirmed);
CREATE INDEX alert_subscription_motion ON alert_subscription (motion_id, confirmed);

-- The outbox: one row per published change a subscriber may hear about, written by the triggers below in the same
-- transaction as the change itself. details: what the change was at that moment (JSON).
CREATE TABLE alert_event (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    motion_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('action', 'vote', 'status')),
    row_id INTEGER,
    details TEXT NOT NULL CHECK (json_valid(details)),
    -- 1 once `tracker send-alerts` has turned it into deliveries.
    queued INTEGER NOT NULL DEFAULT 0 CHECK (queued IN (0, 1))
) STRICT;
CREATE INDEX alert_event_queued ON alert_event (queued, id);

-- One email to send: a confirmation, an alert (one event) or a daily digest. Marked sent right after the SMTP
-- server accepted it; a failed send stays queued with its next attempt further away each time.
CREATE TABLE alert_delivery (
    id INTEGER PRIMARY KEY,
    subscription_id INTEGER NOT NULL REFERENCES alert_subscription (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('confirm', 'alert', 'digest')),
    event_id INTEGER REFERENCES alert_event (id),
    digest_day TEXT,
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    CHECK ((kind = 'alert') = (event_id IS NOT NULL) AND (kind = 'digest') = (digest_day IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX alert_delivery_alert ON alert_delivery (subscription_id, event_id) WHERE kind = 'alert';
CREATE UNIQUE INDEX alert_delivery_digest ON alert_delivery (subscription_id, digest_day) WHERE kind = 'digest';
CREATE INDEX alert_delivery_due ON alert_delivery (state, next_attempt_at);
CREATE INDEX alert_delivery_event ON alert_delivery (event_id);

-- The events a daily digest holds.
CREATE TABLE alert_digest_event (
    delivery_id INTEGER NOT NULL REFERENCES alert_delivery (id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL REFERENCES alert_event (id),
    PRIMARY KEY (delivery_id, event_id)
) STRICT;
CREATE INDEX alert_digest_event_event ON alert_digest_event (event_id);

-- Subscribe requests, kept only for the rate limits' window (a day) so that a restart does not reset them.
CREATE TABLE alert_attempt (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    email TEXT COLLATE NOCASE,
    address TEXT NOT NULL,
    -- 1 when the request queued a confirmation email.
    confirmation INTEGER NOT NULL DEFAULT 0 CHECK (confirmation IN (0, 1))
) STRICT;
CREATE INDEX alert_attempt_email ON alert_attempt (email, at);
CREATE INDEX alert_attempt_address ON alert_attempt (address, at);

CREATE TRIGGER alert_event_action AFTER INSERT ON action WHEN (SELECT published FROM motion WHERE id = NEW.motion_id) = 1 BEGIN
    INSERT INTO alert_event (at, motion_id, kind, row_id, details)
    VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), NEW.motion_id, 'action', NEW.id,
            json_object('date', NEW.date, 'classification', NEW.classification, 'description', NEW.description));
END;
CREATE TRIGGER alert_event_vote AFTER INSERT ON vote WHEN (SELECT published FROM motion WHERE id = NEW.motion_id) = 1 BEGIN
    INSERT INTO alert_event (at, motion_id, kind, row_id, details)
    VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), NEW.motion_id, 'vote', NEW.id,
            json_object('date', NEW.date, 'result', NEW.result, 'yes', NEW.yes, 'no', NEW.no,
                        'abstain', NEW.abstain, 'absent', NEW.absent, 'excused', NEW.excused));
END;
CREATE TRIGGER alert_event_status AFTER UPDATE OF status ON motion WHEN NEW.published = 1 AND NEW.status IS NOT OLD.status BEGIN
    INSERT INTO alert_event (at, motion_id, kind, row_id, details)
    VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), NEW.id, 'status', NULL,
            json_object('from', OLD.status, 'to', NEW.status));
END;
