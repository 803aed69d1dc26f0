package io.sessionplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionplane.localstack.stack.ServiceProcess;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A logoff job over a 100,000-session fleet (one agent-simulator, churn off, session-service): the time from the POST
 * until every session's command is accepted and until every outcome is in, and the latency of single-session
 * send-message POSTs (4 connections, closed loop) before and while the job runs. Each variant (no rate, then
 * {@code bench.job.rate} commands/s) gets a stack of its own, so both log off a full fleet.
 */
public final class JobBench {
    static final int SESSIONS = Integer.getInteger("bench.sessions", 100_000);
    static final int RATE = Integer.getInteger("bench.job.rate", 500);
    static final int CONNECTIONS = 4;
    static final Duration PROBE = Duration.ofSeconds(15);
    /**
     * The probe acts on sessions of users the job leaves alone (the simulator's user ids 1100–1999 of 1100–61099,
     * about 1.5 % of the sessions): a probe of sessions the job logs off measures refusals (404, the session is gone).
     */
    static final String PROBE_FILTER = "{\"type\":\"StartsWith\",\"name\":\"user_name\",\"value\":\"CORP\\\\user01\"}";
    static final String JOB_FILTER = "{\"type\":\"And\",\"filters\":[{\"type\":\"StartsWith\",\"name\":\"user_name\","
            + "\"value\":\"CORP\\\\user\"},{\"type\":\"Not\",\"filter\":" + PROBE_FILTER + "}]}";
    static final ObjectMapper JSON = new ObjectMapper();

    record Run(String label, long targeted, double acceptedSeconds, double outcomesSeconds, String state,
            JsonNode counts, HttpLoad.Result before, HttpLoad.Result during, IntakeBench.AcceptedItems probedBefore,
            IntakeBench.AcceptedItems probedDuring, int reads, int readsRefused, double slowestReadMillis,
            Map<String, Integer> refusals, Sending sending) {
    }

    /** The job's commands as session-service recorded them: how many, and from the first to the last request time. */
    record Sending(long commands, double seconds) {
        double perSecond() {
            return seconds <= 0 ? 0 : commands / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        List<Run> runs = new ArrayList<>();
        runs.add(run("no rate", null));
        runs.add(run("rate " + RATE + "/s", RATE));
        System.out.println();
        System.out.println("## logoff job over the sessions of " + SESSIONS + " whose users are not the probe's"
                + " (session-service + agent-simulator, single-session send-message probe of the others: " + CONNECTIONS
                + " connections, closed loop)");
        System.out.println("| job | targeted | all accepted | all outcomes in | state | probe before: p50 / p99 / req/s "
                + "| probe during the job: p50 / p99 / req/s |");
        System.out.println("|---|---:|---:|---:|---|---|---|");
        for (Run run : runs) {
            System.out.printf("| %s | %,d | %.1f s | %.1f s | %s | %.1f ms / %.1f ms / %,.0f | %.1f ms / %.1f ms / %,.0f |%n",
                    run.label(), run.targeted(), run.acceptedSeconds(), run.outcomesSeconds(), run.state(),
                    run.before().p50Millis(), run.before().p99Millis(), run.before().perSecond(),
                    run.during().p50Millis(), run.during().p99Millis(), run.during().perSecond());
            // HTTP statuses of the measured time; the items of every answer, warm-up included (accepted or why not).
            System.out.println("  counts " + run.counts() + "; probe statuses before " + run.before().statuses()
                    + ", during " + run.during().statuses() + "; probe answers with warm-up, before: "
                    + run.probedBefore() + ", during: " + run.probedDuring() + "; GET job every 250 ms: "
                    + run.reads() + " reads, "
                    + run.readsRefused() + " not 200, slowest " + String.format("%.0f ms", run.slowestReadMillis())
                    + "; refusals in the first 1,000 refused items " + run.refusals()
                    + String.format("; the job's commands by their request times: %,d over %.1f s (%,.0f/s)",
                            run.sending().commands(), run.sending().seconds(), run.sending().perSecond()));
        }
    }

    static Run run(String label, Integer rate) throws Exception {
        try (BenchStack stack = new BenchStack("job").start(true)) {
            stack.database("sessions");
            ServiceProcess service = stack.service("session-service", "sessions", Map.of());
            stack.service("agent-simulator", null, Map.of("SIMULATOR_SESSIONS", Integer.toString(SESSIONS),
                    "SIMULATOR_CHURN_RATE", "0"));
            stack.awaitCount("sessions", "SELECT count(*) FROM session WHERE NOT ended", SESSIONS,
                    Duration.ofMinutes(10));
            String token = IntakeBench.login(service.port());
            List<String> probeIds = new ArrayList<>();
            var page = JSON.readTree(get(service.port(), token, "/rest/inventory/v1/sessions?size=1000&filter="
                    + java.net.URLEncoder.encode(PROBE_FILTER, java.nio.charset.StandardCharsets.UTF_8)));
            page.forEach(session -> probeIds.add(session.get("id").asText()));
            var probedBefore = new IntakeBench.AcceptedItems();
            HttpLoad.Result before = probe(service.port(), token, probeIds, PROBE, Duration.ofSeconds(10),
                    probedBefore);

            String body = "{\"action\":\"logoff\",\"target\":{\"filter\":" + JOB_FILTER + "}"
                    + (rate == null ? "" : ",\"rate\":" + rate) + "}";
            long start = System.nanoTime();
            JsonNode created = JSON.readTree(post(service.port(), token, "/rest/inventory/v1/session-jobs", body));
            String job = created.get("id").asText();
            // The probe runs while the job sends (its length: a guess from the rate, at least 15 s).
            Duration during = rate == null ? PROBE : Duration.ofSeconds(Math.max(15, SESSIONS / rate / 2));
            var probedDuring = new IntakeBench.AcceptedItems();
            CompletableFuture<HttpLoad.Result> probing = CompletableFuture.supplyAsync(() -> {
                try {
                    return probe(service.port(), token, probeIds, during, Duration.ZERO, probedDuring);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            double accepted = -1;
            double outcomes = -1;
            JsonNode view = null;
            int reads = 0;
            int refused = 0;
            double slowest = 0;
            while (true) {
                if ((System.nanoTime() - start) / 1e9 > 1_800) {
                    throw new IllegalStateException("job not finished after 30 min: " + view);
                }
                long asked = System.nanoTime();
                HttpResponse<String> read = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + service.port() + "/rest/inventory/v1/session-jobs/" + job))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                slowest = Math.max(slowest, (System.nanoTime() - asked) / 1e6);
                reads++;
                if (read.statusCode() != 200) {
                    refused++;
                    Thread.sleep(250);
                    continue;
                }
                view = JSON.readTree(read.body());
                JsonNode counts = view.get("counts");
                long targeted = counts.get("targeted").asLong();
                double elapsed = (System.nanoTime() - start) / 1e9;
                long sent = counts.get("accepted").asLong() + counts.get("refused").asLong()
                        + counts.get("skipped").asLong();
                // The runner resolves the whole target before it sends: once it sends, targeted is final.
                if (accepted < 0 && sent > 0 && sent >= targeted) {
                    accepted = elapsed;
                }
                String state = view.get("state").asText();
                if (state.equals("COMPLETED") || state.equals("FAILED") || state.equals("CANCELLED")) {
                    outcomes = elapsed;
                    break;
                }
                Thread.sleep(250);
            }
            // Why sessions were refused: the same decisions a direct call gives (first page of the refused items).
            Map<String, Integer> refusals = new java.util.TreeMap<>();
            String refusedFilter = java.net.URLEncoder.encode("{\"type\":\"Equals\",\"name\":\"state\","
                    + "\"value\":\"REFUSED\"}", java.nio.charset.StandardCharsets.UTF_8);
            JSON.readTree(get(service.port(), token, "/rest/inventory/v1/session-jobs/" + job + "/sessions?size=1000"
                    + "&filter=" + refusedFilter)).forEach(item -> refusals.merge(item.get("status_code").asText()
                    + " " + item.get("errors").get(0).get("error_key").asText(), 1, Integer::sum));
            Sending sending;
            try (var sessions = stack.jdbc("sessions"); var statement = sessions.prepareStatement(
                    "SELECT count(*), max(requested_at) - min(requested_at) FROM session_command"
                            + " WHERE command->>'job_id' = ?")) {
                statement.setString(1, job);
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    sending = new Sending(rows.getLong(1), rows.getLong(2) / 1000.0);
                }
            }
            return new Run(label, view.get("counts").get("targeted").asLong(), accepted, outcomes,
                    view.get("state").asText(), view.get("counts"), before, probing.join(), probedBefore, probedDuring,
                    reads, refused, slowest, refusals, sending);
        }
    }

    /** Every answer is told to {@code answers}: the latency is only comparable with the share that was accepted. */
    static HttpLoad.Result probe(int port, String token, List<String> ids, Duration duration, Duration warmup,
            IntakeBench.AcceptedItems answers) throws InterruptedException {
        return HttpLoad.run(port, CONNECTIONS, warmup, duration, () -> new HttpLoad.Request(HttpMethod.POST,
                "/rest/inventory/v1/sessions/action/send-message", "{\"message\":\"bench\",\"message_type\":\"INFO\","
                        + "\"session_ids\":[\"" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())) + "\"]}",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json")), answers);
    }

    static String get(int port, String token, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    static String post(int port, String token, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }
}
