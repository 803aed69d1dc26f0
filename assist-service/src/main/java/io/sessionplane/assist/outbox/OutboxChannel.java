package io.sessionplane.assist.outbox;

/** Where an outbox record goes: the outgoing channel of its topic. */
public enum OutboxChannel {
    /** {@code assist.outcomes.v1}: an AssistOutcome. */
    OUTCOMES,
    /** {@code assist.invitations.v1}: a ShareSpaceInvitation (an invitation or its withdrawal). */
    INVITATIONS
}
