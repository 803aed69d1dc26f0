package io.sessionplane.kit.kafka;

import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.contracts.kafka.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import io.smallrye.mutiny.Multi;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Sends a record that can never be processed to {@code <topic>.dlq}, unchanged, with the reason in headers, so the
 * consumer can move on and an operator can inspect or replay it. Needs the {@code deadletters} outgoing channel.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    @Channel("deadletters")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    MutinyEmitter<String> emitter;

    /** Completes once the dead-letter record is acknowledged by the broker. */
    public Uni<Void> send(ConsumerRecord<String, String> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add(CloudEventHeaders.DLQ_REASON, bytes(reason));
        headers.add(CloudEventHeaders.DLQ_TOPIC, bytes(record.topic()));
        headers.add(CloudEventHeaders.DLQ_PARTITION, bytes(Integer.toString(record.partition())));
        headers.add(CloudEventHeaders.DLQ_OFFSET, bytes(Long.toString(record.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.dlq(record.topic()))
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        // Offsets wait for the dead letter: retry while the broker is briefly away rather than lose the record.
        return RetryPolicy.untilBrokerAcknowledges("dead letter",
                () -> emitter.sendMessage(Message.of(record.value()).addMetadata(metadata)));
    }

    /**
     * Parses every record with {@code parser}; a record it refuses (IllegalArgumentException) goes to the dead-letter
     * topic and the rest are returned in order once the dead letters are acknowledged.
     */
    public <T> Uni<List<T>> parseOrDeadLetter(Iterable<ConsumerRecord<String, String>> records,
            Function<ConsumerRecord<String, String>, T> parser) {
        List<T> parsed = new ArrayList<>();
        List<Uni<Void>> poison = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                parsed.add(parser.apply(record));
            } catch (IllegalArgumentException e) {
                poison.add(send(record, e.getMessage()));
            }
        }
        if (poison.isEmpty()) {
            return Uni.createFrom().item(parsed);
        }
        return Multi.createFrom().iterable(poison).onItem().transformToUniAndConcatenate(uni -> uni)
                .collect().last().replaceWith(parsed);
    }

    private static byte[] bytes(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }
}
