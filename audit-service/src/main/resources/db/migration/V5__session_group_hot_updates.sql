-- audit_session_group.time moves with nearly every batch (the newest record that told a session's group). Without an
-- index on it, and with room left in each page, PostgreSQL writes that change as a heap-only tuple and adds no index
-- entry (bench/README, issue 15). The retention run, hourly, scans this table of one row per session instead.
DROP INDEX audit_session_group_time_idx;
ALTER TABLE audit_session_group SET (fillfactor = 50);
