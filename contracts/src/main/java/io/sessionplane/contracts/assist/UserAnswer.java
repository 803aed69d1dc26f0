package io.sessionplane.contracts.assist;

/** The user's answers to a share-space invitation, relayed by the agent. */
public enum UserAnswer {
    /** Accepted the request: WAIT_USER_CONFIRM → WAIT_USER_ACCESS. */
    CONFIRMED,
    /** Enabled access: WAIT_USER_ACCESS → OPEN. */
    JOINED,
    /** Declined: → CLOSE. */
    REFUSED,
    /** Ended an open assistance: OPEN → CLOSE. */
    LEFT
}
