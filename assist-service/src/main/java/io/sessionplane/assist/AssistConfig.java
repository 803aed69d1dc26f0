package io.sessionplane.assist;

import io.smallrye.config.ConfigMapping;
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

    String privateLinkBase();

    String internetLinkBase();

    /** Base64 of a 32-byte AES key. */
    String passwordKey();
}
