package io.sessionplane.session.job;

import io.sessionplane.contracts.job.JobEvent;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.kit.kafka.CloudEvents;
import io.sessionplane.kit.outbox.OutboxPublisher;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** session-service's outbox channel: job events to {@code session.jobs.v1}, keyed by job id. */
@ApplicationScoped
public class JobEventsPublisher implements OutboxPublisher {
    /** The outbox channel name of job events. */
    static final String CHANNEL = "jobs";

    @Inject
    @Channel("jobevents")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    MutinyEmitter<String> emitter;

    @Override
    public Uni<Void> publish(String channel, String payload) {
        if (!CHANNEL.equals(channel)) {
            return Uni.createFrom().failure(new IllegalStateException("no outbox channel " + channel));
        }
        JobEvent event = JsonCodec.read(payload, JobEvent.class);
        return emitter.sendMessage(CloudEvents.message(event, event.jobId(), event.eventType().name(),
                event.eventId(), JobEvent.SOURCE, null, Instant.ofEpochMilli(event.time())));
    }
}
