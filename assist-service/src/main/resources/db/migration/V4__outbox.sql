-- Transactional outbox: a share-space transition writes its state and the records it publishes (outcome, invitation
-- or withdrawal) in one transaction; a relay publishes them afterwards, in order, and deletes them once the broker
-- acknowledged. A crash or a broker outage between the two steps delays an event, it never loses one or publishes
-- one whose state was not committed.
CREATE TABLE outbox (
    id         bigserial PRIMARY KEY,
    channel    text        NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
