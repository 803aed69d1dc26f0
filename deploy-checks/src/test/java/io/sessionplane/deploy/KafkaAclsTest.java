package io.sessionplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionplane.deploy.KafkaAcls.Acl;
import io.sessionplane.deploy.KafkaAcls.Grant;
import io.sessionplane.deploy.KafkaAcls.Need;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Kafka trusts nobody in prod (issue 13): the listeners authenticate and authorize, every client has a KafkaUser, and
 * the ACLs are exactly what each client's channels need — a channel without its ACL, or an ACL without its channel,
 * fails the build. The Compose ACL script grants the same table.
 */
class KafkaAclsTest {
    static List<JsonNode> prod() {
        return Manifests.documents("prod");
    }

    @Test
    void prodKafkaListenersAuthenticateAndAuthorize() {
        List<JsonNode> kafkas = Manifests.ofKind(prod(), "Kafka");
        assertThat(kafkas).hasSize(1);
        JsonNode kafka = kafkas.get(0).path("spec");
        assertThat(kafka.path("kafka").path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(kafka.path("kafka").path("authorization").path("superUsers")).as("no extra super users").isEmpty();
        JsonNode listeners = kafka.path("kafka").path("listeners");
        assertThat(listeners).isNotEmpty().allSatisfy(listener -> {
            assertThat(listener.path("authentication").path("type").asText()).as(listener.toString())
                    .isIn("tls", "scram-sha-512");
            assertThat(listener.path("tls").asBoolean()).as(listener.toString()).isTrue();
        });
        assertThat(kafka.path("entityOperator").has("userOperator")).as("the User Operator reconciles KafkaUsers")
                .isTrue();
        // The clients are pointed at that listener.
        int port = listeners.get(0).path("port").asInt();
        JsonNode config = Manifests.ofKind(prod(), "ConfigMap").stream()
                .filter(c -> c.path("metadata").path("name").asText().equals("sessionplane-config")).findFirst()
                .orElseThrow();
        assertThat(config.path("data").path("KAFKA_BOOTSTRAP_SERVERS").asText()).endsWith(":" + port);
        // Dev keeps its plaintext listener and has no users.
        assertThat(Manifests.ofKind(Manifests.documents("dev"), "KafkaUser")).isEmpty();
    }

    @Test
    void everyClientHasAKafkaUserOfTheCluster() {
        String cluster = Manifests.ofKind(prod(), "Kafka").get(0).path("metadata").path("name").asText();
        Map<String, JsonNode> users = Manifests.ofKind(prod(), "KafkaUser").stream()
                .collect(Collectors.toMap(u -> u.path("metadata").path("name").asText(), u -> u));
        assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(KafkaAcls.USERS.values());
        users.forEach((name, user) -> {
            assertThat(user.path("metadata").path("labels").path("strimzi.io/cluster").asText()).as(name)
                    .isEqualTo(cluster);
            assertThat(user.path("spec").path("authentication").path("type").asText()).as(name)
                    .isIn("tls", "scram-sha-512");
            assertThat(user.path("spec").path("authorization").path("type").asText()).as(name).isEqualTo("simple");
        });
    }

    /** Every ACL a channel needs is granted to its client's user, and nothing else (least privilege). */
    @Test
    void theKafkaUsersGrantExactlyWhatTheChannelsNeed() {
        List<Need> needs = KafkaAcls.needs();
        assertThat(needs).as("needs derived").hasSizeGreaterThan(60);
        assertThat(needs).extracting(Need::user).containsAll(KafkaAcls.USERS.values());
        List<Grant> grants = KafkaAcls.grants(prod());
        assertThat(KafkaAcls.problems(needs, grants)).isEmpty();
    }

    /** The rules that say who may write what, stated once more in plain words. */
    @Test
    void onlyTheOwnerWritesCommandsInvitationsAndAgentTopics() {
        List<Grant> grants = KafkaAcls.grants(prod());
        assertThat(writers(grants, "session.commands.v1")).containsExactly("session-service");
        assertThat(writers(grants, "assist.invitations.v1")).containsExactly("assist-service");
        assertThat(writers(grants, "assist.outcomes.v1")).containsExactly("assist-service");
        assertThat(writers(grants, "session.events.v1")).containsExactly("session-service");
        for (String agentTopic : List.of("session.outcomes.v1", "session.inventory.v1", "assist.agents.v1",
                "assist.responses.v1")) {
            assertThat(writers(grants, agentTopic)).as(agentTopic).containsExactly("agents");
        }
        assertThat(grants).noneMatch(g -> g.acl().type().equals("cluster"));
        assertThat(writers(grants, "session.commands.v1.dlq")).containsExactlyInAnyOrder("session-service",
                "audit-service", "agents");
    }

    private static Set<String> writers(List<Grant> grants, String topic) {
        return grants.stream().filter(g -> g.acl().covers(Acl.literal("topic", topic, "Write"))).map(Grant::user)
                .collect(Collectors.toSet());
    }

    /** Negative control: the check reports exactly the user, resource and operation that was taken away or added. */
    @Test
    void theCheckReportsAMissingOrSurplusAclExactly() {
        List<Need> needs = KafkaAcls.needs();
        List<Grant> grants = new ArrayList<>(KafkaAcls.grants(prod()));

        List<Grant> missing = new ArrayList<>(grants);
        assertThat(missing.remove(new Grant("audit-service", Acl.literal("topic", "assist.outcomes.v1", "Read"))))
                .isTrue();
        assertThat(KafkaAcls.problems(needs, missing)).containsExactly(
                "audit-service: lacks Read on topic assist.outcomes.v1 (incoming channel assistoutcomes)");

        List<Grant> noStreams = new ArrayList<>(grants);
        assertThat(noStreams.remove(new Grant("session-service",
                new Acl("transactionalId", "session-service-events", "prefix", "Write")))).isTrue();
        assertThat(KafkaAcls.problems(needs, noStreams)).containsExactly("session-service: lacks Write on "
                + "transactionalId session-service-events* (Kafka Streams session-service-events exactly-once)");

        List<Grant> surplus = new ArrayList<>(grants);
        surplus.add(new Grant("agents", Acl.literal("topic", "session.commands.v1", "Write")));
        surplus.add(new Grant("audit-service", new Acl("topic", "*", "literal", "Read")));
        assertThat(KafkaAcls.problems(needs, surplus)).containsExactly(
                "agents: is granted Write on topic session.commands.v1, which its configuration does not need",
                "audit-service: is granted Read on topic *, a wildcard");

        // A channel added to a configuration without its ACL fails too.
        Map<String, String> config = new java.util.TreeMap<>(KafkaAcls.configuration("audit-service"));
        config.put("mp.messaging.incoming.agentfacts.connector", "smallrye-kafka");
        config.put("mp.messaging.incoming.agentfacts.topic", "assist.agents.v1");
        config.put("mp.messaging.incoming.agentfacts.group.id", "audit-service");
        List<Need> widened = new ArrayList<>(needs);
        widened.removeIf(need -> need.user().equals("audit-service"));
        widened.addAll(KafkaAcls.needs("audit-service", config));
        assertThat(KafkaAcls.problems(widened, grants)).containsExactlyInAnyOrder(
                "audit-service: lacks Read on topic assist.agents.v1 (incoming channel agentfacts)",
                "audit-service: lacks Describe on topic assist.agents.v1 (incoming channel agentfacts)",
                "audit-service: lacks Write on topic assist.agents.v1.dlq (outgoing channel deadletters)",
                "audit-service: lacks Describe on topic assist.agents.v1.dlq (outgoing channel deadletters)");
    }

    /** Each Deployment authenticates as its own user, with credentials only from Secrets. */
    @Test
    void servicesMountTheirUserAndTheClusterCa() {
        List<JsonNode> documents = prod();
        String cluster = Manifests.ofKind(documents, "Kafka").get(0).path("metadata").path("name").asText();
        List<String> clients = new ArrayList<>();
        for (JsonNode deployment : Manifests.ofKind(documents, "Deployment")) {
            String name = deployment.path("metadata").path("name").asText();
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode container = pod.path("containers").get(0);
            if (!container.toString().contains("sessionplane-config")
                    && !container.toString().contains("KAFKA_BOOTSTRAP_SERVERS")) {
                continue; // not a Kafka client (the console's static files)
            }
            clients.add(name);
            String user = KafkaAcls.USERS.get(name);
            assertThat(user).as("KafkaUser of %s", name).isNotNull();
            Map<String, JsonNode> env = new java.util.HashMap<>();
            container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
            assertThat(env.get("KAFKA_SECURITY_PROTOCOL").path("value").asText()).as(name).isIn("SSL", "SASL_SSL");
            assertThat(env.get("KAFKA_SSL_KEYSTORE_PASSWORD").path("valueFrom").path("secretKeyRef").path("name")
                    .asText()).as(name).isEqualTo(user);
            assertThat(env.values()).as(name).filteredOn(e -> e.path("name").asText().startsWith("KAFKA_")
                    && e.path("name").asText().contains("PASSWORD")).allSatisfy(e -> assertThat(e.has("value"))
                            .isFalse());
            List<String> secrets = new ArrayList<>();
            pod.path("volumes").forEach(v -> secrets.add(v.path("secret").path("secretName").asText()));
            assertThat(secrets).as(name).contains(user, cluster + "-cluster-ca-cert");
            for (String location : List.of("KAFKA_SSL_KEYSTORE_LOCATION", "KAFKA_SSL_TRUSTSTORE_LOCATION")) {
                String file = env.get(location).path("value").asText();
                List<String> mounts = new ArrayList<>();
                container.path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText()));
                assertThat(mounts).as("%s %s", name, location).anyMatch(m -> file.startsWith(m + "/"));
            }
        }
        assertThat(clients).containsAll(KubernetesManifestsTest.API_SERVICES);
    }

    /** Kafka Streams does not read kafka.*: session-service's topology gets every KAFKA_* setting once more. */
    @Test
    void theStreamsTopologyGetsTheSameClientSettings() throws Exception {
        List<JsonNode> documents = prod();
        JsonNode deployment = Manifests.ofKind(documents, "Deployment").stream()
                .filter(d -> d.path("metadata").path("name").asText().equals("session-service")).findFirst()
                .orElseThrow();
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        List<String> settings = new ArrayList<>();
        String locations = "";
        for (JsonNode e : container.path("env")) {
            String name = e.path("name").asText();
            if (name.startsWith("KAFKA_") && !name.equals("KAFKA_BOOTSTRAP_SERVERS")) {
                settings.add(name.substring("KAFKA_".length()).toLowerCase().replace('_', '.'));
            }
            if (name.equals("QUARKUS_CONFIG_LOCATIONS")) {
                locations = e.path("value").asText();
            }
        }
        JsonNode streamsConfig = Manifests.ofKind(documents, "ConfigMap").stream()
                .filter(c -> c.path("metadata").path("name").asText().startsWith("session-service-kafka-streams"))
                .findFirst().orElseThrow();
        String file = streamsConfig.path("data").fieldNames().next();
        String properties = streamsConfig.path("data").path(file).asText();
        for (String setting : settings) {
            assertThat(properties).contains("sessionplane.events.kafka.\"" + setting + "\"=${kafka." + setting + "}");
        }
        assertThat(locations).contains("/" + file);
        assertThat(Files.readString(Tools.ROOT.resolve("session-service/src/main/resources/application.properties")))
                .contains("sessionplane.events.bootstrap-servers=${kafka.bootstrap.servers}");
    }

    /** deploy/compose/kafka-acls.sh grants the same table to the same principals (SCRAM users there). */
    @Test
    void theComposeAclScriptGrantsTheSameTable() throws Exception {
        String script = Files.readString(Tools.ROOT.resolve("deploy/compose/kafka-acls.sh"));
        Matcher line = Pattern.compile("(?m)^acl (\\S+) (topic|group|transactional-id) (literal|prefixed) (\\S+) "
                + "(\\S+)$").matcher(script);
        List<Grant> grants = new ArrayList<>();
        while (line.find()) {
            String type = line.group(2).equals("transactional-id") ? "transactionalId" : line.group(2);
            String pattern = line.group(3).equals("prefixed") ? "prefix" : "literal";
            for (String operation : line.group(5).split(",")) {
                grants.add(new Grant(line.group(1), new Acl(type, line.group(4), pattern, operation)));
            }
        }
        assertThat(grants).extracting(Grant::user).containsAll(KafkaAcls.USERS.values());
        assertThat(KafkaAcls.problems(KafkaAcls.needs(), grants)).isEmpty();
    }
}
