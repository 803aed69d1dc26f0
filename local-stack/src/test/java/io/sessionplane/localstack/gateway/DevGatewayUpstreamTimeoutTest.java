package io.sessionplane.localstack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's upstream timeout belongs to each API call, not to the connection it travels on. A connection's idle
 * timer runs from its last read: a sign-in sent on a connection idle for just under the timeout was cut off while
 * session-service checked the password, and the console's browser test got the gateway's own 503.
 */
class DevGatewayUpstreamTimeoutTest {
    private static final long TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(DevGateway.UPSTREAM_IDLE_SECONDS);
    /** How long the upstream takes to answer a POST: as a password check does, only longer. */
    private static final long SLOW_ANSWER_MILLIS = 1000;

    private GatewayWithUpstream gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new GatewayWithUpstream(DevGatewayUpstreamTimeoutTest::answer,
                upstreamPort -> Map.of(GatewayRoutes.SESSION_SERVICE, List.of(upstreamPort)));
    }

    /** GET answers at once, POST after {@link #SLOW_ANSWER_MILLIS}; the event stream and /stall never answer. */
    private static void answer(Vertx vertx, HttpServerRequest request) {
        if (request.path().startsWith(DevGateway.EVENT_STREAM_PATH)) {
            // Headers and a first event at once, then silence longer than the API timeout, then one more event.
            request.response().setChunked(true).putHeader("content-type", "text/event-stream").write("data: 1\n\n");
            vertx.setTimer(TIMEOUT_MILLIS + 1000, id -> request.response().end("data: 2\n\n"));
        } else if (request.path().endsWith("/stall")) {
            request.pause();
        } else if (request.method() == HttpMethod.POST) {
            request.body().onSuccess(body -> vertx.setTimer(SLOW_ANSWER_MILLIS,
                    id -> request.response().end("answered " + body)));
        } else {
            request.response().end("answered");
        }
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aCallSentOnAConnectionIdleForAlmostTheTimeoutGetsTheServicesAnswer() throws Exception {
        assertThat(gateway.send("GET", "/rest/inventory/v1/sessions").body()).isEqualTo("answered");
        // The gateway keeps that connection; the next call goes on it, and its answer comes after the connection has
        // been idle, counted from its last read, for longer than the timeout.
        Thread.sleep(TIMEOUT_MILLIS - SLOW_ANSWER_MILLIS / 2);

        HttpResponse<String> login = gateway.send("POST", "/rest/login");

        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(login.body()).isEqualTo("answered {}");
    }

    @Test
    void aServiceThatSendsNothingIsAnsweredForWithTheDocumented503() throws Exception {
        HttpResponse<String> stalled = gateway.send("GET", "/rest/inventory/v1/stall");

        assertThat(stalled.statusCode()).isEqualTo(503);
        assertThat(stalled.body()).contains("\"error_key\"").contains("the service for this path is not available");
    }

    @Test
    void anEventStreamSilentForLongerThanTheTimeoutIsKeptOpen() throws Exception {
        HttpResponse<String> stream = gateway.send("GET", DevGateway.EVENT_STREAM_PATH);

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).isEqualTo("data: 1\n\ndata: 2\n\n");
    }
}
