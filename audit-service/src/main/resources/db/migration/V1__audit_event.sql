-- Audit records: Horizon AuditEventSummary fields, plus where each record came from. event_id is the idempotency
-- key of at-least-once consumption (ON CONFLICT DO NOTHING).
CREATE TABLE audit_event (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id              text    NOT NULL,
    type                  text    NOT NULL,
    severity              text    NOT NULL,
    module                text,
    message               text,
    time                  bigint  NOT NULL,
    user_id               text,
    machine_id            text,
    machine_dns_name      text,
    desktop_pool_name     text,
    application_pool_name text,
    session_id            text,
    command_id            text,
    share_space_id        text,
    requested_by          text,
    source_topic          text    NOT NULL,
    source_partition      integer NOT NULL,
    source_offset         bigint  NOT NULL,
    received_at           bigint  NOT NULL,
    payload               jsonb   NOT NULL,
    CONSTRAINT audit_event_event_id_key UNIQUE (event_id)
);
CREATE INDEX audit_event_time_idx ON audit_event (time DESC, id DESC);
CREATE INDEX audit_event_type_idx ON audit_event (type, time DESC);
CREATE INDEX audit_event_session_idx ON audit_event (session_id);
CREATE INDEX audit_event_command_idx ON audit_event (command_id);
CREATE INDEX audit_event_share_space_idx ON audit_event (share_space_id);
CREATE INDEX audit_event_user_idx ON audit_event (user_id);
CREATE INDEX audit_event_machine_idx ON audit_event (machine_id);
