-- A command's status changes once after its row is written (ACCEPTED -> its outcome: status, outcome, updated_at).
-- With no index on those columns and room left in its page (fillfactor holds it back in pages written from now on),
-- PostgreSQL writes that change as a heap-only tuple and adds no entry to the table's other indexes (bench/README,
-- issue 15). The purge finds old rows by requested_at instead, which never changes.
DROP INDEX session_command_updated_at_idx;
ALTER TABLE session_command SET (fillfactor = 70);
