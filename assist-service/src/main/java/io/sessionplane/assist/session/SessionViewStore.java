package io.sessionplane.assist.session;

import io.sessionplane.assist.sql.SqlParams;
import io.sessionplane.assist.sql.Statements;
import io.sessionplane.contracts.session.SessionNames;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.kit.kafka.InventoryRecord;
import io.sessionplane.kit.sql.NamedSql;
import io.sessionplane.kit.sql.SqlBatch;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The sessions read model of assist-service; writes guarded by the agent's observed_at like session-service's. */
@ApplicationScoped
public class SessionViewStore {
    private static final NamedSql UPSERT = NamedSql.of("""
            INSERT INTO session_view (session_id, machine_id, access_group_id, federated, session_state, user_id,
                user_name, machine_dns_name, desktop_pool_name, application_pool_name, ended, observed_at)
            VALUES (#{session_id}, #{machine_id}, #{access_group_id}, #{federated}, #{session_state}, #{user_id},
                #{user_name}, #{machine_dns_name}, #{desktop_pool_name}, #{application_pool_name}, false,
                #{observed_at})
            ON CONFLICT (session_id) DO UPDATE SET machine_id = EXCLUDED.machine_id,
                access_group_id = EXCLUDED.access_group_id, federated = EXCLUDED.federated,
                session_state = EXCLUDED.session_state, user_id = EXCLUDED.user_id, user_name = EXCLUDED.user_name,
                machine_dns_name = EXCLUDED.machine_dns_name, desktop_pool_name = EXCLUDED.desktop_pool_name,
                application_pool_name = EXCLUDED.application_pool_name, ended = false,
                observed_at = EXCLUDED.observed_at
            WHERE session_view.observed_at <= EXCLUDED.observed_at
            """);
    private static final NamedSql END = NamedSql.of("""
            INSERT INTO session_view (session_id, ended, observed_at) VALUES (#{session_id}, true, #{observed_at})
            ON CONFLICT (session_id) DO UPDATE SET ended = true, observed_at = EXCLUDED.observed_at
            WHERE session_view.observed_at <= EXCLUDED.observed_at
            """);
    private static final NamedSql PURGE = NamedSql.of("DELETE FROM session_view WHERE ended AND observed_at < "
            + "#{observed_before}");
    private static final String COLUMNS = "session_id, machine_id, access_group_id, federated, session_state, user_id,"
            + " user_name, machine_dns_name, desktop_pool_name, application_pool_name";
    private static final NamedSql BY_SESSION = NamedSql.of("SELECT " + COLUMNS
            + " FROM session_view WHERE session_id = #{key} AND NOT ended");
    private static final NamedSql DESCRIBE = NamedSql.of("SELECT " + COLUMNS
            + " FROM session_view WHERE session_id = #{key}");
    private static final NamedSql BY_DESKTOP = NamedSql.of("SELECT " + COLUMNS
            + " FROM session_view WHERE machine_id = #{key} AND NOT ended ORDER BY observed_at DESC LIMIT 1");

    @Inject
    Pool pool;

    /** Applies a batch of snapshots and tombstones in one transaction. */
    public Uni<Void> apply(List<InventoryRecord> records) {
        List<Tuple> upserts = new ArrayList<>();
        List<Tuple> ends = new ArrayList<>();
        for (InventoryRecord record : records) {
            if (record.tombstone()) {
                ends.add(END.bind(SqlParams.of("session_id", record.sessionId())
                        .and("observed_at", record.observedAt())));
                continue;
            }
            SessionSnapshot snapshot = record.snapshot();
            var s = snapshot.session();
            SessionNames names = snapshot.names();
            upserts.add(UPSERT.bind(SqlParams.of("session_id", s.id()).and("machine_id", s.machineId())
                    .and("access_group_id", s.accessGroupId()).and("federated", s.federated())
                    .and("session_state", s.sessionState() == null ? null : s.sessionState().name())
                    .and("user_id", s.userId()).and("user_name", names == null ? null : names.userName())
                    .and("machine_dns_name", names == null ? null : names.machineDnsName())
                    .and("desktop_pool_name", names == null ? null : names.desktopPoolName())
                    .and("application_pool_name", names == null ? null : names.applicationPoolName())
                    .and("observed_at", snapshot.observedAt())));
        }
        return SqlBatch.inOneTransaction(pool, new SqlBatch(UPSERT.sql(), upserts), new SqlBatch(END.sql(), ends));
    }

    /** Forgets sessions that ended before the given time (their markers only guard against late snapshots). */
    public Uni<Integer> purgeEnded(long observedBefore) {
        return Statements.execute(pool, PURGE, SqlParams.of("observed_before", observedBefore))
                .map(rows -> rows.rowCount());
    }

    public Uni<Optional<DesktopSession>> bySession(String sessionId) {
        return one(BY_SESSION, sessionId);
    }

    /** A session even after it ended (its names stay for audit records of what happened around it). */
    public Uni<Optional<DesktopSession>> describe(String sessionId) {
        return one(DESCRIBE, sessionId);
    }

    /** The live session on a desktop (machine); a VDI machine has at most one. */
    public Uni<Optional<DesktopSession>> byDesktop(String machineId) {
        return one(BY_DESKTOP, machineId);
    }

    private Uni<Optional<DesktopSession>> one(NamedSql query, String key) {
        return Statements.execute(pool, query, SqlParams.of("key", key))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.of(toSession(rows.iterator().next())));
    }

    private static DesktopSession toSession(Row row) {
        return new DesktopSession(row.getString("session_id"), row.getString("machine_id"),
                row.getString("access_group_id"), row.getBoolean("federated"), row.getString("session_state"),
                row.getString("user_id"), row.getString("user_name"), row.getString("machine_dns_name"),
                row.getString("desktop_pool_name"), row.getString("application_pool_name"));
    }
}
