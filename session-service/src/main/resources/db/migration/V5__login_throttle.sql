-- Failed-login throttle shared by every replica. An attempt reserves its slot here before the password hash is
-- checked (so parallel guesses cannot all pass), a success clears it. Accounts are kept as SHA-256 digests: a spray of
-- made-up names leaves no names behind, and rows expire with their window (purged by AuthStatePurgeJob).
CREATE TABLE login_throttle (
    account_hash      text PRIMARY KEY,
    attempts          integer     NOT NULL,
    window_started_at timestamptz NOT NULL
);
CREATE INDEX login_throttle_window_idx ON login_throttle (window_started_at);
