-- The five id columns that the audit API only ever compares for equality (Equals, or an Or of them; ILIKE never
-- uses these indexes, and none of the five is sortable) are indexed by hash instead of B-tree. A hash entry
-- holds a 4-byte hash, not the 36-character id, and a NULL (most records have no share space) adds no entry.
-- Measured by bench/sql/audit-index.sh (bench/README, issue 15): a batch of 137 records takes 18 % less time and
-- writes 8 % less WAL. user_id keeps its B-tree: it is sortable. Rebuilding the five takes the table's write lock
-- for as long as the build lasts; the audit consumer waits meanwhile and loses nothing (its offsets wait too).
DROP INDEX audit_event_event_id_idx, audit_event_session_idx, audit_event_command_idx, audit_event_share_space_idx,
    audit_event_machine_idx;
CREATE INDEX audit_event_event_id_idx ON audit_event USING hash (event_id);
CREATE INDEX audit_event_session_idx ON audit_event USING hash (session_id);
CREATE INDEX audit_event_command_idx ON audit_event USING hash (command_id);
CREATE INDEX audit_event_share_space_idx ON audit_event USING hash (share_space_id);
CREATE INDEX audit_event_machine_idx ON audit_event USING hash (machine_id);
