package io.sessionplane.session.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.contracts.error.HorizonError;
import java.util.List;

/**
 * One session of a job ({@code GET /rest/inventory/v1/session-jobs/{id}/sessions}): where it is, its action's
 * command and that command's status, and why it was refused or skipped.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobItemView(String sessionId, String podId, JobItemState state, Integer warningsSent,
        boolean warningUndelivered, String commandId, String commandStatus, Integer statusCode,
        List<HorizonError> errors) {

    static JobItemView of(JobStore.Item item) {
        boolean acted = item.state() == JobItemState.ACCEPTED;
        return new JobItemView(item.sessionId(), item.podId(), item.state(),
                item.warnedStep() < 0 ? 0 : item.warnedStep() + 1 - item.firstStep(), item.warningUndelivered(),
                acted && item.commandId() != null ? item.commandId().toString() : null,
                acted ? item.commandStatus() : null, item.statusCode(),
                item.errorKey() == null ? List.of() : List.of(new HorizonError(item.errorKey(), item.errorMessage())));
    }
}
