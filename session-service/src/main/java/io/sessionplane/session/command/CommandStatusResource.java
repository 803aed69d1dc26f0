package io.sessionplane.session.command;

import io.quarkus.security.Authenticated;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.error.HorizonError;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.kit.auth.CurrentCaller;
import io.sessionplane.kit.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Beyond Horizon: follow a command from ACCEPTED to its outcome. */
@Path("/rest/inventory")
@Authenticated
@Tag(name = "Session actions")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class CommandStatusResource {

    @Inject
    CommandStatusStore store;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Path("/v1/session-commands/{command_id}")
    @Operation(summary = "Get command status", description = "ACCEPTED, then SUCCEEDED/FAILED (local) or "
            + "REQUEST_SENT/REQUEST_SEND_FAILED (federated) with the outcome event. Operators see their own commands; "
            + "anyone with a view privilege sees all.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CommandStatusView.class)))
    @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<CommandStatusView> get(@PathParam("command_id") String commandId) {
        UUID id;
        try {
            id = UUID.fromString(commandId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(ErrorKeys.COMMAND_NOT_FOUND, "command " + commandId + " not found");
        }
        Caller caller = currentCaller.get();
        return store.find(id).map(found -> {
            CommandStatusView view = found.orElseThrow(() -> ApiException.notFound(ErrorKeys.COMMAND_NOT_FOUND,
                    "command " + commandId + " not found"));
            if (!caller.name().equals(view.requestedBy()) && !caller.holdsAnywhere(Caller.VIEW_PRIVILEGES)) {
                throw ApiException.forbidden("command " + commandId + " was requested by another operator");
            }
            return view;
        });
    }
}
