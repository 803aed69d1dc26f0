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
        String accessGroupId) {

    /** A command without its access group (agents and tools that do not authorize reads). */
    public SessionCommand(String commandId, SessionAction action, String sessionId, String podId, boolean federated,
            Boolean forced, String message, MessageType messageType, String requestedBy, long requestedAt,
            String machineId, String userId) {
        this(commandId, action, sessionId, podId, federated, forced, message, messageType, requestedBy, requestedAt,
                machineId, userId, null);
    }
}
