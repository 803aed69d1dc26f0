package io.sessionplane.session.feed;

import io.sessionplane.kit.error.ApiException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Open streams per operator and in all on this instance; a stream over either limit is refused with 429. */
final class StreamLimits {
    /** The Horizon-style key of the refusal (session-service's inventory family). */
    static final String TOO_MANY_STREAMS = "inventory.session.events.too.many.streams";
    /** Streams end when clients go away; a few seconds is when trying again makes sense. */
    private static final long RETRY_AFTER_SECONDS = 5;

    private final int perOperator;
    private final int total;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AtomicInteger all = new AtomicInteger();

    StreamLimits(int perOperator, int total) {
        this.perOperator = perOperator;
        this.total = total;
    }

    /** Takes one place for the operator, or throws the 429 with Retry-After. */
    void acquire(String operator) {
        if (all.incrementAndGet() > total) {
            all.decrementAndGet();
            throw new ApiException(429, TOO_MANY_STREAMS, "this instance already serves " + total
                    + " event streams").retryAfter(RETRY_AFTER_SECONDS);
        }
        AtomicInteger mine = open.computeIfAbsent(operator, name -> new AtomicInteger());
        if (mine.incrementAndGet() > perOperator) {
            mine.decrementAndGet();
            all.decrementAndGet();
            throw new ApiException(429, TOO_MANY_STREAMS, operator + " already has " + perOperator
                    + " event streams open; close one first").retryAfter(RETRY_AFTER_SECONDS);
        }
    }

    void release(String operator) {
        AtomicInteger mine = open.get(operator);
        if (mine != null) {
            mine.decrementAndGet();
            // Leaves at most one counter per operator who ever streamed; removing races with acquire for nothing.
        }
        all.decrementAndGet();
    }

    int open() {
        return all.get();
    }
}
