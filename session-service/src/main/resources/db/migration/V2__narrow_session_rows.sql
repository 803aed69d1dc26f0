-- Keep session rows narrow: the published snapshot (about 1 KB) is stored out of line (TOAST), so filtering and
-- sorting scans read a fraction of the pages; only the page of results fetches its snapshots.
ALTER TABLE session SET (toast_tuple_target = 128);
-- A helpdesk's usual list (its access group, newest logins first) reads this index in order instead of sorting.
DROP INDEX session_live_group_idx;
CREATE INDEX session_live_group_start_idx ON session (access_group_id, start_time DESC) WHERE NOT ended;
