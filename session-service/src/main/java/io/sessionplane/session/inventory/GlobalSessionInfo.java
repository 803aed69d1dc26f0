package io.sessionplane.session.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.sessionplane.contracts.session.SessionInfo;

/** A session in the global (federated) view: SessionInfo plus the pods that host and broker it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GlobalSessionInfo(
        @JsonUnwrapped SessionInfo session,
        @JsonProperty("pod_id") String podId,
        @JsonProperty("brokering_pod_id") String brokeringPodId) {
}
