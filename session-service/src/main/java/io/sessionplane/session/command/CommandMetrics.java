package io.sessionplane.session.command;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sessionplane.contracts.command.SessionAction;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

/**
 * {@code sessionplane_commands_total{action, result, reason}}: accepted, refused (4xx) or unavailable (503); and
 * {@code sessionplane_command_stage_seconds{stage}}, a histogram of where an action request waits (reading its
 * sessions, each command's broker ack, the status write-through), so a slow answer can be pinned on PostgreSQL or
 * Kafka from the metrics alone. Session jobs act through the same path, so their batches count too.
 */
@ApplicationScoped
@Startup // the histograms are on /q/metrics from the start, not from the first action
public class CommandMetrics {

    /** The awaited steps of an action request, in order. */
    public enum Stage {
        /** The request's sessions read from the read model (one shared statement for concurrent requests). */
        SESSION_READ("session-read"),
        /** One command sent until the broker acknowledged it (acks=all), per command. */
        BROKER_ACK("broker-ack"),
        /** The acknowledged commands' ACCEPTED status written through, per request. */
        STATUS_WRITE("status-write");

        final String tag;

        Stage(String tag) {
            this.tag = tag;
        }
    }

    // Bucket bounds at most 15 % apart from 10 to 50 ms, where an answer's tail is judged (issue 15's p99 of 25 ms);
    // Micrometer's generated ones are up to a third apart there.
    private static final Duration[] BUCKETS = LongStream.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 18, 20,
            22, 25, 28, 32, 36, 40, 45, 50, 60, 70, 80, 90, 100, 125, 150, 200, 250, 300, 400, 500, 750, 1_000, 2_000,
            5_000, 10_000, 30_000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);

    @Inject
    MeterRegistry registry;

    private final Map<Stage, Timer> stages = new EnumMap<>(Stage.class);

    @PostConstruct
    void registerStages() {
        for (Stage stage : Stage.values()) {
            stages.put(stage, Timer.builder("sessionplane.command.stage")
                    .description("time an action request waits on one step")
                    .tag("stage", stage.tag)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry));
        }
    }

    public void record(SessionAction action, BulkItemResponseInfo item) {
        String result = item.accepted() ? "accepted" : item.statusCode() == 503 ? "unavailable" : "refused";
        String reason = item.accepted() || item.errors().isEmpty() ? "none" : item.errors().get(0).errorKey();
        registry.counter("sessionplane.commands", "action", action.name(), "result", result, "reason", reason)
                .increment();
    }

    /**
     * {@code work} timed from its subscription to its item, failure or cancellation, whichever comes first: a request
     * cancelled at its deadline cancels steps that finished long before, which must not count twice.
     */
    public <T> Uni<T> timed(Stage stage, Uni<T> work) {
        Timer timer = stages.get(stage);
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            AtomicBoolean recorded = new AtomicBoolean();
            return work.onTermination().invoke(() -> {
                if (recorded.compareAndSet(false, true)) {
                    timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                }
            });
        });
    }
}
