-- Read model of the sessions agents publish on session.inventory.v1 (a projection: the topic is the source).
-- Filterable SessionInfo fields are columns; the snapshot as published is kept whole for answers.
CREATE TABLE session (
    id                       text PRIMARY KEY,
    guid                     text,
    access_group_id          text,
    agent_version            text,
    application_names        text[],
    broker_user_id           text,
    brokered_remotely        boolean,
    desktop_pool_id          text,
    disconnected_time        bigint,
    farm_id                  text,
    idle_duration            bigint,
    last_session_duration_ms bigint,
    machine_id               text,
    rds_server_id            text,
    resourced_remotely       boolean,
    session_protocol         text,
    session_state            text,
    session_type             text,
    start_time               bigint,
    unauthenticated          boolean,
    user_id                  text,
    client_name              text,
    client_address           text,
    user_name                text,
    machine_name             text,
    pod_id                   text,
    brokering_pod_id         text,
    locked                   boolean NOT NULL DEFAULT false,
    vcenter_managed          boolean NOT NULL DEFAULT false,
    federated                boolean NOT NULL DEFAULT false,
    -- A tombstone or a successful log off ends a session; the row stays a while so that an older snapshot
    -- arriving late cannot bring it back.
    ended                    boolean NOT NULL DEFAULT false,
    observed_at              bigint  NOT NULL,
    snapshot                 jsonb
);
CREATE INDEX session_live_group_idx ON session (access_group_id) WHERE NOT ended;
CREATE INDEX session_user_idx ON session (user_id);
CREATE INDEX session_machine_idx ON session (machine_id);
CREATE INDEX session_pod_idx ON session (pod_id);
CREATE INDEX session_brokering_pod_idx ON session (brokering_pod_id);
CREATE INDEX session_start_time_idx ON session (start_time);
CREATE INDEX session_state_idx ON session (session_state);
CREATE INDEX session_ended_idx ON session (observed_at) WHERE ended;

-- Status of every accepted command, fed by session.commands.v1 and session.outcomes.v1 (and written through
-- right after the broker's ack, so a client can read its command at once).
CREATE TABLE session_command (
    command_id   uuid PRIMARY KEY,
    session_id   text   NOT NULL,
    action       text   NOT NULL,
    status       text   NOT NULL,
    requested_by text,
    requested_at bigint NOT NULL,
    command      jsonb,
    outcome      jsonb,
    updated_at   bigint NOT NULL
);
CREATE INDEX session_command_session_idx ON session_command (session_id);
CREATE INDEX session_command_requested_at_idx ON session_command (requested_at);

-- Idempotency-Key: the first answer to a (caller, key) is replayed for 24 hours.
CREATE TABLE idempotency_record (
    caller        text        NOT NULL,
    key           text        NOT NULL,
    request_hash  text        NOT NULL,
    status        integer,
    response      jsonb,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_record_created_idx ON idempotency_record (created_at);

-- Refresh tokens are opaque; only their SHA-256 is stored.
CREATE TABLE refresh_token (
    token_hash  text PRIMARY KEY,
    username    text        NOT NULL,
    domain      text        NOT NULL,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX refresh_token_expires_idx ON refresh_token (expires_at);
