-- Read model of sessions (from session.inventory.v1): enough to find a desktop's session and check privileges.
CREATE TABLE session_view (
    session_id            text PRIMARY KEY,
    machine_id            text,
    access_group_id       text,
    federated             boolean NOT NULL DEFAULT false,
    session_state         text,
    user_id               text,
    user_name             text,
    machine_dns_name      text,
    desktop_pool_name     text,
    application_pool_name text,
    ended                 boolean NOT NULL DEFAULT false,
    observed_at           bigint  NOT NULL
);
CREATE INDEX session_view_machine_idx ON session_view (machine_id) WHERE NOT ended;

-- WS1 Assist facts per machine (from assist.agents.v1).
CREATE TABLE agent_facts (
    machine_id              text PRIMARY KEY,
    agent_installed         boolean NOT NULL,
    agent_id                text,
    agent_version           text,
    helpdesk_plugin_version text,
    os_name                 text,
    os_supported            boolean NOT NULL,
    observed_at             bigint  NOT NULL
);

-- Collaborative share spaces. At most one live (not CLOSE) space per desktop, and live invitation codes are
-- unique: both are database constraints, so concurrent requests cannot break them.
CREATE TABLE share_space (
    share_space_id      text PRIMARY KEY,
    project_id          text        NOT NULL,
    desktop_id          text        NOT NULL,
    session_id          text        NOT NULL,
    status              text        NOT NULL,
    invitation_code     text        NOT NULL,
    share_space_name    text        NOT NULL,
    -- AES-GCM ciphertext (iv || data, base64); the key is configuration, never in the database.
    passwd_encrypted    text        NOT NULL,
    private_share_link  text        NOT NULL,
    internet_share_link text        NOT NULL,
    initiator_type      text        NOT NULL,
    requested_by        text        NOT NULL,
    failed_reason       text,
    create_time         timestamptz NOT NULL,
    status_changed_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX share_space_one_live_per_desktop ON share_space (desktop_id) WHERE status <> 'CLOSE';
CREATE UNIQUE INDEX share_space_live_invitation_code ON share_space (invitation_code) WHERE status <> 'CLOSE';
CREATE INDEX share_space_desktop_idx ON share_space (project_id, desktop_id, create_time DESC);
CREATE INDEX share_space_waiting_idx ON share_space (status, status_changed_at) WHERE status <> 'CLOSE';
