package io.sessionplane.contracts.error;

/** The {@code error_key} values SessionPlane answers with. */
public final class ErrorKeys {
    public static final String BAD_REQUEST = "common.bad.request";
    public static final String INVALID_JSON = "common.invalid.json";
    public static final String INVALID_FILTER = "common.invalid.filter";
    public static final String INVALID_ARGUMENT = "common.invalid.argument";
    public static final String NOT_FOUND = "common.not.found";
    public static final String METHOD_NOT_ALLOWED = "common.method.not.allowed";
    public static final String UNSUPPORTED_MEDIA_TYPE = "common.unsupported.media.type";
    public static final String PAYLOAD_TOO_LARGE = "common.payload.too.large";
    public static final String UNAUTHORIZED = "common.unauthorized";
    public static final String FORBIDDEN = "common.insufficient.privileges";
    public static final String SERVICE_UNAVAILABLE = "common.service.unavailable";
    public static final String UNEXPECTED = "common.unexpected.error";
    public static final String LOGIN_FAILED = "login.invalid.credentials";
    public static final String REFRESH_TOKEN_INVALID = "login.invalid.refresh.token";
    public static final String LOGIN_THROTTLED = "login.too.many.failures";
    public static final String SESSION_NOT_FOUND = "inventory.session.not.found";
    public static final String SESSION_ALREADY_DISCONNECTED = "inventory.session.already.disconnected";
    public static final String SESSION_LOCKED = "inventory.session.locked";
    public static final String SESSION_NOT_RESETTABLE = "inventory.session.not.resettable";
    public static final String SESSION_NOT_CONNECTED = "inventory.session.not.connected";
    public static final String POD_NOT_FOUND = "inventory.pod.not.found";
    public static final String COMMAND_NOT_FOUND = "inventory.session.command.not.found";
    /** An outcome's error key: the agent got the command after its expiry and did not execute it. */
    public static final String COMMAND_EXPIRED = "inventory.session.command.expired";
    public static final String IDEMPOTENCY_KEY_REUSED = "common.idempotency.key.reused";
    public static final String IDEMPOTENCY_IN_PROGRESS = "common.idempotency.request.in.progress";
    public static final String AUDIT_EVENT_NOT_FOUND = "audit.event.not.found";
    /** No session job of that id that the caller may see. */
    public static final String JOB_NOT_FOUND = "inventory.session.job.not.found";
    /** Cancelling a job that has already ended. */
    public static final String JOB_ENDED = "inventory.session.job.ended";
    /** A job's session skipped: it ended by itself before the job acted. */
    public static final String JOB_SESSION_ENDED = "inventory.session.job.session.ended";
    /** A job's session skipped: it matched only after the last warning, so it was never warned. */
    public static final String JOB_SESSION_NOT_WARNED = "inventory.session.job.session.not.warned";
    /** A job's session skipped: a warning could not be delivered and the job's policy is SKIP. */
    public static final String JOB_WARNING_UNDELIVERED = "inventory.session.job.warning.undelivered";
    /** A job's session skipped: the job failed because a step would have run too late. */
    public static final String JOB_STEP_LATE = "inventory.session.job.step.late";

    private ErrorKeys() {
    }
}
