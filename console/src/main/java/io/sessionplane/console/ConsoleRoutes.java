package io.sessionplane.console;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;

/**
 * Serves the console: {@code GET|HEAD /} and {@code /console/**}, nothing else. Every answer carries the security
 * headers; every file is {@code Cache-Control: no-cache} with a strong ETag (304 on a match). Why not fingerprinted
 * names with a long cache: the modules import each other by plain relative names (no bundler, no build step), so a
 * fingerprint would have to be rewritten into every importer; revalidation costs one small 304 per file and a new
 * release takes effect on the next load.
 */
@ApplicationScoped
public class ConsoleRoutes {
    /** The console talks only to its own origin (the gateway); no inline script or style anywhere. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final ConsoleAssets assets = ConsoleAssets.load();

    void routes(@Observes Router router) {
        router.route("/").order(-10).handler(this::serve);
        router.route("/console/*").order(-10).handler(this::serve);
    }

    private void serve(RoutingContext context) {
        HttpServerResponse response = context.response();
        securityHeaders(response);
        HttpMethod method = context.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            response.setStatusCode(405).putHeader(HttpHeaders.ALLOW, "GET, HEAD").end();
            return;
        }
        ConsoleAssets.Asset asset = assets.find(context.normalizedPath()).orElse(null);
        if (asset == null) {
            response.setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end("Not found");
            return;
        }
        response.putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").putHeader(HttpHeaders.ETAG, asset.etag())
                .putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType());
        String ifNoneMatch = context.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim).anyMatch(tag -> tag.equals(asset.etag()) || tag.equals("*"))) {
            response.setStatusCode(304).end();
            return;
        }
        if (method == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(asset.body().length)).end();
            return;
        }
        response.end(Buffer.buffer(asset.body()));
    }

    static void securityHeaders(HttpServerResponse response) {
        response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Cross-Origin-Opener-Policy", "same-origin")
                .putHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    }
}
