package io.sessionplane.examples;

import java.time.Duration;
import java.util.UUID;

/**
 * The command line of {@link TimelineConsumer}.
 *
 * @param bootstrap     Kafka bootstrap servers, host:port[,host:port]
 * @param groupId       the consumer group; its own by default, so it never takes partitions from another reader
 * @param fromBeginning start at the oldest retained event (auto.offset.reset=earliest) rather than now (latest)
 * @param sessionId     print only this session's events; null for all
 * @param maxEvents     stop after printing this many events; 0 for no limit
 * @param timeout       stop after this long; null for no limit
 * @param json          print each event's JSON value, one per line, instead of the timeline for people
 */
public record Options(String bootstrap, String groupId, boolean fromBeginning, String sessionId, long maxEvents,
        Duration timeout, boolean json) {

    /** The local stack's broker (./sessionplane prints it as "Kafka 127.0.0.1:19092"). */
    public static final String DEFAULT_BOOTSTRAP = "localhost:19092";

    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: TimelineConsumer [--bootstrap host:port] [--group id] [--from-beginning] [--session id]",
            "                        [--max-events N] [--timeout-seconds N] [--json]",
            "  --bootstrap host:port  Kafka bootstrap servers (default " + DEFAULT_BOOTSTRAP + ", the local stack)",
            "  --group id             consumer group (default timeline-example-<random>: a new group starts fresh)",
            "  --from-beginning       read every retained event; without it, only events from now on",
            "  --session id           only this session's events",
            "  --max-events N         stop after N events",
            "  --timeout-seconds N    stop after N seconds",
            "  --json                 print each event's JSON value, one per line");

    /** Parses the arguments; throws IllegalArgumentException with the reason (print it with {@link #USAGE}). */
    public static Options parse(String... args) {
        String bootstrap = DEFAULT_BOOTSTRAP;
        String group = null;
        boolean fromBeginning = false;
        String session = null;
        long maxEvents = 0;
        Duration timeout = null;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--bootstrap" -> bootstrap = value(args, ++i, arg);
                case "--group" -> group = value(args, ++i, arg);
                case "--from-beginning" -> fromBeginning = true;
                case "--session" -> session = value(args, ++i, arg);
                case "--max-events" -> maxEvents = positive(value(args, ++i, arg), arg);
                case "--timeout-seconds" -> timeout = Duration.ofSeconds(positive(value(args, ++i, arg), arg));
                case "--json" -> json = true;
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        return new Options(bootstrap, group != null ? group : "timeline-example-" + UUID.randomUUID(), fromBeginning,
                session, maxEvents, timeout, json);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--") || args[index].isBlank()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static long positive(String value, String option) {
        try {
            long number = Long.parseLong(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive whole number, not " + value);
    }
}
