package io.sessionplane.session.command;

import io.quarkus.security.Authenticated;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.error.HorizonError;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.kit.auth.CurrentCaller;
import io.sessionplane.kit.error.ApiException;
import io.sessionplane.kit.http.RequestDeadline;
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
@RequestDeadline
public class CommandStatusResource {

    @Inject
    CommandStatusStore store;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Path("/v1/session-commands/{command_id}")
    @Operation(summary = "Get command status", description = "ACCEPTED, then SUCCEEDED/FAILED (local) or "
            + "REQUEST_SENT/REQUEST_SEND_FAILED (federated) with the outcome event. Readable by operators who may view "
            + "sessions of the command's access group (FEDERATED_SESSIONS_VIEW for other pods' sessions); to others "
            + "it does not exist (404).")
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
        // Decided by the command's own session's access group: a command the caller may not see does not exist for
        // them (404, nothing of it in the answer), whatever they hold on other groups.
        return store.find(id).map(found -> found.filter(stored -> caller.mayView(stored.accessGroupId(),
                        stored.federated()))
                .map(CommandStatusStore.StoredCommand::view)
                .orElseThrow(() -> ApiException.notFound(ErrorKeys.COMMAND_NOT_FOUND, "command " + commandId
                        + " not found")));
    }
}
