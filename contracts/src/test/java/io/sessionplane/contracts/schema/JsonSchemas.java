package io.sessionplane.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.TopicSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The shipped schema files, read from the classpath as consumers would read them. */
final class JsonSchemas {
    // Formats (uuid, date-time) are assertions here: 2020-12 makes them annotations unless asked.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                    .build()));

    private JsonSchemas() {
    }

    static String text(String resource) {
        try (InputStream in = JsonSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String schemaText(String file) {
        return text(TopicSchemas.RESOURCE_DIR + file);
    }

    static JsonNode tree(String resource) {
        try {
            return JsonCodec.mapper().readTree(text(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode schemaTree(String file) {
        return tree(TopicSchemas.RESOURCE_DIR + file);
    }

    static Schema schema(String file) {
        return REGISTRY.getSchema(schemaText(file), InputFormat.JSON);
    }

    /** The violations of one JSON value, as readable lines. */
    static List<String> violations(String file, String json) {
        return schema(file).validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }
}
