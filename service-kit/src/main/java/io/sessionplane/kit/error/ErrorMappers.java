package io.sessionplane.kit.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.sessionplane.kit.json.UnknownFieldException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.error.StatusError;
import io.sessionplane.filter.FilterException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure a client can cause gets the documented error body with the right status; nothing else (no stack
 * trace, no HTML, no empty 500) ever reaches a client.
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        return ErrorResponses.of(request.path(), e);
    }

    @ServerExceptionMapper
    public Response filter(FilterException e, HttpServerRequest request) {
        return ErrorResponses.of(request.path(), 400, ErrorKeys.INVALID_FILTER, null, e.getMessage());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        return Response.fromResponse(ErrorResponses.of(request.path(), 401, ErrorKeys.UNAUTHORIZED, null,
                "a valid bearer access token is required (POST /rest/login)"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return ErrorResponses.of(request.path(), 403, ErrorKeys.FORBIDDEN, null,
                "the caller lacks the privilege this operation requires");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        return ErrorResponses.of(request.path(), 404, ErrorKeys.NOT_FOUND, null,
                "no resource at " + request.method() + " " + request.path());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpServerRequest request) {
        Response allowed = e.getResponse();
        return Response.fromResponse(ErrorResponses.of(request.path(), 405, ErrorKeys.METHOD_NOT_ALLOWED, null,
                request.method() + " is not supported on " + request.path()))
                .allow(allowed.getAllowedMethods()).build();
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, HttpServerRequest request) {
        return ErrorResponses.of(request.path(), 415, ErrorKeys.UNSUPPORTED_MEDIA_TYPE, null,
                "send the body as application/json");
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, HttpServerRequest request) {
        return ErrorResponses.of(request.path(), 406, ErrorKeys.BAD_REQUEST, null, "this resource produces application/json");
    }

    /**
     * A request record that Bean Validation refused: 400 with the constraints' own messages (sorted, so the answer
     * does not depend on validation order).
     */
    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
        String message = e.getConstraintViolations().stream().map(ConstraintViolation::getMessage).distinct().sorted()
                .collect(Collectors.joining("; "));
        return ErrorResponses.of(request.path(), 400, ErrorKeys.BAD_REQUEST, null,
                message.isEmpty() ? "the request is invalid" : message);
    }

    /** A body whose JSON is well formed but of the wrong shape (a string where a number belongs, …). */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return ErrorResponses.of(request.path(), 400, ErrorKeys.INVALID_JSON, null, describe(e));
    }

    /** Quarkus REST wraps unparseable bodies in a 400 WebApplicationException; other statuses keep theirs. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return ErrorResponses.of(request.path(), 400, ErrorKeys.INVALID_JSON, null, describe(json));
        }
        String message = status == 400 ? "bad request" : "request failed with status " + status;
        if (status >= 500) {
            LOG.errorf(e, "request %s %s failed", request.method(), request.path());
            message = "unexpected error";
        }
        // The status's own key (a 503 is service.unavailable, as its Huawei code is WKS.0503).
        return ErrorResponses.of(request.path(), status, StatusError.of(status).errorKey(), null, message);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (dataException(e)) {
            // PostgreSQL refused a value the client sent (e.g. a NUL character): the client's error, nothing changed.
            return ErrorResponses.of(request.path(), 400, ErrorKeys.INVALID_ARGUMENT, null,
                    "the request contains characters or values that cannot be stored or searched (e.g. NUL)");
        }
        if (dependencyUnavailable(e)) {
            // PostgreSQL (or the broker) went away under the request: not the client's fault, and it may retry.
            LOG.warnf("request %s %s: a dependency is unavailable: %s", request.method(), request.path(), e.toString());
            return Response.fromResponse(ErrorResponses.of(request.path(), 503, ErrorKeys.SERVICE_UNAVAILABLE, null,
                    "a service this request needs is unavailable; retry later")).header("Retry-After", "5").build();
        }
        LOG.errorf(e, "request %s %s failed", request.method(), request.path());
        return ErrorResponses.of(request.path(), 500, ErrorKeys.UNEXPECTED, null,
                "unexpected error; the request was not carried out");
    }

    /**
     * A connection that broke or could not be made: a closed or refused connection, or PostgreSQL's SQLSTATE classes
     * 08 (connection exception), 57P (shutdown, crash recovery, cannot connect now) and 57014 (statement timeout), and
     * timeouts (a pool that could not hand out a connection in time). Found by name, so services
     * without PostgreSQL need no driver.
     */
    static boolean dependencyUnavailable(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            String type = e.getClass().getName();
            // A connection the pool could not hand out in time, or a connect that timed out: the dependency is slow.
            if (e instanceof java.util.concurrent.TimeoutException || type.endsWith("TimeoutException")
                    || e instanceof java.net.ConnectException || e instanceof java.nio.channels.ClosedChannelException
                    || type.equals("io.vertx.sqlclient.ClosedConnectionException")
                    || type.equals("io.vertx.core.http.HttpClosedException")) {
                return true;
            }
            if (type.equals("io.vertx.core.VertxException") && e.getMessage() != null
                    && (e.getMessage().contains("Connection was closed") || e.getMessage().contains("Pool closed")
                    || e.getMessage().startsWith("Timeout waiting for connection"))) {
                return true;
            }
            if (type.equals("io.vertx.pgclient.PgException")) {
                try {
                    Object state = e.getClass().getMethod("getSqlState").invoke(e);
                    // 57014: statement_timeout cancelled the query (PostgreSQL too slow to answer in time).
                    return state instanceof String code && (code.startsWith("08") || code.startsWith("57P")
                            || code.equals("57014"));
                } catch (ReflectiveOperationException ignored) {
                    return false;
                }
            }
        }
        return false;
    }

    /** SQLSTATE class 22 (data exception), found by name so that services without PostgreSQL need no driver. */
    private static boolean dataException(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e.getClass().getName().equals("io.vertx.pgclient.PgException")) {
                try {
                    Object state = e.getClass().getMethod("getSqlState").invoke(e);
                    return state instanceof String code && code.startsWith("22");
                } catch (ReflectiveOperationException ignored) {
                    return false;
                }
            }
        }
        return false;
    }

    private static String describe(JsonProcessingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownFieldException unknown) {
                return unknown.getMessage();
            }
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return "invalid value for \"" + field + "\"";
        }
        if (e instanceof MismatchedInputException) {
            return "request body has the wrong JSON shape";
        }
        return "request body is not valid JSON"
                + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")" : "");
    }
}
