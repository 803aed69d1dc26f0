package io.sessionplane.assist.outbox;

import io.sessionplane.assist.outcome.AssistEventProducer;
import io.sessionplane.contracts.assist.AssistOutcome;
import io.sessionplane.contracts.assist.ShareSpaceInvitation;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.kit.outbox.OutboxPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** assist-service's outbox channels: share-space outcomes and invitations (and withdrawals) to the agents. */
@ApplicationScoped
public class AssistOutboxPublisher implements OutboxPublisher {

    @Inject
    AssistEventProducer events;

    @Override
    public Uni<Void> publish(String channel, String payload) {
        return switch (OutboxChannel.valueOf(channel)) {
            case OUTCOMES -> events.outcome(JsonCodec.read(payload, AssistOutcome.class));
            case INVITATIONS -> events.invitation(JsonCodec.read(payload, ShareSpaceInvitation.class));
        };
    }
}
