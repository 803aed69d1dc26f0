package io.sessionplane.session.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.MessageType;
import io.sessionplane.contracts.command.SessionOutcome;

/**
 * {@code GET /rest/inventory/v1/session-commands/{command_id}}: where a command is, with the agent's outcome once it
 * arrived, and when it expires (epoch ms: an agent that receives it later refuses it with SESSION_COMMAND_EXPIRED).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandStatusView(
        String commandId,
        String sessionId,
        String action,
        CommandStatus status,
        String requestedBy,
        long requestedAt,
        long updatedAt,
        Boolean forced,
        MessageType messageType,
        Long expiresAt,
        SessionOutcome outcome) {
}
