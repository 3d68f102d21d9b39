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
