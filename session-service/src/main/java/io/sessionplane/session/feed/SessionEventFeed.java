package io.sessionplane.session.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.kit.error.ApiException;
import io.sessionplane.session.config.SessionServiceConfig;
import io.smallrye.common.annotation.Identifier;
import io.sessionplane.kit.auth.revocation.RevokedTokens;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
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

    @Inject
    RevokedTokens revokedTokens;

    private final Set<FeedStream> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;
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
        tailer = new EventTailer(records, ring, feed.batchWindow());
        tailer.start();
        // Logout ends the streams its access tokens opened, here and on every other instance.
        revokedTokens.onRevoked(tokenId -> streams.stream().filter(stream -> tokenId.equals(stream.tokenId()))
                .forEach(stream -> stream.close(FeedStream.Close.TOKEN_REVOKED)));
    }

    /**
     * The stop begins (readiness goes DOWN, new requests still come for {@code quarkus.shutdown.delay}): streams end
     * now with {@code event: closed} and their cursor, so clients resume on another instance at once. Left open, each
     * would hold the HTTP server's graceful stop for all of {@code quarkus.shutdown.timeout} (20 s) and then be cut
     * without its closing event.
     */
    void draining(@Observes ShutdownDelayInitiatedEvent stopping) {
        draining = true;
        streams.forEach(stream -> stream.close(FeedStream.Close.SHUTDOWN));
    }

    /** The same, for a stop without the delay; then the tailing consumer and the replays end. */
    void stop(@Observes ShutdownEvent shutdown) {
        draining(null);
        tailer.stop();
        replays.shutdownNow();
    }

    /**
     * Opens a stream for the caller from {@code cursor} (null: from now), narrowed to its session and filter. Called
     * on the request's event loop; the stream writes on it once Quarkus REST has written the response head. A refusal
     * is thrown before anything is written (and mapped to its error body).
     *
     * @param opener the operator and its access token: the stream closes when the token expires or is revoked
     */
    public void open(Caller caller, FeedStream.Opener opener, String sessionId, String filterJson,
            String cursorText, HttpServerResponse response, SseEventSink sink, Sse sse) {
        var filter = EventFilter.parse(filterJson);
        if (draining) {
            // Not opened only to be closed: a 503 sends the client to another instance after Retry-After.
            metrics.refused("stopping");
            throw ApiException.unavailable("this instance is shutting down; reconnect").retryAfter(1);
        }
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
        FeedStream stream = new FeedStream(this, context, response, sink, opener, visible);
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
        if (draining) {
            // The stop began while this stream was being opened, after draining() had closed the others.
            stream.close(FeedStream.Close.SHUTDOWN);
        }
        // The sink tells when the connection closes (client gone, or the stream ended it).
        SseBroadcaster closes = sse.newBroadcaster();
        closes.register(sink);
        closes.onClose(closed -> stream.terminated());
        stream.start();
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
