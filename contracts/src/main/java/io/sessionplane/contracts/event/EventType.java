package io.sessionplane.contracts.event;


/**
 * The event-type catalogue. Horizon names come from the Session and WS1Assist service seeds and, for AGENT_*, from
 * Horizon Console Administration's "Horizon Agent Events"; the
 * SESSION_*_REQUESTED and REMOTE_ASSISTANCE_* types are SessionPlane's own (Horizon has no share spaces and
 * records requests only implicitly).
 */
public enum EventType {
    /** Horizon Agent events: the life of a session as its agent reports it (module Agent). */
    AGENT_PENDING("Agent", Severity.INFO),
    AGENT_PENDING_EXPIRED("Agent", Severity.WARNING),
    AGENT_CONNECTED("Agent", Severity.INFO),
    AGENT_DISCONNECTED("Agent", Severity.INFO),
    AGENT_RECONNECTED("Agent", Severity.INFO),
    AGENT_ENDED("Agent", Severity.INFO),

    ADMIN_DESKTOP_SESSION_DISCONNECTED("Admin", Severity.AUDIT_SUCCESS),
    ADMIN_DESKTOP_SESSION_DISCONNECT_FAILED("Admin", Severity.AUDIT_FAIL),
    ADMIN_DESKTOP_SESSION_LOGOFF("Admin", Severity.AUDIT_SUCCESS),
    ADMIN_DESKTOP_SESSION_LOGOFF_FAILED("Admin", Severity.AUDIT_FAIL),
    ADMIN_DESKTOP_SESSION_REBOOTED("Admin", Severity.AUDIT_SUCCESS),
    ADMIN_DESKTOP_SESSION_REBOOT_FAILED("Admin", Severity.AUDIT_FAIL),
    ADMIN_DESKTOP_SESSION_RESTARTED("Admin", Severity.AUDIT_SUCCESS),
    ADMIN_DESKTOP_SESSION_RESTART_FAILED("Admin", Severity.AUDIT_FAIL),
    ADMIN_SESSION_SENDMSG("Admin", Severity.AUDIT_SUCCESS),
    ADMIN_SESSION_SENDMSG_FAILED("Admin", Severity.AUDIT_FAIL),

    VLSI_FEDERATED_DESKTOP_SESSION_DISCONNECT_REQUEST_SENT("Vlsi", Severity.INFO),
    VLSI_FEDERATED_DESKTOP_SESSION_DISCONNECT_REQUEST_SEND_FAILED("Vlsi", Severity.WARNING),
    VLSI_FEDERATED_DESKTOP_SESSION_LOGOFF_REQUEST_SENT("Vlsi", Severity.INFO),
    VLSI_FEDERATED_DESKTOP_SESSION_LOGOFF_REQUEST_SEND_FAILED("Vlsi", Severity.WARNING),
    VLSI_FEDERATED_DESKTOP_SESSION_RESET_REQUEST_SENT("Vlsi", Severity.INFO),
    VLSI_FEDERATED_DESKTOP_SESSION_RESET_REQUEST_SEND_FAILED("Vlsi", Severity.WARNING),
    VLSI_FEDERATED_DESKTOP_SESSION_RESTART_REQUEST_SENT("Vlsi", Severity.INFO),
    VLSI_FEDERATED_DESKTOP_SESSION_RESTART_REQUEST_SEND_FAILED("Vlsi", Severity.WARNING),
    VLSI_FEDERATED_DESKTOP_SESSION_SEND_MESSAGE_REQUEST_SENT("Vlsi", Severity.INFO),
    VLSI_FEDERATED_DESKTOP_SESSION_SEND_MESSAGE_REQUEST_SEND_FAILED("Vlsi", Severity.WARNING),

    HELPDESK_GET_WS1_ASSIST_AGENT_ID("Helpdesk", Severity.AUDIT_SUCCESS),

    /**
     * SessionPlane's own: the agent received a command after its {@code expires_at} (it was away, or the command
     * waited on the topic) and did not execute it. The outcome of any action.
     */
    SESSION_COMMAND_EXPIRED("SessionPlane", Severity.AUDIT_FAIL),

    SESSION_DISCONNECT_REQUESTED("SessionPlane", Severity.INFO),
    SESSION_LOGOFF_REQUESTED("SessionPlane", Severity.INFO),
    SESSION_RESET_REQUESTED("SessionPlane", Severity.INFO),
    SESSION_RESTART_REQUESTED("SessionPlane", Severity.INFO),
    SESSION_SEND_MESSAGE_REQUESTED("SessionPlane", Severity.INFO),

    /** A session job was created (an action on a filter or list, maybe scheduled with warnings). */
    SESSION_JOB_CREATED("SessionPlane", Severity.AUDIT_SUCCESS),
    /** A session job sent one of its warnings. */
    SESSION_JOB_WARNED("SessionPlane", Severity.INFO),
    /** A session job sent its action to the sessions it may act on. */
    SESSION_JOB_ACTED("SessionPlane", Severity.INFO),
    /** Every command of a session job has its outcome. */
    SESSION_JOB_COMPLETED("SessionPlane", Severity.AUDIT_SUCCESS),
    /** An operator cancelled a session job; what was not sent is not sent. */
    SESSION_JOB_CANCELLED("SessionPlane", Severity.AUDIT_SUCCESS),
    /** A session job could not go on (its target could not be resolved, its creator may no longer act). */
    SESSION_JOB_FAILED("SessionPlane", Severity.AUDIT_FAIL),

    /** Share space created; waiting for the user to confirm (WAIT_USER_CONFIRM). */
    REMOTE_ASSISTANCE_REQUESTED("RemoteAssistance", Severity.AUDIT_SUCCESS),
    /** The user confirmed; waiting for the user to enable access (WAIT_USER_ACCESS). */
    REMOTE_ASSISTANCE_USER_CONFIRMED("RemoteAssistance", Severity.INFO),
    /** The user enabled access; the share space is OPEN. */
    REMOTE_ASSISTANCE_OPENED("RemoteAssistance", Severity.INFO),
    /** The user left an open share space (CLOSE). */
    REMOTE_ASSISTANCE_ENDED("RemoteAssistance", Severity.INFO),
    /** An operator cancelled (CLOSE). */
    REMOTE_ASSISTANCE_CANCELLED("RemoteAssistance", Severity.AUDIT_SUCCESS),
    /** The user refused (CLOSE). */
    REMOTE_ASSISTANCE_REFUSED("RemoteAssistance", Severity.WARNING),
    /** A waiting state outlived its time-to-live (CLOSE). */
    REMOTE_ASSISTANCE_TIMED_OUT("RemoteAssistance", Severity.WARNING);

    private final String module;
    private final Severity defaultSeverity;

    EventType(String module, Severity defaultSeverity) {
        this.module = module;
        this.defaultSeverity = defaultSeverity;
    }

    /** The Horizon {@code module} column of the audit record. */
    public String module() {
        return module;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }
}
