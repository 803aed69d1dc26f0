package io.sessionplane.session.inventory;

import io.sessionplane.contracts.session.SessionSnapshot;

/** A session as the read model holds it. */
public record StoredSession(SessionSnapshot snapshot) {

    public String id() {
        return snapshot.session().id();
    }

    public boolean federated() {
        return snapshot.session().federated();
    }

    public String accessGroupId() {
        return snapshot.session().accessGroupId();
    }
}
