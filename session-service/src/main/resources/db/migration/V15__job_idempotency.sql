-- A job created with an Idempotency-Key has an id derived from its creator and the key, and remembers what was
-- asked: the same request again finds the job (a retry after a lost answer creates nothing), another request with
-- the same key is refused.
ALTER TABLE session_job ADD COLUMN request_hash text;
