package io.sessionplane.assist.sharespace;

import io.quarkus.scheduler.Scheduled;
import io.sessionplane.assist.AssistConfig;
import io.sessionplane.contracts.assist.ShareSpaceStatus;
import io.sessionplane.contracts.event.EventType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/** Closes share spaces that waited too long in a state, and those whose user's session has ended. */
@ApplicationScoped
public class ShareSpaceSweepJob {
    private static final Logger LOG = Logger.getLogger(ShareSpaceSweepJob.class);

    @Inject
    ShareSpaceService service;

    @Inject
    AssistConfig config;

    @Scheduled(every = "${sessionplane.assist.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return timeOut().chain(this::closeOrphans).onFailure()
                .invoke(e -> LOG.warnf("share-space sweep failed (the next run, in %s, retries): %s",
                        config.sweepInterval(), e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    Uni<Void> timeOut() {
        return service.expired(Instant.now()).chain(expired -> closeEach(expired, space -> service.transition(space.id(),
                EnumSet.of(space.status()), ShareSpaceStatus.CLOSE, EventType.REMOTE_ASSISTANCE_TIMED_OUT,
                service.timeoutReason(space.status()), null)));
    }

    Uni<Void> closeOrphans() {
        return service.orphaned().chain(orphaned -> closeEach(orphaned, id -> service.transition(id,
                ShareSpaceService.LIVE, ShareSpaceStatus.CLOSE, EventType.REMOTE_ASSISTANCE_ENDED,
                "the user's session ended", null)));
    }

    /** One space after the other: each close is its own transaction and event, and one failure stops the run. */
    private static <T> Uni<Void> closeEach(List<T> spaces, Function<T, Uni<?>> close) {
        return Multi.createFrom().iterable(spaces).onItem().transformToUniAndConcatenate(close)
                .collect().last().replaceWithVoid();
    }
}
