package io.sessionplane.contracts.error;

/** The {@code error_code} values of the Huawei-style share-space API. */
public final class HuaweiErrorCodes {
    public static final String BAD_REQUEST = "WKS.0400";
    public static final String UNAUTHORIZED = "WKS.0401";
    public static final String FORBIDDEN = "WKS.0403";
    public static final String NOT_FOUND = "WKS.0404";
    public static final String METHOD_NOT_ALLOWED = "WKS.0405";
    public static final String CONFLICT = "WKS.0409";
    public static final String PAYLOAD_TOO_LARGE = "WKS.0413";
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
}
