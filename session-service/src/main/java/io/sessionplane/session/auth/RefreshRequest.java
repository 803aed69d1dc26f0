package io.sessionplane.session.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Horizon {@code AuthTokenRefresh} and {@code AuthLogout}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RefreshRequest(String refreshToken) {
}
