package io.sessionplane.session.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: DOWN once the event stream has stopped for good; starting and rebalancing are normal life. */
@Readiness
@ApplicationScoped
public class SessionEventStreamHealth implements HealthCheck {

    @Inject
    SessionEventStream stream;

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = stream.state();
        boolean up = state == null || !(state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                || state == KafkaStreams.State.PENDING_ERROR);
        return HealthCheckResponse.named("session-event-stream").status(up)
                .withData("state", state == null ? "disabled" : state.name()).build();
    }
}
