package io.sessionplane.session.auth;

import java.time.Instant;

/** A signed access token and what revoking it needs: its id ({@code jti}) and expiry. */
public record AccessToken(String token, String jti, Instant expiresAt) {
}
