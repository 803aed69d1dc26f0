package io.sessionplane.session.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.contracts.error.HorizonError;
import java.util.List;

/**
 * Horizon {@code BulkItemResponseInfo}: one per session id of an action request. {@code status_code} 200 means the
 * command is on Kafka (acknowledged) and {@code command_id} identifies it; otherwise {@code errors} says why not. In a
 * dry run, 200 without a command id means the command would be sent.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkItemResponseInfo(String id, int statusCode, List<HorizonError> errors, String commandId) {

    public static BulkItemResponseInfo accepted(String id, String commandId) {
        return new BulkItemResponseInfo(id, 200, List.of(), commandId);
    }

    /** A dry run's "would act": nothing was sent, so there is no command id. */
    public static BulkItemResponseInfo wouldAct(String id) {
        return new BulkItemResponseInfo(id, 200, List.of(), null);
    }

    public static BulkItemResponseInfo refused(String id, int status, String errorKey, String message) {
        return new BulkItemResponseInfo(id, status, List.of(new HorizonError(errorKey, message)), null);
    }

    public boolean accepted() {
        return statusCode == 200;
    }
}
