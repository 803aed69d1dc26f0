-- Session jobs: an action on a filter or a list of sessions, tracked per session, optionally scheduled with warnings.
-- Everything a runner needs to continue after a restart is here; exactly one runner works on a job at a time (the
-- lease), and every command a job sends has an id derived from the job, the session and the step, so a step run
-- again after a crash sends nothing new.
CREATE TABLE session_job (
    id                 uuid PRIMARY KEY,
    action             text    NOT NULL,
    forced             boolean,
    message            text,
    message_type       text,
    target             jsonb   NOT NULL,
    rate               integer,
    preview_only       boolean NOT NULL,
    run_at             bigint  NOT NULL,
    warnings           jsonb   NOT NULL,
    include_later      boolean NOT NULL,
    undelivered_policy text    NOT NULL,
    state              text    NOT NULL,
    -- The next step: warnings 0 … n-1, then the action (n); past it the job waits for the action's outcomes.
    step               integer NOT NULL DEFAULT 0,
    -- When the current step began sending (null: not yet): only a step not yet begun can be too late to begin.
    step_started_at    bigint,
    next_at            bigint  NOT NULL,
    created_by         text    NOT NULL,
    creator            jsonb   NOT NULL,
    created_at         bigint  NOT NULL,
    updated_at         bigint  NOT NULL,
    finished_at        bigint,
    note               text,
    lease_owner        text,
    lease_until        bigint
);
CREATE INDEX session_job_due_idx ON session_job (next_at) WHERE state IN ('SCHEDULED', 'WARNING', 'RUNNING');
CREATE INDEX session_job_created_idx ON session_job (created_at DESC);

CREATE TABLE session_job_item (
    job_id             uuid    NOT NULL REFERENCES session_job (id) ON DELETE CASCADE,
    session_id         text    NOT NULL,
    pod_id             text,
    access_group_id    text,
    federated          boolean NOT NULL DEFAULT false,
    state              text    NOT NULL,
    first_step         integer NOT NULL,
    -- The last warning step this session was sent (-1: none), and whether a warning could not be delivered.
    warned_step        integer NOT NULL DEFAULT -1,
    warning_undelivered boolean NOT NULL DEFAULT false,
    command_id         uuid,
    status_code        integer,
    error_key          text,
    error_message      text,
    updated_at         bigint  NOT NULL,
    PRIMARY KEY (job_id, session_id)
);
CREATE INDEX session_job_item_state_idx ON session_job_item (job_id, state);

-- Transactional outbox (service-kit OutboxRelay): job events written with the job's state, published after commit.
CREATE TABLE outbox (
    id         bigserial PRIMARY KEY,
    channel    text        NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
