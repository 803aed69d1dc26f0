package io.sessionplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionplane.contracts.kafka.TopicSpec;
import io.sessionplane.contracts.kafka.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml: valid against the Compose schema, ordered by health, configured by environment only. */
class ComposeFileTest {
    static final Path COMPOSE = Tools.ROOT.resolve("docker-compose.yml");

    /** The file as Compose reads it: anchors, aliases and merge keys resolved (SnakeYAML does; Jackson does not). */
    static JsonNode compose() throws Exception {
        Object loaded = new Yaml().load(Files.readString(COMPOSE));
        return Manifests.JSON.valueToTree(loaded);
    }

    /** docker-compose validates the file against its Compose specification schema, with interpolation. */
    @Test
    void theComposeSchemaAcceptsTheFile() throws Exception {
        Tools.require("docker-compose", "apt-get install docker-compose");
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(Tools.ROOT.resolve(".env.example"))) {
            if (line.contains("=") && !line.startsWith("#")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        Path secrets = Files.createTempDirectory("compose-secrets");
        Tools.Result result = Tools.run(Tools.ROOT, env, List.of("docker-compose", "-f", COMPOSE.toString(),
                "--project-directory", Tools.ROOT.toString(), "config", "-q"));
        assertThat(result.exitCode()).as(result.output()).isZero();

        Path broken = secrets.resolve("docker-compose.yml");
        Files.writeString(broken, Files.readString(COMPOSE).replace("    ports:\n", "    portz:\n"));
        Tools.Result refused = Tools.run(Tools.ROOT, env, List.of("docker-compose", "-f", broken.toString(),
                "--project-directory", Tools.ROOT.toString(), "config", "-q"));
        assertThat(refused.exitCode()).as("a misspelled key must be refused").isNotZero();
        assertThat(refused.output()).contains("portz");
    }

    @Test
    void servicesStartInOrderOfHealth() throws Exception {
        JsonNode services = compose().path("services");
        assertThat(services.fieldNames()).toIterable().contains("kafka", "kafka-topics", "postgres", "session-service",
                "assist-service", "audit-service", "agent-simulator", "gateway");
        assertThat(services.path("kafka").path("image").asText()).startsWith("apache/kafka:");
        assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
                .isEqualTo("broker,controller");
        for (String name : List.of("kafka", "postgres", "session-service", "assist-service", "audit-service",
                "agent-simulator", "gateway")) {
            assertThat(services.path(name).path("healthcheck").path("test").isMissingNode()).as(name).isFalse();
        }
        for (String name : List.of("session-service", "assist-service", "audit-service")) {
            JsonNode dependsOn = services.path(name).path("depends_on");
            assertThat(dependsOn.path("postgres").path("condition").asText()).as(name).isEqualTo("service_healthy");
            assertThat(dependsOn.path("kafka-topics").path("condition").asText()).as(name)
                    .isEqualTo("service_completed_successfully");
            assertThat(services.path("gateway").path("depends_on").path(name).path("condition").asText())
                    .isEqualTo("service_healthy");
        }
        assertThat(services.path("kafka-topics").path("depends_on").path("kafka").path("condition").asText())
                .isEqualTo("service_healthy");
        assertThat(services.path("gateway").path("image").asText()).startsWith("nginx:");
    }

    /** Every password and key comes from the environment (.env, generated) or a secret file, never the file. */
    @Test
    void noSecretIsWrittenIntoTheFile() throws Exception {
        String text = Files.readString(COMPOSE);
        Matcher secretValues = Pattern.compile("(?m)^\\s+(\\w*(PASSWORD|_KEY)):\\s*(.+)$").matcher(text);
        int checked = 0;
        while (secretValues.find()) {
            checked++;
            assertThat(secretValues.group(3)).as(secretValues.group()).startsWith("${");
        }
        assertThat(checked).isGreaterThanOrEqualTo(6);
        assertThat(Files.readString(Tools.ROOT.resolve(".gitignore"))).contains(".env", "deploy/compose/secrets/");
    }

    @Test
    void theTopicScriptCreatesTheContractTopics() throws Exception {
        String script = Files.readString(Tools.ROOT.resolve("deploy/compose/create-topics.sh"));
        Set<String> created = new LinkedHashSet<>();
        Matcher loops = Pattern.compile("for topic in ([^;]+);").matcher(script);
        while (loops.find()) {
            for (String topic : loops.group(1).replace("\\\n", " ").trim().split("\\s+")) {
                created.add(script.indexOf(loops.group(0)) > script.indexOf("# Dead letters") ? topic + ".dlq" : topic);
            }
        }
        assertThat(created).containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(TopicSpec::name).toList());
        assertThat(script).contains("session.inventory.v1 assist.agents.v1; do\n  create \"$topic\" \"$PARTITIONS\" "
                + "cleanup.policy=compact");
    }
}
