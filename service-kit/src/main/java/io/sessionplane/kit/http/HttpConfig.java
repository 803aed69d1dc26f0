package io.sessionplane.kit.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** HTTP settings every service shares ({@code sessionplane.http.*}, e.g. {@code SESSIONPLANE_HTTP_REQUEST_DEADLINE}). */
@ConfigMapping(prefix = "sessionplane.http")
public interface HttpConfig {

    /**
     * The longest a request waits for a stalled PostgreSQL or broker before it answers 503. Below the 5 s a typical
     * client or proxy gives up after, above the 2.5 s a command's broker send may take before it fails.
     */
    @WithDefault("3s")
    Duration requestDeadline();

    /** The {@code Retry-After} of that 503, in seconds. */
    @WithDefault("5")
    int retryAfterSeconds();
}
