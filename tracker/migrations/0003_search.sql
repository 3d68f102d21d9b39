-- Full-text search over each motion's title, summary, city and action descriptions (rowid = motion.id),
-- kept in step with its sources by the triggers below.
CREATE VIRTUAL TABLE motion_fts USING fts5(title, summary, city, actions, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TRIGGER motion_fts_insert AFTER INSERT ON motion BEGIN
    INSERT INTO motion_fts (rowid, title, summary, city, actions)
    VALUES (NEW.id, NEW.title, coalesce(NEW.summary, ''),
            (SELECT name || ', ' || state FROM city WHERE id = NEW.city_id), '');
END;
CREATE TRIGGER motion_fts_update AFTER UPDATE OF title, summary, city_id ON motion BEGIN
    UPDATE motion_fts SET title = NEW.title, summary = coalesce(NEW.summary, ''),
        city = (SELECT name || ', ' || state FROM city WHERE id = NEW.city_id)
    WHERE rowid = NEW.id;
END;
CREATE TRIGGER motion_fts_delete AFTER DELETE ON motion BEGIN
    DELETE FROM motion_fts WHERE rowid = OLD.id;
END;
CREATE TRIGGER motion_fts_action_insert AFTER INSERT ON action BEGIN
    UPDATE motion_fts SET actions = (SELECT group_concat(description, ' ') FROM action WHERE motion_id = NEW.motion_id)
    WHERE rowid = NEW.motion_id;
END;
CREATE TRIGGER motion_fts_action_update AFTER UPDATE OF description, motion_id ON action BEGIN
    UPDATE motion_fts SET actions = coalesce((SELECT group_concat(description, ' ') FROM action
                                              WHERE motion_id = motion_fts.rowid), '')
    WHERE rowid IN (OLD.motion_id, NEW.motion_id);
END;
CREATE TRIGGER motion_fts_action_delete AFTER DELETE ON action BEGIN
    UPDATE motion_fts SET actions = coalesce((SELECT group_concat(description, ' ') FROM action
                                              WHERE motion_id = OLD.motion_id), '')
    WHERE rowid = OLD.motion_id;
END;
CREATE TRIGGER motion_fts_city_update AFTER UPDATE OF name, state ON city BEGIN
    UPDATE motion_fts SET city = NEW.name || ', ' || NEW.state
    WHERE rowid IN (SELECT id FROM motion WHERE city_id = NEW.id);
END;

-- Index what older databases already hold.
INSERT INTO motion_fts (rowid, title, summary, city, actions)
SELECT motion.id, motion.title, coalesce(motion.summary, ''), city.name || ', ' || city.state,
       coalesce((SELECT group_concat(description, ' ') FROM action WHERE action.motion_id = motion.id), '')
FROM motion JOIN city ON city.id = motion.city_id;
