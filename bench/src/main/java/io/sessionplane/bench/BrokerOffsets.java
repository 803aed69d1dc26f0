package io.sessionplane.bench;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * What the broker was given to write: the end offsets of every topic (internal ones and Kafka Streams' changelogs
 * included), summed over partitions. The difference over a phase counts records and transaction markers, each of
 * which the broker appends, replicates to none here, and serves to every reader.
 */
final class BrokerOffsets {
    private BrokerOffsets() {
    }

    /** The sum of the end offsets of each topic's partitions, by topic. */
    static Map<String, Long> endOffsets(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(30, TimeUnit.SECONDS);
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = described.values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            Map<String, Long> byTopic = new TreeMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((partition, info) ->
                    byTopic.merge(partition.topic(), info.offset(), Long::sum));
            return byTopic;
        }
    }

    /** Offsets added since {@code before}, per accepted command, for the topics that grew. */
    static Map<String, Double> perCommand(Map<String, Long> before, Map<String, Long> after, long commands) {
        Map<String, Double> perCommand = new TreeMap<>();
        after.forEach((topic, end) -> {
            long added = end - before.getOrDefault(topic, 0L);
            if (added > 0) {
                perCommand.put(topic, (double) added / Math.max(1, commands));
            }
        });
        return perCommand;
    }
}
