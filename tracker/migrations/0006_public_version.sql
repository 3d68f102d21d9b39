-- The public record's version: a counter that every change a visitor could see moves (triggers below), so that
-- pages, feeds and the API can answer "not modified" and reuse what they built without rebuilding it. Changes
-- to unpublished measures (and their actions, votes, hearings) leave it alone; so do accounts and submissions.
CREATE TABLE public_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
    changed_at TEXT CHECK (changed_at IS NULL OR changed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z')
) STRICT;
INSERT INTO public_version (id, version, changed_at)
VALUES (1, (SELECT count(*) FROM change_log), (SELECT max(at) FROM change_log));
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
CREATE TRIGGER public_version_source_update AFTER UPDATE ON source BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_source_delete AFTER DELETE ON source BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_citation_insert AFTER INSERT ON citation BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_citation_update AFTER UPDATE ON citation BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
CREATE TRIGGER public_version_citation_delete AFTER DELETE ON citation BEGIN
    UPDATE public_version SET version = version + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
END;
-- A place's measures by status, read without touching the table (home page counts, place pages, the map).
DROP INDEX motion_city;
CREATE INDEX motion_city ON motion (city_id, published, status);

-- The search index's place column is named city again, as the table it comes from is: tools that load rows into
-- tracker's schema fill it by that name. FTS5 cannot rename a column, so the index is rebuilt from its view.
DROP TRIGGER motion_fts_motion_insert;
DROP TRIGGER motion_fts_motion_update;
DROP TRIGGER motion_fts_motion_delete;
DROP TRIGGER motion_fts_action_insert;
DROP TRIGGER motion_fts_action_update;
DROP TRIGGER motion_fts_action_delete;
DROP TRIGGER motion_fts_member_insert;
DROP TRIGGER motion_fts_member_update;
DROP TRIGGER motion_fts_member_delete;
DROP TRIGGER motion_fts_testimony_insert;
DROP TRIGGER motion_fts_testimony_update;
DROP TRIGGER motion_fts_testimony_delete;
DROP TRIGGER motion_fts_citation_insert;
DROP TRIGGER motion_fts_citation_update;
DROP TRIGGER motion_fts_citation_delete;
DROP TRIGGER motion_fts_source_update;
DROP TRIGGER motion_fts_city_update;
DROP VIEW cited_motion;
DROP VIEW motion_search;
DROP TABLE motion_fts;
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
INSERT INTO motion_fts (rowid, title, summary, city, campaign, actions, people, sources)
SELECT * FROM motion_search;
