package io.sessionplane.bench;

import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.stack.ServiceProcess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * audit-service ingest: 1,000,000 outcome events pre-loaded on session.outcomes.v1, then the time until all rows are
 * committed; next to a raw batched INSERT of the same rows into the same table (same statement, batches of the
 * consumer's size, one transaction each) measured in the same run on the same PostgreSQL.
 */
public final class AuditIngestBench {
    static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    static final int BATCH = Integer.getInteger("bench.batch", 2000);
    static final String INSERT = """
            INSERT INTO audit_event (event_id, type, severity, module, message, time, user_id, machine_id,
                machine_dns_name, desktop_pool_name, application_pool_name, session_id, command_id, share_space_id,
                requested_by, source_topic, source_partition, source_offset, received_at, payload)
            SELECT e, t, s, m, msg, tm, u, mid, dns, dp, ap, sid, cid, ssid, rb, st, sp, so, ra, p::jsonb
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[],
                ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[],
                ?::bigint[], ?::bigint[], ?::text[])
                AS r(e, t, s, m, msg, tm, u, mid, dns, dp, ap, sid, cid, ssid, rb, st, sp, so, ra, p)
            ON CONFLICT (event_id) DO NOTHING
            """;

    public static void main(String[] args) throws Exception {
        try (BenchStack stack = new BenchStack("audit").start(true)) {
            stack.database("audit");
            // Start once so Flyway creates the schema, then stop: the events must be waiting when it starts again.
            stack.service("audit-service", "audit", Map.of()).close();

            Random random = new Random(11);
            List<SessionOutcome> outcomes = new ArrayList<>(EVENTS);
            for (int i = 0; i < EVENTS; i++) {
                outcomes.add(BenchData.outcome(random, i));
            }
            double raw = rawInsert(stack, outcomes);
            try (Connection connection = stack.jdbc("audit"); Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE audit_event");
                statement.execute("VACUUM ANALYZE audit_event");
            }

            List<ProducerRecord<String, String>> records = new ArrayList<>(EVENTS);
            for (SessionOutcome outcome : outcomes) {
                records.add(new ProducerRecord<>(Topics.SESSION_OUTCOMES, null, outcome.sessionId(),
                        JsonCodec.write(outcome), BenchData.headers(outcome.eventType().name(), outcome.eventId(),
                                outcome.sessionId())));
            }
            outcomes.clear();
            try (KafkaProducer<String, String> producer = BenchData.producer(stack.kafka.bootstrapServers(), Map.of())) {
                BenchData.sendAll(producer, records, 20_000);
            }
            records.clear();

            long started = System.nanoTime();
            ServiceProcess service = stack.service("audit-service", "audit", Map.of());
            long ready = System.nanoTime();
            stack.awaitCount("audit", "SELECT count(*) FROM audit_event", EVENTS, Duration.ofMinutes(30));
            long done = System.nanoTime();
            double fromReady = EVENTS / ((done - ready) / 1e9);
            double fromStart = EVENTS / ((done - started) / 1e9);
            System.out.println();
            System.out.println("## audit-service ingest (" + EVENTS + " outcome events pre-loaded, 6 partitions)");
            System.out.printf("raw batched INSERT (same statement, %d rows per transaction): %,.0f rows/s%n", BATCH, raw);
            System.out.printf("audit-service, ready → all rows committed: %.1f s, %,.0f events/s (%.2f × raw)%n",
                    (done - ready) / 1e9, fromReady, fromReady / raw);
            System.out.printf("audit-service, process start → all rows committed: %.1f s, %,.0f events/s (%.2f × raw)%n",
                    (done - started) / 1e9, fromStart, fromStart / raw);
            service.close();
        }
    }

    static double rawInsert(BenchStack stack, List<SessionOutcome> outcomes) throws Exception {
        try (Connection connection = stack.jdbc("audit"); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            connection.setAutoCommit(false);
            long begin = System.nanoTime();
            for (int from = 0; from < outcomes.size(); from += BATCH) {
                List<SessionOutcome> batch = outcomes.subList(from, Math.min(outcomes.size(), from + BATCH));
                bind(connection, insert, batch, from);
                insert.executeUpdate();
                connection.commit();
            }
            return outcomes.size() / ((System.nanoTime() - begin) / 1e9);
        }
    }

    private static void bind(Connection connection, PreparedStatement insert, List<SessionOutcome> batch, int offset)
            throws Exception {
        int n = batch.size();
        String[][] text = new String[16][n];
        Long[] times = new Long[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        Long[] received = new Long[n];
        long now = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            SessionOutcome o = batch.get(i);
            String[] row = {o.eventId(), o.eventType().name(), o.severity().name(), o.eventType().module(), o.message(),
                o.userId(), o.machineId(), o.machineDnsName(), o.desktopPoolName(), o.applicationPoolName(),
                o.sessionId(), o.commandId(), null, o.requestedBy(), Topics.SESSION_OUTCOMES, JsonCodec.write(o)};
            for (int c = 0; c < row.length; c++) {
                text[c][i] = row[c];
            }
            times[i] = o.time();
            partitions[i] = 0;
            offsets[i] = (long) (offset + i);
            received[i] = now;
        }
        int[] textPositions = {1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 20};
        for (int c = 0; c < textPositions.length; c++) {
            insert.setArray(textPositions[c], connection.createArrayOf("text", text[c]));
        }
        insert.setArray(6, connection.createArrayOf("bigint", times));
        insert.setArray(17, connection.createArrayOf("int4", partitions));
        insert.setArray(18, connection.createArrayOf("bigint", offsets));
        insert.setArray(19, connection.createArrayOf("bigint", received));
    }
}
