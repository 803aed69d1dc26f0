package io.sessionplane.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The repository's example consumer (examples/event-consumer) run as an outside team would run it: its own JVM
 * whose classpath holds only its jar and its libraries (kafka-clients, Jackson), no SessionPlane module; it prints
 * every event of session.events.v1 it reads (read_committed, its own group) as one JSON line.
 */
final class ExampleConsumer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final List<JsonNode> events = new ArrayList<>();
    private final Thread reader;

    private ExampleConsumer(Process process) {
        this.process = process;
        reader = new Thread(this::read, "example-consumer-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts it on one session's events from the oldest retained, in a new group unless {@code options} name one. */
    static ExampleConsumer start(Path root, String bootstrap, String sessionId, String... options) throws IOException {
        Path example = root.resolve("examples/event-consumer/target");
        assertThat(example.resolve("event-consumer.jar")).as("the example consumer is built").exists();
        List<String> classpath = new ArrayList<>();
        classpath.add(example.resolve("event-consumer.jar").toString());
        try (var libs = Files.list(example.resolve("lib"))) {
            libs.map(Path::toString).sorted().forEach(classpath::add);
        }
        assertThat(classpath.subList(1, classpath.size())).as("nothing of SessionPlane but the example")
                .noneMatch(entry -> entry.contains("sessionplane") || entry.contains("contracts")
                        || entry.contains("service-kit") || entry.contains("local-stack"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", String.join(File.pathSeparator, classpath),
                "io.sessionplane.examples.TimelineConsumer", "--bootstrap", bootstrap, "--from-beginning",
                "--session", sessionId, "--json", "--timeout-seconds", "180"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.appendTo(
                root.resolve("system-tests/target/event-consumer.stderr").toFile()));
        return new ExampleConsumer(builder.start());
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.isBlank() && line.trim().startsWith("{")) {
                    JsonNode event = JSON.readTree(line);
                    synchronized (events) {
                        events.add(event);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Every event printed so far, once one of type {@code lastType} arrived and a little longer passed. */
    List<JsonNode> eventsUntil(String lastType, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && events().stream()
                .noneMatch(e -> lastType.equals(e.path("event_type").asText()))) {
            Thread.sleep(200);
        }
        // A little longer, so a repeated fact would show.
        Thread.sleep(3_000);
        return events();
    }

    /** Every event it printed, once it stopped by itself (its --max-events or --timeout-seconds). */
    List<JsonNode> eventsWhenStopped(Duration timeout) throws InterruptedException {
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("the example stopped").isTrue();
        assertThat(process.exitValue()).as("the example's exit code").isZero();
        reader.join(timeout.toMillis());
        return events();
    }

    private List<JsonNode> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
