package io.sessionplane.kit.kafka;

import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Kafka records in CloudEvents binary mode: JSON value, {@code ce_*} headers, keyed so one session's events stay
 * in order.
 */
public final class CloudEvents {
    private CloudEvents() {
    }

    /**
     * A message for a MutinyEmitter of String.
     *
     * @param key     record key (session id, machine id)
     * @param type    {@code ce_type}: the event type name or a record-kind type
     * @param id      {@code ce_id}: unique id of this event
     * @param source  {@code ce_source}: the producing service
     * @param subject {@code ce_subject}: the session id
     * @param time    {@code ce_time}
     */
    public static Message<String> message(Object payload, String key, String type, String id, String source,
            String subject, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        add(headers, CloudEventHeaders.ID, id);
        add(headers, CloudEventHeaders.TYPE, type);
        add(headers, CloudEventHeaders.SOURCE, source);
        if (subject != null) {
            add(headers, CloudEventHeaders.SUBJECT, subject);
        }
        add(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .withHeaders(headers)
                .build();
        String value = payload == null ? null : JsonCodec.write(payload);
        return Message.of(value).addMetadata(metadata);
    }

    /** A tombstone (null value) for a compacted topic. */
    public static Message<String> tombstone(String key, String source, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, CloudEventHeaders.SOURCE, source);
        add(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers).build();
        return Message.<String>of(null).addMetadata(metadata);
    }

    public static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
