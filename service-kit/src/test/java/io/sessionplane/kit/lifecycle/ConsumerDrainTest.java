package io.sessionplane.kit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

class ConsumerDrainTest {
    private final ConsumerDrain drain = new ConsumerDrain();
    private final AtomicInteger acked = new AtomicInteger();
    private final List<Throwable> nacked = new CopyOnWriteArrayList<>();
    private final AtomicReference<MultiEmitter<? super Message<String>>> broker = new AtomicReference<>();

    /** A connector channel whose records the test emits, each acknowledging into the counters above. */
    @SuppressWarnings("unchecked")
    private AssertSubscriber<Message<?>> consumer(long initialRequest) {
        Multi<Message<String>> connector = Multi.createFrom().<Message<String>>emitter(broker::set);
        Multi<Message<?>> decorated = (Multi<Message<?>>) drain.decorate(connector, List.of("in"), true);
        return decorated.subscribe().withSubscriber(AssertSubscriber.create(initialRequest));
    }

    private static List<Object> payloads(AssertSubscriber<Message<?>> consumer) {
        return consumer.getItems().stream().map(message -> (Object) message.getPayload()).toList();
    }

    private Message<String> record(String payload) {
        return Message.of(payload, Metadata.of(new Marker(payload)),
                metadata -> {
                    acked.incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                },
                (reason, metadata) -> {
                    nacked.add(reason);
                    return CompletableFuture.completedFuture(null);
                });
    }

    record Marker(String of) {
    }

    @Test
    void countsWhatIsHandedOverUntilItIsAcknowledgedOrRefusedOnce() {
        AssertSubscriber<Message<?>> consumer = consumer(3);
        broker.get().emit(record("a")).emit(record("b")).emit(record("c"));
        List<Message<?>> received = consumer.getItems();
        assertThat(payloads(consumer)).containsExactly("a", "b", "c");
        assertThat(received.get(1).getMetadata(Marker.class)).contains(new Marker("b"));
        assertThat(drain.inFlight()).isEqualTo(3);

        received.get(0).ack().toCompletableFuture().join();
        received.get(0).ack().toCompletableFuture().join();
        assertThat(acked).hasValue(2);
        assertThat(drain.inFlight()).isEqualTo(2);

        IllegalStateException failure = new IllegalStateException("database refused the batch");
        received.get(1).nack(failure).toCompletableFuture().join();
        assertThat(nacked).containsExactly(failure);
        assertThat(drain.inFlight()).isEqualTo(1);

        received.get(2).ack().toCompletableFuture().join();
        assertThat(drain.inFlight()).isZero();
        assertThat(drain.handedOver()).isEqualTo(3);
    }

    @Test
    void pausedAsksForNothingMoreButHandsOverWhatWasAlreadyAskedFor() {
        AssertSubscriber<Message<?>> consumer = consumer(1);
        drain.pause();
        // Asked for before the pause: still handed over, and counted, so the stop waits for it.
        broker.get().emit(record("asked-for"));
        assertThat(payloads(consumer)).containsExactly("asked-for");
        assertThat(drain.inFlight()).isEqualTo(1);

        consumer.request(10);
        broker.get().emit(record("after-the-pause"));
        assertThat(consumer.getItems()).hasSize(1);
        assertThat(drain.inFlight()).isEqualTo(1);
        consumer.getItems().get(0).ack().toCompletableFuture().join();
        assertThat(drain.inFlight()).isZero();
    }

    @Test
    void withheldHandsOverNothingMoreAndLeavesItUnacknowledged() {
        AssertSubscriber<Message<?>> consumer = consumer(5);
        broker.get().emit(record("before"));
        drain.pause();
        drain.withhold();
        broker.get().emit(record("late"));
        assertThat(payloads(consumer)).containsExactly("before");
        assertThat(drain.inFlight()).isEqualTo(1);
        consumer.getItems().get(0).ack().toCompletableFuture().join();
        assertThat(drain.inFlight()).isZero();
        assertThat(acked).hasValue(1);
        assertThat(nacked).isEmpty();
    }

    @Test
    void leavesChannelsBetweenMethodsAlone() {
        Multi<Message<?>> internal = Multi.createFrom().items(Message.of("x"));
        assertThat(drain.decorate(internal, List.of("internal"), false)).isSameAs(internal);
    }
}
