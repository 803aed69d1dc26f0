package io.sessionplane.simulator.fleet;

import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.session.SessionSnapshot;

/**
 * What executing one command produced: its outcome, and the inventory change to publish (a new snapshot, a
 * tombstone for an ended session, or nothing).
 */
public record Execution(SessionOutcome outcome, SessionSnapshot snapshot, String endedSessionId) {

    public static Execution outcomeOnly(SessionOutcome outcome) {
        return new Execution(outcome, null, null);
    }
}
