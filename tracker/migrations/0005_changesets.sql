-- Changesets (user_version 5): every change_log row belongs to one changeset (a save, an approval, an import, a
-- revert). The log written before this step is grouped as well as it can be: the rows one person wrote in the same
-- second were one transaction, so they become one changeset of kind 'earlier', with a plain summary.
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

INSERT INTO changeset (at, user_id, kind, summary)
SELECT at, user_id, 'earlier',
       'Changed ' || count(*) || ' row' || CASE WHEN count(*) = 1 THEN '' ELSE 's' END || ' of '
       || (SELECT group_concat(name, ', ') FROM (SELECT DISTINCT c2.table_name AS name FROM change_log AS c2
           WHERE c2.at = change_log.at AND c2.user_id IS change_log.user_id ORDER BY c2.table_name)) || '.'
FROM change_log GROUP BY at, user_id ORDER BY min(id);

PRAGMA legacy_alter_table = ON;
ALTER TABLE change_log RENAME TO change_log_old;
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
INSERT INTO change_log (id, at, user_id, table_name, row_id, op, before, after, changeset_id)
SELECT id, at, user_id, table_name, row_id, op, before, after,
       (SELECT changeset.id FROM changeset WHERE changeset.at = change_log_old.at
        AND changeset.user_id IS change_log_old.user_id)
FROM change_log_old;
DROP TABLE change_log_old;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX change_log_row ON change_log (table_name, row_id);
CREATE INDEX change_log_at ON change_log (at);
CREATE INDEX change_log_user ON change_log (user_id);
CREATE INDEX change_log_changeset ON change_log (changeset_id);
