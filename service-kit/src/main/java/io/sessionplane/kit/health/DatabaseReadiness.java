package io.sessionplane.kit.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while PostgreSQL answers within 2 s: a frozen database takes the instance out of the load balancer at
 * once (Quarkus' own check waits 20 s, longer than a probe's timeout), and liveness stays UP so it is not restarted
 * for a fault that is not its own. Services without a database have no pool and nothing to check.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    Instance<Pool> pool;

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!pool.isResolvable()) {
            return Uni.createFrom().item(HealthCheckResponse.up("postgresql"));
        }
        return pool.get().query("SELECT 1").execute()
                .map(rows -> HealthCheckResponse.up("postgresql"))
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("postgresql").down()
                        .withData("reason", e instanceof io.smallrye.mutiny.TimeoutException
                                ? "no answer within " + TIMEOUT.toMillis() + " ms" : String.valueOf(e.getMessage()))
                        .build());
    }
}
