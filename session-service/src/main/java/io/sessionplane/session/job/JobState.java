package io.sessionplane.session.job;

/** Where a session job is. */
public enum JobState {
    /** Waiting for its first step (its first warning, or the action). */
    SCHEDULED,
    /** Its warnings are being sent, or it waits between them. */
    WARNING,
    /** Its action is being sent, or it waits for the action's outcomes. */
    RUNNING,
    /** Every command of the action has its outcome. */
    COMPLETED,
    /** Cancelled: what had not been sent was not sent. */
    CANCELLED,
    /** It could not go on (see its note). */
    FAILED,
    /** A preview-only job: what would happen to each session is decided, nothing was sent. */
    PREVIEWED;

    boolean active() {
        return this == SCHEDULED || this == WARNING || this == RUNNING;
    }
}
