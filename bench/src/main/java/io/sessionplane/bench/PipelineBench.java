package io.sessionplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionplane.localstack.Directories;
import io.sessionplane.localstack.stack.LocalStack;
import io.sessionplane.localstack.stack.ServiceProcess;
import io.sessionplane.localstack.stack.StackSecrets;
import io.sessionplane.localstack.stack.StackSettings;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/**
 * The whole pipeline on one machine, as {@code ./sessionplane} starts it (broker, PostgreSQL, the three services with
 * the local stack's JVM options, the agent simulator): single-session send-message commands posted straight to
 * session-service, open loop. Per run, first at {@code bench.latency-rate} (1,000/s): for every 10th accepted
 * command, the time from its 200 to its outcome in the command status and to its outcome's audit row (both looked
 * up in PostgreSQL every 5 ms); then at {@code bench.rate} (2,000/s): every command accepted, executed, in its status
 * and in the audit log, and how long after the load the last one got there. Every service's RSS is sampled each
 * second. Charts go to bench/results/pipeline-*.png.
 */
public final class PipelineBench {
    static final int RATE = Integer.getInteger("bench.rate", 2_000);
    static final int LATENCY_RATE = Integer.getInteger("bench.latency-rate", 1_000);
    /** A rate the stack keeps up with on this machine, measured beside the targets' rates for reference. */
    static final int STEADY_RATE = Integer.getInteger("bench.steady-rate", 400);
    static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("bench.seconds", 60));
    static final int REPEATS = Integer.getInteger("bench.repeats", 3);
    static final int FLEET = Integer.getInteger("bench.sessions", 2_000);
    static final Duration DRAIN = Duration.ofSeconds(Integer.getInteger("bench.drain-seconds", 60));
    static final List<String> SERVICES = List.of("session-service", "assist-service", "audit-service", "agent-simulator");
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("sessionplane.root", ".")).toAbsolutePath().normalize();
        Path data = root.resolve("bench/target/data-pipeline");
        Directories.deleteRecursively(data);
        StackSettings settings = StackSettings.fromEnvironment(root).withDataDir(data)
                .withFreePorts()
                .withFleet(FLEET, 0);
        System.out.println("services' JVM options: session-service " + settings.javaOptionsOf("session-service")
                + "; the others " + settings.javaOptionsOf("audit-service"));
        try (LocalStack stack = new LocalStack(settings)) {
            stack.start();
            StackSecrets secrets = StackSecrets.in(data);
            String token = stack.login("admin", "admin");
            List<String> targets = ChaosBench.connectedLocalSessions(stack.gatewayUrl(), token);
            int port = stack.instances("session-service").get(0).port();
            System.out.printf("%d connected sessions to act on; session-service on port %d%n", targets.size(), port);
            MemorySampler memory = MemorySampler.start(stack);
            List<Double> statusP99 = new ArrayList<>();
            List<Double> auditP99 = new ArrayList<>();
            List<Double> accepted = new ArrayList<>();
            List<Double> drains = new ArrayList<>();
            boolean allComplete = true;
            Phase lastThroughput = null;
            Phase lastLatency = null;
            Phase lastSteady = null;
            List<String> cpuLines = new ArrayList<>();
            List<String> offsetLines = new ArrayList<>();
            try (Connection sessions = DriverManager.getConnection(stack.postgres().jdbcUrl("sessions"), "sessions",
                    secrets.databasePassword("sessions"));
                    Connection audit = DriverManager.getConnection(stack.postgres().jdbcUrl("audit"), "audit",
                            secrets.databasePassword("audit"))) {
                System.out.println();
                // Not measured: the services' JIT compiles the command path, as after a real start.
                Phase.run(stack, port, token, targets, STEADY_RATE / 2, 0, sessions, audit);
                System.out.println("| run | offered | accepted | commands accepted / not (HTTP statuses) | REST p99 "
                        + "| accepted → status p50 / p99 / max | accepted → audit p50 / p99 / max "
                        + "| all executed, in status, in audit | last one in audit |");
                System.out.println("|---|---|---|---|---|---|---|---|---|");
                for (int run = 1; run <= REPEATS; run++) {
                    Phase steady = Phase.run(stack, port, token, targets, STEADY_RATE, 10, sessions, audit);
                    System.out.println(steady.line(run + " (steady)", STEADY_RATE));
                    cpuLines.add(steady.cpuLine(run + " (steady)", STEADY_RATE));
                    lastSteady = steady;
                    Phase latency = Phase.run(stack, port, token, targets, LATENCY_RATE, 10, sessions, audit);
                    statusP99.add(latency.status.getValueAtPercentile(99) / 1.0);
                    auditP99.add(latency.audit.getValueAtPercentile(99) / 1.0);
                    System.out.println(latency.line(String.valueOf(run), LATENCY_RATE));
                    cpuLines.add(latency.cpuLine(String.valueOf(run), LATENCY_RATE));
                    offsetLines.add(latency.offsetLine(String.valueOf(run), LATENCY_RATE));
                    lastLatency = latency;
                    Phase throughput = Phase.run(stack, port, token, targets, RATE, 0, sessions, audit);
                    accepted.add(throughput.acceptedPerSecond());
                    drains.add(throughput.drainSeconds);
                    allComplete &= throughput.complete && latency.complete;
                    System.out.println(throughput.line(String.valueOf(run), RATE));
                    cpuLines.add(throughput.cpuLine(String.valueOf(run), RATE));
                    offsetLines.add(throughput.offsetLine(String.valueOf(run), RATE));
                    lastThroughput = throughput;
                }
            }
            memory.finish();
            System.out.println();
            System.out.println("CPU per accepted command, ms, from a phase's first request until its last command was"
                    + " audited (cores busy: all processes over that time):");
            System.out.println("| run | offered | " + String.join(" | ", SERVICES) + " | broker | PostgreSQL | driver"
                    + " | all | cores busy |");
            System.out.println("|---|---|" + "---|".repeat(SERVICES.size() + 5));
            cpuLines.forEach(System.out::println);
            System.out.println();
            System.out.println("Offsets the broker appended per accepted command, by topic (records and transaction"
                    + " markers, over the same time as the CPU):");
            offsetLines.forEach(System.out::println);
            System.out.println();
            System.out.println("RSS per process, MiB, sampled each second over all runs (max / at the end):");
            memory.maxMiB.forEach((name, max) -> System.out.printf("  %s: %,d / %,d%n", name, max,
                    memory.lastMiB.get(name)));

            BenchCharts.overTime("pipeline-throughput.png", "whole pipeline, last run at " + RATE
                    + "/s: per second", "commands/s", Map.of("answered 200 (REST)", lastThroughput.http.ratePerSecond(),
                            "outcome in command status", lastThroughput.statusPerSecond,
                            "outcome in audit log", lastThroughput.auditPerSecond));
            BenchCharts.overTime("pipeline-latency.png", "whole pipeline, last run at " + LATENCY_RATE
                    + "/s: p99 per second", "ms", Map.of("REST answer p99", lastLatency.http.p99PerSecond(),
                            "accepted → status p99", lastLatency.statusP99PerSecond,
                            "accepted → audit p99", lastLatency.auditP99PerSecond));
            BenchCharts.overTime("pipeline-memory.png", "RSS of each service, every second of the bench", "MiB",
                    memory.seriesMiB());
            Map<String, Map<String, Double>> cpu = new LinkedHashMap<>();
            cpu.put(STEADY_RATE + "/s offered", lastSteady.cpuPerCommand());
            cpu.put(LATENCY_RATE + "/s offered", lastLatency.cpuPerCommand());
            cpu.put(RATE + "/s offered", lastThroughput.cpuPerCommand());
            BenchCharts.stackedBars("pipeline-cpu.png", "whole pipeline, last run: CPU per accepted command, by process",
                    "CPU ms per command", cpu);
            System.out.println("charts: bench/results/pipeline-throughput.png, pipeline-latency.png, pipeline-memory.png,"
                    + " pipeline-cpu.png");

            BenchSummary summary = new BenchSummary("pipeline");
            summary.target("accepted at " + RATE + "/s open loop for " + DURATION.toSeconds() + " s", accepted,
                    "%,.0f", "/s", RATE * 0.98, false);
            summary.row("every accepted command executed, in its status and in the audit log", allComplete
                    ? "all, every run" : "not all (see the run table)", allComplete);
            summary.target("kept up: last outcome in the audit log after the load ended", drains, "%.1f", "s", 5,
                    true);
            summary.target("accepted → outcome in status p99 at " + LATENCY_RATE + "/s", statusP99, "%.0f", "ms",
                    100, true);
            summary.target("accepted → audit row p99 at " + LATENCY_RATE + "/s", auditP99, "%.0f", "ms", 250, true);
            for (String service : SERVICES) {
                long max = memory.maxMiB.getOrDefault(service, 0L);
                summary.row(service + " RSS under the pipeline load ≤ 256 MiB", max + " MiB (max over all runs)",
                        max <= 256);
            }
            summary.write();
        }
    }

    /** One open-loop phase and what became of its commands. */
    static final class Phase {
        HttpLoad.Result http;
        final Histogram status = new Histogram(3);
        final Histogram audit = new Histogram(3);
        final List<Double> statusPerSecond = new ArrayList<>();
        final List<Double> auditPerSecond = new ArrayList<>();
        final List<Double> statusP99PerSecond = new CopyOnWriteArrayList<>();
        final List<Double> auditP99PerSecond = new CopyOnWriteArrayList<>();
        final Queue<String> acceptedIds = new ConcurrentLinkedQueue<>();
        long other;
        boolean complete;
        double drainSeconds;
        /** CPU each process used from the phase's first request until its last command was audited, and that time. */
        Map<String, Double> cpuMillis = Map.of();
        double cpuWindowSeconds;
        /** Offsets the broker appended over the same time (records and transaction markers), per accepted command. */
        Map<String, Double> offsetsPerCommand = Map.of();

        /** CPU milliseconds per accepted command, per process. */
        Map<String, Double> cpuPerCommand() {
            int n = Math.max(1, acceptedIds.size());
            Map<String, Double> perCommand = new LinkedHashMap<>();
            cpuMillis.forEach((process, ms) -> perCommand.put(process, ms / n));
            return perCommand;
        }

        /** CPU milliseconds per accepted command, per process and in all, and how busy the machine's cores were. */
        String cpuLine(String run, int rate) {
            StringBuilder line = new StringBuilder(String.format("| %s | %,d/s |", run, rate));
            Collection<Double> perCommand = cpuPerCommand().values();
            perCommand.forEach(ms -> line.append(String.format(" %.2f |", ms)));
            double totalMillis = cpuMillis.values().stream().mapToDouble(Double::doubleValue).sum();
            return line.append(String.format(" %.2f | %.0f %% |", perCommand.stream().mapToDouble(Double::doubleValue)
                    .sum(), 100 * totalMillis / 1000 / cpuWindowSeconds / Runtime.getRuntime().availableProcessors()))
                    .toString();
        }

        /** The broker's appended offsets per accepted command: in all, then by topic. */
        String offsetLine(String run, int rate) {
            double all = offsetsPerCommand.values().stream().mapToDouble(Double::doubleValue).sum();
            return String.format("  %s at %,d/s: %.2f in all; ", run, rate, all) + offsetsPerCommand.entrySet().stream()
                    .filter(entry -> entry.getValue() >= 0.01)
                    .map(entry -> String.format("%s %.2f", entry.getKey(), entry.getValue()))
                    .collect(java.util.stream.Collectors.joining(", "));
        }

        /** Accepted commands per second of the measured part (its requests over the time until the last answer). */
        double acceptedPerSecond() {
            long all = acceptedIds.size() + other;
            return all == 0 ? 0 : http.perSecond() * acceptedIds.size() / all;
        }

        String line(String run, int rate) {
            return String.format("| %s | %,d/s | %,.0f/s | %,d / %,d %s | %.0f ms | %s | %s | %s | %.1f s after the load |",
                    run, rate, acceptedPerSecond(), acceptedIds.size(), other, http.statuses(), http.p99Millis(),
                    percentiles(status), percentiles(audit), complete ? "yes" : "NO", drainSeconds);
        }

        private static String percentiles(Histogram histogram) {
            return histogram.getTotalCount() == 0 ? "–" : String.format("%d / %d / %d ms",
                    histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99), histogram.getMaxValue());
        }

        /**
         * Sends at {@code rate} for the duration (after 5 s at the same rate), following every {@code sampleEvery}th
         * accepted command to its status and audit row (0: none), then waits for every accepted command's outcome.
         */
        static Phase run(LocalStack stack, int port, String token, List<String> targets, int rate, int sampleEvery,
                Connection sessions, Connection auditDb) throws Exception {
            Phase phase = new Phase();
            Map<String, Long> followed = new ConcurrentHashMap<>();
            Map<String, Long> awaitingAudit = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            long[] sampleCounter = {0};
            Histogram statusSecond = new Histogram(3);
            Histogram auditSecond = new Histogram(3);
            Thread follower = new Thread(() -> {
                long nextSecond = System.currentTimeMillis() + 1000;
                while (!stop.get()) {
                    try {
                        long now = System.currentTimeMillis();
                        for (String id : found(sessions, "SELECT command_id::text FROM session_command WHERE"
                                + " command_id = ANY(?::uuid[]) AND outcome IS NOT NULL", followed.keySet())) {
                            Long acceptedAt = followed.remove(id);
                            if (acceptedAt != null) {
                                long ms = Math.max(0, now - acceptedAt);
                                phase.status.recordValue(ms);
                                synchronized (statusSecond) {
                                    statusSecond.recordValue(ms);
                                }
                            }
                        }
                        for (String id : found(auditDb, "SELECT DISTINCT command_id FROM audit_event WHERE"
                                + " command_id = ANY(?) AND source_topic = 'session.outcomes.v1'",
                                awaitingAudit.keySet())) {
                            Long acceptedAt = awaitingAudit.remove(id);
                            if (acceptedAt != null) {
                                long ms = Math.max(0, now - acceptedAt);
                                phase.audit.recordValue(ms);
                                synchronized (auditSecond) {
                                    auditSecond.recordValue(ms);
                                }
                            }
                        }
                        if (now >= nextSecond) {
                            nextSecond += 1000;
                            synchronized (statusSecond) {
                                phase.statusP99PerSecond.add(statusSecond.getTotalCount() == 0 ? 0.0
                                        : (double) statusSecond.getValueAtPercentile(99));
                                statusSecond.reset();
                            }
                            synchronized (auditSecond) {
                                phase.auditP99PerSecond.add(auditSecond.getTotalCount() == 0 ? 0.0
                                        : (double) auditSecond.getValueAtPercentile(99));
                                auditSecond.reset();
                            }
                        }
                        Thread.sleep(5);
                    } catch (Exception e) {
                        if (!stop.get()) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }, "follower");
            if (sampleEvery > 0) {
                follower.start();
            }
            Counter counter = Counter.start(sessions, auditDb, phase);
            Map<String, Long> offsetsBefore = BrokerOffsets.endOffsets(stack.kafka().bootstrapServers());
            Map<String, Double> cpuBefore = CpuTime.usedMillis(stack, SERVICES);
            long loadStarted = System.nanoTime();
            phase.http = HttpLoad.openLoop(port, rate, Duration.ofSeconds(5), DURATION, () -> sendMessage(token,
                    targets), (httpStatus, body, at) -> {
                        String commandId = httpStatus == 200 ? acceptedCommand(body) : null;
                        if (commandId == null) {
                            synchronized (phase) {
                                phase.other++;
                            }
                            return;
                        }
                        phase.acceptedIds.add(commandId);
                        if (sampleEvery > 0) {
                            synchronized (sampleCounter) {
                                if (sampleCounter[0]++ % sampleEvery == 0) {
                                    // Followed to both at once: its audit delay is not bounded below by its status one.
                                    followed.put(commandId, at);
                                    awaitingAudit.put(commandId, at);
                                }
                            }
                        }
                    });
            long loadEnded = System.nanoTime();
            List<String> ids = new ArrayList<>(phase.acceptedIds);
            long deadline = System.nanoTime() + DRAIN.toNanos();
            while (System.nanoTime() < deadline) {
                if (count(sessions, "SELECT count(*) FROM session_command WHERE command_id = ANY(?::uuid[])"
                        + " AND status = 'SUCCEEDED'", ids) == ids.size()
                        && count(auditDb, "SELECT count(DISTINCT command_id) FROM audit_event WHERE command_id ="
                                + " ANY(?) AND source_topic = 'session.outcomes.v1'", ids) == ids.size()) {
                    phase.complete = true;
                    break;
                }
                Thread.sleep(100);
            }
            phase.drainSeconds = (System.nanoTime() - loadEnded) / 1e9;
            phase.cpuMillis = CpuTime.since(cpuBefore, CpuTime.usedMillis(stack, SERVICES));
            phase.cpuWindowSeconds = (System.nanoTime() - loadStarted) / 1e9;
            phase.offsetsPerCommand = BrokerOffsets.perCommand(offsetsBefore,
                    BrokerOffsets.endOffsets(stack.kafka().bootstrapServers()), phase.acceptedIds.size());
            // Let the followed commands that are still on their way arrive before the follower stops.
            long followDeadline = System.currentTimeMillis() + 5_000;
            while ((!followed.isEmpty() || !awaitingAudit.isEmpty()) && System.currentTimeMillis() < followDeadline) {
                Thread.sleep(10);
            }
            stop.set(true);
            if (sampleEvery > 0) {
                follower.join();
            }
            counter.finish();
            return phase;
        }
    }

    /** Outcomes in the command status and in the audit log per second: the phase's commands found there anew. */
    static final class Counter extends Thread {
        final Connection sessions;
        final Connection audit;
        final Phase phase;
        /** The phase's accepted commands not yet seen in the command status, and not yet seen in the audit log. */
        private final Set<String> statusPending = new HashSet<>();
        private final Set<String> auditPending = new HashSet<>();
        /** How many of the phase's accepted commands (a queue only ever appended to) the counter has taken. */
        private int taken;
        volatile boolean stopped;

        private Counter(Connection sessions, Connection audit, Phase phase) {
            super("counter");
            this.sessions = sessions;
            this.audit = audit;
            this.phase = phase;
        }

        static Counter start(Connection sessions, Connection audit, Phase phase) {
            Counter counter = new Counter(sessions, audit, phase);
            counter.start();
            return counter;
        }

        // Each second looks up only the commands still on their way, by primary key and by the command index: a count
        // over the phase's rows (through the time indexes, then each row's heap tuple) took 65 ms a second in each
        // database by the end of a phase, a fifth of PostgreSQL's time in a run (pg_stat_statements), and a count
        // over whole tables, before it, more.
        @Override
        public void run() {
            try {
                while (!stopped) {
                    Thread.sleep(1000);
                    int seen = 0;
                    for (String id : phase.acceptedIds) {
                        if (seen++ >= taken) {
                            statusPending.add(id);
                            auditPending.add(id);
                        }
                    }
                    taken = seen;
                    List<String> inStatus = found(sessions, "SELECT command_id::text FROM session_command WHERE"
                            + " command_id = ANY(?::uuid[]) AND outcome IS NOT NULL", statusPending);
                    List<String> audited = found(audit, "SELECT DISTINCT command_id FROM audit_event WHERE"
                            + " command_id = ANY(?) AND source_topic = 'session.outcomes.v1'", auditPending);
                    inStatus.forEach(statusPending::remove);
                    audited.forEach(auditPending::remove);
                    phase.statusPerSecond.add((double) inStatus.size());
                    phase.auditPerSecond.add((double) audited.size());
                }
            } catch (Exception e) {
                if (!stopped) {
                    throw new IllegalStateException(e);
                }
            }
        }

        void finish() throws InterruptedException {
            stopped = true;
            join();
        }
    }

    static HttpLoad.Request sendMessage(String token, List<String> targets) {
        String id = targets.get(ThreadLocalRandom.current().nextInt(targets.size()));
        return new HttpLoad.Request(HttpMethod.POST, "/rest/inventory/v1/sessions/action/send-message",
                "{\"message\":\"maintenance at 22:00\",\"message_type\":\"INFO\",\"session_ids\":[\"" + id + "\"]}",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"));
    }

    /** The command id of the one item of a 200 answer, when that item was accepted. */
    static String acceptedCommand(String body) {
        try {
            JsonNode item = JSON.readTree(body).path(0);
            return accepted(item) ? item.get("command_id").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether an action answer's item is an accepted command: 200 with the command's id. */
    static boolean accepted(JsonNode item) {
        return item.path("status_code").asInt() == 200 && item.hasNonNull("command_id");
    }

    static List<String> found(Connection connection, String sql, Set<String> ids) throws SQLException {
        List<String> found = new ArrayList<>();
        if (ids.isEmpty()) {
            return found;
        }
        synchronized (connection) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                Array array = connection.createArrayOf("text", ids.toArray(String[]::new));
                statement.setArray(1, array);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getString(1));
                    }
                }
            }
        }
        return found;
    }

    static long count(Connection connection, String sql, List<String> ids) throws SQLException {
        synchronized (connection) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, connection.createArrayOf("text", ids.toArray(String[]::new)));
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        }
    }

    /** Each service's resident set size (VmRSS), every second. */
    static final class MemorySampler extends Thread {
        final LocalStack stack;
        final Map<String, Long> maxMiB = new ConcurrentHashMap<>();
        final Map<String, Long> lastMiB = new ConcurrentHashMap<>();
        final Map<String, List<Double>> series = new ConcurrentHashMap<>();
        volatile boolean stopped;

        private MemorySampler(LocalStack stack) {
            super("memory");
            setDaemon(true);
            this.stack = stack;
        }

        static MemorySampler start(LocalStack stack) {
            MemorySampler sampler = new MemorySampler(stack);
            sampler.start();
            return sampler;
        }

        @Override
        public void run() {
            while (!stopped) {
                for (String service : SERVICES) {
                    List<ServiceProcess> instances = stack.instances(service);
                    if (instances.isEmpty()) {
                        continue;
                    }
                    long mib = rssMiB(instances.get(0).pid());
                    maxMiB.merge(service, mib, Math::max);
                    lastMiB.put(service, mib);
                    series.computeIfAbsent(service, s -> new CopyOnWriteArrayList<>()).add((double) mib);
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        Map<String, List<Double>> seriesMiB() {
            return new LinkedHashMap<>(series);
        }

        void finish() {
            stopped = true;
        }

        static long rssMiB(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return 0;
            }
            return 0;
        }
    }
}
