package io.sessionplane.session.inventory;

import io.sessionplane.contracts.session.SessionSnapshot;

/** One record of {@code session.inventory.v1}: a snapshot, or a tombstone for a session that ended. */
public sealed interface InventoryChange {

    String sessionId();

    long observedAt();

    record Snapshot(SessionSnapshot snapshot) implements InventoryChange {
        @Override
        public String sessionId() {
            return snapshot.session().id();
        }

        @Override
        public long observedAt() {
            return snapshot.observedAt();
        }
    }

    record Tombstone(String sessionId, long observedAt) implements InventoryChange {
    }
}
