package io.sessionplane.contracts.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.contracts.assist.ShareSpaceStatus;
import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.session.SessionState;

/**
 * One fact about one session on the public stream {@code session.events.v1} (key = session id), the published
 * language of SessionPlane: JSON Schema {@code contracts/src/main/resources/schemas/session-event.v1.json}. v1 only
 * ever gains optional fields.
 *
 * @param eventId        stable id (also {@code ce_id}): the same fact always has the same id, for consumers that dedupe
 * @param sessionId      the session (also the record key and {@code ce_subject})
 * @param sequence       1, 2, 3 … per session without gaps: a consumer can tell a gap from a quiet session
 * @param kind           what kind of fact; decides {@code ce_type}
 * @param eventType      the Horizon event type (AGENT_CONNECTED, ADMIN_DESKTOP_SESSION_DISCONNECTED, …)
 * @param severity       Horizon severity
 * @param message        Horizon's message text for people
 * @param time           epoch ms when it happened, on the clock of whoever saw it (agent or control plane)
 * @param accessGroupId  the session's access group: who may see the event
 * @param federated      the session belongs to another pod
 * @param podId          the pod that owns the session's machine
 * @param sessionState   lifecycle: the state after the event (absent once it ended)
 * @param commandId      action events: the command
 * @param action         action events: what was asked
 * @param requestedBy    action and assistance events: the operator, {@code DOMAIN\\user}
 * @param status         action outcomes: SUCCEEDED, FAILED, REQUEST_SENT, REQUEST_SEND_FAILED
 * @param errorKey       action outcomes that did not succeed: why
 * @param shareSpaceId   assistance events: the share space
 * @param shareSpaceStatus assistance events: its state after the transition
 * @param jobId          action events of a session job: the job that sent the command
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionEvent(
        String eventId,
        String sessionId,
        long sequence,
        SessionEventKind kind,
        EventType eventType,
        Severity severity,
        String message,
        long time,
        String accessGroupId,
        boolean federated,
        String podId,
        String userId,
        String userName,
        String machineId,
        String machineName,
        String machineDnsName,
        String desktopPoolName,
        String applicationPoolName,
        SessionState sessionState,
        String commandId,
        SessionAction action,
        String requestedBy,
        CommandStatus status,
        String errorKey,
        String shareSpaceId,
        ShareSpaceStatus shareSpaceStatus,
        String jobId) {

    /** An event that no session job caused. */
    public SessionEvent(String eventId, String sessionId, long sequence, SessionEventKind kind, EventType eventType,
            Severity severity, String message, long time, String accessGroupId, boolean federated, String podId,
            String userId, String userName, String machineId, String machineName, String machineDnsName,
            String desktopPoolName, String applicationPoolName, SessionState sessionState, String commandId,
            SessionAction action, String requestedBy, CommandStatus status, String errorKey, String shareSpaceId,
            ShareSpaceStatus shareSpaceStatus) {
        this(eventId, sessionId, sequence, kind, eventType, severity, message, time, accessGroupId, federated, podId,
                userId, userName, machineId, machineName, machineDnsName, desktopPoolName, applicationPoolName,
                sessionState, commandId, action, requestedBy, status, errorKey, shareSpaceId, shareSpaceStatus, null);
    }

    /** {@code ce_dataschema} of every event on {@code session.events.v1}. */
    public static final String DATA_SCHEMA = "https://sessionplane.io/schemas/session-event.v1.json";
    /** {@code ce_source} of every event on {@code session.events.v1}. */
    public static final String SOURCE = "/sessionplane/session-service/events";
}
