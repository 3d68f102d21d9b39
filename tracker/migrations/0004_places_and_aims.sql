-- Places beyond cities, a measure's aim and body, events that leave the status alone, partial roll calls,
-- source headlines, citations of one field, and a search index over more of the record (user_version 4).
-- Tables whose CHECK constraints change are rebuilt (SQLite cannot alter a constraint): each is renamed aside,
-- created anew exactly as in schema.sql, filled from the old rows, and the old one dropped. legacy_alter_table
-- keeps other tables' references pointing at the name, that is at the new table.
PRAGMA legacy_alter_table = ON;

DROP TRIGGER city_seats_cover_votes;
DROP TRIGGER motion_city_covers_votes;
DROP TRIGGER motion_fts_action_delete;
DROP TRIGGER motion_fts_action_insert;
DROP TRIGGER motion_fts_action_update;
DROP TRIGGER motion_fts_city_update;
DROP TRIGGER motion_fts_delete;
DROP TRIGGER motion_fts_insert;
DROP TRIGGER motion_fts_update;
DROP TRIGGER vote_within_seats_insert;
DROP TRIGGER vote_within_seats_update;
DROP TABLE motion_fts;

ALTER TABLE city RENAME TO city_old;
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
INSERT INTO city (id, slug, name, state, ocd_id, lat, lon, council_seats, notes, updated_at) SELECT id, slug, name, state, ocd_id, lat, lon, council_seats, notes, updated_at FROM city_old;
DELETE FROM sqlite_sequence WHERE name = 'city';
UPDATE sqlite_sequence SET name = 'city' WHERE name = 'city_old';
DROP TABLE city_old;
CREATE INDEX city_state ON city (state, name);

ALTER TABLE motion RENAME TO motion_old;
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
INSERT INTO motion (id, city_id, kind, identifier, title, summary, status, introduced_on, decided_on, campaign, petition_signatures, created_at, updated_at, published) SELECT id, city_id, kind, identifier, title, summary, status, introduced_on, decided_on, campaign, petition_signatures, created_at, updated_at, published FROM motion_old;
DELETE FROM sqlite_sequence WHERE name = 'motion';
UPDATE sqlite_sequence SET name = 'motion' WHERE name = 'motion_old';
DROP TABLE motion_old;
CREATE INDEX motion_city ON motion (city_id);
CREATE INDEX motion_status ON motion (published, status);
CREATE INDEX motion_updated ON motion (updated_at);

ALTER TABLE action RENAME TO action_old;
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
INSERT INTO action (id, motion_id, date, classification, description) SELECT id, motion_id, date, classification, description FROM action_old;
DELETE FROM sqlite_sequence WHERE name = 'action';
UPDATE sqlite_sequence SET name = 'action' WHERE name = 'action_old';
DROP TABLE action_old;
CREATE INDEX action_motion ON action (motion_id, date, id);
CREATE INDEX action_date ON action (date);

ALTER TABLE vote_member RENAME TO vote_member_old;
CREATE TABLE vote_member (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    vote_id INTEGER NOT NULL REFERENCES vote (id),
    member_name TEXT NOT NULL CHECK (length(trim(member_name)) BETWEEN 1 AND 120),
    -- not_recorded: a member known to sit on the body whose vote no source gives (a partial roll call).
    option TEXT NOT NULL CHECK (option IN ('yes', 'no', 'abstain', 'absent', 'excused', 'not_recorded')),
    UNIQUE (vote_id, member_name)
) STRICT;
INSERT INTO vote_member (id, vote_id, member_name, option) SELECT id, vote_id, member_name, option FROM vote_member_old;
DELETE FROM sqlite_sequence WHERE name = 'vote_member';
UPDATE sqlite_sequence SET name = 'vote_member' WHERE name = 'vote_member_old';
DROP TABLE vote_member_old;

ALTER TABLE source RENAME TO source_old;
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
INSERT INTO source (id, url, title, publisher, published_on, accessed_on) SELECT id, url, title, publisher, published_on, accessed_on FROM source_old;
DELETE FROM sqlite_sequence WHERE name = 'source';
UPDATE sqlite_sequence SET name = 'source' WHERE name = 'source_old';
DROP TABLE source_old;

ALTER TABLE citation RENAME TO citation_old;
CREATE TABLE citation (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT NOT NULL CHECK (table_name IN ('city', 'motion', 'action', 'vote', 'hearing', 'testimony')),
    row_id INTEGER NOT NULL,
    source_id INTEGER NOT NULL REFERENCES source (id),
    -- The field of the row the source supports (e.g. petition_signatures), or NULL for the row as a whole.
    field TEXT CHECK (field IS NULL OR (length(field) BETWEEN 1 AND 40 AND field NOT GLOB '*[^a-z_]*')),
    note TEXT CHECK (note IS NULL OR length(note) <= 1000)
) STRICT;
INSERT INTO citation (id, table_name, row_id, source_id, note) SELECT id, table_name, row_id, source_id, note FROM citation_old;
DELETE FROM sqlite_sequence WHERE name = 'citation';
UPDATE sqlite_sequence SET name = 'citation' WHERE name = 'citation_old';
DROP TABLE citation_old;
CREATE UNIQUE INDEX citation_row ON citation (table_name, row_id, source_id, ifnull(field, ''));
CREATE INDEX citation_source ON citation (source_id);

PRAGMA legacy_alter_table = OFF;

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

-- Full-text search (rowid = motion.id) over what people type to find a motion: its title, summary, own words and
-- scope note; its place and body; its campaign; what happened to it; the people named in its roll calls and in
-- testimony whose names are public; and its sources' headlines, publishers and what they say.
CREATE VIRTUAL TABLE motion_fts USING fts5(title, summary, place, campaign, actions, people, sources,
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
       city.name || ', ' || city.state || ' ' || motion.body AS place,
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
    INSERT INTO motion_fts (rowid, title, summary, place, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN (NEW.id);
END;

CREATE TRIGGER motion_fts_motion_update AFTER UPDATE OF title, summary, excerpt, scope_note, city_id, body, campaign ON motion BEGIN
    DELETE FROM motion_fts WHERE rowid IN (NEW.id);
    INSERT INTO motion_fts (rowid, title, summary, place, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN (NEW.id);
END;

CREATE TRIGGER motion_fts_motion_delete AFTER DELETE ON motion BEGIN
    DELETE FROM motion_fts WHERE rowid = OLD.id;
END;

CREATE TRIGGER motion_fts_action_insert AFTER INSERT ON action BEGIN
    DELETE FROM motion_fts WHERE rowid IN (NEW.motion_id);
    INSERT INTO motion_fts (rowid, title, summary, place, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN (NEW.motion_id);
END;

CREATE TRIGGER motion_fts_action_update AFTER UPDATE OF description, motion_id ON action BEGIN
    DELETE FROM motion_fts WHERE rowid IN (OLD.motion_id, NEW.motion_id);
    INSERT INTO motion_fts (rowid, title, summary, place, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN (OLD.motion_id, NEW.motion_id);
END;

CREATE TRIGGER motion_fts_action_delete AFTER DELETE ON action BEGIN
    DELETE FROM motion_fts WHERE rowid IN (OLD.motion_id);
    INSERT INTO motion_fts (rowid, title, summary, place, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN (OLD.motion_id);
END;

CREATE TRIGGER motion_fts_member_insert AFTER INSERT ON vote_member BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM vote WHERE id = NEW.vote_id));
    INSERT INTO motion_fts (rowid, title, summary, place, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM vote WHERE id = NEW.vote_id));
END;

CREATE TRIGGER motion_fts_member_update AFTER UPDATE OF member_name, vote_id ON vote_member BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM vote WHERE id = OLD.vote_id), (SELECT motion_id FROM vote WHERE id = NEW.vote_id));
    INSERT INTO motion_fts (rowid, title, summary, place, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM vote WHERE id = OLD.vote_id), (SELECT motion_id FROM vote WHERE id = NEW.vote_id));
END;

CREATE TRIGGER motion_fts_member_delete AFTER DELETE ON vote_member BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM vote WHERE id = OLD.vote_id));
    INSERT INTO motion_fts (rowid, title, summary, place, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM vote WHERE id = OLD.vote_id));
END;

CREATE TRIGGER motion_fts_testimony_insert AFTER INSERT ON testimony BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM hearing WHERE id = NEW.hearing_id));
    INSERT INTO motion_fts (rowid, title, summary, place, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM hearing WHERE id = NEW.hearing_id));
END;

CREATE TRIGGER motion_fts_testimony_update AFTER UPDATE OF speaker_name, publish_name, hearing_id ON testimony BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM hearing WHERE id = OLD.hearing_id), (SELECT motion_id FROM hearing WHERE id = NEW.hearing_id));
    INSERT INTO motion_fts (rowid, title, summary, place, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM hearing WHERE id = OLD.hearing_id), (SELECT motion_id FROM hearing WHERE id = NEW.hearing_id));
END;

CREATE TRIGGER motion_fts_testimony_delete AFTER DELETE ON testimony BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM hearing WHERE id = OLD.hearing_id));
    INSERT INTO motion_fts (rowid, title, summary, place, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM hearing WHERE id = OLD.hearing_id));
END;

CREATE TRIGGER motion_fts_citation_insert AFTER INSERT ON citation BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM cited_motion WHERE table_name = NEW.table_name AND row_id = NEW.row_id));
    INSERT INTO motion_fts (rowid, title, summary, place, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM cited_motion WHERE table_name = NEW.table_name AND row_id = NEW.row_id));
END;

CREATE TRIGGER motion_fts_citation_update AFTER UPDATE ON citation BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM cited_motion WHERE table_name = OLD.table_name AND row_id = OLD.row_id), (SELECT motion_id FROM cited_motion WHERE table_name = NEW.table_name AND row_id = NEW.row_id));
    INSERT INTO motion_fts (rowid, title, summary, place, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM cited_motion WHERE table_name = OLD.table_name AND row_id = OLD.row_id), (SELECT motion_id FROM cited_motion WHERE table_name = NEW.table_name AND row_id = NEW.row_id));
END;

CREATE TRIGGER motion_fts_citation_delete AFTER DELETE ON citation BEGIN
    DELETE FROM motion_fts WHERE rowid IN ((SELECT motion_id FROM cited_motion WHERE table_name = OLD.table_name AND row_id = OLD.row_id));
    INSERT INTO motion_fts (rowid, title, summary, place, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN ((SELECT motion_id FROM cited_motion WHERE table_name = OLD.table_name AND row_id = OLD.row_id));
END;

CREATE TRIGGER motion_fts_source_update AFTER UPDATE OF title, publisher ON source BEGIN
    DELETE FROM motion_fts WHERE rowid IN (SELECT cited_motion.motion_id FROM citation
                                           JOIN cited_motion USING (table_name, row_id) WHERE citation.source_id = NEW.id);
    INSERT INTO motion_fts (rowid, title, summary, place, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN (SELECT cited_motion.motion_id FROM citation
                                                JOIN cited_motion USING (table_name, row_id)
                                                WHERE citation.source_id = NEW.id);
END;
CREATE TRIGGER motion_fts_city_update AFTER UPDATE OF name, state ON city BEGIN
    DELETE FROM motion_fts WHERE rowid IN (SELECT id FROM motion WHERE city_id = NEW.id);
    INSERT INTO motion_fts (rowid, title, summary, place, campaign, actions, people, sources)
    SELECT * FROM motion_search WHERE rowid IN (SELECT id FROM motion WHERE city_id = NEW.id);
END;

-- Index what older databases already hold.
INSERT INTO motion_fts (rowid, title, summary, place, campaign, actions, people, sources)
SELECT * FROM motion_search;
