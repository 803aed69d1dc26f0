package io.sessionplane.session.command;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of disconnect, logoff, reset and restart: a JSON array of session ids (Horizon's {@code string[]}). */
public record SessionIdsRequest(
        @NotEmpty(message = "the body must list at least one session id")
        @Size(max = ActionLimits.MAX_IDS, message = "at most " + ActionLimits.MAX_IDS + " session ids per request")
        List<@SessionId String> ids) {
}
