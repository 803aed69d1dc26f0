package io.sessionplane.contracts.command;

import io.sessionplane.contracts.auth.Privilege;
import io.sessionplane.contracts.event.EventType;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Session actions, with the privileges and outcome event types of the Horizon Session service seed. Everything that
 * varies by action is reached from here: its request shape, privileges, event types, effect on the session (read
 * model and agents) and the words of its audit record; the state rules are in {@link ActionRules}. Adding a constant
 * is a compile error until every exhaustive switch over it (or over {@link Effect} and {@link RequestShape}) handles
 * it: see docs/adding-an-action.md.
 */
public enum SessionAction {
    DISCONNECT("disconnect", RequestShape.SESSION_IDS, Effect.DISCONNECTS,
            Set.of(Privilege.MACHINE_MANAGE_VDI_SESSION, Privilege.POOL_MANAGEMENT),
            EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED, EventType.ADMIN_DESKTOP_SESSION_DISCONNECT_FAILED,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_DISCONNECT_REQUEST_SENT,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_DISCONNECT_REQUEST_SEND_FAILED,
            EventType.SESSION_DISCONNECT_REQUESTED),
    LOGOFF("logoff", RequestShape.SESSION_IDS_FORCED, Effect.ENDS_SESSION,
            Set.of(Privilege.MACHINE_MANAGE_VDI_SESSION, Privilege.POOL_MANAGEMENT),
            EventType.ADMIN_DESKTOP_SESSION_LOGOFF, EventType.ADMIN_DESKTOP_SESSION_LOGOFF_FAILED,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_LOGOFF_REQUEST_SENT,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_LOGOFF_REQUEST_SEND_FAILED,
            EventType.SESSION_LOGOFF_REQUESTED),
    RESET("reset", RequestShape.SESSION_IDS, Effect.ENDS_SESSION,
            Set.of(Privilege.MACHINE_REBOOT),
            EventType.ADMIN_DESKTOP_SESSION_REBOOTED, EventType.ADMIN_DESKTOP_SESSION_REBOOT_FAILED,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_RESET_REQUEST_SENT,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_RESET_REQUEST_SEND_FAILED,
            EventType.SESSION_RESET_REQUESTED),
    RESTART("restart", RequestShape.SESSION_IDS, Effect.ENDS_SESSION,
            Set.of(Privilege.MACHINE_REBOOT),
            EventType.ADMIN_DESKTOP_SESSION_RESTARTED, EventType.ADMIN_DESKTOP_SESSION_RESTART_FAILED,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_RESTART_REQUEST_SENT,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_RESTART_REQUEST_SEND_FAILED,
            EventType.SESSION_RESTART_REQUESTED),
    SEND_MESSAGE("send-message", RequestShape.MESSAGE, Effect.NONE,
            Set.of(Privilege.MACHINE_MANAGE_VDI_SESSION, Privilege.POOL_MANAGEMENT),
            EventType.ADMIN_SESSION_SENDMSG, EventType.ADMIN_SESSION_SENDMSG_FAILED,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_SEND_MESSAGE_REQUEST_SENT,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_SEND_MESSAGE_REQUEST_SEND_FAILED,
            EventType.SESSION_SEND_MESSAGE_REQUESTED);

    /** What a request for the action carries besides session ids. */
    public enum RequestShape {
        /** A JSON array of session ids (global: {@code [{pod_id, ids}]}). */
        SESSION_IDS,
        /** As {@link #SESSION_IDS}, plus the {@code forced} query parameter. */
        SESSION_IDS_FORCED,
        /** {@code {message, message_type, session_ids}} (global: {@code global_session_action_specs}). */
        MESSAGE
    }

    /** What a successful local execution does to the session, for the read models and the agents. */
    public enum Effect {
        /** The session stays, DISCONNECTED. */
        DISCONNECTS,
        /** The session no longer exists (log off; a reset or restart of its machine ends it too). */
        ENDS_SESSION,
        /** The session is unchanged. */
        NONE
    }

    private final String pathSegment;
    private final RequestShape requestShape;
    private final Effect effect;
    private final Set<Privilege> localPrivileges;
    private final EventType localSucceeded;
    private final EventType localFailed;
    private final EventType federatedSent;
    private final EventType federatedSendFailed;
    private final EventType requested;

    SessionAction(String pathSegment, RequestShape requestShape, Effect effect, Set<Privilege> localPrivileges, EventType localSucceeded,
            EventType localFailed, EventType federatedSent, EventType federatedSendFailed, EventType requested) {
        this.pathSegment = pathSegment;
        this.requestShape = requestShape;
        this.effect = effect;
        this.localPrivileges = localPrivileges;
        this.localSucceeded = localSucceeded;
        this.localFailed = localFailed;
        this.federatedSent = federatedSent;
        this.federatedSendFailed = federatedSendFailed;
        this.requested = requested;
    }

    /** The last segment of {@code …/action/{segment}} in the REST API. */
    public String pathSegment() {
        return pathSegment;
    }

    public RequestShape requestShape() {
        return requestShape;
    }

    public Effect effect() {
        return effect;
    }

    /** Any one of these on the session's access group (or an ancestor) allows the action locally. */
    public Set<Privilege> localPrivileges() {
        return localPrivileges;
    }

    /** Sessions of other pods need this one instead. */
    public Privilege federatedPrivilege() {
        return Privilege.FEDERATED_SESSIONS_MANAGE;
    }

    /** Outcome event type for a local session (succeeded or failed) or a federated one (sent or not). */
    public EventType outcomeType(boolean federated, boolean succeeded) {
        if (federated) {
            return succeeded ? federatedSent : federatedSendFailed;
        }
        return succeeded ? localSucceeded : localFailed;
    }

    /** The audit type recorded when the command is accepted. */
    public EventType requestedType() {
        return requested;
    }

    /** What was requested, in the words of an audit record: "a forced log off", "a message (WARNING)". */
    public String describeRequest(Boolean forced, MessageType messageType) {
        return switch (this) {
            case DISCONNECT -> "a disconnect";
            case LOGOFF -> Boolean.TRUE.equals(forced) ? "a forced log off" : "a log off";
            case RESET -> "a reset";
            case RESTART -> "a restart";
            case SEND_MESSAGE -> "a message (" + messageType + ")";
        };
    }

    public static Optional<SessionAction> fromPathSegment(String segment) {
        return Arrays.stream(values()).filter(a -> a.pathSegment.equals(segment)).findFirst();
    }
}
