package io.sessionplane.assist.agent;

import io.sessionplane.assist.sql.SqlParams;
import io.sessionplane.assist.sql.Statements;
import io.sessionplane.contracts.assist.AgentFacts;
import io.sessionplane.kit.sql.NamedSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** WS1 Assist facts per machine, newest report wins. */
@ApplicationScoped
public class AgentFactsStore {
    private static final NamedSql UPSERT = NamedSql.of("""
            INSERT INTO agent_facts (machine_id, agent_installed, agent_id, agent_version, helpdesk_plugin_version,
                os_name, os_supported, observed_at)
            VALUES (#{machine_id}, #{agent_installed}, #{agent_id}, #{agent_version}, #{helpdesk_plugin_version},
                #{os_name}, #{os_supported}, #{observed_at})
            ON CONFLICT (machine_id) DO UPDATE SET agent_installed = EXCLUDED.agent_installed,
                agent_id = EXCLUDED.agent_id, agent_version = EXCLUDED.agent_version,
                helpdesk_plugin_version = EXCLUDED.helpdesk_plugin_version, os_name = EXCLUDED.os_name,
                os_supported = EXCLUDED.os_supported, observed_at = EXCLUDED.observed_at
            WHERE agent_facts.observed_at <= EXCLUDED.observed_at
            """);
    private static final NamedSql FIND = NamedSql.of("SELECT machine_id, agent_installed, agent_id, agent_version,"
            + " helpdesk_plugin_version, os_name, os_supported, observed_at FROM agent_facts"
            + " WHERE machine_id = #{machine_id}");

    @Inject
    Pool pool;

    public Uni<Void> upsert(List<AgentFacts> facts) {
        if (facts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Statements.executeBatch(pool, UPSERT, facts.stream().map(f -> SqlParams
                .of("machine_id", f.machineId())
                .and("agent_installed", f.agentInstalled()).and("agent_id", f.agentId())
                .and("agent_version", f.agentVersion()).and("helpdesk_plugin_version", f.helpdeskPluginVersion())
                .and("os_name", f.osName()).and("os_supported", f.osSupported())
                .and("observed_at", f.observedAt())).toList()).replaceWithVoid();
    }

    public Uni<Optional<AgentFacts>> find(String machineId) {
        if (machineId == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Statements.execute(pool, FIND, SqlParams.of("machine_id", machineId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(toFacts(rows.iterator().next())));
    }

    private static AgentFacts toFacts(Row row) {
        return new AgentFacts(row.getString("machine_id"), row.getBoolean("agent_installed"),
                row.getString("agent_id"), row.getString("agent_version"), row.getString("helpdesk_plugin_version"),
                row.getString("os_name"), row.getBoolean("os_supported"), row.getLong("observed_at"));
    }
}
