-- tracker: the schema of a new database. `flask init-db` creates a database from this file alone;
-- tracker/migrations/ bring an older database to exactly this schema (a test compares the two).
-- Dates are ISO 8601 text (YYYY-MM-DD); timestamps are UTC text (YYYY-MM-DDTHH:MM:SSZ).
-- Unknown values are NULL, never a guess.

PRAGMA user_version = 10;

CREATE TABLE city (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE
        CHECK (length(slug) BETWEEN 1 AND 80 AND slug NOT GLOB '*[^a-z0-9-]*'
               AND slug NOT GLOB '-*' AND slug NOT GLOB '*-' AND slug NOT GLOB '*--*'),
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),
    -- A place: a city, a town or a county (the table keeps its first name, city, so old URLs and data stay valid).
    kind TEXT NOT NULL DEFAULT 'city' CHECK (kind IN ('city', 'town', 'county')),
    state TEXT NOT NULL CHECK (length(state) = 2 AND state NOT GLOB '*[^A-Z]*'),
    ocd_id TEXT UNIQUE CHECK (ocd_id IS NULL OR ocd_id GLOB 'ocd-division/country:us/*'),
    lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
    -- Voting seats on the body that decides; NULL when no source gives them.
    council_seats INTEGER CHECK (council_seats IS NULL OR council_seats BETWEEN 1 AND 200),
    notes TEXT CHECK (notes IS NULL OR length(notes) <= 4000),
    updated_at TEXT NOT NULL CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    UNIQUE (name, state)
) STRICT;
CREATE INDEX city_state ON city (state, name);

CREATE TABLE motion (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    city_id INTEGER NOT NULL REFERENCES city (id),
    kind TEXT NOT NULL CHECK (kind IN ('resolution', 'ordinance', 'statement', 'motion', 'policy', 'executive',
                                       'petition')),
    -- Which way the measure points: end or restrict exchanges, keep or endorse them, or ask for a review.
    aim TEXT NOT NULL DEFAULT 'restrict' CHECK (aim IN ('restrict', 'keep', 'review')),
    -- The body that decided it (or that the campaign asks to act): City Council, Board of Supervisors, ...
    body TEXT NOT NULL DEFAULT 'City Council' CHECK (length(trim(body)) BETWEEN 1 AND 200),
    identifier TEXT CHECK (identifier IS NULL OR length(identifier) BETWEEN 1 AND 60),
    title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 300),
    summary TEXT CHECK (summary IS NULL OR length(summary) <= 4000),
    -- The measure's own words as a source quotes them, and why the record is here when that is not obvious.
    excerpt TEXT CHECK (excerpt IS NULL OR length(excerpt) <= 4000),
    scope_note TEXT CHECK (scope_note IS NULL OR length(scope_note) <= 4000),
    -- Denormalised: always what status.py derives from this motion's actions (records.py keeps it so).
    status TEXT NOT NULL DEFAULT 'campaign'
        CHECK (status IN ('campaign', 'introduced', 'in_committee', 'scheduled', 'deferred', 'passed',
                          'failed', 'withdrawn', 'vetoed', 'overridden')),
    introduced_on TEXT CHECK (introduced_on IS NULL OR introduced_on IS date(introduced_on, '+0 days')),
    decided_on TEXT CHECK (decided_on IS NULL OR decided_on IS date(decided_on, '+0 days')),
    campaign TEXT CHECK (campaign IS NULL OR length(campaign) <= 200),
    petition_signatures INTEGER CHECK (petition_signatures IS NULL OR petition_signatures >= 0),
    created_at TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    updated_at TEXT NOT NULL CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    UNIQUE (city_id, title)
) STRICT;
-- A place's measures by status, read without touching the table (home page counts, place pages, the map).
CREATE INDEX motion_city ON motion (city_id, published, status);
-- Each place's latest decision, read from an index alone (the home page's summary, the map's categories).
CREATE INDEX motion_decided ON motion (city_id, published, decided_on, status, aim);
CREATE INDEX motion_status ON motion (published, status);
CREATE INDEX motion_updated ON motion (updated_at);

CREATE TABLE action (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    motion_id INTEGER NOT NULL REFERENCES motion (id),
    date TEXT NOT NULL CHECK (date IS date(date, '+0 days')),
    -- A status, or 'event': a dated event (a report, a lawsuit, a finding) that leaves the status as it is.
    classification TEXT NOT NULL
        CHECK (classification IN ('campaign', 'introduced', 'in_committee', 'scheduled', 'deferred', 'passed',
                                  'failed', 'withdrawn', 'vetoed', 'overridden', 'event')),
    description TEXT NOT NULL CHECK (length(trim(description)) BETWEEN 1 AND 1000)
) STRICT;
CREATE INDEX action_motion ON action (motion_id, date, id);
CREATE INDEX action_date ON action (date);

CREATE TABLE vote (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    motion_id INTEGER NOT NULL REFERENCES motion (id),
    action_id INTEGER REFERENCES action (id),
    date TEXT NOT NULL CHECK (date IS date(date, '+0 days')),
    result TEXT NOT NULL CHECK (result IN ('pass', 'fail')),
    yes INTEGER CHECK (yes IS NULL OR yes >= 0),
    no INTEGER CHECK (no IS NULL OR no >= 0),
    abstain INTEGER CHECK (abstain IS NULL OR abstain >= 0),
    absent INTEGER CHECK (absent IS NULL OR absent >= 0),
    excused INTEGER CHECK (excused IS NULL OR excused >= 0)
) STRICT;
CREATE INDEX vote_motion ON vote (motion_id, date);
CREATE INDEX vote_action ON vote (action_id);

-- The counts of a vote can never add up to more than the city's council seats.
CREATE TRIGGER vote_within_seats_insert BEFORE INSERT ON vote
WHEN coalesce(NEW.yes, 0) + coalesce(NEW.no, 0) + coalesce(NEW.abstain, 0) + coalesce(NEW.absent, 0)
     + coalesce(NEW.excused, 0) > (SELECT council_seats FROM city JOIN motion ON motion.city_id = city.id
                                   WHERE motion.id = NEW.motion_id)
BEGIN
    SELECT RAISE(ABORT, 'vote counts exceed the council seats');
END;
CREATE TRIGGER vote_within_seats_update BEFORE UPDATE ON vote
WHEN coalesce(NEW.yes, 0) + coalesce(NEW.no, 0) + coalesce(NEW.abstain, 0) + coalesce(NEW.absent, 0)
     + coalesce(NEW.excused, 0) > (SELECT council_seats FROM city JOIN motion ON motion.city_id = city.id
                                   WHERE motion.id = NEW.motion_id)
BEGIN
    SELECT RAISE(ABORT, 'vote counts exceed the council seats');
END;

-- Nor can a council shrink below a vote already recorded, or a motion move to a council too small for its votes.
CREATE TRIGGER city_seats_cover_votes BEFORE UPDATE OF council_seats ON city
WHEN EXISTS (SELECT 1 FROM vote JOIN motion ON motion.id = vote.motion_id WHERE motion.city_id = NEW.id
             AND coalesce(vote.yes, 0) + coalesce(vote.no, 0) + coalesce(vote.abstain, 0) + coalesce(vote.absent, 0)
                 + coalesce(vote.excused, 0) > NEW.council_seats)
BEGIN
    SELECT RAISE(ABORT, 'vote counts exceed the council seats');
END;
CREATE TRIGGER motion_city_covers_votes BEFORE UPDATE OF city_id ON motion
WHEN EXISTS (SELECT 1 FROM vote WHERE vote.motion_id = NEW.id
             AND coalesce(vote.yes, 0) + coalesce(vote.no, 0) + coalesce(vote.abstain, 0) + coalesce(vote.absent, 0)
                 + coalesce(vote.excused, 0) > (SELECT council_seats FROM city WHERE id = NEW.city_id))
BEGIN
    SELECT RAISE(ABORT, 'vote counts exceed the council seats');
END;

CREATE TABLE vote_member (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    vote_id INTEGER NOT NULL REFERENCES vote (id),
    member_name TEXT NOT NULL CHECK (length(trim(member_name)) BETWEEN 1 AND 120),
    -- not_recorded: a member known to sit on the body whose vote no source gives (a partial roll call).
    option TEXT NOT NULL CHECK (option IN ('yes', 'no', 'abstain', 'absent', 'excused', 'not_recorded')),
    UNIQUE (vote_id, member_name)
) STRICT;

CREATE TABLE hearing (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    motion_id INTEGER NOT NULL REFERENCES motion (id),
    date TEXT NOT NULL CHECK (date IS date(date, '+0 days')),
    body TEXT NOT NULL CHECK (length(trim(body)) BETWEEN 1 AND 200),
    duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes BETWEEN 0 AND 2880),
    speakers_total INTEGER CHECK (speakers_total IS NULL OR speakers_total >= 0),
    speakers_support INTEGER CHECK (speakers_support IS NULL OR speakers_support >= 0),
    speakers_oppose INTEGER CHECK (speakers_oppose IS NULL OR speakers_oppose >= 0),
    speakers_neutral INTEGER CHECK (speakers_neutral IS NULL OR speakers_neutral >= 0),
    notes TEXT CHECK (notes IS NULL OR length(notes) <= 4000)
) STRICT;
CREATE INDEX hearing_motion ON hearing (motion_id, date);

CREATE TABLE testimony (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hearing_id INTEGER NOT NULL REFERENCES hearing (id),
    speaker_name TEXT CHECK (speaker_name IS NULL OR length(speaker_name) BETWEEN 1 AND 120),
    -- The public sees "a resident" unless the speaker's name is already public in the source.
    publish_name INTEGER NOT NULL DEFAULT 0 CHECK (publish_name IN (0, 1)),
    affiliation TEXT CHECK (affiliation IS NULL OR length(affiliation) <= 200),
    position TEXT NOT NULL CHECK (position IN ('support', 'oppose', 'neutral')),
    summary TEXT CHECK (summary IS NULL OR length(summary) <= 4000)
) STRICT;
CREATE INDEX testimony_hearing ON testimony (hearing_id);

CREATE TABLE source (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT UNIQUE CHECK (url IS NULL OR ((url GLOB 'http://?*' OR url GLOB 'https://?*')
                                           AND length(url) <= 2000 AND url NOT GLOB '*[ ]*')),
    title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 300),
    -- 1: the title is the source's own headline; 0: it is our description of the source.
    headline INTEGER NOT NULL DEFAULT 0 CHECK (headline IN (0, 1)),
    publisher TEXT CHECK (publisher IS NULL OR length(publisher) <= 200),
    published_on TEXT CHECK (published_on IS NULL OR published_on IS date(published_on, '+0 days')),
    accessed_on TEXT CHECK (accessed_on IS NULL OR accessed_on IS date(accessed_on, '+0 days'))
) STRICT;

-- What a source says about one record; any record may cite several sources (OCD's sources[]).
CREATE TABLE citation (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT NOT NULL CHECK (table_name IN ('city', 'motion', 'action', 'vote', 'hearing', 'testimony')),
    row_id INTEGER NOT NULL,
    source_id INTEGER NOT NULL REFERENCES source (id),
    -- The field of the row the source supports (e.g. petition_signatures), or NULL for the row as a whole.
    field TEXT CHECK (field IS NULL OR (length(field) BETWEEN 1 AND 40 AND field NOT GLOB '*[^a-z_]*')),
    note TEXT CHECK (note IS NULL OR length(note) <= 1000)
) STRICT;
-- A source supports a row, or one field of it, once.
CREATE UNIQUE INDEX citation_row ON citation (table_name, row_id, source_id, ifnull(field, ''));
CREATE INDEX citation_source ON citation (source_id);

CREATE TABLE user (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 254 AND email GLOB '?*@?*'),
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('organizer', 'editor', 'admin')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    session_version INTEGER NOT NULL DEFAULT 1 CHECK (session_version >= 1),
    created_at TEXT NOT NULL,
    last_login_at TEXT
) STRICT;

CREATE TABLE submission (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES user (id),
    kind TEXT NOT NULL CHECK (kind IN ('city', 'motion', 'action', 'vote', 'hearing', 'testimony', 'source', 'citation')),
    payload TEXT NOT NULL CHECK (json_valid(payload)),
    target_table TEXT NOT NULL,
    target_id INTEGER,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
    created_at TEXT NOT NULL,
    reviewer_id INTEGER REFERENCES user (id),
    reviewed_at TEXT,
    reason TEXT CHECK (reason IS NULL OR length(reason) <= 2000),
    CHECK ((state = 'pending') = (reviewer_id IS NULL))
) STRICT;
CREATE INDEX submission_state ON submission (state, created_at);
CREATE INDEX submission_user ON submission (user_id);
CREATE INDEX submission_reviewer ON submission (reviewer_id);

-- One save, approval, import, revert or seed: who, when, what kind, and a sentence in council terms. Every
-- change_log row belongs to one; reverting a changeset reverts all its rows together.
CREATE TABLE changeset (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id INTEGER REFERENCES user (id),
    kind TEXT NOT NULL
        CHECK (kind IN ('edit', 'approval', 'submission', 'import', 'revert', 'seed', 'account', 'earlier')),
    summary TEXT NOT NULL DEFAULT '',
    submission_id INTEGER REFERENCES submission (id),
    reverts INTEGER REFERENCES changeset (id)
) STRICT;
CREATE INDEX changeset_at ON changeset (at);
CREATE INDEX changeset_user ON changeset (user_id);
CREATE INDEX changeset_submission ON changeset (submission_id);
CREATE INDEX changeset_reverts ON changeset (reverts);

-- Every write, in the same transaction as the write itself; user_id is NULL for the CLI and the seed.
CREATE TABLE change_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id INTEGER REFERENCES user (id),
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    before TEXT CHECK (before IS NULL OR json_valid(before)),
    after TEXT CHECK (after IS NULL OR json_valid(after)),
    changeset_id INTEGER NOT NULL REFERENCES changeset (id),
    CHECK ((op = 'insert') = (before IS NULL) AND (op = 'delete') = (after IS NULL))
) STRICT;
CREATE INDEX change_log_row ON change_log (table_name, row_id);
CREATE INDEX change_log_at ON change_log (at);
CREATE INDEX change_log_user ON change_log (user_id);
CREATE INDEX change_log_changeset ON change_log (changeset_id);

-- Failed logins, kept only for the throttling window so a restart does not reset the limits.
CREATE TABLE login_attempt (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    email TEXT NOT NULL COLLATE NOCASE,
    address TEXT NOT NULL
) STRICT;
CREATE INDEX login_attempt_email ON login_attempt (email, at);
CREATE INDEX login_attempt_address ON login_attempt (address, at);
-- Failures of one account from one address: the pair the limit applies to.
CREATE INDEX login_attempt_pair ON login_attempt (email, address, at);

-- Logins kept on the server: logging out ends one session for good, the account's other devices staying logged in.
-- The cookie carries a random token; only its SHA-256 is stored here.
CREATE TABLE user_session (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    user_id INTEGER NOT NULL REFERENCES user (id),
    created_at REAL NOT NULL,
    last_seen_at REAL NOT NULL,
    -- A few words about the device (its browser's user agent, shortened), so a person can tell sessions apart.
    label TEXT CHECK (label IS NULL OR length(label) <= 120)
) STRICT;
CREATE INDEX user_session_user ON user_session (user_id);
CREATE INDEX user_session_seen ON user_session (last_seen_at);

-- Full-text search (rowid = motion.id) over what people type to find a motion: its title, summary, own words and
-- scope note; its place and body; its campaign; what happened to it; the people named in its roll calls and in
-- testimony whose names are public; and its sources' headlines, publishers and what they say.
CREATE VIRTUAL TABLE motion_fts USING fts5(title, summary, city, campaign, actions, people, sources,
                                           tokenize = 'porter unicode61 remove_diacritics 2');

-- The motion each citable row belongs to, to find the motion a citation is about.
CREATE VIEW cited_motion AS
SELECT 'motion' AS table_name, id AS row_id, id AS motion_id FROM motion
UNION ALL SELECT 'action', id, motion_id FROM action
UNION ALL SELECT 'vote', id, motion_id FROM vote
UNION ALL SELECT 'hearing', id, motion_id FROM hearing
UNION ALL SELECT 'testimony', testimony.id, hearing.motion_id FROM testimony JOIN hearing ON hearing.id = testimony.hearing_id;

-- What motion_fts holds for each motion: the triggers below delete a motion's entry and insert it again from here
-- whenever any of these parts changes, so the index is always exactly this view.
CREATE VIEW motion_search AS
SELECT motion.id AS rowid, motion.title,
       coalesce(motion.summary, '') || ' ' || coalesce(motion.excerpt, '') || ' ' || coalesce(motion.scope_note, '')
           AS summary,
       city.name || ', ' || city.state || ' ' || motion.body AS city,
       coalesce(motion.campaign, '') AS campaign,
       coalesce((SELECT group_concat(description, ' ') FROM action WHERE action.motion_id = motion.id), '') AS actions,
       coalesce((SELECT group_concat(vote_member.member_name, ' ') FROM vote_member
                 JOIN vote ON vote.id = vote_member.vote_id WHERE vote.motion_id = motion.id), '') || ' ' ||
       coalesce((SELECT group_concat(testimony.speaker_name, ' ') FROM testimony
                 JOIN hearing ON hearing.id = testimony.hearing_id
                 WHERE hearing.motion_id = motion.id AND testimony.publish_name = 1), '') AS people,
       coalesce((SELECT group_concat(source.title || ' ' || coalesce(source.publisher, '') || ' '
                                     || coalesce(citation.note, ''), ' ')
                 FROM citation JOIN source ON source.id = citation.source_id
                 WHERE (citation.table_name = 'motion' AND citation.row_id = motion.id)
                    OR (citation.table_name = 'action'
                        AND citation.row_id IN (SELECT id FROM action WHERE action.motion_id = motion.id))
                    OR (citation.table_name = 'vote'
                        AND citation.row_id IN (SELECT id FROM vote WHERE vote.motion_id = motion.id))
                    OR (citation.table_name = 'hearing'
                        AND citation.row_id IN (SELECT id FROM hearing WHERE hearing.motion_id = motion.id))
                    OR (citation.table_name = 'testimony'
                        AND citation.row_id IN (SELECT testimony.id FROM testimony
                                                JOIN hearing ON hearing.id = testimony.hearing_id
                                                WHERE hearing.motion_id = motion.id))), '') AS sources
FROM motion JOIN city ON city.id = motion.city_id;
CREATE TRIGGER motion_fts_motion_insert AFTER INSERT ON motion BEGIN
    DELETE FROM motion_fts WHERE rowid IN (NEW.id);
    INSERT INTO motion_fts (rowid, title, summary, city, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN (NEW.id);
END;

CREATE TRIGGER motion_fts_motion_update AFTER UPDATE OF title, summary, excerpt, scope_note, city_id, body, campaign ON motion BEGIN
    DELETE FROM motion_fts WHERE rowid IN (NEW.id);
    INSERT INTO motion_fts (rowid, title, summary, city, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN (NEW.id);
END;

CREATE TRIGGER motion_fts_motion_delete AFTER DELETE ON motion BEGIN
    DELETE FROM motion_fts WHERE rowid = OLD.id;
END;

CREATE TRIGGER motion_fts_action_insert AFTER INSERT ON action BEGIN
    DELETE FROM motion_fts WHERE rowid IN (NEW.motion_id);
    INSERT INTO motion_fts (rowid, title, summary, city, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN (NEW.motion_id);
END;

CREATE TRIGGER motion_fts_action_update AFTER UPDATE OF description, motion_id ON action BEGIN
    DELETE FROM motion_fts WHERE rowid IN (OLD.motion_id, NEW.motion_id);
    INSERT INTO motion_fts (rowid, title, summary, city, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN (OLD.motion_id, NEW.motion_id);
END;

CREATE TRIGGER motion_fts_action_delete AFTER DELETE ON action BEGIN
    DELETE FROM motion_fts WHERE rowid IN (OLD.motion_id);
    INSERT INTO motion_fts (rowid, title, summary, city, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN (OLD.motion_id);
END;

CREATE TRIGGER motion_fts_member_insert AFTER INSERT ON vote_member BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM vote WHERE id = NEW.vote_id));
    INSERT INTO motion_fts (rowid, title, summary, city, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM vote WHERE id = NEW.vote_id));
END;

CREATE TRIGGER motion_fts_member_update AFTER UPDATE OF member_name, vote_id ON vote_member BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM vote WHERE id = OLD.vote_id), (SELECT motion_id FROM vote WHERE id = NEW.vote_id));
    INSERT INTO motion_fts (rowid, title, summary, city, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM vote WHERE id = OLD.vote_id), (SELECT motion_id FROM vote WHERE id = NEW.vote_id));
END;

CREATE TRIGGER motion_fts_member_delete AFTER DELETE ON vote_member BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM vote WHERE id = OLD.vote_id));
    INSERT INTO motion_fts (rowid, title, summary, city, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM vote WHERE id = OLD.vote_id));
END;

CREATE TRIGGER motion_fts_testimony_insert AFTER INSERT ON testimony BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM hearing WHERE id = NEW.hearing_id));
    INSERT INTO motion_fts (rowid, title, summary, city, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM hearing WHERE id = NEW.hearing_id));
END;

CREATE TRIGGER motion_fts_testimony_update AFTER UPDATE OF speaker_name, publish_name, hearing_id ON testimony BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM hearing WHERE id = OLD.hearing_id), (SELECT motion_id FROM hearing WHERE id = NEW.hearing_id));
    INSERT INTO motion_fts (rowid, title, summary, city, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM hearing WHERE id = OLD.hearing_id), (SELECT motion_id FROM hearing WHERE id = NEW.hearing_id));
END;

CREATE TRIGGER motion_fts_testimony_delete AFTER DELETE ON testimony BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM hearing WHERE id = OLD.hearing_id));
    INSERT INTO motion_fts (rowid, title, summary, city, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM hearing WHERE id = OLD.hearing_id));
END;

CREATE TRIGGER motion_fts_citation_insert AFTER INSERT ON citation BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM cited_motion WHERE table_name = NEW.table_name AND row_id = NEW.row_id));
    INSERT INTO motion_fts (rowid, title, summary, city, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM cited_motion WHERE table_name = NEW.table_name AND row_id = NEW.row_id));
END;

CREATE TRIGGER motion_fts_citation_update AFTER UPDATE ON citation BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM cited_motion WHERE table_name = OLD.table_name AND row_id = OLD.row_id), (SELECT motion_id FROM cited_motion WHERE table_name = NEW.table_name AND row_id = NEW.row_id));
    INSERT INTO motion_fts (rowid, title, summary, city, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM cited_motion WHERE table_name = OLD.table_name AND row_id = OLD.row_id), (SELECT motion_id FROM cited_motion WHERE table_name = NEW.table_name AND row_id = NEW.row_id));
END;

CREATE TRIGGER motion_fts_citation_delete AFTER DELETE ON citation BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM cited_motion WHERE table_name = OLD.table_name AND row_id = OLD.row_id));
    INSERT INTO motion_fts (rowid, title, summary, city, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM cited_motion WHERE table_name = OLD.table_name AND row_id = OLD.row_id));
END;

CREATE TRIGGER motion_fts_source_update AFTER UPDATE OF title, publisher ON source BEGIN
    DELETE FROM motion_fts WHERE rowid IN (SELECT cited_motion.motion_id FROM citation
                                           JOIN cited_motion USING (table_name, row_id) WHERE citation.source_id = NEW.id);
    INSERT INTO motion_fts (rowid, title, summary, city, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN (SELECT cited_motion.motion_id FROM citation
                                                JOIN cited_motion USING (table_name, row_id)
                                                WHERE citation.source_id = NEW.id);
END;
CREATE TRIGGER motion_fts_city_update AFTER UPDATE OF name, state ON city BEGIN
    DELETE FROM motion_fts WHERE rowid IN (SELECT id FROM motion WHERE city_id = NEW.id);
    INSERT INTO motion_fts (rowid, title, summary, city, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN (SELECT id FROM motion WHERE city_id = NEW.id);
END;

-- The public record's version: a counter that every change a visitor could see moves (triggers below), so that
-- pages, feeds and the API can answer "not modified" and reuse what they built without rebuilding it. Changes
-- to unpublished measures (and their actions, votes, hearings) leave it alone; so do accounts and submissions.
CREATE TABLE public_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
    changed_at TEXT CHECK (changed_at IS NULL OR changed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z')
) STRICT;
INSERT INTO public_version (id, version, changed_at)
VALUES (1, 0, NULL);
CREATE TRIGGER public_version_city_insert AFTER INSERT ON city BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_city_update AFTER UPDATE ON city BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_city_delete AFTER DELETE ON city BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_motion_insert AFTER INSERT ON motion WHEN NEW.published = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_motion_update AFTER UPDATE ON motion WHEN NEW.published = 1 OR OLD.published = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_motion_delete AFTER DELETE ON motion WHEN OLD.published = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_action_insert AFTER INSERT ON action WHEN (SELECT published FROM motion WHERE id = NEW.motion_id) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_action_update AFTER UPDATE ON action WHEN (SELECT published FROM motion WHERE id = NEW.motion_id) = 1 OR (SELECT published FROM motion WHERE id = OLD.motion_id) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_action_delete AFTER DELETE ON action WHEN (SELECT published FROM motion WHERE id = OLD.motion_id) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_vote_insert AFTER INSERT ON vote WHEN (SELECT published FROM motion WHERE id = NEW.motion_id) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_vote_update AFTER UPDATE ON vote WHEN (SELECT published FROM motion WHERE id = NEW.motion_id) = 1 OR (SELECT published FROM motion WHERE id = OLD.motion_id) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_vote_delete AFTER DELETE ON vote WHEN (SELECT published FROM motion WHERE id = OLD.motion_id) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_vote_member_insert AFTER INSERT ON vote_member WHEN (SELECT motion.published FROM vote JOIN motion ON motion.id = vote.motion_id WHERE vote.id = NEW.vote_id) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_vote_member_update AFTER UPDATE ON vote_member WHEN (SELECT motion.published FROM vote JOIN motion ON motion.id = vote.motion_id WHERE vote.id = NEW.vote_id) = 1 OR (SELECT motion.published FROM vote JOIN motion ON motion.id = vote.motion_id WHERE vote.id = OLD.vote_id) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_vote_member_delete AFTER DELETE ON vote_member WHEN (SELECT motion.published FROM vote JOIN motion ON motion.id = vote.motion_id WHERE vote.id = OLD.vote_id) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_hearing_insert AFTER INSERT ON hearing WHEN (SELECT published FROM motion WHERE id = NEW.motion_id) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_hearing_update AFTER UPDATE ON hearing WHEN (SELECT published FROM motion WHERE id = NEW.motion_id) = 1 OR (SELECT published FROM motion WHERE id = OLD.motion_id) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_hearing_delete AFTER DELETE ON hearing WHEN (SELECT published FROM motion WHERE id = OLD.motion_id) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_testimony_insert AFTER INSERT ON testimony WHEN (SELECT motion.published FROM hearing JOIN motion ON motion.id = hearing.motion_id WHERE hearing.id = NEW.hearing_id) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_testimony_update AFTER UPDATE ON testimony WHEN (SELECT motion.published FROM hearing JOIN motion ON motion.id = hearing.motion_id WHERE hearing.id = NEW.hearing_id) = 1 OR (SELECT motion.published FROM hearing JOIN motion ON motion.id = hearing.motion_id WHERE hearing.id = OLD.hearing_id) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_testimony_delete AFTER DELETE ON testimony WHEN (SELECT motion.published FROM hearing JOIN motion ON motion.id = hearing.motion_id WHERE hearing.id = OLD.hearing_id) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_source_update AFTER UPDATE ON source WHEN EXISTS (SELECT 1 FROM citation WHERE citation.source_id = NEW.id AND (CASE citation.table_name WHEN 'city' THEN 1 WHEN 'motion' THEN (SELECT published FROM motion WHERE id = citation.row_id) WHEN 'testimony' THEN (SELECT motion.published FROM testimony JOIN hearing ON hearing.id = testimony.hearing_id JOIN motion ON motion.id = hearing.motion_id WHERE testimony.id = citation.row_id) ELSE (SELECT motion.published FROM motion WHERE motion.id = (SELECT motion_id FROM action WHERE citation.table_name = 'action' AND id = citation.row_id UNION ALL SELECT motion_id FROM vote WHERE citation.table_name = 'vote' AND id = citation.row_id UNION ALL SELECT motion_id FROM hearing WHERE citation.table_name = 'hearing' AND id = citation.row_id)) END) = 1) BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_source_delete AFTER DELETE ON source WHEN EXISTS (SELECT 1 FROM citation WHERE citation.source_id = OLD.id AND (CASE citation.table_name WHEN 'city' THEN 1 WHEN 'motion' THEN (SELECT published FROM motion WHERE id = citation.row_id) WHEN 'testimony' THEN (SELECT motion.published FROM testimony JOIN hearing ON hearing.id = testimony.hearing_id JOIN motion ON motion.id = hearing.motion_id WHERE testimony.id = citation.row_id) ELSE (SELECT motion.published FROM motion WHERE motion.id = (SELECT motion_id FROM action WHERE citation.table_name = 'action' AND id = citation.row_id UNION ALL SELECT motion_id FROM vote WHERE citation.table_name = 'vote' AND id = citation.row_id UNION ALL SELECT motion_id FROM hearing WHERE citation.table_name = 'hearing' AND id = citation.row_id)) END) = 1) BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_citation_insert AFTER INSERT ON citation WHEN (CASE NEW.table_name WHEN 'city' THEN 1 WHEN 'motion' THEN (SELECT published FROM motion WHERE id = NEW.row_id) WHEN 'testimony' THEN (SELECT motion.published FROM testimony JOIN hearing ON hearing.id = testimony.hearing_id JOIN motion ON motion.id = hearing.motion_id WHERE testimony.id = NEW.row_id) ELSE (SELECT motion.published FROM motion WHERE motion.id = (SELECT motion_id FROM action WHERE NEW.table_name = 'action' AND id = NEW.row_id UNION ALL SELECT motion_id FROM vote WHERE NEW.table_name = 'vote' AND id = NEW.row_id UNION ALL SELECT motion_id FROM hearing WHERE NEW.table_name = 'hearing' AND id = NEW.row_id)) END) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_citation_update AFTER UPDATE ON citation WHEN (CASE NEW.table_name WHEN 'city' THEN 1 WHEN 'motion' THEN (SELECT published FROM motion WHERE id = NEW.row_id) WHEN 'testimony' THEN (SELECT motion.published FROM testimony JOIN hearing ON hearing.id = testimony.hearing_id JOIN motion ON motion.id = hearing.motion_id WHERE testimony.id = NEW.row_id) ELSE (SELECT motion.published FROM motion WHERE motion.id = (SELECT motion_id FROM action WHERE NEW.table_name = 'action' AND id = NEW.row_id UNION ALL SELECT motion_id FROM vote WHERE NEW.table_name = 'vote' AND id = NEW.row_id UNION ALL SELECT motion_id FROM hearing WHERE NEW.table_name = 'hearing' AND id = NEW.row_id)) END) = 1 OR (CASE OLD.table_name WHEN 'city' THEN 1 WHEN 'motion' THEN (SELECT published FROM motion WHERE id = OLD.row_id) WHEN 'testimony' THEN (SELECT motion.published FROM testimony JOIN hearing ON hearing.id = testimony.hearing_id JOIN motion ON motion.id = hearing.motion_id WHERE testimony.id = OLD.row_id) ELSE (SELECT motion.published FROM motion WHERE motion.id = (SELECT motion_id FROM action WHERE OLD.table_name = 'action' AND id = OLD.row_id UNION ALL SELECT motion_id FROM vote WHERE OLD.table_name = 'vote' AND id = OLD.row_id UNION ALL SELECT motion_id FROM hearing WHERE OLD.table_name = 'hearing' AND id = OLD.row_id)) END) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_citation_delete AFTER DELETE ON citation WHEN (CASE OLD.table_name WHEN 'city' THEN 1 WHEN 'motion' THEN (SELECT published FROM motion WHERE id = OLD.row_id) WHEN 'testimony' THEN (SELECT motion.published FROM testimony JOIN hearing ON hearing.id = testimony.hearing_id JOIN motion ON motion.id = hearing.motion_id WHERE testimony.id = OLD.row_id) ELSE (SELECT motion.published FROM motion WHERE motion.id = (SELECT motion_id FROM action WHERE OLD.table_name = 'action' AND id = OLD.row_id UNION ALL SELECT motion_id FROM vote WHERE OLD.table_name = 'vote' AND id = OLD.row_id UNION ALL SELECT motion_id FROM hearing WHERE OLD.table_name = 'hearing' AND id = OLD.row_id)) END) = 1 BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;

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
