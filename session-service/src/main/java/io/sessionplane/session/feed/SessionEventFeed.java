package io.sessionplane.session.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.kit.error.ApiException;
import io.sessionplane.session.config.SessionServiceConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The live feed of session.events.v1: one tailing consumer and ring per instance, streams opened on it under the
 * per-operator and total limits, and the replay threads of streams that start behind the ring.
 */
@ApplicationScoped
public class SessionEventFeed {
    private static final Logger LOG = Logger.getLogger(SessionEventFeed.class);

    @Inject
    SessionServiceConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private final Set<FeedStream> streams = ConcurrentHashMap.newKeySet();
    private SessionServiceConfig.Feed feed;
    private FeedRing ring;
    private FeedMetrics metrics;
    private EventRecords records;
    private StreamLimits limits;
    private EventTailer tailer;
    private Semaphore replaySlots;
    private ExecutorService replays;

    void start(@Observes StartupEvent startup) {
        feed = config.feed();
        if (feed.clientBuffer() > feed.ringSize()) {
            throw new IllegalStateException("sessionplane.feed.client-buffer (" + feed.clientBuffer()
                    + ") cannot exceed sessionplane.feed.ring-size (" + feed.ringSize() + "): the ring holds the buffer");
        }
        ring = new FeedRing(feed.ringSize());
        metrics = new FeedMetrics(registry, streams, ring);
        records = new EventRecords(kafka, metrics);
        limits = new StreamLimits(feed.maxStreamsPerOperator(), feed.maxStreams());
        replaySlots = new Semaphore(feed.maxReplays());
        AtomicInteger replayThreads = new AtomicInteger();
        replays = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "session-events-replay-" + replayThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        tailer = new EventTailer(records, ring);
        tailer.start();
    }

    /** Streams end with {@code event: closed} and their cursor, so clients resume on another instance at once. */
    void stop(@Observes ShutdownEvent shutdown) {
        streams.forEach(stream -> stream.close(FeedStream.Close.SHUTDOWN));
        tailer.stop();
        replays.shutdownNow();
    }

    /**
     * Opens a stream for the caller from {@code cursor} (null: from now), narrowed to its session and filter. Called
     * on the request's event loop; the returned Multi emits on it.
     *
     * @param tokenExpiresAtMillis when the caller's token expires: the stream closes then (0: never)
     */
    public Multi<OutboundSseEvent> open(Caller caller, long tokenExpiresAtMillis, String sessionId, String filterJson,
            String cursorText, HttpServerRequest request, Sse sse) {
        var filter = EventFilter.parse(filterJson);
        if (!ring.ready()) {
            metrics.refused("not-ready");
            throw ApiException.unavailable("the event feed is still connecting to Kafka").retryAfter(5);
        }
        FeedCursor cursor = cursorText == null || cursorText.isBlank() ? null
                : FeedCursor.parse(cursorText.strip(), ring.partitions());
        Predicate<SessionEvent> visible = event -> caller.mayView(event.accessGroupId(), event.federated())
                && (sessionId == null || sessionId.equals(event.sessionId()))
                && EventFilter.matches(filter, event);
        try {
            limits.acquire(caller.name());
        } catch (ApiException e) {
            metrics.refused("limit");
            throw e;
        }
        Context context = Vertx.currentContext();
        FeedStream stream = new FeedStream(this, context, request, sse, caller.name(), visible, tokenExpiresAtMillis);
        streams.add(stream);
        try {
            FeedRing.Attachment attachment = ring.attach(stream, cursor == null ? null : cursor.toArray(), maxPending());
            if (attachment != null) {
                stream.goLive(attachment);
            } else {
                replay(stream, cursor.toArray());
            }
        } catch (RuntimeException e) {
            ended(stream);
            throw e;
        }
        return Multi.createFrom().<OutboundSseEvent>emitter(stream::subscribed, BackPressureStrategy.ERROR);
    }

    /** Catching up from the ring is allowed while at most half the client buffer waits; beyond, from Kafka. */
    private int maxPending() {
        return feed.clientBuffer() / 2;
    }

    private void replay(FeedStream stream, long[] from) {
        if (!replaySlots.tryAcquire()) {
            metrics.refused("replays");
            throw ApiException.unavailable("too many event streams are catching up from Kafka right now")
                    .retryAfter(5);
        }
        stream.startReplay(from);
        metrics.replayed();
        try {
            replays.execute(new EventReplay(records, ring, stream, from, maxPending(), replaySlots::release));
        } catch (RuntimeException e) {
            replaySlots.release();
            throw e;
        }
    }

    /** A stream is over: its places in the limits and the ring are free. */
    void ended(FeedStream stream) {
        if (streams.remove(stream)) {
            ring.detach(stream);
            limits.release(stream.operator());
            LOG.debugf("event stream of %s ended", stream.operator());
        }
    }

    SessionServiceConfig.Feed config() {
        return feed;
    }

    FeedRing ring() {
        return ring;
    }

    FeedMetrics metrics() {
        return metrics;
    }

    /** For tests and diagnostics: the streams open now. */
    List<FeedStream> openStreams() {
        return List.copyOf(streams);
    }
}
