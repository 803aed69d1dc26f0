package io.sessionplane.kit.batch;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs the work of concurrent requests together: items submitted while {@code maxInFlight} flushes are running wait
 * and go in the next flush, which does one statement (one round trip, one commit) for all of them. Nothing waits for
 * a timer, so a lone request is flushed at once; under load the batches grow by themselves with the arrival rate.
 * Each submitter gets the flush's whole result (it picks its own part) on the Vert.x context it submitted from.
 *
 * @param <T> an item of work (a session id to read, a row to write)
 * @param <R> what one flush yields for all of its items
 */
public final class Coalescer<T, R> {
    private record Pending<T, R>(List<T> items, UniEmitter<? super R> emitter, Context context) {
    }

    private final Function<List<T>, Uni<R>> flush;
    private final int maxInFlight;
    private final int maxItems;
    private final ArrayDeque<Pending<T, R>> waiting = new ArrayDeque<>();
    private int inFlight;

    /**
     * @param flush       does the work of all items at once
     * @param maxInFlight how many flushes may run at the same time (each holds one pooled connection)
     * @param maxItems    a flush takes whole submissions up to about this many items
     */
    public Coalescer(Function<List<T>, Uni<R>> flush, int maxInFlight, int maxItems) {
        this.flush = flush;
        this.maxInFlight = maxInFlight;
        this.maxItems = maxItems;
    }

    /** Completes with the result of the flush that carried these items, or fails with its failure. */
    public Uni<R> submit(List<T> items) {
        return Uni.createFrom().emitter(emitter -> {
            List<Pending<T, R>> batch;
            synchronized (this) {
                waiting.add(new Pending<>(items, emitter, Vertx.currentContext()));
                batch = takeBatch();
            }
            if (batch != null) {
                run(batch);
            }
        });
    }

    /** The next batch if a flush may start now (the caller then runs it); called holding the lock. */
    private List<Pending<T, R>> takeBatch() {
        if (inFlight >= maxInFlight || waiting.isEmpty()) {
            return null;
        }
        inFlight++;
        List<Pending<T, R>> batch = new ArrayList<>();
        int items = 0;
        while (!waiting.isEmpty() && (batch.isEmpty() || items + waiting.peek().items().size() <= maxItems)) {
            Pending<T, R> next = waiting.poll();
            items += next.items().size();
            batch.add(next);
        }
        return batch;
    }

    private void run(List<Pending<T, R>> batch) {
        List<T> all = new ArrayList<>();
        batch.forEach(pending -> all.addAll(pending.items()));
        Uni<R> work;
        try {
            work = flush.apply(all);
        } catch (RuntimeException e) {
            work = Uni.createFrom().failure(e);
        }
        work.subscribe().with(result -> finish(batch, result, null), failure -> finish(batch, null, failure));
    }

    private void finish(List<Pending<T, R>> batch, R result, Throwable failure) {
        List<Pending<T, R>> next;
        // The slot is given back before anyone is told: a submitter whose continuation throws must not keep it.
        synchronized (this) {
            inFlight--;
            next = takeBatch();
        }
        for (Pending<T, R> pending : batch) {
            Runnable complete = failure == null ? () -> pending.emitter().complete(result)
                    : () -> pending.emitter().fail(failure);
            if (pending.context() == null || pending.context() == Vertx.currentContext()) {
                try {
                    complete.run();
                } catch (RuntimeException e) {
                    // The submitter's own failure, delivered to it by Mutiny; the others are still told.
                }
            } else {
                pending.context().runOnContext(ignored -> complete.run());
            }
        }
        if (next != null) {
            run(next);
        }
    }
}
