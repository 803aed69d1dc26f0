package io.sessionplane.session.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Horizon {@code AuthTokenRefresh} and {@code AuthLogout}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RefreshRequest(
        @NotBlank(message = "refresh_token is required")
        @Size(max = 256, message = "refresh_token is longer than 256 characters")
        String refreshToken) {

    @Override
    public String toString() {
        return "RefreshRequest[…]";
    }
}
