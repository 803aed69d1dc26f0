package io.sessionplane.localstack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionplane.localstack.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DevGatewayRateLimitTest {

    @Test
    void aClientOverItsApiAllowanceIsRefusedButStillGetsTheConsolesFiles() throws Exception {
        Vertx vertx = Vertx.vertx();
        int upstreamPort = Ports.free();
        HttpServer upstream = vertx.createHttpServer().requestHandler(request -> request.response().end("ok"))
                .listen(upstreamPort, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        int port = Ports.free();
        try (DevGateway gateway = new DevGateway(port, Map.of(GatewayRoutes.SESSION_SERVICE, List.of(upstreamPort),
                GatewayRoutes.CONSOLE, List.of(upstreamPort)))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // The gateway sends requests only to replicas its probes found ready.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (status(http, port, "/console/app.js") != 200 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            // Twice the API burst at once, the console's files among them: the refill (200/s) cannot keep up with
            // the API calls, and the files must not be caught by that.
            List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> api = new java.util.ArrayList<>();
            List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> files = new java.util.ArrayList<>();
            for (int i = 0; i < 2 * (int) DevGateway.API_LIMIT.burst(); i++) {
                api.add(send(http, port, "/rest/inventory/v1/sessions"));
                if (i % 4 == 0) {
                    files.add(send(http, port, i % 8 == 0 ? "/" : "/console/app.js"));
                }
            }
            assertThat(api.stream().map(java.util.concurrent.CompletableFuture::join)
                    .filter(response -> response.statusCode() == 429).count()).as("API calls refused").isPositive();
            assertThat(files.stream().map(java.util.concurrent.CompletableFuture::join)
                    .map(HttpResponse::statusCode)).as("the console's files").hasSize(200).containsOnly(200);
        } finally {
            upstream.close();
            vertx.close();
        }
    }

    private static java.util.concurrent.CompletableFuture<HttpResponse<Void>> send(HttpClient http, int port,
            String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static int status(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
