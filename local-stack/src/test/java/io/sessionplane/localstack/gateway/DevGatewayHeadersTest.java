package io.sessionplane.localstack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionplane.localstack.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every answer, proxied or the gateway's own, carries its security headers once. */
class DevGatewayHeadersTest {
    private GatewayWithUpstream gateway;

    @BeforeEach
    void start() throws Exception {
        // Nothing listens on the audit service's port: its paths get the gateway's own 503.
        gateway = new GatewayWithUpstream(DevGatewayHeadersTest::answer, upstreamPort -> Map.of(
                GatewayRoutes.SESSION_SERVICE, List.of(upstreamPort), GatewayRoutes.AUDIT_SERVICE, List.of(Ports.free())));
    }

    /** As session-service answers a sign-in: its own no-store, which the gateway's must not double. */
    private static void answer(Vertx vertx, HttpServerRequest request) {
        request.response().putHeader("Cache-Control", "no-store").putHeader("content-type", "application/json")
                .end("{}");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aProxiedAnswerCarriesEachSecurityHeaderOnce() throws Exception {
        HttpResponse<String> list = gateway.send("GET", "/rest/inventory/v1/sessions");
        HttpResponse<String> login = gateway.send("POST", "/rest/login");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(login.headers().allValues("Cache-Control")).containsExactly("no-store");
    }

    @Test
    void theGatewaysOwnAnswersCarryTheSameHeadersOnce() throws Exception {
        HttpResponse<String> notFound = gateway.send("GET", "/rest/nothing-here");
        HttpResponse<String> unavailable = gateway.send("GET", "/rest/external/v1/audit-events");

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(notFound.headers().allValues("content-type")).containsExactly("application/json");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.body()).contains("the service for this path is not available");
        assertThat(unavailable.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(unavailable.headers().allValues("content-type")).containsExactly("application/json");
    }
}
