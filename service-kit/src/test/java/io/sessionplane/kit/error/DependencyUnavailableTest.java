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
    void otherFailuresStayUnexpected() {
        assertThat(ErrorMappers.dependencyUnavailable(new IllegalStateException("a bug"))).isFalse();
        assertThat(ErrorMappers.dependencyUnavailable(new NullPointerException())).isFalse();
    }
}
