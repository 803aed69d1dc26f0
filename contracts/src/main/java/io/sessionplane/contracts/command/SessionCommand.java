package io.sessionplane.contracts.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A command for the agent of one session, published to {@code session.commands.v1} keyed by session id
 * once session-service has accepted it. The agent executes it at most once per {@code commandId} and
 * answers with exactly one {@code SessionOutcome}.
 *
 * @param commandId   unique id; also the CloudEvents id of the record
 * @param action      what to do
 * @param sessionId   target session
 * @param podId       pod that owns the session's machine (where the agent runs)
 * @param federated   the session belongs to another pod; the command is forwarded there
 * @param forced      logoff only: log off even a locked session
 * @param message     send-message only
 * @param messageType send-message only
 * @param requestedBy the operator, as {@code DOMAIN\\user}
 * @param requestedAt epoch ms when session-service accepted it
 * @param machineId   the session's machine, for audit records
 * @param userId      the session's user SID, for audit records
 * @param accessGroupId the session's access group when it was accepted: who may read the command's status and
 *                    audit records (absent in records from before it was added)
 * @param expiresAt   epoch ms after which the agent must not execute the command: it answers with one outcome of type
 *                    {@code SESSION_COMMAND_EXPIRED} (status FAILED, or REQUEST_SEND_FAILED for a federated command)
 *                    and changes nothing. Absent in records from before it was added: no expiry.
 * @param jobId       the session job that sent the command (absent for commands an operator sent directly); the agent
 *                    copies it into the outcome
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionCommand(
        String commandId,
        SessionAction action,
        String sessionId,
        String podId,
        boolean federated,
        Boolean forced,
        String message,
        MessageType messageType,
        String requestedBy,
        long requestedAt,
        String machineId,
        String userId,
        String accessGroupId,
        Long expiresAt,
        String jobId) {

    /** A command no job sent. */
    public SessionCommand(String commandId, SessionAction action, String sessionId, String podId, boolean federated,
            Boolean forced, String message, MessageType messageType, String requestedBy, long requestedAt,
            String machineId, String userId, String accessGroupId, Long expiresAt) {
        this(commandId, action, sessionId, podId, federated, forced, message, messageType, requestedBy, requestedAt,
                machineId, userId, accessGroupId, expiresAt, null);
    }

    /** A command without an expiry (records from before it was added, tools). */
    public SessionCommand(String commandId, SessionAction action, String sessionId, String podId, boolean federated,
            Boolean forced, String message, MessageType messageType, String requestedBy, long requestedAt,
            String machineId, String userId, String accessGroupId) {
        this(commandId, action, sessionId, podId, federated, forced, message, messageType, requestedBy, requestedAt,
                machineId, userId, accessGroupId, null, null);
    }

    /** A command without its access group (agents and tools that do not authorize reads) and without an expiry. */
    public SessionCommand(String commandId, SessionAction action, String sessionId, String podId, boolean federated,
            Boolean forced, String message, MessageType messageType, String requestedBy, long requestedAt,
            String machineId, String userId) {
        this(commandId, action, sessionId, podId, federated, forced, message, messageType, requestedBy, requestedAt,
                machineId, userId, null, null, null);
    }

    /** True when an agent that sees the command at {@code now} (epoch ms) must refuse it as expired. */
    public boolean expiredAt(long now) {
        return expiresAt != null && now > expiresAt;
    }
}
