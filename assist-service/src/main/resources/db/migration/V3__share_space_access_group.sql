-- A share space is authorized from its own access group (and federated flag), stored at creation from the
-- desktop's session: reading or cancelling it never depends on the session still being in session_view.
ALTER TABLE share_space ADD COLUMN access_group_id text;
ALTER TABLE share_space ADD COLUMN federated boolean NOT NULL DEFAULT false;
-- Backfill from the sessions still known. A space whose session is gone keeps a NULL access group: no operator may
-- read or cancel it (fail closed), and the sweeper closes it as orphaned.
UPDATE share_space s SET access_group_id = v.access_group_id, federated = v.federated
FROM session_view v WHERE v.session_id = s.session_id;
