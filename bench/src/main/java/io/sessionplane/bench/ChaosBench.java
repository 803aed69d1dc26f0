package io.sessionplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionplane.localstack.Directories;
import io.sessionplane.localstack.ProcessSignals;
import io.sessionplane.localstack.stack.CommandAccounting;
import io.sessionplane.localstack.stack.LocalStack;
import io.sessionplane.localstack.stack.ServiceProcess;
import io.sessionplane.localstack.stack.StackSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The chaos suite: the whole local stack under a steady load of commands (send-message through the gateway, each with
 * its own Idempotency-Key, open loop at {@code bench.rate} a second), while each of the broker, PostgreSQL, the three
 * services and the simulator is in turn frozen (SIGSTOP for {@code bench.fault-seconds}, then SIGCONT) and then
 * killed (SIGKILL) and restarted. Afterwards it proves from the outside, for every command answered 200 with its item
 * accepted: one outcome on session.outcomes.v1 (a plain consumer), a finished status, its audit records once. One row
 * per fault: accepted, refused (503), other answers, lost, duplicated, expired, longest answer, time to recover.
 */
public final class ChaosBench {
    static final int RATE = Integer.getInteger("bench.rate", 20);
    static final Duration FAULT = Duration.ofSeconds(Integer.getInteger("bench.fault-seconds", 10));
    static final Duration SETTLE = Duration.ofSeconds(Integer.getInteger("bench.settle-seconds", 15));
    static final ObjectMapper JSON = new ObjectMapper();

    /** One request of the load, as its client saw it. */
    record Answer(int fault, long sentNanos, long latencyMillis, int httpStatus, int itemStatus, String commandId,
            String body) {
    }

    /** One fault of the run and when it ended (the clock recovery is measured from). */
    record Fault(String target, String kind, long endedNanos) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("sessionplane.root", ".")).toAbsolutePath().normalize();
        Path data = root.resolve("bench/target/data-chaos");
        Directories.deleteRecursively(data);
        StackSettings settings = StackSettings.fromEnvironment(root).withDataDir(data)
                .withFreePorts()
                .withFleet(200, 0);
        try (LocalStack stack = new LocalStack(settings)) {
            stack.start();
            String token = stack.login("admin", "admin");
            List<String> targets = connectedLocalSessions(stack.gatewayUrl(), token);
            List<Answer> answers = new CopyOnWriteArrayList<>();
            List<Fault> faults = new CopyOnWriteArrayList<>();
            AtomicInteger current = new AtomicInteger(-1);
            AtomicBoolean stop = new AtomicBoolean();
            Thread load = new Thread(() -> load(stack.gatewayUrl(), token, targets, current, stop, answers), "load");
            load.start();
            Thread.sleep(SETTLE.toMillis());

            List<String[]> plan = List.of(new String[] {"broker", "freeze"}, new String[] {"broker", "kill"},
                    new String[] {"PostgreSQL", "freeze"}, new String[] {"PostgreSQL", "kill"},
                    new String[] {"session-service", "freeze"}, new String[] {"session-service", "kill"},
                    new String[] {"assist-service", "freeze"}, new String[] {"assist-service", "kill"},
                    new String[] {"audit-service", "freeze"}, new String[] {"audit-service", "kill"},
                    new String[] {"agent-simulator", "freeze"}, new String[] {"agent-simulator", "kill"});
            for (String[] step : plan) {
                current.set(faults.size());
                System.out.printf("%s: %s%n", step[0], step[1]);
                inject(stack, step[0], step[1]);
                faults.add(new Fault(step[0], step[1], System.nanoTime()));
                Thread.sleep(SETTLE.toMillis());
            }
            current.set(-1);
            Thread.sleep(SETTLE.toMillis());
            stop.set(true);
            load.join();
            report(stack, token, faults, answers);
        }
    }

    /** Freezes for FAULT then thaws, or kills and restarts. */
    static void inject(LocalStack stack, String target, String kind) throws Exception {
        LongSupplier pid = switch (target) {
            case "broker" -> () -> stack.kafka().pid();
            case "PostgreSQL" -> () -> stack.postgres().pid();
            default -> () -> stack.instances(target).get(0).pid();
        };
        if (kind.equals("freeze")) {
            long frozen = pid.getAsLong();
            ProcessSignals.freeze(frozen);
            Thread.sleep(FAULT.toMillis());
            ProcessSignals.thaw(frozen);
            return;
        }
        switch (target) {
            case "broker" -> {
                ProcessSignals.kill(pid.getAsLong());
                Thread.sleep(2_000);
                stack.kafka().start(Duration.ofMinutes(2));
            }
            case "PostgreSQL" -> {
                stack.postgres().kill();
                Thread.sleep(2_000);
                stack.postgres().start();
            }
            default -> {
                ServiceProcess instance = stack.instances(target).get(0);
                instance.kill();
                Thread.sleep(2_000);
                instance.start();
                instance.awaitReady(Duration.ofMinutes(3));
            }
        }
    }

    /** Open loop: each request has its slot in time, sent from a pool so a slow answer delays no other request. */
    static void load(String gateway, String token, List<String> targets, AtomicInteger current, AtomicBoolean stop,
            List<Answer> answers) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService senders = Executors.newFixedThreadPool(64);
        long interval = 1_000_000_000L / RATE;
        long next = System.nanoTime();
        int n = 0;
        while (!stop.get()) {
            long now = System.nanoTime();
            if (now < next) {
                sleepNanos(next - now);
                continue;
            }
            next += interval;
            String target = targets.get(n++ % targets.size());
            int fault = current.get();
            senders.execute(() -> answers.add(send(http, gateway, token, target, fault)));
        }
        senders.shutdown();
        try {
            senders.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Answer send(HttpClient http, String gateway, String token, String target, int fault) {
        long sent = System.nanoTime();
        String body = "{\"message\":\"Chaos\",\"message_type\":\"INFO\",\"session_ids\":[\"" + target + "\"]}";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway
                            + "/rest/inventory/v1/sessions/action/send-message")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long latency = (System.nanoTime() - sent) / 1_000_000;
            if (response.statusCode() == 200) {
                JsonNode item = JSON.readTree(response.body()).get(0);
                return new Answer(fault, sent, latency, 200, item.path("status_code").asInt(),
                        item.path("command_id").asText(null), response.body());
            }
            return new Answer(fault, sent, latency, response.statusCode(), 0, null, response.body());
        } catch (Exception e) {
            return new Answer(fault, sent, (System.nanoTime() - sent) / 1_000_000, -1, 0, null, e.toString());
        }
    }

    static void report(LocalStack stack, String token, List<Fault> faults, List<Answer> answers) throws Exception {
        CommandAccounting accounting = new CommandAccounting(stack.kafka().bootstrapServers(), stack.gatewayUrl(),
                token);
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        answers.stream().filter(a -> a.itemStatus() == 200 && a.commandId() != null)
                .forEach(a -> accepted.add(a.commandId()));
        Map<String, List<String>> outcomes = accounting.outcomeTypes(accepted, Duration.ofMinutes(3));
        Map<String, List<String>> audited = accounting.auditTypes(List.of("ADMIN_SESSION_SENDMSG",
                "ADMIN_SESSION_SENDMSG_FAILED", "SESSION_COMMAND_EXPIRED"));
        System.out.println();
        System.out.printf("## chaos (%d commands/s, faults of %d s, %d s between)%n", RATE, FAULT.toSeconds(),
                SETTLE.toSeconds());
        System.out.println("| fault | accepted | refused (503) | other answers | lost | duplicated | expired |"
                + " longest answer | time to recover |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        List<Integer> rows = new ArrayList<>();
        for (int i = -1; i < faults.size(); i++) {
            rows.add(i);
        }
        for (int row : rows) {
            List<Answer> mine = answers.stream().filter(a -> a.fault() == row).toList();
            long acceptedCount = mine.stream().filter(a -> a.itemStatus() == 200).count();
            long refused = mine.stream().filter(a -> a.httpStatus() == 503 || a.itemStatus() == 503).count();
            List<Answer> others = mine.stream().filter(a -> !(a.httpStatus() == 200 && (a.itemStatus() == 200
                    || a.itemStatus() == 503)) && a.httpStatus() != 503).toList();
            long lost = 0;
            long duplicated = 0;
            long expired = 0;
            for (Answer answer : mine) {
                if (answer.itemStatus() != 200) {
                    continue;
                }
                List<String> told = outcomes.getOrDefault(answer.commandId(), List.of());
                List<String> recorded = audited.getOrDefault(answer.commandId(), List.of());
                String status = accounting.status(answer.commandId());
                if (told.isEmpty() || recorded.isEmpty() || !List.of("SUCCEEDED", "FAILED").contains(status)) {
                    lost++;
                } else if (told.size() > 1 || recorded.size() > 1) {
                    duplicated++;
                }
                if (told.contains("SESSION_COMMAND_EXPIRED")) {
                    expired++;
                }
            }
            long longest = mine.stream().mapToLong(Answer::latencyMillis).max().orElse(0);
            String name = row < 0 ? "none (before and after the faults)" : faults.get(row).target() + " "
                    + faults.get(row).kind();
            String recover = row < 0 ? "—" : recovery(faults.get(row), answers);
            System.out.printf("| %s | %d | %d | %d | %d | %d | %d | %.1f s | %s |%n", name, acceptedCount, refused,
                    others.size(), lost, duplicated, expired, longest / 1000.0, recover);
            others.stream().limit(3).forEach(a -> System.out.println("    other answer: " + a.httpStatus() + " "
                    + a.body().substring(0, Math.min(200, a.body().length()))));
        }
    }

    /** From the end of the fault to the first request sent after it that was accepted. */
    static String recovery(Fault fault, List<Answer> answers) {
        return answers.stream().filter(a -> a.sentNanos() >= fault.endedNanos() && a.itemStatus() == 200)
                .mapToLong(Answer::sentNanos).min()
                .stream().mapToObj(first -> String.format("%.1f s", (first - fault.endedNanos()) / 1e9))
                .findFirst().orElse("not within the run");
    }

    static List<String> connectedLocalSessions(String gateway, String token) throws Exception {
        String filter = "{\"type\":\"And\",\"filters\":[{\"type\":\"Equals\",\"name\":\"session_state\",\"value\":"
                + "\"CONNECTED\"},{\"type\":\"Equals\",\"name\":\"resourced_remotely\",\"value\":false},"
                + "{\"type\":\"Equals\",\"name\":\"brokered_remotely\",\"value\":false}]}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway
                        + "/rest/inventory/v1/sessions?size=1000&filter=" + URLEncoder.encode(filter,
                        StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> ids = new ArrayList<>();
        JSON.readTree(response.body()).forEach(session -> ids.add(session.path("id").asText()));
        return ids;
    }

    static void sleepNanos(long nanos) {
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
