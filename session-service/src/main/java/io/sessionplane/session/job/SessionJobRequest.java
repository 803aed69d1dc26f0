package io.sessionplane.session.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.kit.json.RefusesUnknownFields;
import java.util.List;

/**
 * {@code POST /rest/inventory/v1/session-jobs}: an action on a filter or a list of sessions, tracked as a job. Every
 * level refuses a field it does not have: "previewOnly" ignored would run the job for real.
 *
 * @param action             disconnect, logoff, reset, restart or send-message (the action paths' names)
 * @param forced             logoff only: also log off locked sessions
 * @param message            send-message only: the text
 * @param messageType        send-message only: INFO, WARNING or ERROR
 * @param target             the sessions: a Horizon filter, a list of session ids, or global entries per pod
 * @param rate               at most this many commands a second (absent: as fast as the broker acknowledges)
 * @param previewOnly        only decide what would happen to each session (a dry run of the whole job)
 * @param runAt              when to act, ISO-8601 (absent: now)
 * @param warnings           messages sent before {@code run_at}, each a duration before it
 * @param includeLaterSessions also the sessions that match only after the first warning: they get the warnings
 *                           still to come, and are skipped if none is left before the action
 * @param undeliveredWarnings what to do with a session whose warning could not be delivered: ACT_ANYWAY or SKIP
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionJobRequest(
        String action,
        Boolean forced,
        String message,
        String messageType,
        Target target,
        Integer rate,
        Boolean previewOnly,
        String runAt,
        List<Warning> warnings,
        Boolean includeLaterSessions,
        String undeliveredWarnings) implements RefusesUnknownFields {

    /** Exactly one of: {@code filter} (Horizon filter JSON), {@code session_ids}, {@code global} ([{pod_id, ids}]). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(JsonNode filter, List<String> sessionIds, List<PodIds> global)
            implements RefusesUnknownFields {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PodIds(String podId, List<String> ids) implements RefusesUnknownFields {
    }

    /** A message {@code before} (ISO-8601 duration, e.g. PT15M) the action. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Warning(String before, String message, String messageType) implements RefusesUnknownFields {
    }
}
