package io.sessionplane.localstack.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionplane.contracts.kafka.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Proof from the outside that accepted commands were carried out once: their outcomes on session.outcomes.v1 (a
 * plain consumer, no group), their statuses and their audit records through the gateway. For fault tests and the
 * chaos suite, which must not trust the system's own word for it.
 */
public final class CommandAccounting {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String bootstrapServers;
    private final String gatewayUrl;
    private final String token;

    public CommandAccounting(String bootstrapServers, String gatewayUrl, String token) {
        this.bootstrapServers = bootstrapServers;
        this.gatewayUrl = gatewayUrl;
        this.token = token;
    }

    /** Outcomes per command id (of these), reading the topic whole and until each command has one or time is up. */
    public Map<String, List<String>> outcomeTypes(Set<String> commands, Duration timeout) throws IOException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        Map<String, List<String>> types = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SESSION_OUTCOMES).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode outcome = JSON.readTree(record.value());
                    String command = outcome.path("command_id").asText();
                    if (commands.contains(command)) {
                        types.computeIfAbsent(command, id -> new ArrayList<>()).add(outcome.path("event_type")
                                .asText());
                    }
                }
                boolean read = partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                if (read && types.keySet().containsAll(commands)) {
                    break;
                }
                if (read) {
                    end.putAll(consumer.endOffsets(partitions));
                }
            }
        }
        return types;
    }

    /** The command's status (ACCEPTED, SUCCEEDED, FAILED …), or null when it is not readable. */
    public String status(String commandId) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/rest/inventory/v1/session-commands/" + commandId, Map.of());
        return response.statusCode() == 200 ? JSON.readTree(response.body()).path("status").asText() : null;
    }

    /** Audit records of the given types, by command id (types in record order), read page by page. */
    public Map<String, List<String>> auditTypes(List<String> types) throws IOException, InterruptedException {
        String filter = "{\"type\":\"Or\",\"filters\":[" + types.stream().map(type -> "{\"type\":\"Equals\","
                + "\"name\":\"type\",\"value\":\"" + type + "\"}").collect(Collectors.joining(",")) + "]}";
        Map<String, List<String>> byCommand = new HashMap<>();
        for (int page = 1; ; page++) {
            HttpResponse<String> response = get("/rest/external/v1/audit-events", Map.of("filter", filter, "size",
                    "1000", "page", Integer.toString(page)));
            if (response.statusCode() != 200) {
                throw new IOException("audit-events answered " + response.statusCode() + ": " + response.body());
            }
            JSON.readTree(response.body()).forEach(record -> byCommand.computeIfAbsent(
                    record.path("command_id").asText(), id -> new ArrayList<>()).add(record.path("type").asText()));
            if (!"TRUE".equalsIgnoreCase(response.headers().firstValue("HAS_MORE_RECORDS").orElse(""))) {
                return byCommand;
            }
        }
    }

    /** A GET through the gateway; its rate limit (429) is waited out, as a polite client does. */
    private HttpResponse<String> get(String path, Map<String, String> query) throws IOException, InterruptedException {
        String parameters = query.entrySet().stream().map(entry -> entry.getKey() + "="
                + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + path + (parameters.isEmpty() ? ""
                        : "?" + parameters))).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 429 || attempt == 10) {
                return response;
            }
            Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
        }
    }
}
