package io.sessionplane.contracts.assist;

/** What a record on {@code assist.invitations.v1} asks the desktop's agent to do. */
public enum InvitationKind {
    /** Show the user the remote-assistance request. */
    INVITE,
    /** The share space closed on the control-plane side (cancel, timeout): withdraw it from the user. */
    WITHDRAW
}
