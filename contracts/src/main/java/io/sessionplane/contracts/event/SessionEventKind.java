package io.sessionplane.contracts.event;

/** What a {@link SessionEvent} tells; each kind has its own stable, versioned CloudEvents type. */
public enum SessionEventKind {
    /** The session's life as its agent reports it: AGENT_PENDING … AGENT_ENDED. */
    LIFECYCLE("io.sessionplane.session.lifecycle.v1"),
    /** An operator's action was accepted (SESSION_*_REQUESTED): who, what, command id. */
    ACTION_REQUESTED("io.sessionplane.session.action.requested.v1"),
    /** The agent's one outcome of an action (the Horizon ADMIN_* or VLSI_FEDERATED_* type). */
    ACTION_OUTCOME("io.sessionplane.session.action.outcome.v1"),
    /** A remote-assistance transition on the session's desktop (REMOTE_ASSISTANCE_*). */
    REMOTE_ASSISTANCE("io.sessionplane.session.assistance.v1");

    private final String cloudEventType;

    SessionEventKind(String cloudEventType) {
        this.cloudEventType = cloudEventType;
    }

    /** {@code ce_type}: never changes for v1; a breaking change is a new type and a new topic. */
    public String cloudEventType() {
        return cloudEventType;
    }
}
