package io.sessionplane.kit.db;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Future;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every service's PostgreSQL pool, with the bounds Quarkus does not expose: a connection is opened within
 * {@code sessionplane.db.connect-timeout} (2 s) and handed out within {@code sessionplane.db.acquire-timeout} (2.5 s,
 * under the 3 s request deadline), instead of the client's 60 s and 30 s defaults that let a stalled PostgreSQL hold
 * every caller. Queries are bounded by PostgreSQL itself ({@code statement_timeout}, in application.properties).
 */
@Singleton
public class BoundedPoolCreator implements PgPoolCreator {

    @ConfigProperty(name = "sessionplane.db.connect-timeout", defaultValue = "2s")
    java.time.Duration connectTimeout;

    @ConfigProperty(name = "sessionplane.db.acquire-timeout", defaultValue = "2500ms")
    java.time.Duration acquireTimeout;

    @Override
    public Pool create(Input input) {
        PoolOptions options = new PoolOptions(input.poolOptions())
                .setConnectionTimeout((int) acquireTimeout.toMillis()).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        List<PgConnectOptions> servers = input.pgConnectOptionsList();
        servers.forEach(server -> server.setConnectTimeout((int) connectTimeout.toMillis()));
        AtomicInteger next = new AtomicInteger();
        return PgDriver.INSTANCE.createPool(input.vertx(),
                () -> Future.succeededFuture(servers.get(Math.floorMod(next.getAndIncrement(), servers.size()))),
                options);
    }
}
