package io.sessionplane.session.command;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Horizon {@code SessionSendMessageSpec}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SendMessageSpec(
        @MessageText String message,
        @MessageTypeName String messageType,
        @NotEmpty(message = "session_ids must list at least one session id")
        @Size(max = ActionLimits.MAX_IDS, message = "at most " + ActionLimits.MAX_IDS + " session ids per request")
        List<@SessionId String> sessionIds) {
}
