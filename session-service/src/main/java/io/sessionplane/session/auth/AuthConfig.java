package io.sessionplane.session.auth;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Operators, roles and token settings ({@code sessionplane.auth.*}), part of {@code SessionServiceConfig}. */
public interface AuthConfig {

    /** {@code iss} of issued access tokens; verifiers expect the same value. */
    @WithDefault("https://sessionplane.io/issuer")
    String issuer();

    /** {@code aud} of issued access tokens; every service verifies it ({@code mp.jwt.verify.audiences}). */
    @WithDefault("sessionplane")
    String audience();

    @WithDefault("PT30M")
    Duration accessTokenLifetime();

    @WithDefault("PT8H")
    Duration refreshTokenLifetime();

    LoginThrottleConfig loginThrottle();

    /** Password hashes with fewer PBKDF2 iterations stop the service at start (prod: OWASP's 600,000). */
    int minHashIterations();

    /** How often expired refresh tokens and throttle windows are deleted (read by the job's schedule). */
    String purgeInterval();

    /** Failed-login throttle: at most {@code max-failures} attempts per account within {@code window}. */
    interface LoginThrottleConfig {
        int maxFailures();

        Duration window();
    }

    /** Role name → privileges it grants. */
    Map<String, Role> roles();

    /** User name → operator account. */
    Map<String, Operator> operators();

    interface Role {
        List<String> privileges();
    }

    interface Operator {
        /** Login domain, e.g. LOCAL or the AD NetBIOS domain. */
        String domain();

        /** {@code pbkdf2-sha256:…} hash, see {@link PasswordHasher}. */
        String passwordHash();

        /** Horizon permissions: {@code Role@accessGroupId}. */
        List<String> permissions();

        /** Share-space projects (Huawei API) the operator may use. */
        Optional<List<String>> projects();
    }
}
