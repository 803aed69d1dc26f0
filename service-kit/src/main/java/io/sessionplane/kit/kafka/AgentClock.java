package io.sessionplane.kit.kafka;

import java.time.Duration;

/**
 * Times that agents report are trusted only up to a clock skew: a snapshot "observed" far in the future would win
 * every later observed_at comparison and freeze its session's read model, so such records are refused (dead-lettered)
 * instead.
 */
public final class AgentClock {
    /** How far ahead of this server's clock an agent's time may be. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private AgentClock() {
    }

    /** The time, unless it lies beyond the skew ahead of now (then the record is refused). */
    public static long notInTheFuture(long epochMillis, String field) {
        long ahead = epochMillis - System.currentTimeMillis();
        if (ahead > MAX_SKEW.toMillis()) {
            throw new IllegalArgumentException(field + " is " + Duration.ofMillis(ahead).toSeconds()
                    + " s in the future, beyond the " + MAX_SKEW.toMinutes() + " min clock skew agents may have");
        }
        return epochMillis;
    }
}
