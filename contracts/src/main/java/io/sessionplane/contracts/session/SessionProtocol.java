package io.sessionplane.contracts.session;

/** Horizon display protocols. */
public enum SessionProtocol {
    PCOIP, RDP, BLAST, CONSOLE, UNKNOWN
}
