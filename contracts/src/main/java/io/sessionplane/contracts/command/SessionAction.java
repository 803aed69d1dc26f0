package io.sessionplane.contracts.command;

import io.sessionplane.contracts.auth.Privilege;
import io.sessionplane.contracts.event.EventType;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Session actions, with the privileges and outcome event types of the Horizon Session service seed.
 */
public enum SessionAction {
    DISCONNECT("disconnect",
            Set.of(Privilege.MACHINE_MANAGE_VDI_SESSION, Privilege.POOL_MANAGEMENT),
            EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED, EventType.ADMIN_DESKTOP_SESSION_DISCONNECT_FAILED,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_DISCONNECT_REQUEST_SENT,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_DISCONNECT_REQUEST_SEND_FAILED,
            EventType.SESSION_DISCONNECT_REQUESTED),
    LOGOFF("logoff",
            Set.of(Privilege.MACHINE_MANAGE_VDI_SESSION, Privilege.POOL_MANAGEMENT),
            EventType.ADMIN_DESKTOP_SESSION_LOGOFF, EventType.ADMIN_DESKTOP_SESSION_LOGOFF_FAILED,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_LOGOFF_REQUEST_SENT,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_LOGOFF_REQUEST_SEND_FAILED,
            EventType.SESSION_LOGOFF_REQUESTED),
    RESET("reset",
            Set.of(Privilege.MACHINE_REBOOT),
            EventType.ADMIN_DESKTOP_SESSION_REBOOTED, EventType.ADMIN_DESKTOP_SESSION_REBOOT_FAILED,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_RESET_REQUEST_SENT,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_RESET_REQUEST_SEND_FAILED,
            EventType.SESSION_RESET_REQUESTED),
    RESTART("restart",
            Set.of(Privilege.MACHINE_REBOOT),
            EventType.ADMIN_DESKTOP_SESSION_RESTARTED, EventType.ADMIN_DESKTOP_SESSION_RESTART_FAILED,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_RESTART_REQUEST_SENT,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_RESTART_REQUEST_SEND_FAILED,
            EventType.SESSION_RESTART_REQUESTED),
    SEND_MESSAGE("send-message",
            Set.of(Privilege.MACHINE_MANAGE_VDI_SESSION, Privilege.POOL_MANAGEMENT),
            EventType.ADMIN_SESSION_SENDMSG, EventType.ADMIN_SESSION_SENDMSG_FAILED,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_SEND_MESSAGE_REQUEST_SENT,
            EventType.VLSI_FEDERATED_DESKTOP_SESSION_SEND_MESSAGE_REQUEST_SEND_FAILED,
            EventType.SESSION_SEND_MESSAGE_REQUESTED);

    private final String pathSegment;
    private final Set<Privilege> localPrivileges;
    private final EventType localSucceeded;
    private final EventType localFailed;
    private final EventType federatedSent;
    private final EventType federatedSendFailed;
    private final EventType requested;

    SessionAction(String pathSegment, Set<Privilege> localPrivileges, EventType localSucceeded,
            EventType localFailed, EventType federatedSent, EventType federatedSendFailed, EventType requested) {
        this.pathSegment = pathSegment;
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

    public static Optional<SessionAction> fromPathSegment(String segment) {
        return Arrays.stream(values()).filter(a -> a.pathSegment.equals(segment)).findFirst();
    }
}
