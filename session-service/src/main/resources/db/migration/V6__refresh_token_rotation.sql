-- Refresh tokens rotate: each use replaces the token by a new one of the same family. A token presented after it was
-- used is a stolen copy or a replay: the whole family is revoked (reuse detection).
ALTER TABLE refresh_token ADD COLUMN family_id text;
ALTER TABLE refresh_token ADD COLUMN used_at timestamptz;
UPDATE refresh_token SET family_id = token_hash WHERE family_id IS NULL;
ALTER TABLE refresh_token ALTER COLUMN family_id SET NOT NULL;
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
