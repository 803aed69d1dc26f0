package io.sessionplane.kit.scheduling;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/** The tail every scheduled clean-up shares: the count at debug, a failure at warn, and the schedule never fails. */
public final class ScheduledPurge {
    private ScheduledPurge() {
    }

    /**
     * @param what  what is purged, for the log ("ended session markers")
     * @param purge the deletion, answering how many rows went
     */
    public static Uni<Void> run(Logger log, String what, Uni<Integer> purge) {
        return purge.invoke(count -> log.debugf("purged %d %s", count, what))
                .onFailure().invoke(e -> log.warnf("purge of %s failed (next run retries): %s", what, e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
