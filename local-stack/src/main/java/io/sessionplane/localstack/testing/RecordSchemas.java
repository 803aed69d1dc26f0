package io.sessionplane.localstack.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.sessionplane.contracts.kafka.TopicSchemas;
import io.sessionplane.contracts.kafka.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates the records the test suites put on or read from a topic against the topic's JSON Schema (the files
 * contracts ships, chosen by {@link TopicSchemas}), so every record a suite produces is checked against the published
 * contract. Exempt, because they are meant to be refused or have no schema: dead-letter topics, tombstones, values
 * that are not JSON at all, and records a test marks as deliberately invalid (header {@link #INVALID_HEADER}, or a
 * key starting with {@link #POISON_KEY_PREFIX}, the suites' convention for records that must reach the DLQ).
 */
public final class RecordSchemas {
    /** A record carrying this header (any value, e.g. the reason) is deliberately schema-invalid test input. */
    public static final String INVALID_HEADER = "sessionplane-test-invalid";
    /** Keys the suites give to poison records that must end in the dead-letter topic. */
    public static final String POISON_KEY_PREFIX = "poison-";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    // Formats (uuid, date-time) asserted, as in the contracts tests.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                    .build()));
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private RecordSchemas() {
    }

    /**
     * Fails (AssertionError, so the test fails) when the record's value breaks its topic's schema.
     *
     * @param direction "sent to" or "read from", for the message
     * @param headers   the record's headers by name (only {@link #INVALID_HEADER}'s presence matters)
     */
    public static void check(String direction, String topic, String key, String value, Map<String, String> headers) {
        List<String> violations = violations(topic, key, value, headers);
        if (!violations.isEmpty()) {
            throw new AssertionError("record " + direction + " " + topic + " (key " + key + ") breaks "
                    + TopicSchemas.file(topic).orElseThrow() + ":\n  " + String.join("\n  ", violations) + "\nvalue: "
                    + value + "\nIf the test means to send an invalid record, give it the header " + INVALID_HEADER
                    + " (never weaken the schema).");
        }
    }

    /** The schema violations of a record; empty when it is valid or exempt. */
    public static List<String> violations(String topic, String key, String value, Map<String, String> headers) {
        Optional<String> resource = TopicSchemas.resource(topic);
        if (resource.isEmpty() || topic.endsWith(Topics.DLQ_SUFFIX) || value == null
                || headers.containsKey(INVALID_HEADER) || key != null && key.startsWith(POISON_KEY_PREFIX)
                || !isJson(value)) {
            return List.of();
        }
        Schema schema = SCHEMAS.computeIfAbsent(resource.get(),
                name -> REGISTRY.getSchema(read(name), InputFormat.JSON));
        return schema.validate(value, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    /** Poison records that are not JSON at all are the consumers' business, not the schema's. */
    private static boolean isJson(String value) {
        try {
            JSON.readTree(value);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static String read(String resource) {
        try (InputStream in = RecordSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema " + resource + " is not on the classpath (contracts jar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
