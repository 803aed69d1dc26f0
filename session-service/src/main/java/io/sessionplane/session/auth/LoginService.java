package io.sessionplane.session.auth;

import io.sessionplane.contracts.auth.TokenRevocation;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.kit.error.ApiException;
import io.sessionplane.kit.error.RequestValidator;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Login, refresh and logout: the bounded request is checked first, then the account's throttle slot is reserved, and
 * only then is the (deliberately slow) password hash verified, off the event loop.
 */
@ApplicationScoped
public class LoginService {
    private static final Logger LOG = Logger.getLogger(LoginService.class);

    @Inject
    OperatorDirectory operators;

    @Inject
    TokenIssuer issuer;

    @Inject
    AuthConfig config;

    @Inject
    Vertx vertx;

    @Inject
    LoginThrottle throttle;

    @Inject
    RefreshTokenStore refreshTokens;

    @Inject
    RequestValidator validator;

    @Inject
    TokenRevocationProducer revocations;

    /**
     * Verified against when the user is unknown, as costly as the configured accounts' hashes: a wrong user name
     * takes as long as a wrong password, so the answer time does not tell which accounts exist.
     */
    private String decoyHash;

    @PostConstruct
    void makeDecoy() {
        decoyHash = PasswordHasher.hash("decoy".toCharArray(), operators.strongestIterations());
    }

    public Uni<Tokens> login(LoginRequest body) {
        LoginRequest request = validator.valid(body == null ? new LoginRequest(null, null, null) : body);
        return throttle.reserve(request.domain(), request.username()).chain(reservation -> {
            if (!reservation.allowed()) {
                return Uni.createFrom().failure(new ApiException(429, ErrorKeys.LOGIN_THROTTLED,
                        "too many failed logins for this account; try again in " + reservation.retryAfterSeconds()
                                + " seconds").retryAfter(reservation.retryAfterSeconds()));
            }
            Optional<AuthConfig.Operator> operator = operators.find(request.domain(), request.username());
            String hash = operator.map(AuthConfig.Operator::passwordHash).orElse(decoyHash);
            return vertx.executeBlocking(Uni.createFrom().item(() ->
                            PasswordHasher.matches(request.password().toCharArray(), hash)))
                    .chain(valid -> valid && operator.isPresent() ? issue(request, operator.get())
                            : failed(request, operator.isPresent()));
        });
    }

    private Uni<Tokens> failed(LoginRequest request, boolean knownAccount) {
        // Names of unknown accounts are not logged: a spray of made-up names must not fill the log.
        if (knownAccount) {
            LOG.infof("failed login for %s", OperatorDirectory.principal(request.domain(), request.username()));
        } else {
            LOG.info("failed login for an unknown account");
        }
        return Uni.createFrom().failure(new ApiException(400, ErrorKeys.LOGIN_FAILED,
                "invalid domain, user name or password"));
    }

    private Uni<Tokens> issue(LoginRequest request, AuthConfig.Operator operator) {
        String domain = operator.domain();
        AccessToken access = issuer.accessToken(domain, request.username(), operators.grants(request.username()));
        return throttle.succeeded(request.domain(), request.username())
                .chain(() -> newRefreshToken(UUID.randomUUID().toString(), request.username(), domain, access))
                .map(refresh -> new Tokens(access.token(), refresh));
    }

    /** A refresh token of the family, stored with the access token issued beside it (so logout can revoke both). */
    private Uni<String> newRefreshToken(String familyId, String username, String domain, AccessToken issuedWith) {
        String refresh = issuer.newRefreshToken();
        Instant now = Instant.now();
        return refreshTokens.insert(TokenIssuer.hash(refresh), familyId, username, domain, now,
                now.plus(config.refreshTokenLifetime()), issuedWith).replaceWith(refresh);
    }

    /**
     * A new access token and a new refresh token (the presented one is used up) for a live refresh token; privileges
     * are re-read from the current configuration. A refresh token presented a second time revokes its family.
     */
    public Uni<Tokens> refresh(RefreshRequest body) {
        RefreshRequest request = validator.valid(body == null ? new RefreshRequest(null) : body);
        return refreshTokens.use(TokenIssuer.hash(request.refreshToken())).chain(use -> {
            if (use instanceof RefreshTokenStore.Use.Rotated rotated
                    && operators.find(rotated.token().domain(), rotated.token().username()).isPresent()) {
                String username = rotated.token().username();
                String domain = rotated.token().domain();
                AccessToken access = issuer.accessToken(domain, username, operators.grants(username));
                return newRefreshToken(rotated.familyId(), username, domain, access)
                        .map(refresh -> new Tokens(access.token(), refresh));
            }
            if (use instanceof RefreshTokenStore.Use.Reused reused) {
                LOG.warn("a used refresh token was presented again; its token family is revoked");
                // The copy's holder may have refreshed already: its access tokens go too. Refused either way.
                return revocations.revoke(reused.accessTokens(), TokenRevocation.Reason.REFRESH_TOKEN_REUSE)
                        .onFailure().invoke(e -> LOG.warnf("the reused family's access tokens could not be revoked"
                                + " (they expire on their own): %s", e.toString()))
                        .onItemOrFailure().transform((ignored, failure) -> {
                            throw invalidRefreshToken();
                        });
            }
            return Uni.createFrom().failure(invalidRefreshToken());
        });
    }

    /**
     * Revokes the refresh token, every token of its family and the family's access tokens that have not expired
     * (refused by every service from then on). When the revocations cannot be published the answer is 503 and a
     * retry finishes the job (revoking is repeatable).
     */
    public Uni<Void> logout(RefreshRequest body) {
        RefreshRequest request = validator.valid(body == null ? new RefreshRequest(null) : body);
        return refreshTokens.revokeFamily(TokenIssuer.hash(request.refreshToken())).chain(family -> {
            if (family.isEmpty()) {
                return Uni.createFrom().failure(invalidRefreshToken());
            }
            return revocations.revoke(family.get(), TokenRevocation.Reason.LOGOUT).onFailure()
                    .transform(e -> {
                        LOG.warnf("logout could not publish its access-token revocations: %s", e.toString());
                        return ApiException.unavailable("the access tokens could not be revoked yet; the refresh"
                                + " token is revoked, retry the logout").retryAfter(5);
                    });
        });
    }

    private static ApiException invalidRefreshToken() {
        return new ApiException(400, ErrorKeys.REFRESH_TOKEN_INVALID, "the refresh token is unknown, expired or revoked");
    }
}
