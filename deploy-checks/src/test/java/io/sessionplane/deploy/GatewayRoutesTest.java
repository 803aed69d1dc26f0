package io.sessionplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionplane.localstack.gateway.GatewayRoutes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The three gateway route tables (NGINX for Compose, HTTPRoutes for Kubernetes, the local stack's dev gateway) route
 * every public path of every service's OpenAPI document (and every file of the console) to that service, and nothing
 * else.
 */
class GatewayRoutesTest {
    static final List<String> SERVICES = List.of("session-service", "assist-service", "audit-service");

    /** A route: match kind (exact, prefix as a string, or path-element prefix as in the Gateway API) and target. */
    record Route(String path, String kind, String service) {
        boolean matches(String requestPath) {
            return switch (kind) {
                case "exact" -> requestPath.equals(path);
                case "prefix" -> requestPath.startsWith(path);
                default -> requestPath.equals(path) || requestPath.startsWith(path.endsWith("/") ? path : path + "/");
            };
        }
    }

    /** Public paths per service, from the OpenAPI documents the build generated; path templates as sample paths. */
    static Map<String, List<String>> openApiPaths() throws Exception {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Path document = Tools.ROOT.resolve(service).resolve("target/openapi/openapi.json");
            assertThat(document).as("OpenAPI of %s (built with the service)", service).exists();
            JsonNode openapi = Manifests.JSON.readTree(Files.readString(document));
            List<String> servicePaths = new ArrayList<>();
            openapi.path("paths").fieldNames().forEachRemaining(p -> servicePaths.add(p.replaceAll("\\{[^}]+}", "x")));
            assertThat(servicePaths).as(service).isNotEmpty().noneMatch(p -> p.startsWith("/q/"));
            paths.put(service, servicePaths);
        }
        paths.put(GatewayRoutes.CONSOLE, consolePaths());
        return paths;
    }

    /**
     * The console has no API and so no OpenAPI document: its public paths are its files, {@code web/index.html} at
     * {@code /} and everything under {@code web/console/} at {@code /console/…} (as console's ConsoleAssets serves them).
     */
    static List<String> consolePaths() throws Exception {
        Path web = Tools.ROOT.resolve("console/src/main/resources/web");
        assertThat(web.resolve("index.html")).as("the console's page").exists();
        List<String> paths = new ArrayList<>(List.of("/"));
        try (var files = Files.walk(web.resolve("console"))) {
            files.filter(Files::isRegularFile).map(file -> "/" + web.relativize(file).toString().replace('\\', '/'))
                    .sorted().forEach(paths::add);
        }
        return paths;
    }

    static List<Route> nginx() throws Exception {
        String conf = Files.readString(Tools.ROOT.resolve("deploy/gateway/nginx.conf"));
        Matcher location = Pattern.compile("location (= )?(/\\S*) \\{ proxy_pass http://([a-z-]+);").matcher(conf);
        List<Route> routes = new ArrayList<>();
        while (location.find()) {
            routes.add(new Route(location.group(2), location.group(1) != null ? "exact" : "prefix", location.group(3)));
        }
        return routes;
    }

    static List<Route> httpRoutes() {
        List<Route> routes = new ArrayList<>();
        for (JsonNode route : Manifests.ofKind(Manifests.documents("prod"), "HTTPRoute")) {
            for (JsonNode rule : route.path("spec").path("rules")) {
                String service = rule.path("backendRefs").get(0).path("name").asText();
                for (JsonNode match : rule.path("matches")) {
                    String type = match.path("path").path("type").asText();
                    routes.add(new Route(match.path("path").path("value").asText(),
                            type.equals("Exact") ? "exact" : "elements", service));
                }
            }
        }
        return routes;
    }

    static List<Route> devGateway() {
        return GatewayRoutes.ROUTES.stream()
                .map(route -> new Route(route.path(), route.exact() ? "exact" : "prefix", route.service())).toList();
    }

    static void check(String table, List<Route> routes) throws Exception {
        assertThat(routes).as(table).isNotEmpty();
        Map<String, List<String>> paths = openApiPaths();
        List<String> problems = new ArrayList<>();
        paths.forEach((service, servicePaths) -> {
            for (String path : servicePaths) {
                List<String> targets = routes.stream().filter(route -> route.matches(path)).map(Route::service).toList();
                if (!targets.equals(List.of(service))) {
                    problems.add(table + ": " + path + " of " + service + " is routed to " + targets);
                }
            }
        });
        for (Route route : routes) {
            boolean used = paths.getOrDefault(route.service(), List.of()).stream().anyMatch(route::matches);
            if (!used) {
                problems.add(table + ": route " + route + " reaches no public path of " + route.service());
            }
        }
        for (String management : List.of("/q/health", "/q/metrics", "/q/openapi", "/simulator/sessions")) {
            if (routes.stream().anyMatch(route -> route.matches(management))) {
                problems.add(table + " routes " + management);
            }
        }
        assertThat(problems).isEmpty();
    }

    /** One definition: the dev gateway's table; NGINX and the HTTPRoutes must say the same, entry for entry. */
    @Test
    void everyGatewayTableIsTheOneDefinition() throws Exception {
        List<String> defined = devGateway().stream().map(GatewayRoutesTest::entry).sorted().toList();
        assertThat(nginx().stream().map(GatewayRoutesTest::entry).sorted().toList()).as("nginx.conf")
                .isEqualTo(defined);
        assertThat(httpRoutes().stream().map(GatewayRoutesTest::entry).sorted().toList()).as("HTTPRoutes")
                .isEqualTo(defined);
    }

    /** Exact or prefix, the path without a trailing slash (HTTPRoutes match whole path elements), the service. */
    private static String entry(Route route) {
        String path = route.path().endsWith("/") ? route.path().substring(0, route.path().length() - 1) : route.path();
        return (route.kind().equals("exact") ? "exact " : "prefix ") + path + " -> " + route.service();
    }

    @Test
    void composeGatewayRoutesExactlyThePublicPaths() throws Exception {
        check("nginx.conf", nginx());
    }

    @Test
    void kubernetesHttpRoutesRouteExactlyThePublicPaths() throws Exception {
        check("HTTPRoutes", httpRoutes());
    }

    @Test
    void devGatewayRoutesExactlyThePublicPaths() throws Exception {
        check("local-stack dev gateway", devGateway());
    }
}
