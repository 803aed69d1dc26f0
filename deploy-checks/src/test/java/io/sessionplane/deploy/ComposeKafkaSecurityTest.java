package io.sessionplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/compose/kafka-secure.yml, the opt-in Compose override for a Kafka that trusts nobody: valid together with
 * docker-compose.yml, no plaintext listener on the network, an authorizer that refuses by default, and every Kafka
 * client of the Compose file authenticating as its own user (the users of the prod KafkaUsers and kafka-acls.sh).
 */
class ComposeKafkaSecurityTest {
    static final Path OVERRIDE = Tools.ROOT.resolve("deploy/compose/kafka-secure.yml");

    static JsonNode override() throws Exception {
        return Manifests.JSON.valueToTree(new Yaml().load(Files.readString(OVERRIDE)));
    }

    @Test
    void theComposeSchemaAcceptsTheOverride() throws Exception {
        Tools.require("docker-compose", "apt-get install docker-compose");
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(Tools.ROOT.resolve(".env.example"))) {
            if (line.contains("=") && !line.startsWith("#")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        for (String user : List.of("SESSION_SERVICE", "ASSIST_SERVICE", "AUDIT_SERVICE", "AGENTS")) {
            env.put("KAFKA_" + user + "_PASSWORD", "generated");
        }
        Tools.Result result = Tools.run(Tools.ROOT, env, List.of("docker-compose", "-f", ComposeFileTest.COMPOSE
                .toString(), "-f", OVERRIDE.toString(), "--project-directory", Tools.ROOT.toString(), "config", "-q"));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void onlyTheTlsListenerIsOnTheNetworkAndNothingIsAllowedByDefault() throws Exception {
        JsonNode kafka = override().path("services").path("kafka").path("environment");
        Map<String, String> protocols = new HashMap<>();
        for (String entry : kafka.path("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText().split(",")) {
            protocols.put(entry.split(":")[0], entry.split(":")[1]);
        }
        Matcher listener = Pattern.compile("(\\w+)://([^:,]*):(\\d+)").matcher(kafka.path("KAFKA_LISTENERS").asText());
        int listeners = 0;
        while (listener.find()) {
            listeners++;
            String protocol = protocols.get(listener.group(1));
            if (protocol.equals("PLAINTEXT") || protocol.equals("SASL_PLAINTEXT")) {
                assertThat(listener.group(2)).as(listener.group()).isEqualTo("127.0.0.1");
            } else {
                assertThat(protocol).as(listener.group()).isEqualTo("SASL_SSL");
            }
        }
        assertThat(listeners).isEqualTo(3);
        assertThat(kafka.path("KAFKA_AUTHORIZER_CLASS_NAME").asText())
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(kafka.path("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND").asText()).isEqualTo("false");
        assertThat(kafka.path("KAFKA_SUPER_USERS").asText()).as("the local listeners' principal only")
                .isEqualTo("User:ANONYMOUS");
        assertThat(kafka.path("KAFKA_SASL_ENABLED_MECHANISMS").asText()).isEqualTo("SCRAM-SHA-512");
        // The jobs that use the local listener share the broker's network namespace.
        for (String job : List.of("kafka-topics", "kafka-acls")) {
            assertThat(override().path("services").path(job).path("network_mode").asText()).as(job)
                    .isEqualTo("service:kafka");
        }
    }

    @Test
    void everyKafkaClientAuthenticatesAsItsOwnUser() throws Exception {
        JsonNode base = ComposeFileTest.compose().path("services");
        JsonNode secure = override().path("services");
        String script = Files.readString(Tools.ROOT.resolve("deploy/compose/kafka-acls.sh"));
        Matcher users = Pattern.compile("for user in ([^;]+); do\\s+scram").matcher(script);
        assertThat(users.find()).isTrue();
        assertThat(List.of(users.group(1).trim().split("\\s+")))
                .containsExactlyInAnyOrderElementsOf(KafkaAcls.USERS.values());
        List<String> clients = new ArrayList<>();
        base.fieldNames().forEachRemaining(name -> {
            if (base.path(name).path("environment").has("KAFKA_BOOTSTRAP_SERVERS")) {
                clients.add(name);
            }
        });
        assertThat(clients).containsExactlyInAnyOrderElementsOf(KafkaAcls.USERS.keySet());
        for (String client : clients) {
            JsonNode env = secure.path(client).path("environment");
            assertThat(env.path("KAFKA_SECURITY_PROTOCOL").asText()).as(client).isEqualTo("SASL_SSL");
            assertThat(env.path("KAFKA_SASL_MECHANISM").asText()).as(client).isEqualTo("SCRAM-SHA-512");
            assertThat(env.path("KAFKA_SASL_JAAS_CONFIG").asText()).as(client)
                    .contains("username=\"" + KafkaAcls.USERS.get(client) + "\"")
                    .containsPattern("password=\"\\$\\{KAFKA_[A-Z_]+_PASSWORD:\\?");
            assertThat(secure.path(client).path("depends_on").path("kafka-acls").path("condition").asText())
                    .as(client).isEqualTo("service_completed_successfully");
        }
        // Kafka Streams gets every client setting once more.
        String streams = Files.readString(Tools.ROOT.resolve("deploy/compose/kafka-streams-sasl.properties"));
        secure.path("session-service").path("environment").fieldNames().forEachRemaining(name -> {
            if (name.startsWith("KAFKA_") && !name.equals("KAFKA_BOOTSTRAP_SERVERS")) {
                String setting = name.substring("KAFKA_".length()).toLowerCase().replace('_', '.');
                assertThat(streams).contains("sessionplane.events.kafka.\"" + setting + "\"=${kafka." + setting + "}");
            }
        });
        assertThat(secure.path("session-service").path("environment").path("QUARKUS_CONFIG_LOCATIONS").asText())
                .contains("kafka-streams-sasl.properties")
                .contains(base.path("session-service").path("environment").path("QUARKUS_CONFIG_LOCATIONS").asText());
    }
}
