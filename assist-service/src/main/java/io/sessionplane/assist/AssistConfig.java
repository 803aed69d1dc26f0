package io.sessionplane.assist;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code sessionplane.assist.*}: the oldest helpdesk plugin WS1 Assist accepts; share-space lifetimes, links, key. */
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

    String sweepInterval();

    /** How long an ended session stays in session_view before it is purged. */
    @WithDefault("PT1H")
    Duration endedSessionRetention();

    /** How often ended sessions are purged. */
    @WithDefault("10m")
    String purgeInterval();

    String privateLinkBase();

    String internetLinkBase();

    /** Base64 of a 32-byte AES key. */
    String passwordKey();
}
