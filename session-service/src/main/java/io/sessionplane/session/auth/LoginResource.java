package io.sessionplane.session.auth;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.error.HorizonError;
import io.sessionplane.kit.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/** Horizon {@code /rest/login}, {@code /rest/refresh} and {@code /rest/logout}. */
@Path("/rest")
@Tag(name = "Auth")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {
    private static final Logger LOG = Logger.getLogger(LoginResource.class);
    /** Verified against when the user is unknown, so a wrong user name costs as long as a wrong password. */
    private static final String DECOY_HASH = PasswordHasher.hash("decoy".toCharArray(), PasswordHasher.DEFAULT_ITERATIONS);

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

    @POST
    @Path("/login")
    @Operation(summary = "Log in", description = "Exchanges domain, user name and password for an access token "
            + "(JWT, 30 minutes by default) and a refresh token.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Tokens.class)))
    @APIResponse(responseCode = "400", description = "Missing fields or wrong credentials",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "429", description = "Too many failed logins for the account",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<Tokens> login(LoginRequest request) {
        if (request == null || blank(request.domain()) || blank(request.username()) || request.password() == null) {
            throw ApiException.badRequest("domain, username and password are required");
        }
        if (!throttle.allowed(request.domain(), request.username())) {
            throw new ApiException(429, ErrorKeys.LOGIN_THROTTLED,
                    "too many failed logins for this account; try again in a few minutes");
        }
        Optional<AuthConfig.Operator> operator = operators.find(request.domain(), request.username());
        String hash = operator.map(AuthConfig.Operator::passwordHash).orElse(DECOY_HASH);
        // PBKDF2 is deliberately slow: verify on a worker thread, never on the event loop.
        return vertx.executeBlocking(Uni.createFrom().item(() -> PasswordHasher.matches(request.password().toCharArray(), hash)))
                .chain(valid -> {
                    if (!valid || operator.isEmpty()) {
                        throttle.failed(request.domain(), request.username());
                        LOG.infof("failed login for %s\\%s", request.domain(), request.username());
                        return Uni.createFrom().failure(new ApiException(400, ErrorKeys.LOGIN_FAILED,
                                "invalid domain, user name or password"));
                    }
                    throttle.succeeded(request.domain(), request.username());
                    String domain = operator.get().domain();
                    String access = issuer.accessToken(domain, request.username(), operators.grants(request.username()));
                    String refresh = issuer.newRefreshToken();
                    RefreshToken stored = new RefreshToken();
                    stored.tokenHash = TokenIssuer.hash(refresh);
                    stored.username = request.username();
                    stored.domain = domain;
                    stored.issuedAt = Instant.now();
                    stored.expiresAt = stored.issuedAt.plus(config.refreshTokenLifetime());
                    return Panache.withTransaction(stored::persist).replaceWith(new Tokens(access, refresh));
                });
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Refresh the access token", description = "A new access token for a valid refresh token; "
            + "privileges are re-read from the current configuration.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Tokens.class)))
    @APIResponse(responseCode = "400", description = "Unknown, expired or revoked refresh token",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<Tokens> refresh(RefreshRequest request) {
        String token = refreshToken(request);
        return Panache.withSession(() -> RefreshToken.<RefreshToken>findById(TokenIssuer.hash(token)))
                .map(stored -> {
                    if (stored == null || !stored.usableAt(Instant.now())
                            || operators.find(stored.domain, stored.username).isEmpty()) {
                        throw invalidRefreshToken();
                    }
                    return new Tokens(issuer.accessToken(stored.domain, stored.username,
                            operators.grants(stored.username)), null);
                });
    }

    @POST
    @Path("/logout")
    @Operation(summary = "Log out", description = "Revokes the refresh token. Access tokens expire on their own.")
    @APIResponse(responseCode = "200", description = "Revoked")
    @APIResponse(responseCode = "400", description = "Unknown refresh token",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<Response> logout(RefreshRequest request) {
        String token = refreshToken(request);
        return Panache.withTransaction(() -> RefreshToken.<RefreshToken>findById(TokenIssuer.hash(token))
                .map(stored -> {
                    if (stored == null) {
                        throw invalidRefreshToken();
                    }
                    if (stored.revokedAt == null) {
                        stored.revokedAt = Instant.now();
                    }
                    return stored;
                })).replaceWith(Response.ok().build());
    }

    private static String refreshToken(RefreshRequest request) {
        if (request == null || blank(request.refreshToken())) {
            throw ApiException.badRequest("refresh_token is required");
        }
        return request.refreshToken();
    }

    private static ApiException invalidRefreshToken() {
        return new ApiException(400, ErrorKeys.REFRESH_TOKEN_INVALID, "the refresh token is unknown, expired or revoked");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
