-- Keep session rows narrow for real: V2's toast_tuple_target cannot move a value out of line in rows shorter than
-- PostgreSQL's fixed toast threshold (about 2 KB), and a row with its 1.3 KB snapshot stayed just under it, so every
-- scan read 1.9 KB a session (193 MB for 100,000). The snapshot (read only for the page of results and for the
-- actions' rules) moves to a table of its own; filters, sorts and counts scan the narrow table.
CREATE TABLE session_snapshot (
    id       text PRIMARY KEY,
    snapshot jsonb NOT NULL
);
INSERT INTO session_snapshot (id, snapshot) SELECT id, snapshot FROM session WHERE snapshot IS NOT NULL AND NOT ended;
ALTER TABLE session DROP COLUMN snapshot;
ALTER TABLE session RESET (toast_tuple_target);
-- Rewrites the table without the dropped column's bytes.
CLUSTER session USING session_pkey;
