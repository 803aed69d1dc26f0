package io.sessionplane.assist.agent;

import io.sessionplane.assist.AssistConfig;
import io.sessionplane.assist.outcome.AssistEventProducer;
import io.sessionplane.assist.session.DesktopSession;
import io.sessionplane.assist.session.SessionViewStore;
import io.sessionplane.contracts.assist.AgentFacts;
import io.sessionplane.contracts.assist.AssistOutcome;
import io.sessionplane.contracts.auth.Privilege;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.kit.auth.ObjectAccess;
import io.sessionplane.kit.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * WS1 Assist lookups: a session's agent status and its agent id, decided from the session's own access group (or
 * federated flag), answered from the read models. A successful agent-id lookup, local or federated, is audited, and
 * the answer waits for the audit record's acknowledgement.
 */
@ApplicationScoped
public class Ws1AssistService {
    private static final Set<Privilege> AGENT_ID_PRIVILEGES = Set.of(Privilege.REMOTE_ASSISTANCE,
            Privilege.MACHINE_MANAGEMENT);

    @Inject
    SessionViewStore sessions;

    @Inject
    AgentFactsStore facts;

    @Inject
    AssistEventProducer events;

    @Inject
    AssistConfig config;

    @Inject
    Validator validator;

    /** 404 for an unknown session, 403 without a view privilege on its access group. */
    public Uni<AgentStatusView> status(Caller caller, String sessionId) {
        return sessions.bySession(sessionId).chain(found -> {
            DesktopSession session = ObjectAccess.requireViewable(caller, found, () -> sessionNotFound(sessionId),
                    "no view privilege on the access group of session " + sessionId);
            return facts.find(session.machineId()).map(agent -> {
                Ws1AssistStatus status = Ws1AssistStatus.of(agent.orElse(null), config.minimumPluginVersion());
                return new AgentStatusView(status.code(), status);
            });
        });
    }

    /**
     * 400 for an invalid request, 404 for an unknown session, 403 without REMOTE_ASSISTANCE or MACHINE_MANAGEMENT on
     * its access group (FEDERATED_SESSIONS_MANAGE for another pod's), 503 when the lookup could not be audited.
     */
    public Uni<Ws1AssistAgentId> agentId(Caller caller, Ws1AssistSessionSpec spec) {
        String sessionId = valid(spec).sessionId();
        return sessions.bySession(sessionId).chain(found -> {
            DesktopSession session = ObjectAccess.requirePermitted(caller, found.orElseThrow(
                    () -> sessionNotFound(sessionId)), AGENT_ID_PRIVILEGES, Privilege.FEDERATED_SESSIONS_MANAGE,
                    "getting a WS1 Assist agent id needs REMOTE_ASSISTANCE or MACHINE_MANAGEMENT on the access group "
                            + "of session " + sessionId);
            return facts.find(session.machineId()).chain(agent -> answer(caller, session, agent.orElse(null)));
        });
    }

    private Uni<Ws1AssistAgentId> answer(Caller caller, DesktopSession session, AgentFacts agent) {
        Ws1AssistStatus status = Ws1AssistStatus.of(agent, config.minimumPluginVersion());
        if (status == Ws1AssistStatus.OS_NOT_SUPPORTED || status == Ws1AssistStatus.ASSIST_AGENT_NOT_INSTALLED) {
            return Uni.createFrom().item(new Ws1AssistAgentId(null, status.name()));
        }
        if (agent.agentId() == null) {
            // Installed but reporting no id: it cannot be reached, as if it were not installed.
            return Uni.createFrom().item(new Ws1AssistAgentId(null, Ws1AssistStatus.ASSIST_AGENT_NOT_INSTALLED.name()));
        }
        Ws1AssistAgentId answer = new Ws1AssistAgentId(agent.agentId(), null);
        // Federated lookups are audited too: an agent id of another pod's session is as sensitive as a local one.
        return events.outcome(audit(caller, session)).onFailure().transform(e -> ApiException.unavailable(
                "the lookup could not be recorded; no agent id was given out")).replaceWith(answer);
    }

    /** The request's constraints, refused as Horizon's 400 invalid-argument with the constraints' own messages. */
    private Ws1AssistSessionSpec valid(Ws1AssistSessionSpec spec) {
        if (spec == null) {
            throw new ApiException(400, ErrorKeys.INVALID_ARGUMENT, "session_id is required");
        }
        Set<ConstraintViolation<Ws1AssistSessionSpec>> violations = validator.validate(spec);
        if (!violations.isEmpty()) {
            throw new ApiException(400, ErrorKeys.INVALID_ARGUMENT, violations.stream()
                    .map(ConstraintViolation::getMessage).sorted().collect(Collectors.joining("; ")));
        }
        return spec;
    }

    private static AssistOutcome audit(Caller caller, DesktopSession session) {
        // Every lookup is its own audit record: two in the same millisecond must not share an event id.
        String eventId = UUID.randomUUID().toString();
        EventType type = EventType.HELPDESK_GET_WS1_ASSIST_AGENT_ID;
        return new AssistOutcome(eventId, type, session.sessionId(), session.machineId(), null, null, null, null,
                type.defaultSeverity(), caller.name() + " got the Workspace ONE Assist agent id of the session of "
                        + session.userName() + " on " + session.machineDnsName(), System.currentTimeMillis(),
                caller.name(), session.userId(), session.userName(), session.machineDnsName(),
                session.desktopPoolName(), session.applicationPoolName());
    }

    private static ApiException sessionNotFound(String sessionId) {
        return ApiException.notFound(ErrorKeys.SESSION_NOT_FOUND, "session " + sessionId + " not found");
    }
}
