package io.sessionplane.assist.agent;

import io.quarkus.security.Authenticated;
import io.sessionplane.contracts.error.HorizonError;
import io.sessionplane.kit.auth.CurrentCaller;
import io.sessionplane.kit.http.RequestDeadline;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The WS1Assist service of Horizon's SOAP API, as REST: a session's Workspace ONE Assist status and its agent id.
 * Answers come from the read models fed by the agents, never from calls to them; {@link Ws1AssistService} decides.
 */
@Path("/rest/helpdesk/v1/sessions")
@Authenticated
@Tag(name = "WS1 Assist")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@RequestDeadline
public class Ws1AssistResource {

    @Inject
    Ws1AssistService service;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Path("/{id}/ws1-assist/status")
    @Operation(summary = "Get WS1 Assist status", description = "OK, HELPDESK_PLUGIN_OUTDATED, "
            + "ASSIST_AGENT_NOT_INSTALLED or OS_NOT_SUPPORTED. Needs MACHINE_VIEW or POOL_VIEW on the session's access "
            + "group (FEDERATED_SESSIONS_VIEW for other pods' sessions).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AgentStatusView.class)))
    @APIResponse(responseCode = "403", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<AgentStatusView> status(@PathParam("id") String sessionId) {
        return service.status(currentCaller.get(), sessionId);
    }

    @POST
    @Path("/action/ws1-assist-agent-id")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get WS1 Assist agent id", description = "Needs REMOTE_ASSISTANCE or MACHINE_MANAGEMENT on the "
            + "session's access group. error_code says why there is no agent id. A successful lookup (local or "
            + "federated) is audited as HELPDESK_GET_WS1_ASSIST_AGENT_ID before the answer.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Ws1AssistAgentId.class)))
    @APIResponse(responseCode = "400", description = "common.invalid.argument: session_id missing, blank or longer "
            + "than 256 characters; or a body that is not a WS1AssistSessionSpec",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "403", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "503", description = "The lookup could not be audited; no agent id was given out",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<Ws1AssistAgentId> agentId(Ws1AssistSessionSpec spec) {
        return service.agentId(currentCaller.get(), spec);
    }
}
