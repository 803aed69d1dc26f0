package io.sessionplane.contracts.error;

/**
 * The generic error of an HTTP status, in both error bodies: for failures that carry no key or code of their own
 * (a framework's 405, an unexpected 500, …).
 */
public enum StatusError {
    BAD_REQUEST(400, ErrorKeys.BAD_REQUEST, HuaweiErrorCodes.BAD_REQUEST),
    UNAUTHORIZED(401, ErrorKeys.UNAUTHORIZED, HuaweiErrorCodes.UNAUTHORIZED),
    FORBIDDEN(403, ErrorKeys.FORBIDDEN, HuaweiErrorCodes.FORBIDDEN),
    NOT_FOUND(404, ErrorKeys.NOT_FOUND, HuaweiErrorCodes.NOT_FOUND),
    METHOD_NOT_ALLOWED(405, ErrorKeys.METHOD_NOT_ALLOWED, HuaweiErrorCodes.METHOD_NOT_ALLOWED),
    // Horizon has no generic conflict key: its 409s always name the rule that refused (session locked, …).
    CONFLICT(409, ErrorKeys.BAD_REQUEST, HuaweiErrorCodes.CONFLICT),
    PAYLOAD_TOO_LARGE(413, ErrorKeys.PAYLOAD_TOO_LARGE, HuaweiErrorCodes.PAYLOAD_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE(415, ErrorKeys.UNSUPPORTED_MEDIA_TYPE, HuaweiErrorCodes.UNSUPPORTED_MEDIA_TYPE),
    INTERNAL(500, ErrorKeys.UNEXPECTED, HuaweiErrorCodes.INTERNAL),
    UNAVAILABLE(503, ErrorKeys.SERVICE_UNAVAILABLE, HuaweiErrorCodes.UNAVAILABLE);

    private final int status;
    private final String errorKey;
    private final String huaweiCode;

    StatusError(int status, String errorKey, String huaweiCode) {
        this.status = status;
        this.errorKey = errorKey;
        this.huaweiCode = huaweiCode;
    }

    /** The Horizon {@code error_key}. */
    public String errorKey() {
        return errorKey;
    }

    /** The Huawei {@code error_code}. */
    public String huaweiCode() {
        return huaweiCode;
    }

    /** The error of a status; a status without one of its own gets its class's (500 for 5xx, else 400). */
    public static StatusError of(int status) {
        for (StatusError error : values()) {
            if (error.status == status) {
                return error;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
