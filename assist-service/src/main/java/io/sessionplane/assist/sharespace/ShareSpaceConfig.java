package io.sessionplane.assist.sharespace;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code sessionplane.assist.*}: share-space lifetimes, links and the password key. */
@ConfigMapping(prefix = "sessionplane.assist")
public interface ShareSpaceConfig {
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
