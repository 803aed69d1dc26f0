package io.sessionplane.simulator.fleet;

import io.sessionplane.contracts.assist.AgentFacts;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.kit.kafka.CloudEvents;
import io.sessionplane.kit.kafka.RetryPolicy;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * What agents publish about themselves: session snapshots and tombstones on {@code session.inventory.v1} and WS1
 * Assist facts on {@code assist.agents.v1}. Each Uni completes on the broker's ack.
 */
@ApplicationScoped
public class AgentReportProducer {
    public static final String SOURCE = "/sessionplane/agent-simulator";
    /** Sends in flight at once when publishing a whole fleet. */
    private static final int CONCURRENCY = 1024;

    @Inject
    @Channel("inventory")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
    MutinyEmitter<String> inventory;

    @Inject
    @Channel("agents")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
    MutinyEmitter<String> agents;

    public Uni<Void> snapshot(SessionSnapshot snapshot) {
        String id = snapshot.session().id();
        return RetryPolicy.untilBrokerAcknowledges("session snapshot", () -> inventory.sendMessage(
                CloudEvents.message(snapshot, id, CloudEventHeaders.TYPE_SESSION_SNAPSHOT, UUID.randomUUID().toString(),
                        SOURCE + "/" + snapshot.podId(), id, Instant.ofEpochMilli(snapshot.observedAt()))));
    }

    public Uni<Void> ended(String sessionId, long at) {
        return RetryPolicy.untilBrokerAcknowledges("session tombstone", () -> inventory.sendMessage(
                CloudEvents.tombstone(sessionId, SOURCE, Instant.ofEpochMilli(at))));
    }

    public Uni<Void> facts(AgentFacts facts) {
        return RetryPolicy.untilBrokerAcknowledges("agent facts", () -> agents.sendMessage(
                CloudEvents.message(facts, facts.machineId(), CloudEventHeaders.TYPE_AGENT_FACTS,
                        UUID.randomUUID().toString(), SOURCE, null, Instant.ofEpochMilli(facts.observedAt()))));
    }

    public Uni<Void> snapshots(List<SessionSnapshot> snapshots) {
        return each(snapshots, this::snapshot);
    }

    public Uni<Void> ended(List<String> sessionIds, long at) {
        return each(sessionIds, id -> ended(id, at));
    }

    public Uni<Void> facts(List<AgentFacts> facts) {
        return each(facts, this::facts);
    }

    /** Sends one record per item, {@link #CONCURRENCY} in flight; completes when the broker acked them all. */
    public static <T> Uni<Void> each(List<T> items, Function<? super T, Uni<Void>> send) {
        return Multi.createFrom().<T>iterable(items).onItem().transformToUni(send::apply).merge(CONCURRENCY)
                .collect().last().replaceWithVoid();
    }
}
