-- Each refresh token remembers the access token issued with it, so that logout (and a reused refresh token) can
-- revoke the family's access tokens too, by id, until they expire.
ALTER TABLE refresh_token ADD COLUMN access_jti text;
ALTER TABLE refresh_token ADD COLUMN access_expires_at timestamptz;
