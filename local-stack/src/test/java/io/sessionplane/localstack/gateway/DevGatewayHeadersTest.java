package io.sessionplane.localstack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionplane.localstack.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every answer, proxied or the gateway's own, carries its security headers once. */
class DevGatewayHeadersTest {
    private Vertx vertx;
    private HttpServer upstream;
    private DevGateway gateway;
    private int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        int upstreamPort = Ports.free();
        // As session-service answers a sign-in: its own no-store, which the gateway's must not double.
        upstream = vertx.createHttpServer().requestHandler(request -> request.response()
                        .putHeader("Cache-Control", "no-store").putHeader("content-type", "application/json").end("{}"))
                .listen(upstreamPort, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = Ports.free();
        // Nothing listens on the audit service's port: its paths get the gateway's own 503.
        gateway = new DevGateway(port, Map.of(GatewayRoutes.SESSION_SERVICE, List.of(upstreamPort),
                GatewayRoutes.AUDIT_SERVICE, List.of(Ports.free())));
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
        vertx.close();
    }

    @Test
    void aProxiedAnswerCarriesEachSecurityHeaderOnce() throws Exception {
        HttpResponse<String> list = send("GET", "/rest/inventory/v1/sessions");
        HttpResponse<String> login = send("POST", "/rest/login");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(login.headers().allValues("Cache-Control")).containsExactly("no-store");
    }

    @Test
    void theGatewaysOwnAnswersCarryTheSameHeadersOnce() throws Exception {
        HttpResponse<String> notFound = send("GET", "/rest/nothing-here");
        HttpResponse<String> unavailable = send("GET", "/rest/external/v1/audit-events");

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(notFound.headers().allValues("content-type")).containsExactly("application/json");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.body()).contains("the service for this path is not available");
        assertThat(unavailable.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(unavailable.headers().allValues("content-type")).containsExactly("application/json");
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest.BodyPublisher body = "POST".equals(method) ? HttpRequest.BodyPublishers.ofString("{}")
                : HttpRequest.BodyPublishers.noBody();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).method(method, body)
                .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }
}
