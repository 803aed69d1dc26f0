package io.sessionplane.contracts.assist;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Workspace ONE Assist facts about one machine, published by its agent to {@code assist.agents.v1}
 * (compacted, keyed by machine id) at start and whenever they change.
 *
 * @param helpdeskPluginVersion version of the Horizon helpdesk plugin on the machine, dotted numbers
 * @param agentId               WS1 Assist agent id; null when the agent is not installed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentFacts(
        String machineId,
        boolean agentInstalled,
        String agentId,
        String agentVersion,
        String helpdeskPluginVersion,
        String osName,
        boolean osSupported,
        long observedAt) {
}
