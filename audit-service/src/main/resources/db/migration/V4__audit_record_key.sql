-- What makes an audit record unique is decided by audit-service, not by the record's producer: agents write
-- session.outcomes.v1 and choose their event ids, so a forged outcome carrying another record's event_id must not
-- pre-empt that record (ON CONFLICT DO NOTHING would keep the forgery). record_key is the producer's event id for
-- the control plane's own topics and, for an agent's outcome, an id derived from its command and session (one outcome
-- per command and session, the first wins, as in the command status). event_id stays the id the producer gave.
ALTER TABLE audit_event ADD COLUMN record_key text;
UPDATE audit_event SET record_key = event_id;
ALTER TABLE audit_event ALTER COLUMN record_key SET NOT NULL;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_record_key_key UNIQUE (record_key);
ALTER TABLE audit_event DROP CONSTRAINT audit_event_event_id_key;
CREATE INDEX audit_event_event_id_idx ON audit_event (event_id);
