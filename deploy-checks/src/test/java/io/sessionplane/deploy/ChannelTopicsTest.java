package io.sessionplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionplane.contracts.kafka.TopicSpec;
import io.sessionplane.contracts.kafka.Topics;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every channel of every module's configuration names a topic of the {@code contracts} catalogue: a renamed or
 * misspelled topic fails the build instead of silently creating a topic nobody reads.
 */
class ChannelTopicsTest {
    static final List<String> MODULES = List.of("session-service", "assist-service", "audit-service", "agent-simulator");

    @Test
    void everyConfiguredTopicIsInTheCatalogue() throws Exception {
        Set<String> catalogue = Topics.all().stream().map(TopicSpec::name).collect(Collectors.toSet());
        List<String> configured = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String module : MODULES) {
            Path file = Tools.ROOT.resolve(module).resolve("src/main/resources/application.properties");
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(file)));
            for (String key : properties.stringPropertyNames()) {
                String bare = key.replaceFirst("^%[a-z,]+\\.", "");
                if (bare.startsWith("mp.messaging.") && bare.endsWith(".topic")) {
                    String topic = properties.getProperty(key).trim();
                    configured.add(module + ": " + key + "=" + topic);
                    if (!catalogue.contains(topic)) {
                        unknown.add(module + ": " + key + "=" + topic);
                    }
                }
            }
        }
        assertThat(configured).as("channels found").hasSizeGreaterThan(10);
        assertThat(unknown).as("topics not in contracts' Topics").isEmpty();
    }
}
