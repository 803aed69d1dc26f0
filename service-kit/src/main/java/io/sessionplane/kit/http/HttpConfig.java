package io.sessionplane.kit.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.quarkus.runtime.configuration.MemorySize;
import java.time.Duration;
import java.util.Map;

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

    /**
     * The largest request body a path takes: a larger declared {@code Content-Length} is answered 413 in the
     * documented error body before the body is read; a chunked body is held to it while it is read (the HTTP layer's
     * empty 413). {@code quarkus.http.limits.max-body-size} stays the ceiling, set to the largest of these.
     */
    @WithDefault("16K")
    MemorySize maxBodySize();

    /** Larger limits by path prefix, e.g. {@code sessionplane.http.max-body-size-by-path."/rest/x"=8M}. */
    Map<String, MemorySize> maxBodySizeByPath();
}
