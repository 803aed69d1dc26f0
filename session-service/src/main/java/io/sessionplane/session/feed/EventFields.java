package io.sessionplane.session.feed;

import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.contracts.event.SessionEventKind;
import io.sessionplane.contracts.event.Severity;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.filter.FieldCatalogue;
import io.sessionplane.filter.FieldSpec;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields a feed filter may name: the session-list names for what an event carries ({@code id} is the session,
 * as in {@code /v1/sessions}), plus the event's own fields. A session-list field an event does not carry (agent
 * version, client data, …) is refused with 400 naming these, rather than silently matching nothing.
 */
final class EventFields {
    /** Field name → the event's value (null when absent); the catalogue's "column" is unused in memory. */
    static final Map<String, Function<SessionEvent, Object>> VALUES = Map.ofEntries(
            Map.entry("id", SessionEvent::sessionId),
            Map.entry("session_id", SessionEvent::sessionId),
            Map.entry("access_group_id", SessionEvent::accessGroupId),
            Map.entry("user_id", SessionEvent::userId),
            Map.entry("user_name", SessionEvent::userName),
            Map.entry("machine_id", SessionEvent::machineId),
            Map.entry("machine_name", SessionEvent::machineName),
            Map.entry("machine_dns_name", SessionEvent::machineDnsName),
            Map.entry("desktop_pool_name", SessionEvent::desktopPoolName),
            Map.entry("application_pool_name", SessionEvent::applicationPoolName),
            Map.entry("pod_id", SessionEvent::podId),
            Map.entry("federated", SessionEvent::federated),
            Map.entry("session_state", SessionEvent::sessionState),
            Map.entry("kind", SessionEvent::kind),
            Map.entry("event_type", SessionEvent::eventType),
            Map.entry("severity", SessionEvent::severity),
            Map.entry("time", SessionEvent::time),
            Map.entry("sequence", SessionEvent::sequence),
            Map.entry("command_id", SessionEvent::commandId),
            Map.entry("action", SessionEvent::action),
            Map.entry("requested_by", SessionEvent::requestedBy),
            Map.entry("status", SessionEvent::status),
            Map.entry("share_space_id", SessionEvent::shareSpaceId),
            Map.entry("job_id", SessionEvent::jobId));

    static final FieldCatalogue CATALOGUE = FieldCatalogue.of(
            FieldSpec.string("id", "id", false),
            FieldSpec.string("session_id", "session_id", false),
            FieldSpec.string("access_group_id", "access_group_id", false),
            FieldSpec.string("user_id", "user_id", false),
            FieldSpec.string("user_name", "user_name", false),
            FieldSpec.string("machine_id", "machine_id", false),
            FieldSpec.string("machine_name", "machine_name", false),
            FieldSpec.string("machine_dns_name", "machine_dns_name", false),
            FieldSpec.string("desktop_pool_name", "desktop_pool_name", false),
            FieldSpec.string("application_pool_name", "application_pool_name", false),
            FieldSpec.string("pod_id", "pod_id", false),
            FieldSpec.bool("federated", "federated", false),
            FieldSpec.enumeration("session_state", "session_state", false, SessionState.class),
            FieldSpec.enumeration("kind", "kind", false, SessionEventKind.class),
            FieldSpec.enumeration("event_type", "event_type", false, EventType.class),
            FieldSpec.enumeration("severity", "severity", false, Severity.class),
            FieldSpec.number("time", "time", false),
            FieldSpec.number("sequence", "sequence", false),
            FieldSpec.string("command_id", "command_id", false),
            FieldSpec.enumeration("action", "action", false, SessionAction.class),
            FieldSpec.string("requested_by", "requested_by", false),
            FieldSpec.enumeration("status", "status", false, CommandStatus.class),
            FieldSpec.string("share_space_id", "share_space_id", false),
            FieldSpec.string("job_id", "job_id", false));

    private EventFields() {
    }
}
