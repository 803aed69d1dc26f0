package io.sessionplane.session.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * {@code sessionplane_feed_*}: open streams, events sent, closes by reason, replays from Kafka, and how many events
 * wait for the slowest client now ({@code buffered_events}) and at most since start ({@code buffered_events_max}).
 */
final class FeedMetrics {
    private final MeterRegistry registry;
    private final Counter sent;
    private final Counter replays;
    private final Counter poison;
    private final AtomicLong bufferedMax = new AtomicLong();

    FeedMetrics(MeterRegistry registry, Set<FeedStream> streams, FeedRing ring) {
        this.registry = registry;
        sent = registry.counter("sessionplane.feed.events.sent");
        replays = registry.counter("sessionplane.feed.replays");
        poison = registry.counter("sessionplane.feed.unreadable.records");
        gauge("sessionplane.feed.streams.active", streams, Set::size, "open event streams on this instance");
        gauge("sessionplane.feed.buffered.events", streams,
                all -> all.stream().mapToLong(FeedStream::buffered).max().orElse(0),
                "events waiting for the slowest open stream");
        gauge("sessionplane.feed.buffered.events.max", bufferedMax, AtomicLong::get,
                "the most events that ever waited for one stream (at most client-buffer)");
        gauge("sessionplane.feed.ring.events", ring, FeedRing::size, "recent events held for all streams");
        for (FeedStream.Close close : FeedStream.Close.values()) {
            registry.counter("sessionplane.feed.closes", "reason", close.tag());
        }
    }

    private <T> void gauge(String name, T target, ToDoubleFunction<T> value, String description) {
        Gauge.builder(name, target, value).description(description).register(registry);
    }

    void sent() {
        sent.increment();
    }

    void replayed() {
        replays.increment();
    }

    void unreadable() {
        poison.increment();
    }

    void buffered(long events) {
        bufferedMax.accumulateAndGet(events, Math::max);
    }

    void closed(FeedStream.Close why) {
        registry.counter("sessionplane.feed.closes", "reason", why.tag()).increment();
    }

    void refused(String reason) {
        registry.counter("sessionplane.feed.refusals", "reason", reason).increment();
    }
}
