package io.sessionplane.assist.agent;

import io.quarkus.security.Authenticated;
import io.sessionplane.assist.AssistConfig;
import io.sessionplane.assist.outcome.AssistEvents;
import io.sessionplane.assist.session.DesktopSession;
import io.sessionplane.assist.session.SessionViewStore;
import io.sessionplane.contracts.assist.AgentFacts;
import io.sessionplane.contracts.assist.AssistOutcome;
import io.sessionplane.contracts.auth.Privilege;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.error.HorizonError;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.kit.auth.CurrentCaller;
import io.sessionplane.kit.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The WS1Assist service of Horizon's SOAP API, as REST: a session's Workspace ONE Assist status and its agent id.
 * Answers come from the read models fed by the agents, never from calls to them.
 */
@Path("/rest/helpdesk/v1/sessions")
@Authenticated
@Tag(name = "WS1 Assist")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class Ws1AssistResource {
    private static final Set<Privilege> AGENT_ID_PRIVILEGES = Set.of(Privilege.REMOTE_ASSISTANCE,
            Privilege.MACHINE_MANAGEMENT);

    @Inject
    SessionViewStore sessions;

    @Inject
    AgentFactsStore facts;

    @Inject
    AssistEvents events;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    AssistConfig config;

    @GET
    @Path("/{id}/ws1-assist/status")
    @Operation(summary = "Get WS1 Assist status", description = "OK, HELPDESK_PLUGIN_OUTDATED, "
            + "ASSIST_AGENT_NOT_INSTALLED or OS_NOT_SUPPORTED. Needs MACHINE_VIEW or POOL_VIEW on the session's access "
            + "group (FEDERATED_SESSIONS_VIEW for other pods' sessions).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AgentStatusView.class)))
    @APIResponse(responseCode = "403", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<AgentStatusView> status(@PathParam("id") String sessionId) {
        Caller caller = currentCaller.get();
        return session(sessionId).chain(session -> {
            if (!caller.mayView(session.accessGroupId(), session.federated())) {
                throw ApiException.forbidden("no view privilege on the access group of session " + sessionId);
            }
            return facts.find(session.machineId()).map(found -> {
                Ws1AssistStatus status = Ws1AssistStatus.of(found.orElse(null), config.minimumPluginVersion());
                return new AgentStatusView(status.code(), status);
            });
        });
    }

    @POST
    @Path("/action/ws1-assist-agent-id")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get WS1 Assist agent id", description = "Needs REMOTE_ASSISTANCE or MACHINE_MANAGEMENT on the "
            + "session's access group. error_code says why there is no agent id. A successful lookup of a local "
            + "session is audited as HELPDESK_GET_WS1_ASSIST_AGENT_ID before the answer.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Ws1AssistAgentId.class)))
    @APIResponse(responseCode = "400", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "403", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "503", description = "The lookup could not be audited; no agent id was given out",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<Ws1AssistAgentId> agentId(Ws1AssistSessionSpec spec) {
        if (spec == null || spec.sessionId() == null || spec.sessionId().isBlank()) {
            throw new ApiException(400, ErrorKeys.INVALID_ARGUMENT, "session_id is required");
        }
        Caller caller = currentCaller.get();
        return session(spec.sessionId()).chain(session -> {
            if (!caller.mayActOn(session.accessGroupId(), session.federated(), AGENT_ID_PRIVILEGES,
                    Privilege.FEDERATED_SESSIONS_MANAGE)) {
                throw ApiException.forbidden("getting a WS1 Assist agent id needs REMOTE_ASSISTANCE or "
                        + "MACHINE_MANAGEMENT on the access group of session " + spec.sessionId());
            }
            return facts.find(session.machineId()).chain(found -> {
                AgentFacts agent = found.orElse(null);
                Ws1AssistStatus status = Ws1AssistStatus.of(agent, config.minimumPluginVersion());
                if (status == Ws1AssistStatus.OS_NOT_SUPPORTED || status == Ws1AssistStatus.ASSIST_AGENT_NOT_INSTALLED) {
                    return Uni.createFrom().item(new Ws1AssistAgentId(null, status.name()));
                }
                if (agent.agentId() == null) {
                    // Installed but reporting no id: it cannot be reached, as if it were not installed.
                    return Uni.createFrom().item(new Ws1AssistAgentId(null,
                            Ws1AssistStatus.ASSIST_AGENT_NOT_INSTALLED.name()));
                }
                Ws1AssistAgentId answer = new Ws1AssistAgentId(agent.agentId(), null);
                if (session.federated()) {
                    return Uni.createFrom().item(answer);
                }
                return events.outcome(audit(caller, session)).onFailure().transform(e -> ApiException.unavailable(
                        "the lookup could not be recorded; no agent id was given out")).replaceWith(answer);
            });
        });
    }

    private static AssistOutcome audit(Caller caller, DesktopSession session) {
        long now = System.currentTimeMillis();
        // Every lookup is its own audit record: two in the same millisecond must not share an event id.
        String eventId = UUID.randomUUID().toString();
        EventType type = EventType.HELPDESK_GET_WS1_ASSIST_AGENT_ID;
        return new AssistOutcome(eventId, type, session.sessionId(), session.machineId(), null, null, null, null,
                type.defaultSeverity(), caller.name() + " got the Workspace ONE Assist agent id of the session of "
                        + session.userName() + " on " + session.machineDnsName(), now, caller.name(), session.userId(),
                session.userName(), session.machineDnsName(), session.desktopPoolName(), session.applicationPoolName());
    }

    private Uni<DesktopSession> session(String sessionId) {
        return sessions.bySession(sessionId).map(found -> found.orElseThrow(() -> ApiException.notFound(
                ErrorKeys.SESSION_NOT_FOUND, "session " + sessionId + " not found")));
    }
}
