package io.sessionplane.simulator.assist;

import io.sessionplane.contracts.assist.InvitationKind;
import io.sessionplane.contracts.assist.ShareSpaceInvitation;
import io.sessionplane.contracts.assist.ShareSpaceResponse;
import io.sessionplane.contracts.assist.UserAnswer;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.CloudEventHeaders;
import io.sessionplane.kit.id.DerivedIds;
import io.sessionplane.kit.kafka.CloudEvents;
import io.sessionplane.kit.kafka.DeadLetters;
import io.sessionplane.kit.kafka.RetryPolicy;
import io.sessionplane.simulator.fleet.AgentReportProducer;
import io.sessionplane.simulator.fleet.Fleet;
import io.sessionplane.simulator.fleet.SimSession;
import io.sessionplane.simulator.fleet.SimulatorConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The user at the desktop, as far as remote assistance goes: shown an invitation, they confirm and then enable
 * access, or refuse, or never answer (the share space then times out), per {@code simulator.assist.answer}.
 */
@ApplicationScoped
public class InvitationConsumer {
    private static final Logger LOG = Logger.getLogger(InvitationConsumer.class);

    @Inject
    Fleet fleet;

    @Inject
    SimulatorConfig config;

    @Inject
    DeadLetters deadLetters;

    @Inject
    @Channel("responses")
    MutinyEmitter<String> responses;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "invitation-responder");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, List<ScheduledFuture<?>>> pending = new ConcurrentHashMap<>();

    @Incoming("invitations")
    public Uni<Void> receive(ConsumerRecord<String, String> record) {
        ShareSpaceInvitation invitation;
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("record has no value");
            }
            invitation = JsonCodec.read(record.value(), ShareSpaceInvitation.class);
            if (invitation.shareSpaceId() == null || invitation.kind() == null) {
                throw new IllegalArgumentException("invitation lacks share_space_id or kind");
            }
        } catch (IllegalArgumentException e) {
            return deadLetters.send(record, e.getMessage());
        }
        if (invitation.kind() == InvitationKind.WITHDRAW) {
            forget(invitation.shareSpaceId());
            return Uni.createFrom().voidItem();
        }
        Optional<SimSession> session = fleet.onMachine(invitation.desktopId());
        if (session.isEmpty()) {
            LOG.debugf("no user session on desktop %s; the invitation goes unanswered", invitation.desktopId());
            return Uni.createFrom().voidItem();
        }
        String answer = "mixed".equals(config.assist().answer()) ? session.get().invitationAnswer()
                : config.assist().answer();
        Duration confirm = config.assist().confirmDelay();
        Duration access = confirm.plus(config.assist().accessDelay());
        switch (answer) {
            case "refuse" -> schedule(invitation, UserAnswer.REFUSED, confirm, "the user declined remote assistance");
            case "ignore" -> LOG.debugf("user ignores invitation %s", invitation.shareSpaceId());
            default -> {
                schedule(invitation, UserAnswer.CONFIRMED, confirm, null);
                schedule(invitation, UserAnswer.JOINED, access, null);
                if (!config.assist().sessionLength().isZero()) {
                    schedule(invitation, UserAnswer.LEFT, access.plus(config.assist().sessionLength()),
                            "the user ended the assistance");
                }
            }
        }
        return Uni.createFrom().voidItem();
    }

    private void schedule(ShareSpaceInvitation invitation, UserAnswer answer, Duration after, String reason) {
        ScheduledFuture<?> task = timers.schedule(() -> {
            send(invitation, answer, reason);
            // Refusing or leaving is the user's last word: nothing more is pending for this space.
            if (answer == UserAnswer.REFUSED || answer == UserAnswer.LEFT) {
                forget(invitation.shareSpaceId());
            }
        }, after.toMillis(), TimeUnit.MILLISECONDS);
        pending.computeIfAbsent(invitation.shareSpaceId(), key -> new CopyOnWriteArrayList<>()).add(task);
    }

    /** Cancels what is still scheduled for the space and forgets it. */
    private void forget(String shareSpaceId) {
        Optional.ofNullable(pending.remove(shareSpaceId)).ifPresent(tasks -> tasks.forEach(task -> task.cancel(false)));
    }

    private void send(ShareSpaceInvitation invitation, UserAnswer answer, String reason) {
        long now = System.currentTimeMillis();
        // Derived id: a resent answer is recognisably the same answer.
        String eventId = DerivedIds.uuid(invitation.shareSpaceId() + ":" + answer);
        ShareSpaceResponse response = new ShareSpaceResponse(eventId, invitation.shareSpaceId(),
                invitation.desktopId(), invitation.sessionId(), answer, reason, now);
        RetryPolicy.untilBrokerAcknowledges("share space answer", () -> responses.sendMessage(CloudEvents.message(
                        response, invitation.sessionId(), CloudEventHeaders.TYPE_RESPONSE, eventId,
                        AgentReportProducer.SOURCE, invitation.sessionId(), Instant.ofEpochMilli(now))))
                .subscribe().with(ignored -> LOG.debugf("answered %s to %s", answer, invitation.shareSpaceId()));
    }

    @PreDestroy
    void stop() {
        timers.shutdownNow();
    }
}
