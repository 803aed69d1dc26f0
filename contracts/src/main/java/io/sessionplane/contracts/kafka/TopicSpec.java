package io.sessionplane.contracts.kafka;

/**
 * One topic of the contract.
 *
 * @param name      topic name
 * @param compacted keep only the latest record per key (snapshots)
 * @param key       what the record key is
 * @param dlqOf     for a dead-letter topic, the topic it collects poison records of
 */
public record TopicSpec(String name, boolean compacted, String key, String dlqOf) {

    public boolean deadLetter() {
        return dlqOf != null;
    }
}
