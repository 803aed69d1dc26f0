package io.sessionplane.audit;

import io.sessionplane.contracts.assist.AssistOutcome;
import io.sessionplane.contracts.assist.ShareSpaceStatus;
import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.MessageType;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.event.SessionEventKind;
import io.sessionplane.contracts.event.Severity;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.localstack.testing.TestInfrastructure;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Events as the agents and services publish them, and tokens for the audit API. */
final class AuditEvents {
    static final String ROOT = "6fd4638a-381f-4518-aed6-042aa3d9f14c";

    private AuditEvents() {
    }

    static String auditor() {
        return TestInfrastructure.get().tokens().user("LOCAL", "auditor")
                .accessGroupPrivileges(Map.of(ROOT, Set.of("GLOBAL_CONFIG_VIEW"))).mint();
    }

    static String operatorWithoutAuditPrivilege() {
        return TestInfrastructure.get().tokens().user("LOCAL", "helpdesk")
                .accessGroupPrivileges(Map.of(ROOT, Set.of("MACHINE_VIEW", "MACHINE_MANAGE_VDI_SESSION"))).mint();
    }

    static SessionCommand command(String sessionId) {
        return new SessionCommand(UUID.randomUUID().toString(), SessionAction.SEND_MESSAGE, sessionId, "pod-eu-west",
                false, null, "Patching tonight", MessageType.WARNING, "LOCAL\\admin", System.currentTimeMillis(),
                "machine-" + sessionId, "S-1-5-21-7");
    }

    static SessionOutcome outcome(SessionCommand command, long time) {
        return new SessionOutcome(UUID.randomUUID().toString(), EventType.ADMIN_SESSION_SENDMSG, command.commandId(),
                command.action(), command.sessionId(), CommandStatus.SUCCEEDED, Severity.AUDIT_SUCCESS,
                "LOCAL\\admin sent a WARNING message", null, false, time, "S-1-5-21-7", "CORP\\jdoe", "LOCAL\\admin",
                "pod-eu-west", command.machineId(), "vdi-7.corp.example.com", "Finance Desktops", null);
    }

    static AssistOutcome assist(String sessionId, String shareSpaceId, long time) {
        return new AssistOutcome(UUID.randomUUID().toString(), EventType.REMOTE_ASSISTANCE_REFUSED, sessionId,
                "machine-" + sessionId, shareSpaceId, "demo", ShareSpaceStatus.CLOSE, "user refused", Severity.WARNING,
                "the user refused remote assistance", time, "LOCAL\\admin", "S-1-5-21-7", "CORP\\jdoe",
                "vdi-7.corp.example.com", "Finance Desktops", null);
    }

    /** A lifecycle event of session.events.v1 as session-service's topology writes it. */
    static SessionEvent lifecycle(String sessionId, long sequence, EventType type, long time, String accessGroupId,
            boolean federated) {
        SessionState state = switch (type) {
            case AGENT_PENDING -> SessionState.PENDING;
            case AGENT_CONNECTED, AGENT_RECONNECTED -> SessionState.CONNECTED;
            case AGENT_DISCONNECTED -> SessionState.DISCONNECTED;
            default -> null;
        };
        return new SessionEvent(UUID.randomUUID().toString(), sessionId, sequence, SessionEventKind.LIFECYCLE, type,
                type.defaultSeverity(), "User CORP\\jdoe: " + type + " on VDI-7", time, accessGroupId, federated,
                federated ? "pod-us-east" : "pod-eu-west", "S-1-5-21-7", "CORP\\jdoe", "machine-" + sessionId, "VDI-7",
                "vdi-7.corp.example.com", "Finance Desktops", null, state, null, null, null, null, null, null, null);
    }

    /** An action event of session.events.v1: audit stores the command itself, not this copy. */
    static SessionEvent actionRequested(SessionCommand command, long sequence, String accessGroupId) {
        return new SessionEvent(UUID.randomUUID().toString(), command.sessionId(), sequence,
                SessionEventKind.ACTION_REQUESTED, command.action().requestedType(), Severity.INFO,
                command.requestedBy() + " requested it", command.requestedAt(), accessGroupId, false, "pod-eu-west",
                "S-1-5-21-7", "CORP\\jdoe", command.machineId(), "VDI-7", "vdi-7.corp.example.com", "Finance Desktops",
                null, SessionState.CONNECTED, command.commandId(), command.action(), command.requestedBy(), null, null,
                null, null);
    }
}
