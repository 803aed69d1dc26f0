package io.sessionplane.kit.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CoalescerTest {
    /** Flushes that complete only when the test says so, and what each was given. */
    private final List<List<Integer>> flushed = new CopyOnWriteArrayList<>();
    private final List<UniEmitter<? super List<Integer>>> running = new CopyOnWriteArrayList<>();

    private Coalescer<Integer, List<Integer>> coalescer(int maxInFlight, int maxItems) {
        return new Coalescer<>(items -> Uni.createFrom().emitter(emitter -> {
            flushed.add(List.copyOf(items));
            running.add(emitter);
        }), maxInFlight, maxItems);
    }

    @Test
    void aLoneSubmissionIsFlushedAtOnce() {
        Coalescer<Integer, List<Integer>> coalescer = coalescer(1, 100);
        var result = coalescer.submit(List.of(1, 2)).subscribeAsCompletionStage();
        assertThat(flushed).containsExactly(List.of(1, 2));
        running.get(0).complete(List.of(1, 2));
        assertThat(result).isCompletedWithValue(List.of(1, 2));
    }

    @Test
    void submissionsArrivingDuringAFlushShareTheNextOne() {
        Coalescer<Integer, List<Integer>> coalescer = coalescer(1, 100);
        var first = coalescer.submit(List.of(1)).subscribeAsCompletionStage();
        var second = coalescer.submit(List.of(2)).subscribeAsCompletionStage();
        var third = coalescer.submit(List.of(3, 4)).subscribeAsCompletionStage();
        assertThat(flushed).containsExactly(List.of(1));
        running.get(0).complete(List.of(1));
        assertThat(first).isCompletedWithValue(List.of(1));
        // The two that waited go together, in one flush, and each gets that flush's result.
        assertThat(flushed).containsExactly(List.of(1), List.of(2, 3, 4));
        assertThat(second).isNotDone();
        running.get(1).complete(List.of(2, 3, 4));
        assertThat(second).isCompletedWithValue(List.of(2, 3, 4));
        assertThat(third).isCompletedWithValue(List.of(2, 3, 4));
    }

    @Test
    void flushesRunSideBySideUpToTheLimitAndTakeWholeSubmissionsUpToTheItemBound() {
        Coalescer<Integer, List<Integer>> coalescer = coalescer(2, 3);
        List<java.util.concurrent.CompletableFuture<List<Integer>>> results = new ArrayList<>();
        for (List<Integer> items : List.of(List.of(1), List.of(2), List.of(3, 4), List.of(5), List.of(6, 7, 8, 9))) {
            results.add(coalescer.submit(items).subscribeAsCompletionStage());
        }
        assertThat(flushed).containsExactly(List.of(1), List.of(2));
        running.get(0).complete(List.of());
        // [3, 4] and [5] fit in 3 items; [6..9] is more than 3 on its own and goes alone, never split.
        assertThat(flushed).containsExactly(List.of(1), List.of(2), List.of(3, 4, 5));
        running.get(1).complete(List.of());
        assertThat(flushed).containsExactly(List.of(1), List.of(2), List.of(3, 4, 5), List.of(6, 7, 8, 9));
        running.get(2).complete(List.of());
        running.get(3).complete(List.of());
        assertThat(results).allMatch(java.util.concurrent.CompletableFuture::isDone);
    }

    @Test
    void aFailedFlushFailsEveryoneInItAndTheNextFlushStillRuns() {
        Coalescer<Integer, List<Integer>> coalescer = coalescer(1, 100);
        Uni<List<Integer>> first = coalescer.submit(List.of(1));
        var firstResult = first.subscribeAsCompletionStage();
        var second = coalescer.submit(List.of(2)).subscribeAsCompletionStage();
        var third = coalescer.submit(List.of(3)).subscribeAsCompletionStage();
        running.get(0).fail(new IllegalStateException("database away"));
        assertThat(firstResult).isCompletedExceptionally();
        assertThat(flushed).containsExactly(List.of(1), List.of(2, 3));
        running.get(1).fail(new IllegalStateException("still away"));
        assertThatThrownBy(() -> second.get()).hasRootCauseMessage("still away");
        assertThatThrownBy(() -> third.get()).hasRootCauseMessage("still away");
        var fourth = coalescer.submit(List.of(4)).subscribeAsCompletionStage();
        running.get(2).complete(List.of(4));
        assertThat(fourth).succeedsWithin(Duration.ofSeconds(1)).isEqualTo(List.of(4));
    }

    @Test
    void aFlushThatThrowsInsteadOfFailingDoesNotStopTheCoalescer() {
        List<Integer> calls = new CopyOnWriteArrayList<>();
        Coalescer<Integer, Integer> coalescer = new Coalescer<>(items -> {
            calls.addAll(items);
            if (items.contains(1)) {
                throw new IllegalArgumentException("bad item");
            }
            return Uni.createFrom().item(items.size());
        }, 1, 100);
        assertThatThrownBy(() -> coalescer.submit(List.of(1)).await().atMost(Duration.ofSeconds(1)))
                .hasMessage("bad item");
        assertThat(coalescer.submit(List.of(2, 3)).await().atMost(Duration.ofSeconds(1))).isEqualTo(2);
        assertThat(calls).containsExactly(1, 2, 3);
    }
}
