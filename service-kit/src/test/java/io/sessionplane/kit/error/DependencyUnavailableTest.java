package io.sessionplane.kit.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** A broken or refused connection to PostgreSQL is a 503 (retry later), not a 500. */
class DependencyUnavailableTest {

    @Test
    void brokenAndRefusedConnectionsAreTheDependencysNotTheServers() {
        assertThat(ErrorMappers.dependencyUnavailable(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(ErrorMappers.dependencyUnavailable(new IllegalStateException("wrapped",
                new ConnectException("Connection refused")))).isTrue();
        assertThat(ErrorMappers.dependencyUnavailable(new io.vertx.core.VertxException("Connection was closed")))
                .isTrue();
    }

    @Test
    void timeoutsAreTheDependencysToo() {
        assertThat(ErrorMappers.dependencyUnavailable(new RuntimeException(
                new java.util.concurrent.TimeoutException("Timeout while waiting for a connection")))).isTrue();
        // What the PostgreSQL pool fails with when it cannot hand out a connection in time.
        assertThat(ErrorMappers.dependencyUnavailable(new io.vertx.core.VertxException(
                "Timeout waiting for connection"))).isTrue();
        assertThat(ErrorMappers.dependencyUnavailable(new io.vertx.pgclient.PgException(
                "canceling statement due to statement timeout", "ERROR", "57014", null))).isTrue();
        assertThat(ErrorMappers.dependencyUnavailable(new io.vertx.pgclient.PgException(
                "duplicate key", "ERROR", "23505", null))).isFalse();
    }

    @Test
    void otherFailuresStayUnexpected() {
        assertThat(ErrorMappers.dependencyUnavailable(new IllegalStateException("a bug"))).isFalse();
        assertThat(ErrorMappers.dependencyUnavailable(new NullPointerException())).isFalse();
    }
}
