package io.sessionplane.audit.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sessionplane.contracts.assist.AssistOutcome;
import io.sessionplane.contracts.command.SessionCommand;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.event.SessionEventKind;
import io.sessionplane.contracts.event.Severity;
import io.sessionplane.contracts.job.JobEvent;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.kafka.Topics;
import io.sessionplane.kit.id.DerivedIds;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a record of a consumed topic into an audit row, or refuses it (IllegalArgumentException, so it goes to the
 * dead-letter topic) when it is not JSON, lacks its event id or has the wrong shape. Empty for a record that is
 * valid but not audit's to store (the non-lifecycle kinds of {@code session.events.v1}).
 */
public final class AuditRecordMapper {
    /** The JSON escape of NUL (backslash, "u0000"), but not an escaped backslash followed by "u0000". */
    private static final Pattern NUL_ESCAPE = Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*\\\\u0000");

    /** How a lifecycle event type a later v1 may add is named, as the schema's AGENT_* types are (bounded). */
    private static final Pattern NEWER_LIFECYCLE_TYPE = Pattern.compile("AGENT_[A-Z0-9_]{1,64}");

    /** The Horizon module of the agent's lifecycle events. */
    private static final String LIFECYCLE_MODULE = EventType.AGENT_CONNECTED.module();

    private AuditRecordMapper() {
    }

    public static Optional<AuditRow> map(ConsumerRecord<String, String> record, long receivedAt) {
        if (record.value() == null) {
            throw new IllegalArgumentException("record has no value");
        }
        // PostgreSQL stores no NUL in text or jsonb. Refused here, the record is dead-lettered alone and its batch
        // stays one INSERT, rather than failing the batch and sending its rows one at a time.
        String value = record.value();
        if (value.indexOf('\0') >= 0 || value.contains("\\u0000") && NUL_ESCAPE.matcher(value).find()) {
            throw new IllegalArgumentException("the record contains a NUL character, which PostgreSQL cannot store");
        }
        return switch (record.topic()) {
            case Topics.SESSION_OUTCOMES -> Optional.of(sessionOutcome(record, receivedAt));
            case Topics.ASSIST_OUTCOMES -> Optional.of(assistOutcome(record, receivedAt));
            case Topics.SESSION_COMMANDS -> Optional.of(sessionCommand(record, receivedAt));
            case Topics.SESSION_EVENTS -> sessionEvent(record, receivedAt);
            case Topics.SESSION_JOBS -> Optional.of(jobEvent(record, receivedAt));
            default -> throw new IllegalArgumentException("audit-service does not consume " + record.topic());
        };
    }

    /**
     * What makes a record unique (V4__audit_record_key.sql). An agent's outcome is keyed by its command and session,
     * derived here: whatever event_id an agent writes, it cannot take the place of another record, and an outcome for
     * a session its command was not for lands apart from the real one. The control plane's own records keep their ids.
     */
    public static String recordKey(AuditRow row) {
        if (Topics.SESSION_OUTCOMES.equals(row.sourceTopic())) {
            return DerivedIds.uuid("audit-record", Topics.SESSION_OUTCOMES, row.commandId(), row.sessionId());
        }
        return row.eventId();
    }

    private static AuditRow sessionOutcome(ConsumerRecord<String, String> record, long receivedAt) {
        SessionOutcome o = JsonCodec.read(record.value(), SessionOutcome.class);
        require(o.eventId(), "event_id");
        require(o.eventType(), "event_type");
        require(o.commandId(), "command_id");
        require(o.time() > 0 ? o.time() : null, "time");
        // The same rule the public stream applies: what is not an outcome of its command is dead-lettered by both.
        io.sessionplane.kit.kafka.CommandRecords.requireOutcome(o);
        return new AuditRow(o.eventId(), o.eventType().name(), severity(o.severity(), o.eventType()),
                o.eventType().module(), o.message(), o.time(), o.userId(), o.machineId(), o.machineDnsName(),
                o.desktopPoolName(), o.applicationPoolName(), o.sessionId(), o.commandId(), null, o.jobId(), o.requestedBy(),
                null, null, record.topic(), record.partition(), record.offset(), receivedAt, record.value());
    }

    /**
     * What happened to a session job. A job spans sessions and groups: its records carry no access group, so only
     * operators with the audit privilege on the root group read them (as other ungrouped records).
     */
    private static AuditRow jobEvent(ConsumerRecord<String, String> record, long receivedAt) {
        JobEvent e = JsonCodec.read(record.value(), JobEvent.class);
        require(e.eventId(), "event_id");
        require(e.jobId(), "job_id");
        require(e.eventType(), "event_type");
        require(e.time() > 0 ? e.time() : null, "time");
        return new AuditRow(e.eventId(), e.eventType().name(), severity(e.severity(), e.eventType()),
                e.eventType().module(), e.message(), e.time(), null, null, null, null, null, null, null, null,
                e.jobId(), e.requestedBy(), null, null, record.topic(), record.partition(), record.offset(), receivedAt,
                record.value());
    }

    private static AuditRow assistOutcome(ConsumerRecord<String, String> record, long receivedAt) {
        AssistOutcome o = JsonCodec.read(record.value(), AssistOutcome.class);
        require(o.eventId(), "event_id");
        require(o.eventType(), "event_type");
        require(o.time() > 0 ? o.time() : null, "time");
        return new AuditRow(o.eventId(), o.eventType().name(), severity(o.severity(), o.eventType()),
                o.eventType().module(), o.message(), o.time(), o.userId(), o.machineId(), o.machineDnsName(),
                o.desktopPoolName(), o.applicationPoolName(), o.sessionId(), null, o.shareSpaceId(), null, o.requestedBy(),
                null, null, record.topic(), record.partition(), record.offset(), receivedAt, record.value());
    }

    /** An accepted command becomes a "requested" record; its event id is the command id. */
    private static AuditRow sessionCommand(ConsumerRecord<String, String> record, long receivedAt) {
        SessionCommand c = JsonCodec.read(record.value(), SessionCommand.class);
        require(c.commandId(), "command_id");
        require(c.action(), "action");
        require(c.requestedAt() > 0 ? c.requestedAt() : null, "requested_at");
        UUID.fromString(c.commandId());
        EventType type = c.action().requestedType();
        String message = c.requestedBy() + " requested " + c.action().describeRequest(c.forced(), c.messageType())
                + " of session " + c.sessionId()
                + (c.federated() ? " on pod " + c.podId() : "");
        return new AuditRow(c.commandId(), type.name(), type.defaultSeverity().name(), type.module(), message,
                c.requestedAt(), c.userId(), c.machineId(), null, null, null, c.sessionId(), c.commandId(), null,
                c.jobId(), c.requestedBy(), c.accessGroupId(), c.federated(), record.topic(), record.partition(), record.offset(),
                receivedAt, record.value());
    }

    /**
     * A lifecycle event of the public stream (AGENT_PENDING … AGENT_ENDED, module Agent) becomes a record of its session's
     * timeline; its event id is the stream's stable id. The other kinds (ACTION_REQUESTED, ACTION_OUTCOME,
     * REMOTE_ASSISTANCE) repeat what audit already stores from session.commands.v1, session.outcomes.v1 and
     * assist.outcomes.v1 under their own event ids, so they are skipped here rather than stored twice; a kind this
     * version does not know (v1 may add some) is skipped too, not dead-lettered.
     */
    private static Optional<AuditRow> sessionEvent(ConsumerRecord<String, String> record, long receivedAt) {
        JsonNode tree = JsonCodec.read(record.value(), JsonNode.class);
        JsonNode kind = tree == null ? null : tree.path("kind");
        if (kind == null || !kind.isTextual()) {
            throw new IllegalArgumentException("record lacks kind");
        }
        if (!SessionEventKind.LIFECYCLE.name().equals(kind.asText())) {
            return Optional.empty();
        }
        SessionEvent e;
        try {
            // Tolerant: mid-upgrade, a newer session-service may write a lifecycle type (or state) this version does
            // not know yet. It is the session's history all the same, so it is stored as written, not dead-lettered.
            e = JsonCodec.tolerantReader().treeToValue(tree, SessionEvent.class);
        } catch (JsonProcessingException failure) {
            throw new IllegalArgumentException(failure.getOriginalMessage(), failure);
        }
        require(e.eventId(), "event_id");
        require(e.sessionId(), "session_id");
        require(e.time() > 0 ? e.time() : null, "time");
        String eventType = lifecycleType(e.eventType(), tree.path("event_type"));
        String severity = lifecycleSeverity(e.severity(), tree.path("severity"), e.eventType());
        return Optional.of(new AuditRow(e.eventId(), eventType, severity, LIFECYCLE_MODULE, e.message(),
                e.time(), e.userId(), e.machineId(), e.machineDnsName(),
                e.desktopPoolName(), e.applicationPoolName(), e.sessionId(), null, null, null, null, e.accessGroupId(),
                e.federated(), record.topic(), record.partition(), record.offset(), receivedAt, record.value()));
    }

    /**
     * The event type of a lifecycle event: a known AGENT_* type, or one this version does not know yet that is named as
     * the lifecycle types are. Any other type is not a lifecycle fact and is refused.
     */
    private static String lifecycleType(EventType known, JsonNode written) {
        String type = known != null ? known.name() : written.isTextual() ? written.asText() : null;
        require(type, "event_type");
        boolean lifecycle = known != null ? LIFECYCLE_MODULE.equals(known.module())
                : NEWER_LIFECYCLE_TYPE.matcher(type).matches();
        if (!lifecycle) {
            throw new IllegalArgumentException("a lifecycle event has an AGENT_* type, not " + type);
        }
        return type;
    }

    /**
     * A severity written but not known here is UNKNOWN (so a filter finds it), not guessed; an absent one is the
     * type's default, INFO for a type this version does not know.
     */
    private static String lifecycleSeverity(Severity known, JsonNode written, EventType type) {
        if (known == null && written.isTextual()) {
            return Severity.UNKNOWN.name();
        }
        return type != null ? severity(known, type) : (known != null ? known : Severity.INFO).name();
    }

    private static String severity(Severity severity, EventType type) {
        return (severity != null ? severity : type.defaultSeverity()).name();
    }

    private static void require(Object value, String field) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            throw new IllegalArgumentException("record lacks " + field);
        }
    }
}
