package io.sessionplane.kit.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.sessionplane.contracts.json.JsonCodec;
import jakarta.inject.Singleton;

/** REST bodies follow the same JSON settings as the Kafka records. */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        JsonCodec.configure(mapper);
    }
}
