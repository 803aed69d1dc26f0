package io.sessionplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13 at the gateways: per-client rate limits with 429 and Retry-After, nosniff everywhere, no-store on token
 * responses, HSTS only over TLS (NGINX for Compose, the HTTPRoutes for Kubernetes).
 */
class GatewaySecurityTest {
    static final List<String> TOKEN_PATHS = List.of("/rest/login", "/rest/refresh", "/rest/logout");
    static final Path NGINX = Tools.ROOT.resolve("deploy/gateway/nginx.conf");

    @Test
    void nginxLimitsEveryClientAndTokenEndpointsHardest() throws Exception {
        String conf = Files.readString(NGINX);
        Matcher zones = Pattern.compile("limit_req_zone (\\S+) zone=(\\w+):\\d+m rate=(\\d+)r/([sm]);").matcher(conf);
        List<String> found = new ArrayList<>();
        while (zones.find()) {
            found.add(zones.group(2) + " " + zones.group(3) + "r/" + zones.group(4));
        }
        assertThat(found).containsExactlyInAnyOrder("login 10r/m", "api 20r/s");
        assertThat(conf).contains("limit_req_status 429;", "limit_req zone=login burst=5 nodelay;",
                "limit_req zone=api burst=40 nodelay;", "error_page 429 @too_many_requests;");
        // The token zone counts exactly the token endpoints (an empty key is not counted).
        assertThat(mapKeys(conf, "sessionplane_token_client")).containsExactlyInAnyOrderElementsOf(TOKEN_PATHS);
        assertThat(mapKeys(conf, "sessionplane_cache_control")).containsExactlyInAnyOrderElementsOf(TOKEN_PATHS);
        String refusal = block(conf, "location @too_many_requests {");
        assertThat(refusal).contains("add_header Retry-After $sessionplane_retry_after always;",
                "return 429 '{\"error_key\":\"common.too.many.requests\"");
    }

    /** add_header is inherited only by locations that declare none: only the refusal location declares its own. */
    @Test
    void nginxSendsTheSecurityHeadersFromEveryLocation() throws Exception {
        String conf = Files.readString(NGINX);
        String refusal = block(conf, "location @too_many_requests {");
        String rest = conf.replace(refusal, "");
        Matcher headers = Pattern.compile("(?m)^\\s*add_header (\\S+) (.+);$").matcher(rest);
        List<String> declared = new ArrayList<>();
        while (headers.find()) {
            declared.add(headers.group(1) + " " + headers.group(2));
        }
        assertThat(declared).containsExactlyInAnyOrder("X-Content-Type-Options nosniff always",
                "Cache-Control $sessionplane_cache_control always",
                "Strict-Transport-Security $sessionplane_hsts always");
        assertThat(refusal).contains("X-Content-Type-Options nosniff always", "Cache-Control no-store always");
        // HSTS only on responses sent over TLS.
        assertThat(block(conf, "map $scheme $sessionplane_hsts {")).contains("https ").contains("default \"\"");
    }

    /** The real thing, where nginx is installed: the limits, the 429 with Retry-After and the headers. */
    @Test
    void nginxAnswersTooManyRequestsWithRetryAfter() throws Exception {
        Assumptions.assumeTrue(Tools.onPath("nginx"), "nginx is not installed; the configuration checks above hold");
        // No upstream: 503 from @unavailable.
        try (RunningNginx gateway = RunningNginx.start(9)) {
            HttpClient client = HttpClient.newHttpClient();
            URI login = gateway.uri("/rest/login");
            HttpResponse<String> first = gateway.firstAnswer(HttpRequest.newBuilder(login)
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(first.statusCode()).isEqualTo(503);
            assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(first.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(first.headers().firstValue("Strict-Transport-Security")).as("plain HTTP").isEmpty();
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> refused = null;
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(login)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                statuses.add(response.statusCode());
                if (response.statusCode() == 429) {
                    refused = response;
                }
            }
            // One at the rate plus a burst of 5 pass; the seventh within the minute is refused.
            assertThat(statuses).containsExactly(503, 503, 503, 503, 503, 429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("6");
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            JsonNode body = Manifests.JSON.readTree(refused.body());
            assertThat(body.path("error_key").asText()).isEqualTo("common.too.many.requests");
            // Another path is another zone: not refused, and not marked no-store.
            HttpResponse<String> api = client.send(HttpRequest.newBuilder(gateway.uri("/v2/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.headers().firstValue("Cache-Control")).isEmpty();
            assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    /**
     * The gateway's security headers replace the services' own instead of being sent beside them, and a path the
     * gateway does not mark keeps the service's Cache-Control (the console's files revalidate by ETag).
     */
    @Test
    void nginxSendsEachSecurityHeaderOnceOverTheServicesOwn() throws Exception {
        Assumptions.assumeTrue(Tools.onPath("nginx"), "nginx is not installed; the configuration checks above hold");
        // Every service answers as session-service answers a sign-in and the console a file: with its own headers.
        HttpServer service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().add("Cache-Control",
                    exchange.getRequestURI().getPath().startsWith("/console/") ? "no-cache" : "no-store");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        try (RunningNginx gateway = RunningNginx.start(service.getAddress().getPort())) {
            HttpResponse<String> login = gateway.firstAnswer(HttpRequest.newBuilder(gateway.uri("/rest/login"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            HttpResponse<String> file = gateway.firstAnswer(HttpRequest.newBuilder(gateway.uri("/console/app.js"))
                    .build());

            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
            assertThat(login.headers().allValues("Cache-Control")).containsExactly("no-store");
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
            assertThat(file.headers().allValues("Cache-Control")).containsExactly("no-cache");
        } finally {
            service.stop(0);
        }
    }

    /** deploy/gateway/nginx.conf as it is, on a free loopback port, every service at one upstream port. */
    private record RunningNginx(Process process, Path dir, int port) implements AutoCloseable {
        static RunningNginx start(int upstreamPort) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path dir = Files.createTempDirectory("nginx-check");
            String conf = Files.readString(NGINX)
                    .replaceAll("server [a-z-]+:8080;", "server 127.0.0.1:" + upstreamPort + ";")
                    .replace("listen 8080;", "listen 127.0.0.1:" + port + ";")
                    .replace("access_log /dev/stdout;", "access_log off;")
                    .replace("error_log /dev/stderr warn;", "error_log " + dir.resolve("error.log") + " warn;");
            Files.writeString(dir.resolve("nginx.conf"), conf);
            List<String> command = List.of("nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                    "-g", "daemon off; pid " + dir.resolve("nginx.pid") + ";");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out").toFile()).start();
            return new RunningNginx(process, dir, port);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        /** The answer to a request sent as soon as nginx listens. */
        HttpResponse<String> firstAnswer(HttpRequest request) throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 50; i++) {
                try {
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException notYetListening) {
                    Thread.sleep(100);
                }
            }
            throw new AssertionError("nginx did not listen: " + Files.readString(dir.resolve("out")));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Every HTTPRoute rule sets nosniff and HSTS (the Gateway listens only on HTTPS); token rules set no-store. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void httpRoutesSetTheSecurityHeaders(String overlay) {
        List<JsonNode> documents = Manifests.documents(overlay);
        for (JsonNode gateway : Manifests.ofKind(documents, "Gateway")) {
            assertThat(gateway.path("spec").path("listeners")).allSatisfy(listener ->
                    assertThat(listener.path("protocol").asText()).as("HSTS is only right over TLS").isEqualTo("HTTPS"));
        }
        List<String> tokenRoutes = new ArrayList<>();
        for (JsonNode route : Manifests.ofKind(documents, "HTTPRoute")) {
            for (JsonNode rule : route.path("spec").path("rules")) {
                List<String> set = new ArrayList<>();
                for (JsonNode filter : rule.path("filters")) {
                    if (filter.path("type").asText().equals("ResponseHeaderModifier")) {
                        filter.path("responseHeaderModifier").path("set").forEach(header ->
                                set.add(header.path("name").asText() + ": " + header.path("value").asText()));
                    }
                }
                String where = route.path("metadata").path("name").asText() + " " + rule.path("matches");
                assertThat(set).as(where).contains("X-Content-Type-Options: nosniff")
                        .anyMatch(h -> h.startsWith("Strict-Transport-Security: max-age="));
                for (JsonNode match : rule.path("matches")) {
                    String path = match.path("path").path("value").asText();
                    if (TOKEN_PATHS.contains(path)) {
                        assertThat(match.path("path").path("type").asText()).isEqualTo("Exact");
                        assertThat(set).as(where).contains("Cache-Control: no-store");
                        tokenRoutes.add(path);
                    }
                }
            }
        }
        assertThat(tokenRoutes).containsExactlyInAnyOrderElementsOf(TOKEN_PATHS);
    }

    /** The keys of an NGINX map whose value is not the empty default. */
    private static List<String> mapKeys(String conf, String variable) {
        String map = block(conf, "$" + variable + " {");
        List<String> keys = new ArrayList<>();
        for (String line : map.lines().toList()) {
            String[] parts = line.trim().split("\\s+", 2);
            if (parts.length == 2 && parts[0].startsWith("/") && !parts[1].equals("\"\";")) {
                keys.add(parts[0]);
            }
        }
        return keys;
    }

    /** From the line containing {@code opening} to its closing brace (blocks here do not nest). */
    private static String block(String conf, String opening) {
        int start = conf.indexOf(opening);
        assertThat(start).as(opening).isNotNegative();
        return conf.substring(start, conf.indexOf("}", start) + 1);
    }
}
