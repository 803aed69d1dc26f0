package io.sessionplane.kit.error;

import io.sessionplane.contracts.error.ErrorKeys;

/**
 * A refusal with a status, a Horizon {@code error_key} and a message for people. Mapped to the Horizon body, or to
 * the Huawei body on the share-space API (where {@code huaweiCode} is used when set).
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String errorKey;
    private final String huaweiCode;
    private final Long retryAfterSeconds;

    public ApiException(int status, String errorKey, String message) {
        this(status, errorKey, null, message);
    }

    public ApiException(int status, String errorKey, String huaweiCode, String message) {
        this(status, errorKey, huaweiCode, message, null);
    }

    private ApiException(int status, String errorKey, String huaweiCode, String message, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.errorKey = errorKey;
        this.huaweiCode = huaweiCode;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The same refusal, answered with {@code Retry-After} (429 and 503: when trying again makes sense). */
    public ApiException retryAfter(long seconds) {
        return new ApiException(status, errorKey, huaweiCode, getMessage(), Math.max(1, seconds));
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, ErrorKeys.BAD_REQUEST, message);
    }

    public static ApiException notFound(String errorKey, String message) {
        return new ApiException(404, errorKey, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, ErrorKeys.FORBIDDEN, message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, ErrorKeys.SERVICE_UNAVAILABLE, message);
    }

    public int status() {
        return status;
    }

    public String errorKey() {
        return errorKey;
    }

    public String huaweiCode() {
        return huaweiCode;
    }

    /** Seconds for the {@code Retry-After} header, or null for none. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
