package io.sessionplane.session.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each step is counted once: on its item, its failure, or a cancellation that comes before either. */
class CommandMetricsTest {
    private final CommandMetrics metrics = new CommandMetrics();

    @BeforeEach
    void registerTimers() {
        metrics.registry = new SimpleMeterRegistry();
        metrics.registerStages();
    }

    private long count(CommandMetrics.Stage stage) {
        Timer timer = metrics.registry.get("sessionplane.command.stage").tag("stage", stage.tag).timer();
        return timer.count();
    }

    @Test
    void aStepThatFinishedIsNotCountedAgainWhenTheRequestIsCancelledLater() {
        UniAssertSubscriber<Object> request = metrics.timed(CommandMetrics.Stage.SESSION_READ,
                Uni.createFrom().item(1)).chain(read -> Uni.createFrom().nothing())
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        assertThat(count(CommandMetrics.Stage.SESSION_READ)).isEqualTo(1);
        request.cancel();
        assertThat(count(CommandMetrics.Stage.SESSION_READ)).isEqualTo(1);
    }

    @Test
    void aFailedOrCancelledStepCountsOnceAndNothingIsTimedBeforeSubscription() {
        Uni<Object> failing = metrics.timed(CommandMetrics.Stage.BROKER_ACK,
                Uni.createFrom().failure(new IllegalStateException("broker down")));
        assertThat(count(CommandMetrics.Stage.BROKER_ACK)).isZero();
        failing.subscribe().withSubscriber(UniAssertSubscriber.create()).assertFailedWith(IllegalStateException.class);
        assertThat(count(CommandMetrics.Stage.BROKER_ACK)).isEqualTo(1);

        AtomicBoolean cancelled = new AtomicBoolean();
        UniAssertSubscriber<Object> waiting = metrics.timed(CommandMetrics.Stage.STATUS_WRITE,
                Uni.createFrom().nothing().onCancellation().invoke(() -> cancelled.set(true)))
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        assertThat(count(CommandMetrics.Stage.STATUS_WRITE)).isZero();
        waiting.cancel();
        assertThat(cancelled.get()).isTrue();
        assertThat(count(CommandMetrics.Stage.STATUS_WRITE)).isEqualTo(1);
    }
}
