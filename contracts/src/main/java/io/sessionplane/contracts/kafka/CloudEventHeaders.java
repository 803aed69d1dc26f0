package io.sessionplane.contracts.kafka;

/** CloudEvents 1.0 Kafka protocol binding, binary mode: attributes travel as {@code ce_} headers. */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    public static final String DATA_SCHEMA = "ce_dataschema";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    /** Dead-letter records carry why they could not be processed. */
    public static final String DLQ_REASON = "dead-letter-reason";
    public static final String DLQ_TOPIC = "dead-letter-topic";
    public static final String DLQ_PARTITION = "dead-letter-partition";
    public static final String DLQ_OFFSET = "dead-letter-offset";

    /** ce_type of records that are not outcome events. */
    public static final String TYPE_SESSION_COMMAND = "io.sessionplane.session.command";
    public static final String TYPE_SESSION_SNAPSHOT = "io.sessionplane.session.snapshot";
    public static final String TYPE_AGENT_FACTS = "io.sessionplane.assist.agent-facts";
    public static final String TYPE_INVITATION = "io.sessionplane.assist.invitation";
    public static final String TYPE_RESPONSE = "io.sessionplane.assist.response";
    public static final String TYPE_TOKEN_REVOKED = "io.sessionplane.auth.token-revoked";

    private CloudEventHeaders() {
    }
}
