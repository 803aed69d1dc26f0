-- Object-level authorization of audit reads (issue 13): each record carries the access group of its session and
-- whether the session belongs to another pod; readers see the records of the groups they may audit. Records from
-- before this migration, and control-plane records without a session, have no group (readable on the root group).
ALTER TABLE audit_event ADD COLUMN access_group_id text;
ALTER TABLE audit_event ADD COLUMN federated boolean NOT NULL DEFAULT false;
CREATE INDEX audit_event_access_group_idx ON audit_event (access_group_id, time DESC, id DESC);

-- The latest known access group of each session, kept from the records that carry one (accepted commands,
-- lifecycle events), so that the records that lack it (session and assist outcomes) take it in the same INSERT.
-- time = the record that told it (epoch ms): an older record never overwrites a newer group.
CREATE TABLE audit_session_group (
    session_id      text    PRIMARY KEY,
    access_group_id text    NOT NULL,
    federated       boolean NOT NULL,
    time            bigint  NOT NULL
);
CREATE INDEX audit_session_group_time_idx ON audit_session_group (time);
