package io.sessionplane.contracts.session;

/** Horizon session types: DESKTOP covers VDI and RDS desktops. */
public enum SessionType {
    DESKTOP, APPLICATION
}
