package io.sessionplane.session.auth;

import io.sessionplane.contracts.error.HorizonError;
import io.sessionplane.kit.http.RequestDeadline;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Horizon {@code /rest/login}, {@code /rest/refresh} and {@code /rest/logout}: HTTP mapping of {@link LoginService}. */
@Path("/rest")
@Tag(name = "Auth")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequestDeadline
public class LoginResource {

    @Inject
    LoginService logins;

    @POST
    @Path("/login")
    @Operation(summary = "Log in", description = "Exchanges domain, user name and password for an access token "
            + "(JWT, 30 minutes by default) and a refresh token. Domain at most 64 characters, user name 128, "
            + "password 512.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Tokens.class)))
    @APIResponse(responseCode = "400", description = "Missing or overlong fields, or wrong credentials",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "429", description = "Too many failed logins for the account; Retry-After says when",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<Response> login(LoginRequest request) {
        return logins.login(request).map(LoginResource::noStore);
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Refresh the access token", description = "A new access token and a new refresh token for a "
            + "live refresh token, which is used up (rotation); privileges are re-read from the current configuration. "
            + "A refresh token presented a second time revokes every token of its family.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Tokens.class)))
    @APIResponse(responseCode = "400", description = "Unknown, expired or revoked refresh token",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<Response> refresh(RefreshRequest request) {
        return logins.refresh(request).map(LoginResource::noStore);
    }

    @POST
    @Path("/logout")
    @Operation(summary = "Log out", description = "Revokes the refresh token, its family and the family's access "
            + "tokens: every service refuses them (401) from then on, until they would have expired.")
    @APIResponse(responseCode = "200", description = "Revoked")
    @APIResponse(responseCode = "400", description = "Unknown refresh token",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "503", description = "The access-token revocations could not be published; the refresh "
            + "token is revoked, retry the logout", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<Response> logout(RefreshRequest request) {
        return logins.logout(request).replaceWith(Response.ok().build());
    }

    /** Tokens must not be kept by browsers or proxies. */
    private static Response noStore(Tokens tokens) {
        return Response.ok(tokens).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
