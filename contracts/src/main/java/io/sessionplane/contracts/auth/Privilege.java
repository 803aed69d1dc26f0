package io.sessionplane.contracts.auth;

/**
 * Horizon privileges used by SessionPlane. Local privileges are granted on an access group and cover
 * its descendants; federated privileges apply to sessions of other pods.
 */
public enum Privilege {
    MACHINE_VIEW,
    POOL_VIEW,
    MACHINE_MANAGE_VDI_SESSION,
    POOL_MANAGEMENT,
    MACHINE_REBOOT,
    MACHINE_MANAGEMENT,
    REMOTE_ASSISTANCE,
    /** Reading audit events (the default audit privilege of audit-service). */
    GLOBAL_CONFIG_VIEW,
    FEDERATED_SESSIONS_VIEW(true),
    FEDERATED_SESSIONS_MANAGE(true);

    private final boolean federated;

    Privilege() {
        this(false);
    }

    Privilege(boolean federated) {
        this.federated = federated;
    }

    /** Federated privileges are not tied to an access group. */
    public boolean federated() {
        return federated;
    }

    /** Parses a privilege name, or returns null when the name is unknown. */
    public static Privilege parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
