package io.sessionplane.kit.lifecycle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How an instance stops ({@code sessionplane.stop.*}, e.g. {@code SESSIONPLANE_STOP_DRAIN_TIMEOUT}). */
@ConfigMapping(prefix = "sessionplane.stop")
public interface StopConfig {

    /**
     * The longest the stop waits for the consumer batches under way before the database pool closes. A batch still
     * running then (the database away, say) is not committed: its records go to the next owner of their partitions.
     */
    @WithDefault("PT10S")
    Duration drainTimeout();

    /**
     * The least the stop waits after pausing the channels: a poll under way when they paused still delivers what it
     * fetched, and handled now it is not left for the next owner. Twice the connector's {@code poll-timeout} covers it.
     */
    @WithDefault("PT0.5S")
    Duration drainSettle();
}
