-- Failed logins, kept only for the throttling window so a restart does not reset the limits.
CREATE TABLE login_attempt (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    email TEXT NOT NULL COLLATE NOCASE,
    address TEXT NOT NULL
) STRICT;
CREATE INDEX login_attempt_email ON login_attempt (email, at);
CREATE INDEX login_attempt_address ON login_attempt (address, at);
