package io.sessionplane.contracts.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON Schema (2020-12) of each topic's record value, shipped in this jar under {@code schemas/} and published as
 * {@code https://sessionplane.io/schemas/<file>}. Dead-letter topics have none: they hold whatever could not be
 * processed, unchanged. One map, so the AsyncAPI document's test and the test suites' record validation agree.
 */
public final class TopicSchemas {
    /** Classpath folder of the schema files. */
    public static final String RESOURCE_DIR = "schemas/";
    /** Base of every schema's {@code $id}. */
    public static final String ID_BASE = "https://sessionplane.io/schemas/";

    private static final Map<String, String> FILES = files();

    private TopicSchemas() {
    }

    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(Topics.SESSION_EVENTS, "session-event.v1.json");
        files.put(Topics.SESSION_COMMANDS, "session-command.v1.json");
        files.put(Topics.SESSION_OUTCOMES, "session-outcome.v1.json");
        files.put(Topics.SESSION_INVENTORY, "session-snapshot.v1.json");
        files.put(Topics.ASSIST_OUTCOMES, "assist-outcome.v1.json");
        files.put(Topics.ASSIST_AGENTS, "agent-facts.v1.json");
        files.put(Topics.ASSIST_INVITATIONS, "share-space-invitation.v1.json");
        files.put(Topics.ASSIST_RESPONSES, "share-space-response.v1.json");
        files.put(Topics.AUTH_REVOCATIONS, "token-revocation.v1.json");
        files.put(Topics.SESSION_JOBS, "job-event.v1.json");
        return Collections.unmodifiableMap(files);
    }

    /** Topic → schema file name, for every topic that has a schema (all but the dead-letter topics). */
    public static Map<String, String> byTopic() {
        return FILES;
    }

    /** The schema file of a topic's values, e.g. {@code session-event.v1.json}; empty for dead-letter topics. */
    public static Optional<String> file(String topic) {
        return Optional.ofNullable(FILES.get(topic));
    }

    /** The classpath resource of a topic's schema, e.g. {@code schemas/session-event.v1.json}. */
    public static Optional<String> resource(String topic) {
        return file(topic).map(file -> RESOURCE_DIR + file);
    }

    /** The schema's {@code $id}. */
    public static Optional<String> id(String topic) {
        return file(topic).map(file -> ID_BASE + file);
    }
}
