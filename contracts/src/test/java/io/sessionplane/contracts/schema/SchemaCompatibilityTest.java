package io.sessionplane.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessionplane.contracts.kafka.TopicSchemas;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each schema against its published previous version (src/test/resources/schema-baseline/): v1 may only gain
 * optional properties. A breaking change belongs on a new .v2 topic with its own schema, and the baseline is only
 * ever replaced when a version is published.
 */
class SchemaCompatibilityTest {
    private static final String BASELINE = "schema-baseline/";

    static Stream<String> files() {
        return TopicSchemas.byTopic().values().stream().distinct().sorted();
    }

    @Test
    void everyPublishedSchemaStillExistsAndEveryCurrentOneHasABaseline() throws IOException, URISyntaxException {
        URL folder = SchemaCompatibilityTest.class.getClassLoader().getResource(BASELINE);
        assertThat(folder).as("baseline folder").isNotNull();
        try (Stream<Path> baselines = Files.list(Path.of(folder.toURI()))) {
            List<String> published = baselines.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json")).sorted().toList();
            assertThat(published).containsExactlyElementsOf(files().toList());
        }
    }

    /**
     * A schema that changed since the baseline was published (as the version in schema-baseline/VERSION) makes the
     * AsyncAPI document a newer version: a consumer that caches the schemas sees from info.version that it changed.
     */
    @Test
    void aChangedSchemaComesWithANewerContractVersion() throws IOException {
        String published;
        try (var in = SchemaCompatibilityTest.class.getClassLoader().getResourceAsStream(BASELINE + "VERSION")) {
            assertThat(in).as("schema-baseline/VERSION").isNotNull();
            published = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        }
        String current;
        try (var in = SchemaCompatibilityTest.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            current = new com.fasterxml.jackson.databind.ObjectMapper(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(in).at("/info/version").asText();
        }
        List<String> changed = files().filter(file -> !baseline(file).equals(JsonSchemas.schemaTree(file))).toList();
        if (changed.isEmpty()) {
            assertThat(current).as("info.version of an unchanged contract").isEqualTo(published);
        } else {
            assertThat(compare(current, published)).as("info.version %s after %s changed since %s", current, changed,
                    published).isPositive();
        }
    }

    /** Semantic versions compared by their numbers. */
    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int left = i < x.length ? Integer.parseInt(x[i]) : 0;
            int right = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (left != right) {
                return Integer.compare(left, right);
            }
        }
        return 0;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void theCurrentSchemaIsCompatibleWithItsBaseline(String file) {
        assertThat(SchemaCompatibility.problems(baseline(file), JsonSchemas.schemaTree(file)))
                .as("%s is incompatible with the published v1; a breaking change needs a .v2 topic", file).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void addingAnOptionalPropertyOrAnEnumValueIsCompatible(String file) {
        JsonNode current = JsonSchemas.schemaTree(file);
        ObjectNode changed = current.deepCopy();
        ((ObjectNode) changed.path("properties")).putObject("added_later").put("type", "string");
        enumProperty(changed).ifPresent(values -> values.add("ADDED_LATER"));
        ((ObjectNode) changed.path("properties").path(firstProperty(changed))).put("description", "reworded");
        assertThat(SchemaCompatibility.problems(current, changed)).isEmpty();
    }

    /** The negative control: each kind of breaking change, applied to a copy of every schema, is reported. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyIncompatibleChangeIsReported(String file) {
        JsonNode current = JsonSchemas.schemaTree(file);
        String property = firstProperty(current);
        Optional<String> optional = firstOptionalProperty(current);
        Map<String, Consumer<ObjectNode>> breaking = new LinkedHashMap<>();
        breaking.put("removing property " + property, s -> ((ObjectNode) s.path("properties")).remove(property));
        breaking.put("changing the type of " + property, s -> ((ObjectNode) s.path("properties").path(property))
                .put("type", s.path("properties").path(property).path("type").asText().equals("string") ? "integer"
                        : "string"));
        optional.ifPresent(name -> breaking.put("making " + name + " required",
                s -> ((ArrayNode) s.path("required")).add(name)));
        if (enumProperty(current).isPresent()) { // agent facts have none
            breaking.put("narrowing an enum", s -> {
                ArrayNode values = enumProperty(s).orElseThrow();
                values.remove(values.size() - 1);
            });
        }
        breaking.put("closing additionalProperties", s -> s.put("additionalProperties", false));
        breaking.put("adding a constraint", s -> ((ObjectNode) s.path("properties").path(property))
                .put("maxLength", 3));
        breaking.put("adding a combined constraint", s -> s.withArray("allOf").addObject()
                .putObject("properties").putObject(property).put("minLength", 5));
        for (Map.Entry<String, Consumer<ObjectNode>> change : breaking.entrySet()) {
            ObjectNode changed = current.deepCopy();
            change.getValue().accept(changed);
            assertThat(SchemaCompatibility.problems(current, changed)).as(change.getKey() + " in " + file)
                    .isNotEmpty();
        }
    }

    @Test
    void changesInsideNestedDefinitionsAndConditionsAreReportedToo() {
        JsonNode snapshot = JsonSchemas.schemaTree("session-snapshot.v1.json");
        ObjectNode nested = snapshot.deepCopy();
        ((ObjectNode) nested.at("/$defs/SessionInfo/properties")).remove("session_state");
        ((ObjectNode) nested.at("/$defs/ClientData")).put("additionalProperties", false);
        assertThat(SchemaCompatibility.problems(snapshot, nested)).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("/$defs/SessionInfo/properties/session_state"))
                .anySatisfy(p -> assertThat(p).contains("/$defs/ClientData").contains("additionalProperties"));

        JsonNode event = JsonSchemas.schemaTree("session-event.v1.json");
        ObjectNode stricter = event.deepCopy();
        ((ArrayNode) stricter.at("/allOf/1/then/required")).add("error_key");
        ArrayNode lifecycleTypes = (ArrayNode) stricter.at("/allOf/0/then/properties/event_type/enum");
        lifecycleTypes.remove(0);
        assertThat(SchemaCompatibility.problems(event, stricter)).hasSize(2);
    }

    private static JsonNode baseline(String file) {
        return JsonSchemas.tree(BASELINE + file);
    }

    private static String firstProperty(JsonNode schema) {
        return schema.path("properties").fieldNames().next();
    }

    /** Empty when every property is required (token revocations). */
    private static Optional<String> firstOptionalProperty(JsonNode schema) {
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        for (var names = schema.path("properties").fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!required.contains(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** The first enum anywhere in the schema (in a property or a definition). */
    private static Optional<ArrayNode> enumProperty(JsonNode schema) {
        return schema.findParents("enum").stream().findFirst().map(parent -> (ArrayNode) parent.get("enum"));
    }
}
