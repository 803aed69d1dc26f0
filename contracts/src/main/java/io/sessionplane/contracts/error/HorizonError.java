package io.sessionplane.contracts.error;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Error body of the Horizon-style endpoints, and the element of a bulk item's {@code errors}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HorizonError(String errorKey, String errorMessage) {
}
