package io.sessionplane.contracts.kafka;

import java.util.List;
import java.util.stream.Stream;

/** Every Kafka topic SessionPlane uses. Names are versioned: a breaking change gets a new topic. */
public final class Topics {
    public static final String SESSION_COMMANDS = "session.commands.v1";
    public static final String SESSION_OUTCOMES = "session.outcomes.v1";
    public static final String SESSION_INVENTORY = "session.inventory.v1";
    public static final String ASSIST_OUTCOMES = "assist.outcomes.v1";
    public static final String ASSIST_AGENTS = "assist.agents.v1";
    public static final String ASSIST_INVITATIONS = "assist.invitations.v1";
    public static final String ASSIST_RESPONSES = "assist.responses.v1";
    /**
     * The public stream: every fact about a session, in order per session (key = session id), written
     * transactionally (consumers read {@code read_committed}). The only topic whose contract is published.
     */
    public static final String SESSION_EVENTS = "session.events.v1";
    /**
     * Access tokens revoked before their expiry (logout, refresh-token reuse), keyed by token id. Written by
     * session-service; read whole by every instance of every service, which refuses those tokens until they expire.
     */
    public static final String AUTH_REVOCATIONS = "auth.revocations.v1";
    /** What happened to session jobs (created, warned, acted, completed, cancelled, failed), keyed by job id. */
    public static final String SESSION_JOBS = "session.jobs.v1";

    /** Suffix of the dead-letter topic of a consumed topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    private static final List<TopicSpec> PRIMARY = List.of(
            new TopicSpec(SESSION_COMMANDS, false, "session id", null),
            new TopicSpec(SESSION_OUTCOMES, false, "session id", null),
            new TopicSpec(SESSION_INVENTORY, true, "session id", null),
            new TopicSpec(ASSIST_OUTCOMES, false, "session id", null),
            new TopicSpec(ASSIST_AGENTS, true, "machine id", null),
            new TopicSpec(ASSIST_INVITATIONS, false, "session id", null),
            new TopicSpec(ASSIST_RESPONSES, false, "session id", null),
            new TopicSpec(SESSION_EVENTS, false, "session id", null),
            new TopicSpec(SESSION_JOBS, false, "job id", null));

    /**
     * Topics read whole by plain consumers that skip what they cannot read (nothing to dead-letter: their only
     * writer is the control plane itself).
     */
    private static final List<TopicSpec> WITHOUT_DEAD_LETTERS = List.of(
            new TopicSpec(AUTH_REVOCATIONS, false, "token id (jti)", null));

    /** Topics outside consumers may subscribe to; every other topic is internal and may change with the agents. */
    public static final List<String> PUBLIC = List.of(SESSION_EVENTS);

    private Topics() {
    }

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** Every topic, including one dead-letter topic per topic consumed through a messaging channel. */
    public static List<TopicSpec> all() {
        return Stream.of(PRIMARY.stream(), WITHOUT_DEAD_LETTERS.stream(),
                PRIMARY.stream().map(t -> new TopicSpec(dlq(t.name()), false, t.key(), t.name())))
                .flatMap(s -> s).toList();
    }
}
