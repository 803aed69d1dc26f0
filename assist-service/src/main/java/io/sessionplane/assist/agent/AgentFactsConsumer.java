package io.sessionplane.assist.agent;

import io.sessionplane.contracts.assist.AgentFacts;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.kit.kafka.DeadLetters;
import io.sessionplane.kit.kafka.RetryPolicy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** assist.agents.v1 → agent_facts. */
@ApplicationScoped
public class AgentFactsConsumer {

    @Inject
    AgentFactsStore store;

    @Inject
    DeadLetters deadLetters;

    @Incoming("agents")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return deadLetters.parseOrDeadLetter(records, AgentFactsConsumer::parse).chain(facts -> {
            Map<String, AgentFacts> latest = new LinkedHashMap<>();
            facts.stream().filter(f -> f != null).forEach(f -> latest.put(f.machineId(), f));
            return RetryPolicy.untilDatabaseAnswers("agent facts", () -> store.upsert(new ArrayList<>(latest.values())));
        });
    }

    static AgentFacts parse(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return null;
        }
        AgentFacts facts = JsonCodec.read(record.value(), AgentFacts.class);
        if (facts.machineId() == null || !facts.machineId().equals(record.key()) || facts.observedAt() <= 0) {
            throw new IllegalArgumentException("agent facts must carry the machine id of their key and observed_at");
        }
        return facts;
    }
}
