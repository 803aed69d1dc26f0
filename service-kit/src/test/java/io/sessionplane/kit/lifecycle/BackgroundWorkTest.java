package io.sessionplane.kit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundWorkTest {
    private final BackgroundWork background = new BackgroundWork();

    private Uni<String> pass(AtomicReference<UniEmitter<? super String>> emitter) {
        return Uni.createFrom().<String>emitter(emitter::set);
    }

    @Test
    void countsAPassFromItsSubscriptionUntilItEndsHoweverItEnds() {
        AtomicReference<UniEmitter<? super String>> first = new AtomicReference<>();
        AtomicReference<UniEmitter<? super String>> second = new AtomicReference<>();
        AtomicReference<UniEmitter<? super String>> third = new AtomicReference<>();
        Uni<String> notYetSubscribed = background.tracked("outbox relay", pass(first));
        assertThat(background.running()).isZero();

        notYetSubscribed.subscribe().with(item -> { }, failure -> { });
        background.tracked("outbox relay", pass(second)).subscribe().with(item -> { }, failure -> { });
        Cancellable cancelled = background.tracked("job runner", pass(third)).subscribe().with(item -> { }, failure -> { });
        assertThat(background.running()).isEqualTo(3);
        assertThat(background.runningByName()).containsExactly(java.util.Map.entry("job runner", 1),
                java.util.Map.entry("outbox relay", 2));

        first.get().complete("published");
        assertThat(background.running()).isEqualTo(2);
        second.get().fail(new IllegalStateException("Pool closed"));
        assertThat(background.running()).isEqualTo(1);
        cancelled.cancel();
        assertThat(background.running()).isZero();
        assertThat(background.runningByName()).isEmpty();
    }

    @Test
    void saysStoppingOnlyOnceTheStopBegan() {
        assertThat(background.stopping()).isFalse();
        background.stop();
        assertThat(background.stopping()).isTrue();
    }
}
