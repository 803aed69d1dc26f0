package io.sessionplane.session.command;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Horizon {@code GlobalSessionSendMessageSpec}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GlobalSendMessageSpec(List<GlobalSessionActionSpec> globalSessionActionSpecs, String message,
        String messageType) {
}
