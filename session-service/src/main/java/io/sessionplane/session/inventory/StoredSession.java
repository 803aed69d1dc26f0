package io.sessionplane.session.inventory;

import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.kit.auth.AccessScoped;

/** A session as the read model holds it. */
public record StoredSession(SessionSnapshot snapshot) implements AccessScoped {

    public String id() {
        return snapshot.session().id();
    }

    @Override
    public boolean federated() {
        return snapshot.session().federated();
    }

    @Override
    public String accessGroupId() {
        return snapshot.session().accessGroupId();
    }
}
