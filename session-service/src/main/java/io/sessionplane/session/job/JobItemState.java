package io.sessionplane.session.job;

/** Where one session of a job is. Outcomes (succeeded, failed) come from its command's status. */
public enum JobItemState {
    /** Found; nothing sent yet (or only warnings). */
    TARGETED,
    /** Its action command is on Kafka. */
    ACCEPTED,
    /** Refused by privileges or the state rules (status code and error say which). */
    REFUSED,
    /** Not acted on: it ended by itself, started after the last warning, or its warning was not delivered. */
    SKIPPED,
    /** The job was cancelled before its command was sent. */
    CANCELLED,
    /** Preview only: the action would be sent. */
    WOULD_ACT
}
