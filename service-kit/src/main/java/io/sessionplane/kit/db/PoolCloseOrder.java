package io.sessionplane.kit.db;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Makes the database pool close after the {@link ShutdownEvent} observers, which drain the work that uses it
 * ({@code io.sessionplane.kit.lifecycle.StopSequence}). Quarkus runs shutdown tasks in the reverse order of their
 * registration, and the pool registers its close when it is created. Created here, during the startup event, it is
 * registered before the task that fires {@link ShutdownEvent}; left to the first batch or request, it would be
 * registered after it and close first.
 */
@ApplicationScoped
public class PoolCloseOrder {

    @Inject
    Instance<Pool> pool;

    void createPool(@Observes StartupEvent startup) {
        if (pool.isResolvable()) {
            pool.get().getDelegate();
        }
    }
}
