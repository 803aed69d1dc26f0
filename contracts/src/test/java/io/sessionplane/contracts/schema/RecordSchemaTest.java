package io.sessionplane.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessionplane.contracts.assist.AgentFacts;
import io.sessionplane.contracts.assist.AssistOutcome;
import io.sessionplane.contracts.assist.ShareSpaceInvitation;
import io.sessionplane.contracts.assist.ShareSpaceResponse;
import io.sessionplane.contracts.auth.TokenRevocation;
import io.sessionplane.contracts.job.JobEvent;
import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.event.SessionEventKind;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.TopicSchemas;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.contracts.session.SessionSnapshot;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schemas and the records cannot drift: every record component is a schema property of the matching JSON type
 * (enums with exactly the values the contract allows) and every property is a component; realistic records,
 * serialised by JsonCodec and covering every enum value, are valid.
 */
class RecordSchemaTest {
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();

    /** One record type per topic that has a schema, with samples of it. */
    record Contract(String topic, Class<? extends Record> type, Supplier<List<? extends Record>> samples) {
        String file() {
            return TopicSchemas.file(topic).orElseThrow();
        }

        @Override
        public String toString() {
            return topic + " (" + type.getSimpleName() + ")";
        }
    }

    static final List<Contract> CONTRACTS = List.of(
            new Contract(Topics.SESSION_EVENTS, SessionEvent.class, ContractSamples::events),
            new Contract(Topics.SESSION_COMMANDS, SessionCommand.class, ContractSamples::commands),
            new Contract(Topics.SESSION_OUTCOMES, SessionOutcome.class, ContractSamples::outcomes),
            new Contract(Topics.SESSION_INVENTORY, SessionSnapshot.class, ContractSamples::snapshots),
            new Contract(Topics.ASSIST_OUTCOMES, AssistOutcome.class, ContractSamples::assistOutcomes),
            new Contract(Topics.ASSIST_AGENTS, AgentFacts.class, ContractSamples::agentFacts),
            new Contract(Topics.ASSIST_INVITATIONS, ShareSpaceInvitation.class, ContractSamples::invitations),
            new Contract(Topics.ASSIST_RESPONSES, ShareSpaceResponse.class, ContractSamples::responses),
            new Contract(Topics.AUTH_REVOCATIONS, TokenRevocation.class, ContractSamples::revocations),
            new Contract(Topics.SESSION_JOBS, JobEvent.class, ContractSamples::jobEvents));

    /**
     * Where an enum property takes fewer values than its Java enum, the allowed values, derived from the contracts
     * code: which outcome types an action has, which types each kind of event carries.
     */
    static final Map<String, Set<String>> NARROWED_ENUMS = Map.of(
            "job-event.v1.json#event_type", names(EnumSet.of(EventType.SESSION_JOB_CREATED,
                    EventType.SESSION_JOB_WARNED, EventType.SESSION_JOB_ACTED, EventType.SESSION_JOB_COMPLETED,
                    EventType.SESSION_JOB_CANCELLED, EventType.SESSION_JOB_FAILED)),
            "session-outcome.v1.json#event_type", names(ContractSamples.outcomeTypes()),
            "session-outcome.v1.json#status", names(EnumSet.complementOf(EnumSet.of(CommandStatus.ACCEPTED))),
            "session-event.v1.json#status", names(EnumSet.complementOf(EnumSet.of(CommandStatus.ACCEPTED))),
            "session-event.v1.json#event_type", Arrays.stream(SessionEventKind.values())
                    .flatMap(kind -> names(ContractSamples.eventTypesOf(kind)).stream())
                    .collect(Collectors.toCollection(TreeSet::new)),
            "assist-outcome.v1.json#event_type", Stream.concat(Stream.of(EventType.HELPDESK_GET_WS1_ASSIST_AGENT_ID.name()),
                    names(ContractSamples.eventTypesOf(SessionEventKind.REMOTE_ASSISTANCE)).stream())
                    .collect(Collectors.toCollection(TreeSet::new)));

    static Stream<Arguments> contracts() {
        return CONTRACTS.stream().map(Arguments::of);
    }

    @Test
    void everyTopicWithASchemaHasItsRecordHereAndEverySchemaFileIsUsed() {
        assertThat(CONTRACTS).extracting(Contract::topic)
                .containsExactlyInAnyOrderElementsOf(TopicSchemas.byTopic().keySet());
        Topics.all().stream().filter(t -> !t.deadLetter())
                .forEach(t -> assertThat(TopicSchemas.file(t.name())).as(t.name()).isPresent());
        Topics.all().stream().filter(t -> t.deadLetter())
                .forEach(t -> assertThat(TopicSchemas.file(t.name())).as(t.name()).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void theSchemaIsA2020_12SchemaWithItsPublishedIdAndOpenToNewProperties(Contract contract) {
        JsonNode schema = JsonSchemas.schemaTree(contract.file());
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo(TopicSchemas.id(contract.topic()).orElseThrow());
        assertThat(schema.path("type").asText()).isEqualTo("object");
        // Consumers must tolerate fields added later, so no object in a schema may forbid them.
        assertThat(schema.findValues("additionalProperties")).allSatisfy(value -> assertThat(value.asBoolean(true))
                .as("additionalProperties").isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void everyComponentIsAPropertyOfItsTypeAndEveryPropertyAComponent(Contract contract) {
        JsonNode root = JsonSchemas.schemaTree(contract.file());
        List<String> problems = new ArrayList<>();
        compare(contract.type(), root, root, contract.file() + "#", problems);
        assertThat(problems).as("drift between %s and %s", contract.type().getSimpleName(), contract.file()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void realisticRecordsAreValidAndUseEveryEnumValue(Contract contract) throws Exception {
        JsonNode root = JsonSchemas.schemaTree(contract.file());
        Map<String, Set<String>> seen = new TreeMap<>();
        for (Record sample : contract.samples().get()) {
            String json = JsonCodec.write(sample);
            assertThat(JsonSchemas.violations(contract.file(), json)).as(json).isEmpty();
            collectEnumValues(root, root, JsonCodec.mapper().readTree(json), "", seen);
        }
        Map<String, Set<String>> allowed = new TreeMap<>();
        collectEnumValues(root, root, null, "", allowed);
        assertThat(seen).as("enum values the samples use").isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void aRecordWithoutARequiredFieldOrWithAWrongTypeIsRefused(Contract contract) throws Exception {
        String file = contract.file();
        ObjectNode sample = (ObjectNode) JsonCodec.mapper().readTree(JsonCodec.write(contract.samples().get().get(0)));
        for (JsonNode required : JsonSchemas.schemaTree(file).path("required")) {
            ObjectNode without = sample.deepCopy();
            without.remove(required.asText());
            assertThat(JsonSchemas.violations(file, without.toString())).as("without " + required).isNotEmpty();
            ObjectNode wrong = sample.deepCopy();
            wrong.putArray(required.asText());
            assertThat(JsonSchemas.violations(file, wrong.toString())).as("array as " + required).isNotEmpty();
        }
    }

    @Test
    void eachKindOfSessionEventCarriesOnlyItsEventTypesAndWhatItPromises() {
        String file = TopicSchemas.file(Topics.SESSION_EVENTS).orElseThrow();
        JsonNode root = JsonSchemas.schemaTree(file);
        // The schema's per-kind event types are the ones the contracts code derives for that kind.
        Map<String, Set<String>> declared = new TreeMap<>();
        for (JsonNode rule : root.path("allOf")) {
            declared.put(rule.at("/if/properties/kind/const").asText(),
                    textSet(rule.at("/then/properties/event_type/enum")));
        }
        Map<String, Set<String>> derived = new TreeMap<>();
        for (SessionEventKind kind : SessionEventKind.values()) {
            derived.put(kind.name(), names(ContractSamples.eventTypesOf(kind)));
        }
        assertThat(declared).isEqualTo(derived);

        SessionEvent lookup = ContractSamples.event(1, SessionEventKind.REMOTE_ASSISTANCE,
                EventType.HELPDESK_GET_WS1_ASSIST_AGENT_ID, EventType.HELPDESK_GET_WS1_ASSIST_AGENT_ID.defaultSeverity(),
                null, null, null, null, null, "space", null);
        assertThat(JsonSchemas.violations(file, JsonCodec.write(lookup))).isNotEmpty();
        SessionEvent outcomeWithoutStatus = ContractSamples.event(1, SessionEventKind.ACTION_OUTCOME,
                EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED, EventType.ADMIN_DESKTOP_SESSION_DISCONNECTED.defaultSeverity(),
                null, "c", SessionAction.DISCONNECT, null, null, null, null);
        assertThat(JsonSchemas.violations(file, JsonCodec.write(outcomeWithoutStatus))).isNotEmpty();
        SessionEvent lifecycleAsOutcome = ContractSamples.event(1, SessionEventKind.ACTION_OUTCOME,
                EventType.AGENT_CONNECTED, EventType.AGENT_CONNECTED.defaultSeverity(), null, "c",
                SessionAction.DISCONNECT, CommandStatus.SUCCEEDED, null, null, null);
        assertThat(JsonSchemas.violations(file, JsonCodec.write(lifecycleAsOutcome))).isNotEmpty();
    }

    /** Compares one record type with one object schema, recursing into nested records through $ref. */
    private static void compare(Class<?> type, JsonNode schema, JsonNode root, String where, List<String> problems) {
        JsonNode properties = schema.path("properties");
        Set<String> components = new LinkedHashSet<>();
        Set<String> required = textSet(schema.path("required"));
        for (RecordComponent component : type.getRecordComponents()) {
            String name = SNAKE.translate(component.getName());
            components.add(name);
            JsonNode property = properties.get(name);
            if (property == null) {
                problems.add(where + name + ": component " + component.getName() + " is not in the schema");
                continue;
            }
            // Primitives are always written (NON_NULL omits only nulls), so the schema must promise them.
            if (component.getType().isPrimitive() && !required.contains(name)) {
                problems.add(where + name + ": a primitive is always present but not required");
            }
            compareType(component.getType(), component.getGenericType(), property, root, where + name, problems);
        }
        for (String property : iterable(properties.fieldNames())) {
            if (!components.contains(property)) {
                problems.add(where + property + ": property is no component of " + type.getSimpleName());
            }
        }
        for (String name : required) {
            if (!components.contains(name)) {
                problems.add(where + name + ": required but no component");
            }
        }
    }

    private static void compareType(Class<?> type, Type generic, JsonNode property, JsonNode root, String where,
            List<String> problems) {
        JsonNode resolved = resolve(property, root);
        String jsonType = resolved.path("type").asText();
        if (type == String.class) {
            expect("string", jsonType, where, problems);
        } else if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            expect("integer", jsonType, where, problems);
        } else if (type == boolean.class || type == Boolean.class) {
            expect("boolean", jsonType, where, problems);
        } else if (type.isEnum()) {
            expect("string", jsonType, where, problems);
            Set<String> constants = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> expected = NARROWED_ENUMS.getOrDefault(where, constants);
            Set<String> declared = textSet(resolved.path("enum"));
            if (!declared.equals(expected)) {
                problems.add(where + ": enum " + declared + " but the contract allows " + expected);
            }
        } else if (List.class.isAssignableFrom(type)) {
            expect("array", jsonType, where, problems);
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            compareType((Class<?>) element, element, resolved.path("items"), root, where + "[]", problems);
        } else if (type.isRecord()) {
            expect("object", jsonType, where, problems);
            compare(type, resolved, root, where + ".", problems);
        } else {
            problems.add(where + ": no JSON mapping known for " + type.getName());
        }
    }

    private static void expect(String expected, String actual, String where, List<String> problems) {
        if (!expected.equals(actual)) {
            problems.add(where + ": type is \"" + actual + "\", the record has " + expected);
        }
    }

    /** Collects, per property path, the enum values the schema allows (instance null) or the instance uses. */
    private static void collectEnumValues(JsonNode schema, JsonNode root, JsonNode instance, String path,
            Map<String, Set<String>> values) {
        JsonNode resolved = resolve(schema, root);
        if (resolved.has("enum")) {
            if (instance == null) {
                values.put(path, textSet(resolved.path("enum")));
            } else if (instance.isTextual()) {
                values.computeIfAbsent(path, p -> new TreeSet<>()).add(instance.asText());
            }
            return;
        }
        for (Map.Entry<String, JsonNode> property : iterable(resolved.path("properties").fields())) {
            JsonNode value = instance == null ? null : instance.get(property.getKey());
            if (instance == null || value != null) {
                collectEnumValues(property.getValue(), root, value, path + "/" + property.getKey(), values);
            }
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode root) {
        JsonNode ref = schema.get("$ref");
        return ref == null ? schema : root.at(ref.asText().substring(1));
    }

    private static Set<String> textSet(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Set<String> names(Set<? extends Enum<?>> constants) {
        return constants.stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
