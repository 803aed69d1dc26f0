package io.sessionplane.kit.kafka;

import java.util.Map;
import java.util.Properties;

/**
 * Settings for a plain kafka-clients consumer or producer beside the messaging connector: the connector's broker
 * address and security (TLS, SASL) and nothing of its per-channel tuning.
 */
public final class KafkaClientSettings {
    private KafkaClientSettings() {
    }

    /** @param connector the connector's defaults ({@code @Identifier("default-kafka-broker")}) */
    public static Properties connection(Map<String, Object> connector) {
        Properties props = new Properties();
        connector.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.")
                    || key.startsWith("ssl.")) {
                props.put(key, value);
            }
        });
        return props;
    }
}
