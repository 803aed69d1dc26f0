package io.sessionplane.contracts.session;

/** Horizon session states. */
public enum SessionState {
    CONNECTED, DISCONNECTED, PENDING
}
