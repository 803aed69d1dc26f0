package io.sessionplane.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR profile's CPU samples go: the share of samples whose stack passes through each area (inclusive, so the
 * shares overlap and do not add up to 100 %), and the methods that are most often on top of the stack (self time).
 * {@code bench/run.sh profile <file.jfr>}.
 */
public final class ProfileSummary {
    /** Areas by the packages that mark them; the first frame (from the top) in a listed package decides nothing. */
    static final Map<String, List<String>> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("token verification (SmallRye JWT, jose4j)", List.of("io.smallrye.jwt", "org.jose4j"));
        AREAS.put("PostgreSQL client", List.of("io.vertx.pgclient", "io.vertx.sqlclient"));
        AREAS.put("Kafka producer and consumers", List.of("org.apache.kafka", "io.smallrye.reactive.messaging.kafka"));
        AREAS.put("JSON (Jackson)", List.of("com.fasterxml.jackson"));
        AREAS.put("REST layer (RESTEasy Reactive)", List.of("org.jboss.resteasy.reactive", "io.quarkus.resteasy"));
        AREAS.put("HTTP and network (Vert.x, Netty)", List.of("io.vertx.core", "io.netty"));
        AREAS.put("SessionPlane code", List.of("io.sessionplane"));
        AREAS.put("Kafka Streams (session.events.v1)", List.of("org.apache.kafka.streams"));
        AREAS.put("logging", List.of("org.jboss.logmanager", "org.jboss.logging"));
    }

    public static void main(String[] args) throws Exception {
        for (String file : args) {
            summarize(Path.of(file));
        }
    }

    static void summarize(Path file) throws Exception {
        Map<String, Integer> inclusive = new LinkedHashMap<>();
        AREAS.keySet().forEach(area -> inclusive.put(area, 0));
        Map<String, Integer> self = new HashMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            for (Map.Entry<String, List<String>> area : AREAS.entrySet()) {
                if (frames.stream().anyMatch(frame -> area.getValue().stream().anyMatch(name(frame)::startsWith))) {
                    inclusive.merge(area.getKey(), 1, Integer::sum);
                }
            }
        }
        System.out.printf("## %s: %,d CPU samples%n", file.getFileName(), total);
        System.out.println("| area (stack passes through) | share of samples |");
        System.out.println("|---|---:|");
        final int all = Math.max(1, total);
        inclusive.forEach((area, count) -> System.out.printf("| %s | %.0f %% |%n", area, 100.0 * count / all));
        System.out.println();
        System.out.println("| top of stack (self) | share |");
        System.out.println("|---|---:|");
        self.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                .forEach(entry -> System.out.printf("| `%s` | %.1f %% |%n", entry.getKey(), 100.0 * entry.getValue() / all));
        System.out.println();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
