package io.sessionplane.bench;

import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.localstack.stack.ServiceProcess;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * audit-service ingest against {@code COPY}, on durable PostgreSQL ({@code fsync} and {@code synchronous_commit} on),
 * three times: {@code bench.events} outcome events wait on session.outcomes.v1; each run first {@code COPY}s the same
 * rows into the same (emptied) table from memory, {@code bench.copy-batch} rows per transaction, then empties it and
 * starts audit-service with a consumer group of its own, timing until every row is committed. Charts go to
 * bench/results/audit-*.png.
 */
public final class AuditIngestBench {
    static final int EVENTS = Integer.getInteger("bench.events", 500_000);
    static final int COPY_BATCH = Integer.getInteger("bench.copy-batch", 5_000);
    static final int REPEATS = Integer.getInteger("bench.repeats", 3);
    static final String COPY = "COPY audit_event (event_id, record_key, type, severity, module, message, time, user_id,"
            + " machine_id, machine_dns_name, desktop_pool_name, application_pool_name, session_id, command_id,"
            + " requested_by, access_group_id, federated, source_topic, source_partition, source_offset, received_at,"
            + " payload) FROM STDIN";

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
            try (KafkaProducer<String, String> producer = BenchData.producer(stack.kafka.bootstrapServers(), Map.of())) {
                List<ProducerRecord<String, String>> records = new ArrayList<>(EVENTS);
                for (SessionOutcome outcome : outcomes) {
                    records.add(new ProducerRecord<>(Topics.SESSION_OUTCOMES, null, outcome.sessionId(),
                            JsonCodec.write(outcome), BenchData.headers(outcome.eventType().name(),
                                    outcome.eventId(), outcome.sessionId())));
                }
                BenchData.sendAll(producer, records, 20_000);
            }

            System.out.println();
            System.out.println("## audit-service ingest against COPY (" + EVENTS + " outcome events, 6 partitions, "
                    + "durable PostgreSQL)");
            System.out.println("| run | COPY (" + COPY_BATCH + " rows per transaction) | audit-service, ready → all "
                    + "committed | ratio | from process start |");
            System.out.println("|---|---|---|---|---|");
            List<Double> ratios = new ArrayList<>();
            Map<String, Double> bars = new LinkedHashMap<>();
            for (int run = 1; run <= REPEATS; run++) {
                empty(stack);
                double copy = copy(stack, outcomes);
                empty(stack);
                long started = System.nanoTime();
                ServiceProcess service = stack.service("audit-service", "audit", Map.of(
                        "MP_MESSAGING_INCOMING_SESSIONOUTCOMES_GROUP_ID", "audit-bench-" + run));
                long ready = System.nanoTime();
                stack.awaitCount("audit", "SELECT count(*) FROM audit_event", EVENTS, Duration.ofMinutes(30));
                long done = System.nanoTime();
                service.close();
                double fromReady = EVENTS / ((done - ready) / 1e9);
                double fromStart = EVENTS / ((done - started) / 1e9);
                ratios.add(fromReady / copy);
                bars.put("run " + run, fromReady / copy);
                System.out.printf("| %d | %,.0f rows/s | %,.0f events/s (%.1f s) | %.2f × | %.2f × |%n", run, copy,
                        fromReady, (done - ready) / 1e9, fromReady / copy, fromStart / copy);
            }
            BenchCharts.ratios("audit-ratio.png", "audit-service ingest ÷ COPY, same rows, durable PostgreSQL", bars,
                    0.7);
            System.out.println("chart: bench/results/audit-ratio.png");
            new BenchSummary("audit")
                    .target("ingest ÷ COPY into the same table, durable PostgreSQL ≥ 0.7", ratios, "%.2f", "", 0.7,
                            false)
                    .write();
        }
    }

    static void empty(BenchStack stack) throws Exception {
        try (Connection connection = stack.jdbc("audit"); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE audit_event, audit_session_group");
            statement.execute("VACUUM ANALYZE audit_event");
        }
    }

    /** The rows audit-service would store, COPYed from memory in transactions of COPY_BATCH rows: rows/s. */
    static double copy(BenchStack stack, List<SessionOutcome> outcomes) throws Exception {
        try (Connection connection = stack.jdbc("audit")) {
            connection.setAutoCommit(false);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long begin = System.nanoTime();
            long received = System.currentTimeMillis();
            for (int from = 0; from < outcomes.size(); from += COPY_BATCH) {
                StringBuilder text = new StringBuilder();
                for (int i = from; i < Math.min(outcomes.size(), from + COPY_BATCH); i++) {
                    SessionOutcome o = outcomes.get(i);
                    Object[] row = {o.eventId(), o.eventId(), o.eventType().name(), o.severity().name(),
                        o.eventType().module(), o.message(), o.time(), o.userId(), o.machineId(), o.machineDnsName(),
                        o.desktopPoolName(), o.applicationPoolName(), o.sessionId(), o.commandId(), o.requestedBy(),
                        BenchData.GROUPS.get(0), false, Topics.SESSION_OUTCOMES, i % 6, i, received,
                        JsonCodec.write(o)};
                    for (int c = 0; c < row.length; c++) {
                        text.append(c == 0 ? "" : "\t").append(row[c] == null ? "\\N" : escape(row[c].toString()));
                    }
                    text.append('\n');
                }
                copy.copyIn(COPY, new StringReader(text.toString()));
                connection.commit();
            }
            return outcomes.size() / ((System.nanoTime() - begin) / 1e9);
        }
    }

    /** COPY's text format: backslash, tab and line breaks escaped. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
