package io.sessionplane.localstack.gateway;

import io.sessionplane.localstack.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/** A DevGateway in front of one Vert.x server that answers as the test says, and a client of the gateway. */
final class GatewayWithUpstream implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer upstream;
    private final DevGateway gateway;
    private final int port = Ports.free();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * @param answer the upstream's request handler (given the Vert.x instance, for timers)
     * @param routes the gateway's upstreams, given the upstream's port
     */
    GatewayWithUpstream(BiConsumer<Vertx, HttpServerRequest> answer, IntFunction<Map<String, List<Integer>>> routes)
            throws Exception {
        int upstreamPort = Ports.free();
        upstream = vertx.createHttpServer().requestHandler(request -> answer.accept(vertx, request))
                .listen(upstreamPort, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        gateway = new DevGateway(port, routes.apply(upstreamPort));
    }

    /** A JSON request through the gateway: POST carries {@code {}}, other methods no body. */
    HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest.BodyPublisher body = "POST".equals(method) ? HttpRequest.BodyPublishers.ofString("{}")
                : HttpRequest.BodyPublishers.noBody();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).method(method, body)
                .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        gateway.close();
        upstream.close();
        vertx.close();
    }
}
