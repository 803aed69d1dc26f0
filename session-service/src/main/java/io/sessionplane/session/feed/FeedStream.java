package io.sessionplane.session.feed;

import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.json.JsonCodec;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * One client's stream. Everything it holds is touched only on its connection's Vert.x context (the tailer, the
 * replay thread and the HTTP layer hand work over with {@link #wake} and {@code runOnContext}), so it needs no locks.
 * It emits only what Quarkus REST requested, and Quarkus requests the next event only once the previous one was
 * written to the socket: a client that stops reading stops the stream, its position in the shared ring falls
 * behind, and past {@code client-buffer} events it is cut off with {@code event: overflow} and its cursor.
 */
final class FeedStream {
    private static final Logger LOG = Logger.getLogger(FeedStream.class);

    /** Why a stream ended, as the closing event says; also the metric's tag. */
    enum Close {
        OVERFLOW("overflow", "the client fell more than the buffer behind the stream"),
        STALLED("overflow", "the client read nothing while events waited"),
        TOKEN_EXPIRED("closed", "the access token expired; reconnect with a fresh one and this cursor"),
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

    private final SessionEventFeed feed;
    private final Context context;
    private final HttpServerRequest request;
    private final Sse sse;
    private final String operator;
    private final Predicate<SessionEvent> visible;
    private final long tokenExpiresAtMillis;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();

    private MultiEmitter<? super OutboundSseEvent> emitter;
    private long[] position;
    private volatile boolean live;
    private long seq;
    private boolean opened;
    private final ArrayDeque<FeedEntry> replayed = new ArrayDeque<>();
    private long[] replayedTo;
    private CompletableFuture<Boolean> replayDrained;
    private OutboundSseEvent closing;
    private volatile boolean closed;
    private boolean terminated;
    private long lastProgressNanos = System.nanoTime();
    private volatile long buffered;
    private long heartbeatTimer = -1;
    private long expiryTimer = -1;
    private long graceTimer = -1;

    FeedStream(SessionEventFeed feed, Context context, HttpServerRequest request, Sse sse, String operator,
            Predicate<SessionEvent> visible, long tokenExpiresAtMillis) {
        this.feed = feed;
        this.context = context;
        this.request = request;
        this.sse = sse;
        this.operator = operator;
        this.visible = visible;
        this.tokenExpiresAtMillis = tokenExpiresAtMillis;
    }

    String operator() {
        return operator;
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

    /** Reads live from the ring from the given attachment (on the context, or before the subscription). */
    void goLive(FeedRing.Attachment attachment) {
        position = attachment.position();
        seq = attachment.seq();
        live = true;
    }

    /** Starts behind the ring: a replay thread feeds batches from Kafka until the ring can take over. */
    void startReplay(long[] from) {
        position = from.clone();
    }

    /** Called when Quarkus REST subscribes to the stream's Multi. */
    void subscribed(MultiEmitter<? super OutboundSseEvent> emitter) {
        this.emitter = emitter;
        emitter.onRequest(n -> wake());
        emitter.onTermination(() -> context.runOnContext(v -> terminated()));
        var vertx = context.owner();
        context.runOnContext(v -> {
            heartbeatTimer = vertx.setPeriodic(feed.config().heartbeat().toMillis(), id -> heartbeat());
            long untilExpiry = tokenExpiresAtMillis - System.currentTimeMillis();
            if (tokenExpiresAtMillis > 0) {
                expiryTimer = vertx.setTimer(Math.max(1, untilExpiry), id -> close(Close.TOKEN_EXPIRED));
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

    private void drain() {
        if (emitter == null || terminated) {
            return;
        }
        if (closed) {
            if (closing != null && emitter.requested() > 0) {
                emitter.emit(closing);
                closing = null;
                emitter.complete();
            }
            return;
        }
        if (!opened) {
            if (emitter.requested() == 0) {
                return;
            }
            // Quarkus REST writes the response head with the first item: this one makes the 200 immediate.
            emitter.emit(sse.newEventBuilder().comment("session events").reconnectDelay(
                    feed.config().reconnectDelay().toMillis()).build());
            opened = true;
        }
        while (!replayed.isEmpty()) {
            if (!take(replayed.peek())) {
                break;
            }
            replayed.poll();
        }
        if (replayed.isEmpty() && replayDrained != null) {
            for (int p = 0; p < position.length && p < replayedTo.length; p++) {
                position[p] = Math.max(position[p], replayedTo[p]);
            }
            CompletableFuture<Boolean> drained = replayDrained;
            replayDrained = null;
            drained.complete(true);
        }
        if (!live) {
            buffered = replayed.size();
            return;
        }
        FeedRing ring = feed.ring();
        // Judged when the stream's turn comes, not only after it: a stream this far behind is cut even if the
        // socket would take the backlog now (its turns come too late for its client).
        long behind = ring.nextSeq() - seq;
        if (behind > feed.config().clientBuffer()) {
            close(Close.OVERFLOW);
            return;
        }
        feed.metrics().buffered(behind);
        while (true) {
            FeedEntry entry = ring.get(seq);
            if (entry == null) {
                break;
            }
            if (entry == FeedRing.EVICTED) {
                close(Close.OVERFLOW);
                return;
            }
            if (!take(entry)) {
                break;
            }
            seq++;
        }
        long lag = ring.nextSeq() - seq;
        if (lag > feed.config().clientBuffer()) {
            close(Close.OVERFLOW);
            return;
        }
        buffered = lag;
        feed.metrics().buffered(lag);
    }

    /**
     * Consumes one record: sends it when it is new to this client (at or past its position on the partition; records
     * behind it are repeats) and for its eyes, skips it otherwise. False when it must be sent but nothing was
     * requested: the caller stops there and comes back to the same record.
     */
    private boolean take(FeedEntry entry) {
        if (entry.offset() < position[entry.partition()]) {
            return true;
        }
        boolean wanted = visible.test(entry.event());
        if (wanted && emitter.requested() == 0) {
            return false;
        }
        position[entry.partition()] = entry.offset() + 1;
        if (wanted) {
            send(entry);
        }
        return true;
    }

    private void send(FeedEntry entry) {
        emitter.emit(sse.newEventBuilder().id(FeedCursor.encode(position)).name(entry.name()).data(entry.json())
                .build());
        lastProgressNanos = System.nanoTime();
        feed.metrics().sent();
    }

    private void heartbeat() {
        if (closed || terminated) {
            return;
        }
        boolean waiting = buffered > 0 && emitter.requested() == 0;
        if (waiting && System.nanoTime() - lastProgressNanos > feed.config().stallTimeout().toNanos()) {
            close(Close.STALLED);
            return;
        }
        if (emitter.requested() > 0) {
            emitter.emit(sse.newEventBuilder().comment("keep-alive").build());
        }
    }

    /**
     * Ends the stream with its closing event (id and data carry the cursor to resume from) as soon as the client
     * takes it; a client that does not within {@code close-grace} has its connection closed. Frees its place in the
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
        closing = sse.newEventBuilder().id(cursor).name(why.event)
                .data(JsonCodec.write(new Closing(why.tag(), why.message, cursor))).build();
        feed.metrics().closed(why);
        LOG.debugf("closing the event stream of %s: %s at %s", operator, why.tag(), cursor);
        graceTimer = context.owner().setTimer(feed.config().closeGrace().toMillis(), id -> {
            if (!terminated) {
                // The client never took the closing event: drop the connection and what is queued on it.
                request.response().reset();
                terminated();
            }
        });
        drain();
    }

    /** The stream is over (completed, cancelled by the client, or cut): release everything it held. */
    private void terminated() {
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
