package io.sessionplane.contracts.schema;

import io.sessionplane.contracts.assist.AgentFacts;
import io.sessionplane.contracts.auth.TokenRevocation;
import io.sessionplane.contracts.job.JobEvent;
import io.sessionplane.contracts.assist.AssistOutcome;
import io.sessionplane.contracts.assist.InvitationKind;
import io.sessionplane.contracts.assist.ShareSpaceInvitation;
import io.sessionplane.contracts.assist.ShareSpaceResponse;
import io.sessionplane.contracts.assist.ShareSpaceStatus;
import io.sessionplane.contracts.assist.UserAnswer;
import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.MessageType;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.event.SessionEventKind;
import io.sessionplane.contracts.event.Severity;
import io.sessionplane.contracts.session.ClientData;
import io.sessionplane.contracts.session.SecurityGatewayData;
import io.sessionplane.contracts.session.SessionInfo;
import io.sessionplane.contracts.session.SessionNames;
import io.sessionplane.contracts.session.SessionProtocol;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.contracts.session.SessionType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Realistic records of every type, as the services build them, together covering every value each enum may take on
 * the wire (the conformance test checks that coverage against the schemas).
 */
final class ContractSamples {
    static final String SESSION = "7cdd624f-37d1-46c1-ab96-695a5d13956f";
    static final String MACHINE = "a00eda55-708a-4f7d-8cbc-1d1b3a2b5f73";
    static final String GROUP = "6fd4638a-381f-4518-aed6-042aa3d9f14c";
    static final String USER_SID = "S-1-5-21-1111111111-2222222222-3333333333-500";
    static final long NOW = 1_790_000_000_000L;

    private ContractSamples() {
    }

    /** The event types each kind carries on session.events.v1, derived from the action and event catalogues. */
    static Set<EventType> eventTypesOf(SessionEventKind kind) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        switch (kind) {
            case LIFECYCLE -> List.of(EventType.values()).stream().filter(t -> t.module().equals("Agent"))
                    .forEach(types::add);
            case ACTION_REQUESTED -> List.of(SessionAction.values()).forEach(a -> types.add(a.requestedType()));
            case ACTION_OUTCOME -> outcomeTypes().forEach(types::add);
            case REMOTE_ASSISTANCE -> List.of(EventType.values()).stream()
                    .filter(t -> t.module().equals("RemoteAssistance")).forEach(types::add);
        }
        return types;
    }

    static Set<EventType> outcomeTypes() {
        Set<EventType> types = EnumSet.of(EventType.SESSION_COMMAND_EXPIRED);
        for (SessionAction action : SessionAction.values()) {
            for (boolean federated : new boolean[] {false, true}) {
                types.add(action.outcomeType(federated, true));
                types.add(action.outcomeType(federated, false));
            }
        }
        return types;
    }

    static List<SessionCommand> commands() {
        List<SessionCommand> commands = new ArrayList<>();
        MessageType[] messageTypes = MessageType.values();
        int n = 0;
        for (SessionAction action : SessionAction.values()) {
            for (boolean federated : new boolean[] {false, true}) {
                boolean message = action == SessionAction.SEND_MESSAGE;
                commands.add(new SessionCommand(uuid(), action, SESSION, federated ? "pod-us-east" : "pod-eu-west",
                        federated, action == SessionAction.LOGOFF ? Boolean.valueOf(federated) : null,
                        message ? "Maintenance at 18:00" : null, message ? messageTypes[n++ % messageTypes.length]
                                : null, "LOCAL\\admin", NOW, MACHINE, USER_SID, federated ? null : GROUP,
                        federated ? null : NOW + 300_000));
            }
        }
        commands.add(new SessionCommand(uuid(), SessionAction.SEND_MESSAGE, SESSION, "pod-eu-west", false, null,
                "Please save your work", messageTypes[n % messageTypes.length], "LOCAL\\helpdesk", NOW, MACHINE,
                USER_SID, GROUP));
        // A warning a scheduled job sent.
        commands.add(new SessionCommand(uuid(), SessionAction.SEND_MESSAGE, SESSION, "pod-eu-west", false, null,
                "Log off at 18:00", MessageType.WARNING, "LOCAL\\admin", NOW, MACHINE, USER_SID, GROUP,
                NOW + 60_000, uuid()));
        return commands;
    }

    static List<SessionOutcome> outcomes() {
        List<SessionOutcome> outcomes = new ArrayList<>();
        for (SessionAction action : SessionAction.values()) {
            for (boolean federated : new boolean[] {false, true}) {
                for (boolean ok : new boolean[] {true, false}) {
                    EventType type = action.outcomeType(federated, ok);
                    CommandStatus status = federated
                            ? (ok ? CommandStatus.REQUEST_SENT : CommandStatus.REQUEST_SEND_FAILED)
                            : (ok ? CommandStatus.SUCCEEDED : CommandStatus.FAILED);
                    outcomes.add(new SessionOutcome(uuid(), type, uuid(), action, SESSION, status,
                            type.defaultSeverity(), "LOCAL\\admin: " + type.name() + " for CORP\\jdoe on VDI-7",
                            ok ? null : "session.already.disconnected",
                            ok && !federated && action.effect() == SessionAction.Effect.ENDS_SESSION, NOW, USER_SID,
                            "CORP\\jdoe", "LOCAL\\admin", federated ? "pod-us-east" : "pod-eu-west", MACHINE,
                            "vdi-7.corp.example.com", "Finance Desktops", null));
                }
            }
        }
        // A command the agent received after its expiry: not executed.
        outcomes.add(new SessionOutcome(uuid(), EventType.SESSION_COMMAND_EXPIRED, uuid(), SessionAction.LOGOFF,
                SESSION, CommandStatus.FAILED, EventType.SESSION_COMMAND_EXPIRED.defaultSeverity(),
                "The log off requested by LOCAL\\admin expired before the agent on VDI-7 received it; nothing was done",
                "inventory.session.command.expired", false, NOW, USER_SID, "CORP\\jdoe", "LOCAL\\admin",
                "pod-eu-west", MACHINE, "vdi-7.corp.example.com", "Finance Desktops", null));
        // Agents may report any Horizon severity, or none (consumers then take the type's default).
        for (Severity severity : new Severity[] {Severity.ERROR, Severity.UNKNOWN, null}) {
            outcomes.add(new SessionOutcome(uuid(), EventType.ADMIN_DESKTOP_SESSION_RESTART_FAILED, uuid(),
                    SessionAction.RESTART, SESSION, CommandStatus.FAILED, severity, null, "machine.not.vcenter.managed",
                    false, NOW, null, null, null, null, null, null, null, "Calculator"));
        }
        return outcomes;
    }

    static List<SessionSnapshot> snapshots() {
        List<SessionSnapshot> snapshots = new ArrayList<>();
        SessionProtocol[] protocols = SessionProtocol.values();
        SessionState[] states = SessionState.values();
        SessionType[] types = SessionType.values();
        for (int i = 0; i < protocols.length; i++) {
            SessionType type = types[i % types.length];
            boolean application = type == SessionType.APPLICATION;
            SessionInfo info = new SessionInfo(uuid(), uuid(), GROUP, "2412.0",
                    application ? List.of("Calculator", "Notepad") : null, USER_SID, i == 3, new ClientData(
                            "10.0.0." + i, "loc-" + i, "LT-" + i, "WINDOWS", "2412.1"),
                    "0103796c-102b-4ed3-953f-3dfe3d23e0fe", states[i % states.length] == SessionState.DISCONNECTED
                            ? NOW - 60_000 : null, application ? "0dbd14ba-5795-4141-9cec-128ff6d494b0" : null,
                    60L, 116_320L, application ? null : MACHINE, application ? "6f85b3a5-e7d0-4ad6-a1e3-37168dd1ed50"
                            : null, false, new SecurityGatewayData("192.0.2.1", "uag.example.com", "EXTERNAL"),
                    protocols[i], states[i % states.length], type, NOW - 3_600_000, false, USER_SID);
            snapshots.add(new SessionSnapshot(info, "pod-eu-west", i == 3 ? "pod-us-east" : "pod-eu-west", i == 1,
                    !application, new SessionNames("CORP\\jdoe", application ? null : "VDI-7",
                            "vdi-7.corp.example.com", application ? null : "Finance Desktops",
                            application ? "Office Apps" : null, application ? "Farm-1" : null, "Finance"),
                    NOW + i));
        }
        // What an agent knows before it has the names: the session and little else.
        snapshots.add(new SessionSnapshot(new SessionInfo(uuid(), null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, SessionState.PENDING, SessionType.DESKTOP, null, null,
                null), null, null, false, false, null, NOW));
        return snapshots;
    }

    static List<AgentFacts> agentFacts() {
        return List.of(new AgentFacts(MACHINE, true, "ws1-agent-4711", "24.10.0", "2.4.1", "Windows 11 Enterprise",
                        true, NOW),
                new AgentFacts("b11eda55-708a-4f7d-8cbc-1d1b3a2b5f74", false, null, null, "1.9.0",
                        "Windows Server 2012 R2", false, NOW));
    }

    static List<ShareSpaceInvitation> invitations() {
        String space = uuid();
        return List.of(new ShareSpaceInvitation(uuid(), InvitationKind.INVITE, space, "demo", MACHINE, SESSION,
                        "ABCD1234", "Help with Outlook", "LOCAL\\helpdesk", null, NOW),
                new ShareSpaceInvitation(uuid(), InvitationKind.WITHDRAW, space, "demo", MACHINE, SESSION, null, null,
                        "LOCAL\\helpdesk", "cancelled by the operator", NOW + 1));
    }

    static List<ShareSpaceResponse> responses() {
        List<ShareSpaceResponse> responses = new ArrayList<>();
        for (UserAnswer answer : UserAnswer.values()) {
            responses.add(new ShareSpaceResponse(uuid(), uuid(), MACHINE, SESSION, answer,
                    answer == UserAnswer.REFUSED ? "not now" : null, NOW));
        }
        return responses;
    }

    static List<AssistOutcome> assistOutcomes() {
        List<AssistOutcome> outcomes = new ArrayList<>();
        outcomes.add(new AssistOutcome(uuid(), EventType.HELPDESK_GET_WS1_ASSIST_AGENT_ID, SESSION, MACHINE, null,
                null, null, null, EventType.HELPDESK_GET_WS1_ASSIST_AGENT_ID.defaultSeverity(),
                "LOCAL\\helpdesk got the Workspace ONE Assist agent id of the session of CORP\\jdoe", NOW,
                "LOCAL\\helpdesk", USER_SID, "CORP\\jdoe", "vdi-7.corp.example.com", "Finance Desktops", null));
        String space = uuid();
        for (EventType type : eventTypesOf(SessionEventKind.REMOTE_ASSISTANCE)) {
            ShareSpaceStatus status = shareSpaceStatusAfter(type);
            outcomes.add(new AssistOutcome(uuid(), type, SESSION, MACHINE, space, "demo", status,
                    status == ShareSpaceStatus.CLOSE ? type.name().toLowerCase() : null, type.defaultSeverity(),
                    "remote assistance on " + MACHINE + ": " + type.name(), NOW, "LOCAL\\helpdesk", USER_SID,
                    "CORP\\jdoe", "vdi-7.corp.example.com", "Finance Desktops", null));
        }
        // Severity is optional (consumers take the type's default) and may be any Horizon severity.
        for (Severity severity : new Severity[] {null, Severity.AUDIT_FAIL, Severity.ERROR, Severity.UNKNOWN}) {
            outcomes.add(new AssistOutcome(uuid(), EventType.REMOTE_ASSISTANCE_TIMED_OUT, SESSION, null, space, null,
                    ShareSpaceStatus.CLOSE, "timed out", severity, null, NOW, null, null, null, null, null, null));
        }
        return outcomes;
    }

    /** Events on session.events.v1: every event type each kind may carry, in the states a session passes through. */
    static List<SessionEvent> events() {
        List<SessionEvent> events = new ArrayList<>();
        long sequence = 1;
        for (EventType type : eventTypesOf(SessionEventKind.LIFECYCLE)) {
            SessionState state = switch (type) {
                case AGENT_PENDING -> SessionState.PENDING;
                case AGENT_DISCONNECTED -> SessionState.DISCONNECTED;
                case AGENT_PENDING_EXPIRED, AGENT_ENDED -> null;
                default -> SessionState.CONNECTED;
            };
            events.add(event(sequence++, SessionEventKind.LIFECYCLE, type, type.defaultSeverity(), state, null, null,
                    null, null, null, null));
        }
        for (SessionAction action : SessionAction.values()) {
            String command = uuid();
            EventType requested = action.requestedType();
            events.add(event(sequence++, SessionEventKind.ACTION_REQUESTED, requested, requested.defaultSeverity(),
                    SessionState.CONNECTED, command, action, null, null, null, null));
            for (boolean federated : new boolean[] {false, true}) {
                for (boolean ok : new boolean[] {true, false}) {
                    EventType type = action.outcomeType(federated, ok);
                    CommandStatus status = federated
                            ? (ok ? CommandStatus.REQUEST_SENT : CommandStatus.REQUEST_SEND_FAILED)
                            : (ok ? CommandStatus.SUCCEEDED : CommandStatus.FAILED);
                    events.add(event(sequence++, SessionEventKind.ACTION_OUTCOME, type, type.defaultSeverity(),
                            SessionState.CONNECTED, command, action, status, ok ? null : "session.locked", null,
                            null));
                }
            }
        }
        // A command that reached its agent after its expiry.
        events.add(event(sequence++, SessionEventKind.ACTION_OUTCOME, EventType.SESSION_COMMAND_EXPIRED,
                EventType.SESSION_COMMAND_EXPIRED.defaultSeverity(), SessionState.CONNECTED, uuid(),
                SessionAction.LOGOFF, CommandStatus.FAILED, "inventory.session.command.expired", null, null));
        // A session job's command, told with the job's id.
        SessionEvent byJob = event(sequence++, SessionEventKind.ACTION_REQUESTED, EventType.SESSION_LOGOFF_REQUESTED,
                EventType.SESSION_LOGOFF_REQUESTED.defaultSeverity(), SessionState.CONNECTED, uuid(),
                SessionAction.LOGOFF, null, null, null, null);
        events.add(new SessionEvent(byJob.eventId(), byJob.sessionId(), byJob.sequence(), byJob.kind(),
                byJob.eventType(), byJob.severity(), byJob.message(), byJob.time(), byJob.accessGroupId(),
                byJob.federated(), byJob.podId(), byJob.userId(), byJob.userName(), byJob.machineId(),
                byJob.machineName(), byJob.machineDnsName(), byJob.desktopPoolName(), byJob.applicationPoolName(),
                byJob.sessionState(), byJob.commandId(), byJob.action(), byJob.requestedBy(), byJob.status(),
                byJob.errorKey(), byJob.shareSpaceId(), byJob.shareSpaceStatus(), uuid()));
        String space = uuid();
        for (EventType type : eventTypesOf(SessionEventKind.REMOTE_ASSISTANCE)) {
            events.add(event(sequence++, SessionEventKind.REMOTE_ASSISTANCE, type, type.defaultSeverity(),
                    SessionState.CONNECTED, null, null, null, null, space, shareSpaceStatusAfter(type)));
        }
        for (Severity severity : new Severity[] {Severity.ERROR, Severity.UNKNOWN}) {
            events.add(event(sequence++, SessionEventKind.ACTION_OUTCOME, EventType.ADMIN_DESKTOP_SESSION_REBOOT_FAILED,
                    severity, SessionState.DISCONNECTED, uuid(), SessionAction.RESET, CommandStatus.FAILED,
                    "machine.not.vcenter.managed", null, null));
        }
        return events;
    }

    static SessionEvent event(long sequence, SessionEventKind kind, EventType type, Severity severity,
            SessionState state, String commandId, SessionAction action, CommandStatus status, String errorKey,
            String shareSpaceId, ShareSpaceStatus shareSpaceStatus) {
        boolean byOperator = kind != SessionEventKind.LIFECYCLE;
        return new SessionEvent(uuid(), SESSION, sequence, kind, type, severity,
                "User CORP\\jdoe: " + type.name() + " on machine VDI-7", NOW + sequence, GROUP, false, "pod-eu-west",
                USER_SID, "CORP\\jdoe", MACHINE, "VDI-7", "vdi-7.corp.example.com", "Finance Desktops", null, state,
                commandId, action, byOperator ? "LOCAL\\admin" : null, status, errorKey, shareSpaceId,
                shareSpaceStatus);
    }

    static ShareSpaceStatus shareSpaceStatusAfter(EventType type) {
        return switch (type) {
            case REMOTE_ASSISTANCE_REQUESTED -> ShareSpaceStatus.WAIT_USER_CONFIRM;
            case REMOTE_ASSISTANCE_USER_CONFIRMED -> ShareSpaceStatus.WAIT_USER_ACCESS;
            case REMOTE_ASSISTANCE_OPENED -> ShareSpaceStatus.OPEN;
            default -> ShareSpaceStatus.CLOSE;
        };
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    static List<TokenRevocation> revocations() {
        return List.of(new TokenRevocation("7f3c2a9e-1b4d-4c8e-9a61-0d2e5f7b8c13", 1_764_590_400_000L,
                        1_764_588_600_000L, TokenRevocation.Reason.LOGOUT),
                new TokenRevocation("c0ffee00-2d4e-4f6a-8b1c-3e5d7f9a1b2c", 1_764_590_400_000L, 1_764_589_000_000L,
                        TokenRevocation.Reason.REFRESH_TOKEN_REUSE));
    }

    static List<JobEvent> jobEvents() {
        List<JobEvent> events = new ArrayList<>();
        List<EventType> types = List.of(EventType.SESSION_JOB_CREATED, EventType.SESSION_JOB_WARNED,
                EventType.SESSION_JOB_ACTED, EventType.SESSION_JOB_COMPLETED, EventType.SESSION_JOB_CANCELLED,
                EventType.SESSION_JOB_FAILED);
        Severity[] severities = Severity.values();
        SessionAction[] actions = SessionAction.values();
        String job = uuid();
        for (int i = 0; i < Math.max(types.size(), Math.max(severities.length, actions.length)); i++) {
            EventType type = types.get(i % types.size());
            events.add(new JobEvent(uuid(), job, type, severities[i % severities.length], actions[i % actions.length],
                    "LOCAL\\admin", type.name() + " for job " + job + ": 1,200 sessions, 1,180 accepted", NOW + i,
                    type == EventType.SESSION_JOB_WARNED || type == EventType.SESSION_JOB_ACTED ? 1 + i % 3 : null,
                    1_200, 1_180, 1_170, 10, 12, 8));
        }
        // Severity is optional: consumers take the type's default.
        events.add(new JobEvent(uuid(), job, EventType.SESSION_JOB_COMPLETED, null, SessionAction.LOGOFF,
                "LOCAL\\admin", "done", NOW, null, 3, 3, 3, 0, 0, 0));
        return events;
    }
}
