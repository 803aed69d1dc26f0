package io.sessionplane.localstack.gateway;

import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.error.HorizonError;
import io.sessionplane.contracts.error.HuaweiError;
import io.sessionplane.contracts.error.HuaweiErrorCodes;
import io.sessionplane.contracts.json.JsonCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The local stack's API gateway: one base URL, path routing to the services (Vert.x http-proxy), per-client rate
 * limits (429 with Retry-After) and the security headers a browser needs. Production uses a real gateway with the
 * same route table (deploy/).
 */
public final class DevGateway implements AutoCloseable {
    private static final String NOT_FOUND = JsonCodec.write(new HorizonError(ErrorKeys.NOT_FOUND,
            "no public API at this path"));
    private static final String UNAVAILABLE_HORIZON = JsonCodec.write(new HorizonError(ErrorKeys.SERVICE_UNAVAILABLE,
            "the service for this path is not available"));
    private static final String UNAVAILABLE_HUAWEI = JsonCodec.write(HuaweiError.of(HuaweiErrorCodes.UNAVAILABLE,
            "the service for this path is not available", null));

    /**
     * session-service's Server-Sent Events: each stream holds its upstream connection for as long as the client
     * listens. The proxy pipes chunks as they come (nothing is buffered) and neither side has an idle timeout.
     */
    static final String EVENT_STREAM_PATH = "/rest/inventory/v1/session-events";
    /**
     * An API call whose service sends nothing for this long (frozen, overloaded) is answered with the documented 503:
     * above the services' own 3 s request deadline, so it only bites when a service cannot answer at all. It is the
     * request's timeout, from when the request is opened, never the connection's.
     */
    static final int UPSTREAM_IDLE_SECONDS = 5;

    private static final String TOO_MANY = JsonCodec.write(new HorizonError("common.too.many.requests",
            "too many requests from this client; retry after the time in Retry-After"));
    /** Password guessing and refresh abuse: 60 a minute, 20 at once (the local stack's tests sign in often). */
    static final ClientRateLimits.Limit TOKEN_LIMIT = new ClientRateLimits.Limit(1, 20);
    /** Everything else: 200 a second, 400 at once, per client address. */
    static final ClientRateLimits.Limit API_LIMIT = new ClientRateLimits.Limit(200, 400);

    private final ClientRateLimits tokenLimits = new ClientRateLimits(TOKEN_LIMIT, System::nanoTime);
    private final ClientRateLimits apiLimits = new ClientRateLimits(API_LIMIT, System::nanoTime);
    private final Vertx vertx;
    private final HttpServer server;
    private static final java.util.Set<String> TOKEN_PATHS = java.util.Set.of("/rest/login", "/rest/refresh",
            "/rest/logout");
    private final Map<String, HttpProxy> proxies = new HashMap<>();
    private final Map<String, HttpProxy> streamProxies = new HashMap<>();
    private final List<ReplicaOrigins> origins = new java.util.ArrayList<>();

    /** On 127.0.0.1: the dev gateway is not for other machines unless told ({@link #DevGateway(String, int, Map)}). */
    public DevGateway(int port, Map<String, List<Integer>> upstreamPorts) {
        this("127.0.0.1", port, upstreamPorts);
    }

    /**
     * @param host          the address to listen on (0.0.0.0 to be reachable from other machines)
     * @param upstreamPorts service name → the ports of its replicas on 127.0.0.1
     */
    public DevGateway(String host, int port, Map<String, List<Integer>> upstreamPorts) {
        vertx = Vertx.vertx();
        // No idle timeout on the connections: a connection's read idle timer runs from its last read, not from the
        // request, so a request sent on a connection that had been idle for almost that long was cut off (API calls
        // get a timeout of their own instead, in proxy()).
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(128).setKeepAlive(true)
                .setConnectTimeout(2000));
        // Long-lived streams get a pool of their own: they must not take the connections API calls need, nor wait
        // behind them (128 open streams would otherwise stall every other request).
        HttpClient streams = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(2048).setKeepAlive(true)
                .setIdleTimeout(0));
        HttpClient probes = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(16).setKeepAlive(true)
                .setConnectTimeout(1000));
        upstreamPorts.forEach((service, replicas) -> {
            ReplicaOrigins origins = new ReplicaOrigins(vertx, probes, replicas);
            this.origins.add(origins);
            proxies.put(service, proxy(client, context -> origins.create(context)
                    .map(request -> request.idleTimeout(TimeUnit.SECONDS.toMillis(UPSTREAM_IDLE_SECONDS)))));
            streamProxies.put(service, proxy(streams, origins));
        });
        server = vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost(host)
                        // Long Horizon filters travel in the query string, as in the services.
                        .setMaxInitialLineLength(65536))
                .requestHandler(this::route);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("the gateway cannot listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    private static HttpProxy proxy(HttpClient client, OriginRequestProvider origins) {
        HttpProxy proxy = HttpProxy.reverseProxy(client).origin(origins);
        proxy.addInterceptor(new UnavailableUpstream());
        proxy.addInterceptor(new SecurityHeaders());
        return proxy;
    }

    private void route(HttpServerRequest request) {
        boolean tokens = TOKEN_PATHS.contains(request.path());
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        // The console's own files (served from memory, revalidated by ETag) do not spend the client's API allowance:
        // a console that had just listed a page of sessions (a summary request per row) must still load its modules.
        boolean consoleFile = GatewayRoutes.route(request.path())
                .filter(route -> GatewayRoutes.CONSOLE.equals(route.service())).isPresent();
        long retryAfter = consoleFile ? 0 : (tokens ? tokenLimits : apiLimits).retryAfterSeconds(client);
        if (retryAfter > 0) {
            answerOwn(request, 429).putHeader("Retry-After", Long.toString(retryAfter)).end(TOO_MANY);
            return;
        }
        Map<String, HttpProxy> pool = request.path().startsWith(EVENT_STREAM_PATH) ? streamProxies : proxies;
        HttpProxy proxy = GatewayRoutes.route(request.path()).map(route -> pool.get(route.service())).orElse(null);
        if (proxy == null) {
            answerOwn(request, 404).end(NOT_FOUND);
            return;
        }
        proxy.handle(request);
    }

    /**
     * The headers of an answer the gateway gives itself. A proxied answer gets the same from {@link SecurityHeaders}
     * instead: set here too, each would reach the client twice (the proxy adds the upstream's headers to these).
     */
    private static HttpServerResponse answerOwn(HttpServerRequest request, int status) {
        HttpServerResponse response = request.response().setStatusCode(status)
                .putHeader("content-type", "application/json").putHeader("X-Content-Type-Options", "nosniff");
        if (TOKEN_PATHS.contains(request.path())) {
            response.putHeader("Cache-Control", "no-store");
        }
        return response;
    }

    /** A stopped service answers 503 with the path's error body, not an empty 502. */
    private static final class UnavailableUpstream implements ProxyInterceptor {
        private static final Logger LOG = Logger.getLogger(DevGateway.class.getName());

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(failure -> {
                // Said once per failure: a 503 of the gateway's own is otherwise indistinguishable from a service's.
                LOG.warning("gateway: " + context.request().getMethod() + " " + context.request().getURI()
                        + " could not be proxied, answered 503: " + failure);
                String body = context.request().getURI().startsWith("/v2/") ? UNAVAILABLE_HUAWEI : UNAVAILABLE_HORIZON;
                ProxyResponse response = context.request().response().setStatusCode(503)
                        .setStatusMessage("Service Unavailable").setBody(Body.body(Buffer.buffer(body)));
                response.headers().set("content-type", "application/json");
                return Future.succeededFuture(response);
            });
        }
    }

    /** On proxied answers too (the upstream's headers replace the ones set before proxying). */
    private static final class SecurityHeaders implements ProxyInterceptor {
        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            context.response().headers().set("X-Content-Type-Options", "nosniff");
            if (TOKEN_PATHS.contains(context.request().getURI().split("\\?", 2)[0])) {
                context.response().headers().set("Cache-Control", "no-store");
            }
            return context.sendResponse();
        }
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
