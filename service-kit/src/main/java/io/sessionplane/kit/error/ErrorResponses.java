package io.sessionplane.kit.error;

import io.sessionplane.contracts.error.HorizonError;
import io.sessionplane.contracts.error.HuaweiError;
import io.sessionplane.contracts.error.StatusError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Builds error responses in the body the endpoint family documents: Huawei's under {@code /v2/}, Horizon's
 * everywhere else.
 */
public final class ErrorResponses {
    public static final String HUAWEI_PREFIX = "/v2/";

    private ErrorResponses() {
    }

    public static Response of(String path, int status, String errorKey, String huaweiCode, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(path, status, errorKey, huaweiCode, message)).build();
    }

    /** The error body alone, for answers written below JAX-RS (the HTTP layer's own refusals). */
    public static Object body(String path, int status, String errorKey, String huaweiCode, String message) {
        return path != null && path.startsWith(HUAWEI_PREFIX)
                ? HuaweiError.of(huaweiCode != null ? huaweiCode : StatusError.of(status).huaweiCode(), message, errorKey)
                : new HorizonError(errorKey, message);
    }

    public static Response of(String path, ApiException e) {
        Response response = of(path, e.status(), e.errorKey(), e.huaweiCode(), e.getMessage());
        return e.retryAfterSeconds() == null ? response
                : Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build();
    }
}
