package io.sessionplane.session.feed;

import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.json.JsonCodec;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * One client's stream. Everything it holds is touched only on its connection's Vert.x context (the tailer, the
 * replay thread and the HTTP layer hand work over with {@link #wake} and {@code runOnContext}), so it needs no locks.
 *
 * <p>It writes the SSE frames itself: each turn puts everything the client has not seen yet (up to
 * {@value #MAX_WRITE_BYTES} bytes) into one write, so a turn costs one write whether it carries one event or a
 * hundred (Quarkus REST's SSE writer costs one write and flush per event). Quarkus REST only writes the response head
 * ({@code text/event-stream}) and owns the request's life through its {@link SseEventSink}. A client that stops
 * reading fills its connection's write queue; the stream then stops taking events, its position in the shared ring
 * falls behind, and past {@code client-buffer} events it is cut off with {@code event: overflow} and its cursor.
 */
final class FeedStream {
    private static final Logger LOG = Logger.getLogger(FeedStream.class);
    /** Most bytes of events one write carries; a client far behind catches up over several turns. */
    static final int MAX_WRITE_BYTES = 64 * 1024;

    /** Why a stream ended, as the closing event says; also the metric's tag. */
    enum Close {
        OVERFLOW("overflow", "the client fell more than the buffer behind the stream"),
        STALLED("overflow", "the client read nothing while events waited"),
        TOKEN_EXPIRED("closed", "the access token expired; reconnect with a fresh one and this cursor"),
        TOKEN_REVOKED("closed", "the access token was revoked (logout); sign in again and reconnect with this cursor"),
        SHUTDOWN("closed", "the service is shutting down; reconnect with this cursor"),
        UNAVAILABLE("closed", "the stream could not be read from Kafka; reconnect with this cursor");

        final String event;
        final String message;

        Close(String event, String message) {
            this.event = event;
            this.message = message;
        }

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** The data of the closing event: why, in words, and where to resume (also its {@code id}). */
    record Closing(String reason, String message, String cursor) {
    }

    /** Who opened the stream: its operator, and the access token it was opened with (id and expiry). */
    record Opener(String operator, String tokenId, long tokenExpiresAtMillis) {
    }

    private final SessionEventFeed feed;
    private final Context context;
    private final HttpServerResponse response;
    private final SseEventSink sink;
    private final Opener opener;
    private final Predicate<SessionEvent> visible;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();

    private long[] position;
    private volatile boolean live;
    private long seq;
    private boolean started;
    private boolean opened;
    private final ArrayDeque<FeedEntry> replayed = new ArrayDeque<>();
    private long[] replayedTo;
    private CompletableFuture<Boolean> replayDrained;
    private Buffer closing;
    private volatile boolean closed;
    private boolean terminated;
    private long lastProgressNanos = System.nanoTime();
    private volatile long buffered;
    private long heartbeatTimer = -1;
    private long expiryTimer = -1;
    private long graceTimer = -1;

    FeedStream(SessionEventFeed feed, Context context, HttpServerResponse response, SseEventSink sink, Opener opener,
            Predicate<SessionEvent> visible) {
        this.feed = feed;
        this.context = context;
        this.response = response;
        this.sink = sink;
        this.opener = opener;
        this.visible = visible;
    }

    String operator() {
        return opener.operator();
    }

    String tokenId() {
        return opener.tokenId();
    }

    /** Events waiting for this client: its lag in the ring, or what is left of a replayed batch. */
    long buffered() {
        return buffered;
    }

    boolean isClosed() {
        return closed;
    }

    /** Reading the ring (not, or no longer, replaying from Kafka). */
    boolean isLive() {
        return live;
    }

    /** Reads live from the ring from the given attachment (on the context, or before the stream starts). */
    void goLive(FeedRing.Attachment attachment) {
        position = attachment.position();
        seq = attachment.seq();
        live = true;
    }

    /** Starts behind the ring: a replay thread feeds batches from Kafka until the ring can take over. */
    void startReplay(long[] from) {
        position = from.clone();
    }

    /**
     * Starts writing, on the context, once Quarkus REST has written the response head (it does right after the
     * resource method returns, in the same turn of the event loop).
     */
    void start() {
        context.runOnContext(v -> {
            if (!response.headWritten()) {
                start();
                return;
            }
            started = true;
            response.drainHandler(ignored -> wake());
            var vertx = context.owner();
            heartbeatTimer = vertx.setPeriodic(feed.config().heartbeat().toMillis(), id -> heartbeat());
            long expiresAt = opener.tokenExpiresAtMillis();
            if (expiresAt > 0) {
                expiryTimer = vertx.setTimer(Math.max(1, expiresAt - System.currentTimeMillis()),
                        id -> close(Close.TOKEN_EXPIRED));
            }
            drain();
        });
    }

    /** Asks for a drain on the context; many wakes before it runs make one drain. */
    void wake() {
        if (wakeScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                wakeScheduled.set(false);
                drain();
            });
        }
    }

    /**
     * Hands over one batch read from Kafka and the consumer's position after it; completes true once the client
     * has taken it all, false when the stream ended first.
     */
    CompletableFuture<Boolean> offerReplay(List<FeedEntry> entries, long[] positionAfter) {
        CompletableFuture<Boolean> drained = new CompletableFuture<>();
        context.runOnContext(v -> {
            if (closed) {
                drained.complete(false);
                return;
            }
            replayed.addAll(entries);
            replayedTo = positionAfter;
            replayDrained = drained;
            drain();
        });
        return drained;
    }

    /** From a replay thread: switches to the ring when it holds this stream's position; true when it did. */
    CompletableFuture<Boolean> tryGoLive(FeedRing ring, int maxPending) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            if (closed) {
                done.complete(false);
                return;
            }
            FeedRing.Attachment attachment = ring.attach(this, position, maxPending);
            if (attachment != null) {
                goLive(attachment);
                drain();
            }
            done.complete(attachment != null);
        });
        return done;
    }

    private boolean writable() {
        return !response.writeQueueFull();
    }

    private void drain() {
        if (!started || terminated) {
            return;
        }
        if (closed) {
            if (closing != null && writable()) {
                response.write(closing);
                closing = null;
                sink.close();
            }
            return;
        }
        if (!writable()) {
            // The drain handler wakes the stream when the client has read; meanwhile it may fall too far behind.
            if (live && feed.ring().nextSeq() - seq > feed.config().clientBuffer()) {
                close(Close.OVERFLOW);
            }
            return;
        }
        Buffer out = Buffer.buffer(1024);
        if (!opened) {
            out.appendString(": session events\nretry: " + feed.config().reconnectDelay().toMillis() + "\n\n");
            opened = true;
        }
        while (!replayed.isEmpty() && out.length() < MAX_WRITE_BYTES) {
            take(replayed.poll(), out);
        }
        if (replayed.isEmpty() && replayDrained != null) {
            for (int p = 0; p < position.length && p < replayedTo.length; p++) {
                position[p] = Math.max(position[p], replayedTo[p]);
            }
            CompletableFuture<Boolean> drained = replayDrained;
            replayDrained = null;
            drained.complete(true);
        }
        Close cut = live ? takeLive(out) : null;
        if (out.length() > 0) {
            response.write(out);
            lastProgressNanos = System.nanoTime();
        }
        if (cut != null) {
            close(cut);
            return;
        }
        buffered = live ? feed.ring().nextSeq() - seq : replayed.size();
        feed.metrics().buffered(buffered);
        if ((buffered > 0 || !replayed.isEmpty()) && writable()) {
            // More is waiting than one write carries: come back after the other streams on this loop had a turn.
            wake();
        }
    }

    /** Takes events from the ring into {@code out}; the reason to cut the stream off, or null. */
    private Close takeLive(Buffer out) {
        FeedRing ring = feed.ring();
        // Judged when the stream's turn comes, not only after it: a stream this far behind is cut even if the
        // socket would take the backlog now (its turns come too late for its client).
        if (ring.nextSeq() - seq > feed.config().clientBuffer()) {
            return Close.OVERFLOW;
        }
        while (out.length() < MAX_WRITE_BYTES) {
            FeedEntry entry = ring.get(seq);
            if (entry == null) {
                break;
            }
            if (entry == FeedRing.EVICTED) {
                return Close.OVERFLOW;
            }
            take(entry, out);
            seq++;
        }
        return null;
    }

    /**
     * Consumes one record: appends its frame when it is new to this client (at or past its position on the
     * partition; records behind it are repeats) and for its eyes, skips it otherwise.
     */
    private void take(FeedEntry entry, Buffer out) {
        if (entry.offset() < position[entry.partition()]) {
            return;
        }
        position[entry.partition()] = entry.offset() + 1;
        if (visible.test(entry.event())) {
            appendFrame(out, FeedCursor.encode(position), entry.name(), entry.json());
            feed.metrics().sent();
        }
    }

    /** One SSE message; the data is one line of JSON (the feed writes it compact). */
    static void appendFrame(Buffer out, String id, String name, String data) {
        out.appendString("id: ").appendString(id).appendString("\nevent: ").appendString(name)
                .appendString("\ndata: ").appendString(data).appendString("\n\n");
    }

    private void heartbeat() {
        if (closed || terminated) {
            return;
        }
        boolean waiting = buffered > 0 && !writable();
        if (waiting && System.nanoTime() - lastProgressNanos > feed.config().stallTimeout().toNanos()) {
            close(Close.STALLED);
            return;
        }
        if (writable()) {
            response.write(": keep-alive\n\n");
        }
    }

    /**
     * Ends the stream with its closing event (id and data carry the cursor to resume from) as soon as the client
     * can take it; a client that cannot within {@code close-grace} has its connection closed. Frees its place in the
     * ring at once.
     */
    void close(Close why) {
        if (Vertx.currentContext() != context) {
            context.runOnContext(v -> close(why));
            return;
        }
        if (closed || terminated) {
            return;
        }
        closed = true;
        feed.ring().detach(this);
        replayed.clear();
        if (replayDrained != null) {
            replayDrained.complete(false);
            replayDrained = null;
        }
        buffered = 0;
        String cursor = FeedCursor.encode(position);
        closing = Buffer.buffer();
        appendFrame(closing, cursor, why.event, JsonCodec.write(new Closing(why.tag(), why.message, cursor)));
        feed.metrics().closed(why);
        LOG.debugf("closing the event stream of %s: %s at %s", operator(), why.tag(), cursor);
        graceTimer = context.owner().setTimer(feed.config().closeGrace().toMillis(), id -> {
            if (!terminated) {
                // The client never took the closing event: drop the connection and what is queued on it.
                response.reset();
                sink.close();
                terminated();
            }
        });
        if (!started) {
            // Closed before its first turn (a shutdown right after it opened): the first turn sends the closing event.
            return;
        }
        drain();
    }

    /** The stream is over (completed, closed by the client, or cut): release everything it held. */
    void terminated() {
        if (Vertx.currentContext() != context) {
            context.runOnContext(v -> terminated());
            return;
        }
        if (terminated) {
            return;
        }
        terminated = true;
        closed = true;
        var vertx = context.owner();
        for (long timer : new long[] {heartbeatTimer, expiryTimer, graceTimer}) {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        }
        feed.ring().detach(this);
        replayed.clear();
        if (replayDrained != null) {
            replayDrained.complete(false);
            replayDrained = null;
        }
        buffered = 0;
        feed.ended(this);
    }
}
