package io.sessionplane.kit.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.error.HuaweiErrorCodes;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.kit.error.ErrorResponses;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Refuses a request whose declared body is larger than its path takes ({@link HttpConfig#maxBodySize()}, by path
 * {@link HttpConfig#maxBodySizeByPath()}) with 413 in the documented error body, before the body is read. Runs before
 * the HTTP layer's own check of {@code quarkus.http.limits.max-body-size}, which answers an empty 413.
 */
@ApplicationScoped
public class RequestBodyLimit {
    /** The HTTP layer's body-size check is at order -2 of the main router: this runs before it. */
    static final int ORDER = -3;
    /** The context value the HTTP layer sets for a body without a declared length, which body readers enforce. */
    static final String MAX_REQUEST_SIZE = "io.quarkus.max-request-size";

    @Inject
    HttpConfig config;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
        // After the HTTP layer's check (-2), which sets its own (the ceiling) for a chunked body: the path's instead.
        router.route().order(-1).handler(context -> {
            if (context.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null
                    && context.get(MAX_REQUEST_SIZE) != null) {
                context.put(MAX_REQUEST_SIZE, limit(context.normalizedPath()));
            }
            context.next();
        });
    }

    private void check(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            String path = context.normalizedPath();
            long limit = limit(path);
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1; // the HTTP layer refuses a malformed length itself
            }
            if (length > limit) {
                // Connection: close, but not closed at once: a client still writing its body would get a broken pipe
                // instead of this answer (the HTTP layer's own 413 closes at once, which is what clients then saw).
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(JsonCodec.write(ErrorResponses.body(path, 413, ErrorKeys.PAYLOAD_TOO_LARGE,
                                HuaweiErrorCodes.PAYLOAD_TOO_LARGE, "the request body is " + length
                                        + " bytes; this path takes at most " + limit)));
                return;
            }
        }
        context.next();
    }

    /** The limit of the longest configured prefix of the path, else the default. */
    long limit(String path) {
        String longest = null;
        for (Map.Entry<String, MemorySize> entry : config.maxBodySizeByPath().entrySet()) {
            if (path != null && path.startsWith(entry.getKey())
                    && (longest == null || entry.getKey().length() > longest.length())) {
                longest = entry.getKey();
            }
        }
        return (longest == null ? config.maxBodySize() : config.maxBodySizeByPath().get(longest)).asLongValue();
    }
}
