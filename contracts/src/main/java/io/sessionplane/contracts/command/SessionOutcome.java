package io.sessionplane.contracts.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.Severity;

/**
 * The one result of a {@link SessionCommand}, published by the agent to {@code session.outcomes.v1} keyed
 * by session id. Carries what an audit record needs.
 *
 * @param eventId   unique event id (CloudEvents id); the audit idempotency key
 * @param eventType Horizon event type (ADMIN_* local, VLSI_FEDERATED_* remote)
 * @param status    SUCCEEDED/FAILED for local, REQUEST_SENT/REQUEST_SEND_FAILED for federated
 * @param errorKey  machine-readable reason when not succeeded (e.g. {@code session.already.disconnected})
 * @param sessionEnded the session no longer exists after this outcome (successful log off)
 * @param time      epoch ms on the agent's clock
 * @param jobId     the command's job, copied from the command (absent when no job sent it)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionOutcome(
        String eventId,
        EventType eventType,
        String commandId,
        SessionAction action,
        String sessionId,
        CommandStatus status,
        Severity severity,
        String message,
        String errorKey,
        boolean sessionEnded,
        long time,
        String userId,
        String userName,
        String requestedBy,
        String podId,
        String machineId,
        String machineDnsName,
        String desktopPoolName,
        String applicationPoolName,
        String jobId) {

    /** An outcome of a command no job sent. */
    public SessionOutcome(String eventId, EventType eventType, String commandId, SessionAction action,
            String sessionId, CommandStatus status, Severity severity, String message, String errorKey,
            boolean sessionEnded, long time, String userId, String userName, String requestedBy, String podId,
            String machineId, String machineDnsName, String desktopPoolName, String applicationPoolName) {
        this(eventId, eventType, commandId, action, sessionId, status, severity, message, errorKey, sessionEnded, time,
                userId, userName, requestedBy, podId, machineId, machineDnsName, desktopPoolName, applicationPoolName,
                null);
    }
}
