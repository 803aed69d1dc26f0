package io.sessionplane.contracts.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.event.SessionEventKind;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.contracts.kafka.TopicSchemas;
import io.sessionplane.contracts.kafka.TopicSpec;
import io.sessionplane.contracts.kafka.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reviewed AsyncAPI document stays true to the topic catalogue, the schema map and the CloudEvents headers. */
class AsyncApiDocumentTest {
    private static JsonNode doc;
    /** Channel by its address (the topic). */
    private static final Map<String, JsonNode> CHANNELS = new HashMap<>();

    @BeforeAll
    static void parse() throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            assertThat(in).as("asyncapi.yaml on the classpath").isNotNull();
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        doc.path("channels").forEach(channel -> CHANNELS.put(channel.path("address").asText(), channel));
    }

    @Test
    void itIsAnAsyncApi3DocumentWithAChannelForEveryTopicAndNoOther() {
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(CHANNELS.keySet()).containsExactlyInAnyOrderElementsOf(
                Topics.all().stream().map(TopicSpec::name).toList());
        assertThat(doc.path("channels").size()).as("one channel per topic").isEqualTo(Topics.all().size());
    }

    @Test
    void everyChannelIsMarkedPublicOrInternalAsTopicsSays() {
        for (TopicSpec topic : Topics.all()) {
            JsonNode channel = CHANNELS.get(topic.name());
            String visibility = Topics.PUBLIC.contains(topic.name()) ? "public" : "internal";
            assertThat(channel.path("x-visibility").asText()).as(topic.name()).isEqualTo(visibility);
            assertThat(channel.path("tags").findValuesAsText("name")).as(topic.name()).containsExactly(visibility);
        }
    }

    @Test
    void everyChannelsPayloadIsTheSchemaFileTopicSchemasNamesAndThatFileExists() {
        for (TopicSpec topic : Topics.all()) {
            List<String> refs = new ArrayList<>();
            for (JsonNode message : messages(CHANNELS.get(topic.name()))) {
                JsonNode payload = message.path("payload");
                JsonNode ref = payload.has("schema") ? payload.path("schema").path("$ref") : payload.path("$ref");
                if (!ref.isMissingNode()) {
                    refs.add(ref.asText());
                    assertThat(payload.path("schemaFormat").asText()).as(topic.name())
                            .isEqualTo("application/schema+json;version=2020-12");
                }
            }
            if (topic.deadLetter()) {
                assertThat(refs).as("%s holds whatever was refused: no schema", topic.name()).isEmpty();
                continue;
            }
            String file = TopicSchemas.file(topic.name()).orElseThrow();
            assertThat(refs).as(topic.name()).containsExactly("./" + TopicSchemas.RESOURCE_DIR + file);
            assertThat(getClass().getClassLoader().getResource(TopicSchemas.RESOURCE_DIR + file)).as(file).isNotNull();
        }
    }

    @Test
    void bindingsStateKeyPartitionsAndCleanupPolicyAsTheCatalogueDoes() {
        for (TopicSpec topic : Topics.all()) {
            JsonNode kafka = CHANNELS.get(topic.name()).path("bindings").path("kafka");
            assertThat(kafka.path("topic").asText()).isEqualTo(topic.name());
            assertThat(kafka.path("partitions").asInt()).as(topic.name()).isEqualTo(topic.deadLetter() ? 1 : 6);
            assertThat(texts(kafka.path("topicConfiguration").path("cleanup.policy"))).as(topic.name())
                    .containsExactly(topic.compacted() ? "compact" : "delete");
            assertThat(kafka.path("topicConfiguration").has("retention.ms")).as(topic.name())
                    .isEqualTo(!topic.compacted());
            for (JsonNode message : messages(CHANNELS.get(topic.name()))) {
                JsonNode key = message.path("bindings").path("kafka").path("key");
                assertThat(key.path("type").asText()).as(topic.name()).isEqualTo("string");
                if (!topic.deadLetter()) {
                    assertThat(key.path("description").asText().toLowerCase()).as(topic.name())
                            .contains(topic.key());
                }
            }
        }
    }

    @Test
    void everyMessageHasHeadersAndEveryHeaderIsOneTheServicesWrite() {
        Set<String> known = new TreeSet<>(List.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.ID,
                CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE, CloudEventHeaders.SUBJECT, CloudEventHeaders.TIME,
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.DATA_SCHEMA, CloudEventHeaders.DLQ_REASON,
                CloudEventHeaders.DLQ_TOPIC, CloudEventHeaders.DLQ_PARTITION, CloudEventHeaders.DLQ_OFFSET));
        for (JsonNode message : doc.path("components").path("messages")) {
            JsonNode headers = resolve(message.path("headers"));
            assertThat(headers.isMissingNode()).as(message.path("name").asText()).isFalse();
            assertThat(headerNames(headers)).as(message.path("name").asText()).isNotEmpty().isSubsetOf(known);
        }
    }

    @Test
    void theSessionEventHeadersAreTheContractsConstants() {
        JsonNode headers = doc.at("/components/schemas/SessionEventHeaders/allOf/1/properties");
        assertThat(headers.at("/ce_source/const").asText()).isEqualTo(SessionEvent.SOURCE);
        assertThat(headers.at("/ce_dataschema/const").asText()).isEqualTo(SessionEvent.DATA_SCHEMA);
        assertThat(SessionEvent.DATA_SCHEMA).isEqualTo(TopicSchemas.id(Topics.SESSION_EVENTS).orElseThrow());
        assertThat(texts(headers.at("/ce_type/enum"))).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(SessionEventKind.values()).map(SessionEventKind::cloudEventType).toList());
        JsonNode base = doc.at("/components/schemas/CloudEventHeaders/properties");
        assertThat(base.at("/ce_specversion/const").asText()).isEqualTo(CloudEventHeaders.SPEC_VERSION_VALUE);
        assertThat(base.at("/content-type/const").asText()).isEqualTo(CloudEventHeaders.JSON);
        assertThat(doc.at("/components/schemas/SessionCommandHeaders/allOf/1/properties/ce_type/const").asText())
                .isEqualTo(CloudEventHeaders.TYPE_SESSION_COMMAND);
        assertThat(doc.at("/components/schemas/SessionSnapshotHeaders/allOf/1/properties/ce_type/const").asText())
                .isEqualTo(CloudEventHeaders.TYPE_SESSION_SNAPSHOT);
        assertThat(doc.at("/components/schemas/AgentFactsHeaders/allOf/1/properties/ce_type/const").asText())
                .isEqualTo(CloudEventHeaders.TYPE_AGENT_FACTS);
        assertThat(doc.at("/components/schemas/InvitationHeaders/allOf/1/properties/ce_type/const").asText())
                .isEqualTo(CloudEventHeaders.TYPE_INVITATION);
        assertThat(doc.at("/components/schemas/ResponseHeaders/allOf/1/properties/ce_type/const").asText())
                .isEqualTo(CloudEventHeaders.TYPE_RESPONSE);
        assertThat(doc.at("/components/schemas/RevocationHeaders/allOf/1/properties/ce_type/const").asText())
                .isEqualTo(CloudEventHeaders.TYPE_TOKEN_REVOKED);
        assertThat(doc.at("/components/schemas/JobEventHeaders/allOf/1/properties/ce_source/const").asText())
                .isEqualTo(io.sessionplane.contracts.job.JobEvent.SOURCE);
    }

    @Test
    void thePublicStreamsDescriptionStatesOrderingDeliveryDedupeAndCompatibility() {
        String description = CHANNELS.get(Topics.SESSION_EVENTS).path("description").asText();
        assertThat(description).contains("per session", "read_committed", "exactly-once", "event_id", "sequence",
                "Retention", "session.events.v2");
    }

    @Test
    void everyOperationPointsAtAChannelAndOneOfItsMessagesAndEveryTopicIsSentAndPrimaryTopicsAreReceived() {
        Map<String, Set<String>> actions = new HashMap<>();
        for (JsonNode operation : doc.path("operations")) {
            JsonNode channel = resolve(operation.path("channel"));
            assertThat(channel.isMissingNode()).as(operation.toString()).isFalse();
            String address = channel.path("address").asText();
            assertThat(operation.path("action").asText()).isIn("send", "receive");
            actions.computeIfAbsent(address, a -> new TreeSet<>()).add(operation.path("action").asText());
            for (JsonNode message : operation.path("messages")) {
                String ref = message.path("$ref").asText();
                assertThat(ref).as(operation.toString()).startsWith(operation.path("channel").path("$ref").asText()
                        + "/messages/");
                assertThat(resolve(message).isMissingNode()).as(ref).isFalse();
            }
        }
        for (TopicSpec topic : Topics.all()) {
            assertThat(actions.get(topic.name())).as(topic.name()).contains("send");
            if (!topic.deadLetter()) {
                assertThat(actions.get(topic.name())).as(topic.name()).contains("receive");
            }
        }
    }

    private static List<JsonNode> messages(JsonNode channel) {
        List<JsonNode> messages = new ArrayList<>();
        channel.path("messages").forEach(message -> messages.add(resolve(message)));
        return messages;
    }

    private static Set<String> headerNames(JsonNode headers) {
        Set<String> names = new TreeSet<>();
        headers.path("properties").fieldNames().forEachRemaining(names::add);
        for (JsonNode part : headers.path("allOf")) {
            names.addAll(headerNames(resolve(part)));
        }
        return names;
    }

    /** Follows a local $ref ("#/a/b") through the document. */
    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null || !ref.asText().startsWith("#")) {
            return node;
        }
        return resolve(doc.at(ref.asText().substring(1)));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
