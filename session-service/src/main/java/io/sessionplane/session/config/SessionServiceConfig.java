package io.sessionplane.session.config;

import io.sessionplane.session.auth.AccessGroupConfig;
import io.sessionplane.session.auth.AuthConfig;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/**
 * All of session-service's own settings ({@code sessionplane.*}), in one typed mapping; every one can be overridden
 * by an environment variable ({@code SESSIONPLANE_POD_ID}, {@code SESSIONPLANE_INVENTORY_ENDED_RETENTION}, …).
 * Scheduled jobs read their intervals from the same keys through {@code ${…}} expressions.
 */
@ConfigMapping(prefix = "sessionplane")
public interface SessionServiceConfig {

    /** This pod; sessions of other pods are federated. */
    String podId();

    AuthConfig auth();

    AccessGroupConfig accessGroups();

    Inventory inventory();

    Idempotency idempotency();

    interface Inventory {
        /** How long an ended session stays as a marker against late snapshots. */
        Duration endedRetention();

        /** How often ended markers are purged (read by the job's schedule). */
        String purgeInterval();
    }

    interface Idempotency {
        /** How often idempotency records older than 24 hours are deleted (read by the job's schedule). */
        String purgeInterval();
    }

    /** Lets the feature packages inject their own part of the mapping. */
    @ApplicationScoped
    class Parts {
        @Produces
        AuthConfig auth(SessionServiceConfig config) {
            return config.auth();
        }

        @Produces
        AccessGroupConfig accessGroups(SessionServiceConfig config) {
            return config.accessGroups();
        }

        @Produces
        Inventory inventory(SessionServiceConfig config) {
            return config.inventory();
        }
    }
}
