package io.sessionplane.contracts.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An access token that must no longer be accepted, published by session-service on {@code auth.revocations.v1}
 * (keyed by the token's id) when its operator logs out or its refresh-token family is revoked for reuse. Every
 * instance of every service reads the whole topic and refuses the token (401) until it expires on its own.
 *
 * @param jti       the token's {@code jti} claim
 * @param expiresAt the token's {@code exp}, epoch ms: after it the token is refused anyway and the entry is dropped
 * @param revokedAt epoch ms when it was revoked
 * @param reason    why it was revoked
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenRevocation(String jti, long expiresAt, long revokedAt, Reason reason) {

    public enum Reason {
        /** Its operator logged out (every access token of the refresh-token family). */
        LOGOUT,
        /** A used refresh token of its family was presented again: someone holds a copy. */
        REFRESH_TOKEN_REUSE
    }
}
