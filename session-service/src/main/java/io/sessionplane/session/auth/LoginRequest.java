package io.sessionplane.session.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Horizon {@code AuthLogin}. The bounds are checked before anything is hashed, stored or logged: a login must not
 * cost the server more for a longer name.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LoginRequest(
        @NotBlank(message = "domain, username and password are required")
        @Size(max = LoginRequest.MAX_DOMAIN, message = "domain is longer than " + LoginRequest.MAX_DOMAIN + " characters")
        String domain,
        @NotBlank(message = "domain, username and password are required")
        @Size(max = LoginRequest.MAX_USERNAME,
                message = "username is longer than " + LoginRequest.MAX_USERNAME + " characters")
        String username,
        @NotNull(message = "domain, username and password are required")
        @Size(max = LoginRequest.MAX_PASSWORD,
                message = "password is longer than " + LoginRequest.MAX_PASSWORD + " characters")
        String password) {

    /** An AD NetBIOS or DNS domain name fits. */
    public static final int MAX_DOMAIN = 64;
    /** A UPN or sAMAccountName fits. */
    public static final int MAX_USERNAME = 128;
    public static final int MAX_PASSWORD = 512;

    /** No secret in logs or dumps. */
    @Override
    public String toString() {
        return "LoginRequest[" + domain + "\\" + username + "]";
    }
}
