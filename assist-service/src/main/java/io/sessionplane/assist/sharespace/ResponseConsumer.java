package io.sessionplane.assist.sharespace;

import io.sessionplane.contracts.assist.ShareSpaceResponse;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.kit.error.ApiException;
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
        // PostgreSQL away, or the broker not taking the transition's events (a 503): wait and retry, the transition
        // is idempotent (state-checked under a row lock). Any other failure is this record's: dead-letter it, go on.
        return RetryPolicy.whileRetryable("share space answer",
                        () -> service.answer(response.shareSpaceId(), response.answer(), response.reason()),
                        ResponseConsumer::retryable)
                .onFailure().recoverWithUni(e -> deadLetters.send(record, "the answer cannot be applied: " + e));
    }

    static boolean retryable(Throwable failure) {
        return RetryPolicy.transientFailure(failure) || failure instanceof ApiException api && api.status() == 503;
    }
}
