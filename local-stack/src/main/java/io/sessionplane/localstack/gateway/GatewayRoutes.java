package io.sessionplane.localstack.gateway;

import java.util.List;
import java.util.Optional;

/**
 * The public path table of the design doc: which service answers which path. Management paths (/q/*) are not
 * public and not routed. The same table is written out for production gateways in deploy/.
 */
public final class GatewayRoutes {
    /** A path prefix (or exact path) and the service that owns it. */
    public record Route(String path, boolean exact, String service) {
        boolean matches(String requestPath) {
            return exact ? requestPath.equals(path) : requestPath.startsWith(path);
        }
    }

    public static final String SESSION_SERVICE = "session-service";
    public static final String ASSIST_SERVICE = "assist-service";
    public static final String AUDIT_SERVICE = "audit-service";
    /** The helpdesk console: its page at exactly {@code /} (state in the query string) and its files under /console/. */
    public static final String CONSOLE = "console";

    public static final List<Route> ROUTES = List.of(
            new Route("/rest/login", true, SESSION_SERVICE),
            new Route("/rest/refresh", true, SESSION_SERVICE),
            new Route("/rest/logout", true, SESSION_SERVICE),
            new Route("/rest/inventory/", false, SESSION_SERVICE),
            new Route("/rest/monitor/", false, SESSION_SERVICE),
            new Route("/asyncapi.yaml", true, SESSION_SERVICE),
            new Route("/schemas/", false, SESSION_SERVICE),
            new Route("/rest/helpdesk/", false, ASSIST_SERVICE),
            new Route("/v2/", false, ASSIST_SERVICE),
            new Route("/rest/external/v1/audit-events", false, AUDIT_SERVICE),
            new Route("/", true, CONSOLE),
            new Route("/console/", false, CONSOLE));

    private GatewayRoutes() {
    }

    public static Optional<Route> route(String path) {
        return ROUTES.stream().filter(route -> route.matches(path)).findFirst();
    }
}
