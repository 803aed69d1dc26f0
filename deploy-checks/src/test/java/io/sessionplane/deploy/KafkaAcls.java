package io.sessionplane.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionplane.contracts.kafka.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka ACLs each client needs, derived from its configuration (and, for session-service's Kafka Streams topology,
 * from the topology's source), and the check of a set of grants against them: every need granted, nothing granted
 * that no need asks for, no wildcard.
 *
 * <ul>
 * <li>incoming channel: Read and Describe on its topic, Read on its {@code group.id};</li>
 * <li>outgoing channel: Write and Describe on its topic (idempotent producers need nothing more since Kafka 2.8,
 * KIP-679: Write on the topic allows it);</li>
 * <li>the {@code deadletters} channel: Write and Describe on {@code <topic>.dlq} of every topic the client consumes,
 * since service-kit DeadLetters picks the topic per record;</li>
 * <li>Kafka Streams ({@code sessionplane.events.application-id}): Read and Describe on its source topics, Write and
 * Describe on its sink, All on topics prefixed {@code <application.id>-} (changelog and repartition topics, which it
 * creates), Read on the group {@code <application.id>}, Write and Describe on transactional ids prefixed
 * {@code <application.id>} (exactly_once_v2);</li>
 * <li>the live feed ({@code sessionplane.feed.*}): Read and Describe on session.events.v1 (assigned partitions, no
 * group);</li>
 * <li>the agent simulator's start-up readers ({@code simulator.commands.remember-window}): Read and Describe on
 * session.inventory.v1 (which sessions an earlier run left) and session.outcomes.v1 (which commands it executed),
 * assigned partitions, no group;</li>
 * <li>service-kit's token revocation list, in every client that does not exclude it
 * ({@code quarkus.arc.exclude-types}): Read and Describe on auth.revocations.v1 (assigned partitions, no group).</li>
 * </ul>
 */
final class KafkaAcls {
    /** Module whose configuration defines the client, and the KafkaUser (principal) it runs as. */
    static final Map<String, String> USERS = orderedMap("session-service", "session-service",
            "assist-service", "assist-service", "audit-service", "audit-service", "agent-simulator", "agents");
    static final String DEAD_LETTERS = "deadletters";
    /** service-kit's revocation list: its tailer reads auth.revocations.v1 in every service that keeps it. */
    static final String REVOCATION_PACKAGE = "io.sessionplane.kit.auth.revocation";
    static final Path STREAM_TOPOLOGY = Path.of(
            "session-service/src/main/java/io/sessionplane/session/stream/SessionEventStream.java");

    /** One permission: resource type (topic, group, transactionalId, cluster), name, pattern (literal, prefix). */
    record Acl(String type, String name, String pattern, String operation) {
        static Acl literal(String type, String name, String operation) {
            return new Acl(type, name, "literal", operation);
        }

        boolean covers(Acl needed) {
            boolean resource = type.equals(needed.type()) && (pattern.equals("literal")
                    ? needed.pattern().equals("literal") && name.equals(needed.name())
                    : needed.name().startsWith(name));
            return resource && (operation.equals(needed.operation()) || operation.equals("All"));
        }

        @Override
        public String toString() {
            return operation + " on " + type + " " + name + (pattern.equals("prefix") ? "*" : "");
        }
    }

    /** An ACL a user needs, and which configuration asks for it. */
    record Need(String user, Acl acl, String reason) {
    }

    /** A grant: user and permission. */
    record Grant(String user, Acl acl) {
    }

    private KafkaAcls() {
    }

    /** Every ACL every client needs, from the modules' application.properties (profile prefixes stripped). */
    static List<Need> needs() {
        List<Need> needs = new ArrayList<>();
        USERS.forEach((module, user) -> needs.addAll(needs(user, configuration(module))));
        return needs;
    }

    static Map<String, String> configuration(String module) {
        Path file = Tools.ROOT.resolve(module).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> bare = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            bare.putIfAbsent(key.replaceFirst("^%[a-z,-]+\\.", ""), properties.getProperty(key).trim());
        }
        return bare;
    }

    static List<Need> needs(String user, Map<String, String> config) {
        Map<String, String> incoming = channels(config, "incoming");
        Map<String, String> outgoing = channels(config, "outgoing");
        List<Need> needs = new ArrayList<>();
        incoming.forEach((channel, topic) -> {
            String why = "incoming channel " + channel;
            needs.add(new Need(user, Acl.literal("topic", topic, "Read"), why));
            needs.add(new Need(user, Acl.literal("topic", topic, "Describe"), why));
            String group = config.get("mp.messaging.incoming." + channel + ".group.id");
            if (group == null) {
                throw new IllegalStateException(user + ": incoming channel " + channel + " has no group.id");
            }
            needs.add(new Need(user, Acl.literal("group", group, "Read"), why));
        });
        outgoing.forEach((channel, topic) -> {
            List<String> written = new ArrayList<>(List.of(topic));
            if (channel.equals(DEAD_LETTERS)) {
                incoming.values().forEach(consumed -> written.add(Topics.dlq(consumed)));
            }
            for (String target : new LinkedHashSet<>(written)) {
                String why = "outgoing channel " + channel;
                needs.add(new Need(user, Acl.literal("topic", target, "Write"), why));
                needs.add(new Need(user, Acl.literal("topic", target, "Describe"), why));
            }
        });
        String applicationId = config.get("sessionplane.events.application-id");
        if (applicationId != null && !"false".equals(config.get("sessionplane.events.enabled"))) {
            needs.addAll(streams(user, applicationId));
        }
        if (config.keySet().stream().anyMatch(key -> key.startsWith("sessionplane.feed."))) {
            needs.add(new Need(user, Acl.literal("topic", Topics.SESSION_EVENTS, "Read"), "live feed"));
            needs.add(new Need(user, Acl.literal("topic", Topics.SESSION_EVENTS, "Describe"), "live feed"));
        }
        if (config.containsKey("simulator.commands.remember-window")) {
            for (String topic : List.of(Topics.SESSION_INVENTORY, Topics.SESSION_OUTCOMES)) {
                needs.add(new Need(user, Acl.literal("topic", topic, "Read"), "start-up reader"));
                needs.add(new Need(user, Acl.literal("topic", topic, "Describe"), "start-up reader"));
            }
        }
        if (!config.getOrDefault("quarkus.arc.exclude-types", "").contains(REVOCATION_PACKAGE)) {
            needs.add(new Need(user, Acl.literal("topic", Topics.AUTH_REVOCATIONS, "Read"), "token revocations"));
            needs.add(new Need(user, Acl.literal("topic", Topics.AUTH_REVOCATIONS, "Describe"), "token revocations"));
        }
        return needs;
    }

    /** Channel name to topic (the {@code topic} attribute, else the channel name, as SmallRye does). */
    private static Map<String, String> channels(Map<String, String> config, String direction) {
        Pattern key = Pattern.compile("mp\\.messaging\\." + direction + "\\.([^.]+)\\.connector");
        Map<String, String> channels = new TreeMap<>();
        config.forEach((name, value) -> {
            Matcher matcher = key.matcher(name);
            if (matcher.matches() && value.equals("smallrye-kafka")) {
                String channel = matcher.group(1);
                channels.put(channel, config.getOrDefault("mp.messaging." + direction + "." + channel + ".topic",
                        channel));
            }
        });
        return channels;
    }

    /** The topology's sources and sink, read from its source (addSource/addSink with a Topics constant). */
    static List<Need> streams(String user, String applicationId) {
        String source;
        try {
            source = Files.readString(Tools.ROOT.resolve(STREAM_TOPOLOGY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> inputs = constants(source, "addSource\\([^;]*?Topics\\.([A-Z_]+)\\s*\\)");
        List<String> outputs = constants(source, "addSink\\(\\s*\"[^\"]*\"\\s*,\\s*Topics\\.([A-Z_]+)");
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalStateException("no addSource/addSink with a Topics constant in " + STREAM_TOPOLOGY);
        }
        String why = "Kafka Streams " + applicationId;
        List<Need> needs = new ArrayList<>();
        for (String topic : inputs) {
            needs.add(new Need(user, Acl.literal("topic", topic, "Read"), why));
            needs.add(new Need(user, Acl.literal("topic", topic, "Describe"), why));
        }
        for (String topic : outputs) {
            needs.add(new Need(user, Acl.literal("topic", topic, "Write"), why));
            needs.add(new Need(user, Acl.literal("topic", topic, "Describe"), why));
        }
        needs.add(new Need(user, new Acl("topic", applicationId + "-", "prefix", "All"), why + " internal topics"));
        needs.add(new Need(user, Acl.literal("group", applicationId, "Read"), why));
        needs.add(new Need(user, new Acl("transactionalId", applicationId, "prefix", "Write"), why + " exactly-once"));
        needs.add(new Need(user, new Acl("transactionalId", applicationId, "prefix", "Describe"), why + " exactly-once"));
        return needs;
    }

    private static List<String> constants(String source, String regex) {
        List<String> topics = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(source);
        while (matcher.find()) {
            try {
                topics.add((String) Topics.class.getField(matcher.group(1)).get(null));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Topics." + matcher.group(1) + " in " + STREAM_TOPOLOGY, e);
            }
        }
        return topics;
    }

    /** The allow ACLs of the KafkaUsers among the documents, by user. */
    static List<Grant> grants(List<JsonNode> documents) {
        List<Grant> grants = new ArrayList<>();
        for (JsonNode user : Manifests.ofKind(documents, "KafkaUser")) {
            String name = user.path("metadata").path("name").asText();
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                if (!acl.path("type").asText("allow").equals("allow")) {
                    continue;
                }
                JsonNode resource = acl.path("resource");
                for (JsonNode operation : acl.path("operations")) {
                    grants.add(new Grant(name, new Acl(resource.path("type").asText(),
                            resource.path("name").asText(resource.path("type").asText().equals("cluster")
                                    ? "kafka-cluster" : ""),
                            resource.path("patternType").asText("literal"), operation.asText())));
                }
            }
        }
        return grants;
    }

    /**
     * What is wrong with the grants: a need not granted ({@code <user>: lacks <acl> (<reason>)}), a grant no need
     * asks for ({@code <user>: is granted <acl>, which its configuration does not need}), a wildcard.
     */
    static List<String> problems(List<Need> needs, List<Grant> grants) {
        List<String> problems = new ArrayList<>();
        Set<String> reported = new LinkedHashSet<>();
        for (Need need : needs) {
            boolean granted = grants.stream()
                    .anyMatch(grant -> grant.user().equals(need.user()) && grant.acl().covers(need.acl()));
            if (!granted && reported.add(need.user() + need.acl())) {
                problems.add(need.user() + ": lacks " + need.acl() + " (" + need.reason() + ")");
            }
        }
        for (Grant grant : grants) {
            Acl acl = grant.acl();
            if (acl.name().isEmpty() || acl.name().equals("*")) {
                problems.add(grant.user() + ": is granted " + acl + ", a wildcard");
                continue;
            }
            boolean needed = needs.stream().anyMatch(need -> need.user().equals(grant.user())
                    && need.acl().type().equals(acl.type()) && need.acl().pattern().equals(acl.pattern())
                    && need.acl().name().equals(acl.name()) && need.acl().operation().equals(acl.operation()));
            if (!needed) {
                problems.add(grant.user() + ": is granted " + acl + ", which its configuration does not need");
            }
        }
        return problems;
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
