-- Logins kept on the server, so that logging out ends one session for good (a copied cookie stops working) while
-- the account's other devices stay logged in. The cookie carries a random token; only its SHA-256 is stored here.
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

-- Failed logins are limited per account and address pair (anyone could lock an account limited alone).
CREATE INDEX login_attempt_pair ON login_attempt (email, address, at);
