package io.sessionplane.contracts.error;

/** The {@code error_code} values of the Huawei-style share-space API. */
public final class HuaweiErrorCodes {
    public static final String BAD_REQUEST = "WKS.0400";
    public static final String UNAUTHORIZED = "WKS.0401";
    public static final String FORBIDDEN = "WKS.0403";
    public static final String NOT_FOUND = "WKS.0404";
    public static final String METHOD_NOT_ALLOWED = "WKS.0405";
    public static final String CONFLICT = "WKS.0409";
    public static final String UNSUPPORTED_MEDIA_TYPE = "WKS.0415";
    public static final String INTERNAL = "WKS.0500";
    public static final String UNAVAILABLE = "WKS.0503";
    /** The desktop is unknown, or has no user session to assist. */
    public static final String DESKTOP_NOT_FOUND = "WKS.1001";
    /** The desktop already has a live share space. */
    public static final String SHARE_SPACE_EXISTS = "WKS.1002";
    /** The desktop has no share space (GET) or none that is live (DELETE). */
    public static final String SHARE_SPACE_NOT_FOUND = "WKS.1003";
    /** The token is not valid for this project. */
    public static final String PROJECT_FORBIDDEN = "WKS.1004";

    private HuaweiErrorCodes() {
    }

    /** The generic code for an HTTP status. */
    public static String forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 409 -> CONFLICT;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : BAD_REQUEST;
        };
    }
}
