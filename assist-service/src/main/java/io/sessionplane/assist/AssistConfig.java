package io.sessionplane.assist;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * {@code sessionplane.assist.*}: the oldest helpdesk plugin WS1 Assist accepts; share-space lifetimes, links, key.
 * Defaults live once, in application.properties; every key can be overridden by an environment variable. The jobs'
 * schedules read {@code sweep-interval} and {@code purge-interval} through {@code ${…}} expressions.
 */
@ConfigMapping(prefix = "sessionplane.assist")
public interface AssistConfig {
    /** Agents with an older helpdesk plugin report HELPDESK_PLUGIN_OUTDATED. */
    String minimumPluginVersion();

    /** Longest wait in WAIT_USER_CONFIRM. */
    Duration confirmTtl();

    /** Longest wait in WAIT_USER_ACCESS. */
    Duration accessTtl();

    /** Longest an OPEN space stays open. */
    Duration openTtl();

    /** How often the share-space sweep runs (its schedule's expression reads the same key). */
    String sweepInterval();

    /** How long an ended session stays in session_view before it is purged. */
    Duration endedSessionRetention();

    /**
     * How often ended sessions are purged: read by the job's schedule expression; declared here because the mapping
     * refuses unknown keys under its prefix, so a misspelt override fails at startup.
     */
    String purgeInterval();

    String privateLinkBase();

    String internetLinkBase();

    /** Base64 of a 32-byte AES key. */
    String passwordKey();
}
