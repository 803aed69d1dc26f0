package io.sessionplane.assist.agent;

import io.sessionplane.contracts.assist.AgentFacts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** WS1 Assist facts per machine, newest report wins. */
@ApplicationScoped
public class AgentFactsStore {
    private static final String UPSERT = """
            INSERT INTO agent_facts (machine_id, agent_installed, agent_id, agent_version, helpdesk_plugin_version,
                os_name, os_supported, observed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (machine_id) DO UPDATE SET agent_installed = EXCLUDED.agent_installed,
                agent_id = EXCLUDED.agent_id, agent_version = EXCLUDED.agent_version,
                helpdesk_plugin_version = EXCLUDED.helpdesk_plugin_version, os_name = EXCLUDED.os_name,
                os_supported = EXCLUDED.os_supported, observed_at = EXCLUDED.observed_at
            WHERE agent_facts.observed_at <= EXCLUDED.observed_at
            """;

    @Inject
    Pool pool;

    public Uni<Void> upsert(List<AgentFacts> facts) {
        if (facts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(UPSERT).executeBatch(facts.stream().map(f -> Tuple.from(new Object[] {
            f.machineId(), f.agentInstalled(), f.agentId(), f.agentVersion(), f.helpdeskPluginVersion(), f.osName(),
            f.osSupported(), f.observedAt()})).toList()).replaceWithVoid();
    }

    public Uni<Optional<AgentFacts>> find(String machineId) {
        if (machineId == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return pool.preparedQuery("SELECT machine_id, agent_installed, agent_id, agent_version, helpdesk_plugin_version,"
                + " os_name, os_supported, observed_at FROM agent_facts WHERE machine_id = $1")
                .execute(Tuple.of(machineId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(toFacts(rows.iterator().next())));
    }

    private static AgentFacts toFacts(Row row) {
        return new AgentFacts(row.getString(0), row.getBoolean(1), row.getString(2), row.getString(3),
                row.getString(4), row.getString(5), row.getBoolean(6), row.getLong(7));
    }
}
