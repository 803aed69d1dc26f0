package io.sessionplane.assist.outcome;

import io.sessionplane.contracts.assist.AssistOutcome;
import io.sessionplane.contracts.assist.ShareSpaceInvitation;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.kit.kafka.CloudEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** assist-service's records on Kafka; every Uni completes on the broker's ack (and is lazy, like the emitter). */
@ApplicationScoped
public class AssistEventProducer {
    public static final String SOURCE = "/sessionplane/assist-service";

    @Inject
    @Channel("outcomes")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
    MutinyEmitter<String> outcomes;

    @Inject
    @Channel("invitations")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
    MutinyEmitter<String> invitations;

    public Uni<Void> outcome(AssistOutcome outcome) {
        return Uni.createFrom().deferred(() -> outcomes.sendMessage(CloudEvents.message(outcome, outcome.sessionId(),
                outcome.eventType().name(), outcome.eventId(), SOURCE, outcome.sessionId(),
                Instant.ofEpochMilli(outcome.time()))));
    }

    public Uni<Void> invitation(ShareSpaceInvitation invitation) {
        return Uni.createFrom().deferred(() -> invitations.sendMessage(CloudEvents.message(invitation,
                invitation.sessionId(), CloudEventHeaders.TYPE_INVITATION, invitation.eventId(), SOURCE,
                invitation.sessionId(), Instant.ofEpochMilli(invitation.time()))));
    }
}
