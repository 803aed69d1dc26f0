package io.sessionplane.assist.session;

import io.sessionplane.contracts.session.SessionNames;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.kit.kafka.InventoryRecord;
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
    private static final String UPSERT = """
            INSERT INTO session_view (session_id, machine_id, access_group_id, federated, session_state, user_id,
                user_name, machine_dns_name, desktop_pool_name, application_pool_name, ended, observed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, false, $11)
            ON CONFLICT (session_id) DO UPDATE SET machine_id = EXCLUDED.machine_id,
                access_group_id = EXCLUDED.access_group_id, federated = EXCLUDED.federated,
                session_state = EXCLUDED.session_state, user_id = EXCLUDED.user_id, user_name = EXCLUDED.user_name,
                machine_dns_name = EXCLUDED.machine_dns_name, desktop_pool_name = EXCLUDED.desktop_pool_name,
                application_pool_name = EXCLUDED.application_pool_name, ended = false,
                observed_at = EXCLUDED.observed_at
            WHERE session_view.observed_at <= EXCLUDED.observed_at
            """;
    private static final String END = """
            INSERT INTO session_view (session_id, ended, observed_at) VALUES ($1, true, $2)
            ON CONFLICT (session_id) DO UPDATE SET ended = true, observed_at = EXCLUDED.observed_at
            WHERE session_view.observed_at <= EXCLUDED.observed_at
            """;
    private static final String COLUMNS = "session_id, machine_id, access_group_id, federated, session_state, user_id,"
            + " user_name, machine_dns_name, desktop_pool_name, application_pool_name";

    @Inject
    Pool pool;

    /** Applies a batch of snapshots and tombstones in one transaction. */
    public Uni<Void> apply(List<InventoryRecord> records) {
        List<Tuple> upserts = new ArrayList<>();
        List<Tuple> ends = new ArrayList<>();
        for (InventoryRecord record : records) {
            if (record.tombstone()) {
                ends.add(Tuple.of(record.sessionId(), record.observedAt()));
                continue;
            }
            SessionSnapshot snapshot = record.snapshot();
            var s = snapshot.session();
            SessionNames names = snapshot.names();
            upserts.add(Tuple.from(new Object[] {s.id(), s.machineId(), s.accessGroupId(), s.federated(),
                s.sessionState() == null ? null : s.sessionState().name(), s.userId(),
                names == null ? null : names.userName(), names == null ? null : names.machineDnsName(),
                names == null ? null : names.desktopPoolName(), names == null ? null : names.applicationPoolName(),
                snapshot.observedAt()}));
        }
        return pool.withTransaction(connection -> {
            Uni<?> work = Uni.createFrom().voidItem();
            if (!upserts.isEmpty()) {
                work = work.chain(() -> connection.preparedQuery(UPSERT).executeBatch(upserts));
            }
            if (!ends.isEmpty()) {
                work = work.chain(() -> connection.preparedQuery(END).executeBatch(ends));
            }
            return work;
        }).replaceWithVoid();
    }

    /** Forgets sessions that ended before the given time (their markers only guard against late snapshots). */
    public Uni<Integer> purgeEnded(long observedBefore) {
        return pool.preparedQuery("DELETE FROM session_view WHERE ended AND observed_at < $1")
                .execute(Tuple.of(observedBefore)).map(rows -> rows.rowCount());
    }

    public Uni<Optional<DesktopSession>> bySession(String sessionId) {
        return one("SELECT " + COLUMNS + " FROM session_view WHERE session_id = $1 AND NOT ended", sessionId);
    }

    /** A session even after it ended (its names stay for audit records of what happened around it). */
    public Uni<Optional<DesktopSession>> describe(String sessionId) {
        return one("SELECT " + COLUMNS + " FROM session_view WHERE session_id = $1", sessionId);
    }

    /** The live session on a desktop (machine); a VDI machine has at most one. */
    public Uni<Optional<DesktopSession>> byDesktop(String machineId) {
        return one("SELECT " + COLUMNS + " FROM session_view WHERE machine_id = $1 AND NOT ended"
                + " ORDER BY observed_at DESC LIMIT 1", machineId);
    }

    private Uni<Optional<DesktopSession>> one(String sql, String key) {
        return pool.preparedQuery(sql).execute(Tuple.of(key)).map(rows -> rows.rowCount() == 0 ? Optional.empty()
                : Optional.of(toSession(rows.iterator().next())));
    }

    private static DesktopSession toSession(Row row) {
        return new DesktopSession(row.getString(0), row.getString(1), row.getString(2), row.getBoolean(3),
                row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                row.getString(9));
    }
}
