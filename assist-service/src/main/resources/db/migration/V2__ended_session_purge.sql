-- Ended sessions are purged after a retention (EndedSessionPurge); the purge reads them through this index.
CREATE INDEX session_view_ended_idx ON session_view (observed_at) WHERE ended;
