-- audit_session_group.time moves with nearly every batch (the newest record that told a session's group). Without an
-- index on it, and with room left in its page (fillfactor holds it back in pages written from now on), PostgreSQL
-- writes that change as a heap-only tuple and adds no index entry (bench/README, issue 15). The retention run,
-- hourly, scans this table of one row per session instead (any rows older than the cut-off, a batch at a time).
DROP INDEX audit_session_group_time_idx;
ALTER TABLE audit_session_group SET (fillfactor = 50);
