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
    /** The demo access-group tree: Root above Finance and Engineering, Contractors below Engineering. */
    static final String ROOT = "6fd4638a-381f-4518-aed6-042aa3d9f14c";
    static final String FINANCE = "2d0c8f3e-6a55-4c7b-9a54-1f3c0d2a7b11";
    static final String ENGINEERING = "8b6e7d21-3c4f-4e8a-b2d1-5a9c7e0f4d22";
    static final String CONTRACTORS = "c1a9e5f7-0b3d-4a6c-8e2f-7d4b1a3c5e33";

    private AuditEvents() {
    }

    static String auditor() {
        return TestInfrastructure.get().tokens().user("LOCAL", "auditor")
                .accessGroupPrivileges(Map.of(ROOT, Set.of("GLOBAL_CONFIG_VIEW"))).mint();
    }

    /** An operator holding the audit privilege on one group only. */
    static String auditorOf(String group) {
        return TestInfrastructure.get().tokens().user("LOCAL", "group-auditor")
                .accessGroupPrivileges(Map.of(group, Set.of("GLOBAL_CONFIG_VIEW")))
                .federatedPrivileges(Set.of("FEDERATED_SESSIONS_VIEW")).mint();
    }

    /** An administrator granted on Root, as session-service issues it: expanded to every descendant, federated too. */
    static String rootAdmin() {
        Set<String> held = Set.of("GLOBAL_CONFIG_VIEW", "MACHINE_VIEW");
        return TestInfrastructure.get().tokens().user("LOCAL", "admin")
                .accessGroupPrivileges(Map.of(ROOT, held, FINANCE, held, ENGINEERING, held, CONTRACTORS, held))
                .federatedPrivileges(Set.of("FEDERATED_SESSIONS_VIEW")).mint();
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

    /** An accepted command carrying its session's access group, as session-service publishes it. */
    static SessionCommand command(String sessionId, String accessGroupId) {
        SessionCommand c = command(sessionId);
        return new SessionCommand(c.commandId(), c.action(), c.sessionId(), c.podId(), c.federated(), c.forced(),
                c.message(), c.messageType(), c.requestedBy(), c.requestedAt(), c.machineId(), c.userId(),
                accessGroupId);
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
