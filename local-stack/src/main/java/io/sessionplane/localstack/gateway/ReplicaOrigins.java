package io.sessionplane.localstack.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replicas of one service, as a load balancer sees them: their readiness probed every half second, requests sent
 * round robin to the ready ones (to all when none is ready, so a cold start is not refused), and a request whose
 * connection cannot even be opened tried on the next replica (nothing reached the first, so it cannot act twice). A
 * replica that begins a graceful shutdown reports not-ready first (quarkus.shutdown.delay) and stops getting new
 * requests while it finishes the ones it has.
 */
final class ReplicaOrigins implements OriginRequestProvider {
    static final long PROBE_INTERVAL_MS = 500;

    private final List<Integer> ports;
    private final Set<Integer> ready = ConcurrentHashMap.newKeySet();
    private final AtomicInteger next = new AtomicInteger();

    ReplicaOrigins(Vertx vertx, HttpClient probes, List<Integer> ports) {
        this.ports = List.copyOf(ports);
        ready.addAll(this.ports);
        if (this.ports.size() > 1) {
            vertx.setPeriodic(PROBE_INTERVAL_MS, id -> this.ports.forEach(port -> probe(probes, port)));
        }
    }

    private void probe(HttpClient probes, int port) {
        probes.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
                        .setURI("/q/health/ready").setTimeout(1000))
                .compose(request -> request.send())
                .onSuccess(response -> {
                    response.body();
                    if (response.statusCode() == 200) {
                        ready.add(port);
                    } else {
                        ready.remove(port);
                    }
                })
                .onFailure(failure -> ready.remove(port));
    }

    @Override
    public Future<HttpClientRequest> create(ProxyContext context) {
        List<Integer> candidates = ports.stream().filter(ready::contains).toList();
        if (candidates.isEmpty()) {
            candidates = ports;
        }
        return attempt(context, candidates, Math.floorMod(next.getAndIncrement(), candidates.size()), 0);
    }

    /** Opens the request on the candidate at {@code index}; a refused connection moves on to the next one. */
    private Future<HttpClientRequest> attempt(ProxyContext context, List<Integer> candidates, int index, int tried) {
        int port = candidates.get(index % candidates.size());
        return context.client().request(new RequestOptions().setServer(SocketAddress.inetSocketAddress(port,
                "127.0.0.1"))).recover(failure -> tried + 1 < candidates.size()
                        ? attempt(context, candidates, index + 1, tried + 1) : Future.failedFuture(failure));
    }
}
