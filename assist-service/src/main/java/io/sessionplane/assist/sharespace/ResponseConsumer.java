package io.sessionplane.assist.sharespace;

import io.sessionplane.contracts.assist.ShareSpaceResponse;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.kit.kafka.DeadLetters;
import io.sessionplane.kit.kafka.RetryPolicy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The users' answers (assist.responses.v1) drive share spaces through their states, one record at a time. */
@ApplicationScoped
public class ResponseConsumer {

    @Inject
    ShareSpaceService service;

    @Inject
    DeadLetters deadLetters;

    @Incoming("responses")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        ShareSpaceResponse response;
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("record has no value");
            }
            response = JsonCodec.read(record.value(), ShareSpaceResponse.class);
            if (response.shareSpaceId() == null || response.answer() == null) {
                throw new IllegalArgumentException("response lacks share_space_id or answer");
            }
        } catch (IllegalArgumentException e) {
            return deadLetters.send(record, e.getMessage());
        }
        // Kafka or PostgreSQL away: wait and retry; the transition is idempotent (state-checked under a row lock).
        return RetryPolicy.untilBrokerAcknowledges("share space answer",
                () -> RetryPolicy.untilDatabaseAnswers("share space answer",
                        () -> service.answer(response.shareSpaceId(), response.answer(), response.reason())));
    }
}
