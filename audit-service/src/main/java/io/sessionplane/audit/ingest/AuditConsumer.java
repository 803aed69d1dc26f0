package io.sessionplane.audit.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.sessionplane.kit.kafka.DeadLetters;
import io.sessionplane.kit.kafka.RetryPolicy;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Kafka → audit_event. Each poll is one batch: records that can never be stored go to their dead-letter topic, the
 * rest are inserted in one transaction, and only then is the batch acknowledged (so offsets follow durable rows).
 * While PostgreSQL is away the batch is retried with backoff; nothing is skipped.
 */
@ApplicationScoped
public class AuditConsumer {
    private static final Logger LOG = Logger.getLogger(AuditConsumer.class);

    @Inject
    AuditStore store;

    @Inject
    DeadLetters deadLetters;

    @Inject
    MeterRegistry registry;

    @Incoming("sessionoutcomes")
    public Uni<Void> sessionOutcomes(ConsumerRecords<String, String> records) {
        return ingest(records);
    }

    @Incoming("assistoutcomes")
    public Uni<Void> assistOutcomes(ConsumerRecords<String, String> records) {
        return ingest(records);
    }

    @Incoming("sessioncommands")
    public Uni<Void> sessionCommands(ConsumerRecords<String, String> records) {
        return ingest(records);
    }

    /** The public stream: its lifecycle events become the sessions' timelines (read_committed, see properties). */
    @Incoming("sessionevents")
    public Uni<Void> sessionEvents(ConsumerRecords<String, String> records) {
        return ingest(records);
    }

    /** What happened to session jobs (created, warned, acted, completed, cancelled, failed). */
    @Incoming("sessionjobs")
    public Uni<Void> sessionJobs(ConsumerRecords<String, String> records) {
        return ingest(records);
    }

    Uni<Void> ingest(ConsumerRecords<String, String> records) {
        long receivedAt = System.currentTimeMillis();
        Map<AuditRow, ConsumerRecord<String, String>> sources = new LinkedHashMap<>();
        return deadLetters.parseOrDeadLetter(records, record -> {
            Optional<AuditRow> row = AuditRecordMapper.map(record, receivedAt);
            row.ifPresent(stored -> sources.put(stored, record));
            return row;
        }).map(parsed -> parsed.stream().flatMap(Optional::stream).toList()).chain(rows -> RetryPolicy.untilDatabaseAnswers("audit ingest", () -> store.insert(rows))
                .onFailure().recoverWithUni(failure -> oneByOne(rows, sources, failure))
                .invoke(inserted -> {
                    registry.counter("sessionplane.audit.records", "result", "stored").increment(inserted);
                    registry.counter("sessionplane.audit.records", "result", "duplicate")
                            .increment(rows.size() - inserted);
                })).replaceWithVoid();
    }

    /**
     * A batch that failed for a reason other than the database being away holds a record PostgreSQL refuses (one the
     * mapper did not foresee): store the others one by one and dead-letter only that record.
     */
    private Uni<Integer> oneByOne(List<AuditRow> rows, Map<AuditRow, ConsumerRecord<String, String>> sources,
            Throwable failure) {
        LOG.warnf("batch of %d audit rows refused (%s); storing them one by one", rows.size(), failure.getMessage());
        List<Uni<Integer>> steps = new ArrayList<>();
        for (AuditRow row : rows) {
            steps.add(RetryPolicy.untilDatabaseAnswers("audit ingest", () -> store.insert(List.of(row)))
                    .onFailure().recoverWithUni(rowFailure -> deadLetters.send(sources.get(row),
                            "PostgreSQL refused the record: " + rowFailure.getMessage()).replaceWith(0)));
        }
        return Multi.createFrom().iterable(steps).onItem().transformToUniAndConcatenate(step -> step)
                .collect().asList().map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
    }
}
