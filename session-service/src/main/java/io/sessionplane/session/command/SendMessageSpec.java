package io.sessionplane.session.command;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Horizon {@code SessionSendMessageSpec}. {@code message_type} is checked by hand for a clear 400. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SendMessageSpec(String message, String messageType, List<String> sessionIds) {
}
