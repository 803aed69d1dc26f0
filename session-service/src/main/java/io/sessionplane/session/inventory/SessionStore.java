package io.sessionplane.session.inventory;

import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.session.ClientData;
import io.sessionplane.contracts.session.SessionInfo;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.filter.Filter;
import io.sessionplane.filter.PageRequest;
import io.sessionplane.filter.SqlFilterCompiler;
import io.sessionplane.filter.SqlFragment;
import io.sessionplane.kit.kafka.InventoryRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The session read model in PostgreSQL. Writes are guarded by the agent's {@code observed_at}, so replays and
 * late records never move a session backwards; ended sessions stay as markers until purged.
 */
@ApplicationScoped
public class SessionStore {
    // JSON is bound as text and cast ($n::text::jsonb): bound straight to jsonb, the client would store a Java
    // String as a JSON string literal.
    private static final String UPSERT = """
            INSERT INTO session (id, guid, access_group_id, agent_version, application_names, broker_user_id,
                brokered_remotely, desktop_pool_id, disconnected_time, farm_id, idle_duration, last_session_duration_ms,
                machine_id, rds_server_id, resourced_remotely, session_protocol, session_state, session_type, start_time,
                unauthenticated, user_id, client_name, client_address, pod_id, brokering_pod_id, federated, ended,
                observed_at, snapshot)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
                $23, $24, $25, $26, false, $27, $28::text::jsonb)
            ON CONFLICT (id) DO UPDATE SET guid = EXCLUDED.guid, access_group_id = EXCLUDED.access_group_id,
                agent_version = EXCLUDED.agent_version, application_names = EXCLUDED.application_names,
                broker_user_id = EXCLUDED.broker_user_id, brokered_remotely = EXCLUDED.brokered_remotely,
                desktop_pool_id = EXCLUDED.desktop_pool_id, disconnected_time = EXCLUDED.disconnected_time,
                farm_id = EXCLUDED.farm_id, idle_duration = EXCLUDED.idle_duration,
                last_session_duration_ms = EXCLUDED.last_session_duration_ms, machine_id = EXCLUDED.machine_id,
                rds_server_id = EXCLUDED.rds_server_id, resourced_remotely = EXCLUDED.resourced_remotely,
                session_protocol = EXCLUDED.session_protocol, session_state = EXCLUDED.session_state,
                session_type = EXCLUDED.session_type, start_time = EXCLUDED.start_time,
                unauthenticated = EXCLUDED.unauthenticated, user_id = EXCLUDED.user_id,
                client_name = EXCLUDED.client_name, client_address = EXCLUDED.client_address,
                pod_id = EXCLUDED.pod_id, brokering_pod_id = EXCLUDED.brokering_pod_id, federated = EXCLUDED.federated,
                ended = false,
                observed_at = EXCLUDED.observed_at, snapshot = EXCLUDED.snapshot
            WHERE session.observed_at <= EXCLUDED.observed_at
            """;
    private static final String END = """
            INSERT INTO session (id, ended, observed_at) VALUES ($1, true, $2)
            ON CONFLICT (id) DO UPDATE SET ended = true, observed_at = EXCLUDED.observed_at
            WHERE session.observed_at <= EXCLUDED.observed_at
            """;
    private static final String DISCONNECTED = """
            UPDATE session SET session_state = 'DISCONNECTED', disconnected_time = $2, observed_at = $2,
                snapshot = jsonb_set(jsonb_set(jsonb_set(snapshot, '{session,session_state}', '"DISCONNECTED"'),
                    '{session,disconnected_time}', to_jsonb($2::bigint)), '{observed_at}', to_jsonb($2::bigint))
            WHERE id = $1 AND NOT ended AND observed_at < $2
            """;

    @Inject
    Pool pool;

    /** Applies a batch of snapshots and tombstones in one transaction. */
    public Uni<Void> apply(List<InventoryRecord> records) {
        List<Tuple> upserts = new ArrayList<>();
        List<Tuple> ends = new ArrayList<>();
        for (InventoryRecord record : records) {
            if (record.tombstone()) {
                ends.add(Tuple.of(record.sessionId(), record.observedAt()));
            } else {
                upserts.add(upsertTuple(record.snapshot()));
            }
        }
        return inOneTransaction(new Batch(UPSERT, upserts), new Batch(END, ends));
    }

    private record Batch(String statement, List<Tuple> tuples) {
    }

    /** Runs the batches in order (those without tuples are skipped), all in one transaction. */
    private Uni<Void> inOneTransaction(Batch... batches) {
        List<Batch> work = Arrays.stream(batches).filter(batch -> !batch.tuples().isEmpty()).toList();
        if (work.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(connection -> {
            Uni<?> done = Uni.createFrom().voidItem();
            for (Batch batch : work) {
                done = done.chain(() -> connection.preparedQuery(batch.statement()).executeBatch(batch.tuples()));
            }
            return done;
        }).replaceWithVoid();
    }

    private static Tuple upsertTuple(SessionSnapshot snapshot) {
        SessionInfo s = snapshot.session();
        ClientData client = s.clientData();
        List<String> applications = s.applicationNames();
        return Tuple.from(new Object[] {
            s.id(), s.guid(), s.accessGroupId(), s.agentVersion(),
            applications == null ? null : applications.toArray(String[]::new),
            s.brokerUserId(), s.brokeredRemotely(), s.desktopPoolId(), s.disconnectedTime(), s.farmId(),
            s.idleDuration(), s.lastSessionDurationMs(), s.machineId(), s.rdsServerId(), s.resourcedRemotely(),
            name(s.sessionProtocol()), name(s.sessionState()), name(s.sessionType()), s.startTime(),
            s.unauthenticated(), s.userId(),
            client == null ? null : client.name(), client == null ? null : client.address(),
            snapshot.podId(), snapshot.brokeringPodId(), s.federated(),
            snapshot.observedAt(), JsonCodec.write(snapshot)
        });
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /**
     * What outcomes tell about sessions before the agent's next snapshot arrives: a successful disconnect leaves the
     * session DISCONNECTED; an outcome that ended the session (log off) removes it.
     */
    public Uni<Void> applyOutcomes(List<SessionOutcome> outcomes) {
        List<Tuple> disconnected = new ArrayList<>();
        List<Tuple> ended = new ArrayList<>();
        for (SessionOutcome outcome : outcomes) {
            if (outcome.status() != CommandStatus.SUCCEEDED || outcome.sessionId() == null) {
                continue;
            }
            if (outcome.sessionEnded()) {
                ended.add(Tuple.of(outcome.sessionId(), outcome.time()));
            } else if (outcome.action() == SessionAction.DISCONNECT) {
                disconnected.add(Tuple.of(outcome.sessionId(), outcome.time()));
            }
        }
        return inOneTransaction(new Batch(DISCONNECTED, disconnected), new Batch(END, ended));
    }

    public Uni<Optional<StoredSession>> find(String id) {
        return pool.preparedQuery("SELECT snapshot::text FROM session WHERE id = $1 AND NOT ended")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(toSession(rows.iterator().next())));
    }

    public Uni<List<StoredSession>> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("SELECT snapshot::text FROM session WHERE id = ANY($1) AND NOT ended")
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .map(SessionStore::toSessions);
    }

    /**
     * One page of the sessions the caller may view that match the filter.
     *
     * @param viewableGroups access groups where the caller holds a view privilege
     * @param federatedView  the caller holds FEDERATED_SESSIONS_VIEW
     * @param filter         the client's parsed filter, or null
     * @param scope          trusted column → value equalities (e.g. pod_id for global sessions)
     */
    public Uni<List<StoredSession>> list(Set<String> viewableGroups, boolean federatedView, Filter filter,
            Map<String, String> scope, PageRequest page) {
        List<Object> params = new ArrayList<>();
        params.add(viewableGroups.toArray(String[]::new));
        params.add(federatedView);
        SqlFragment where = SqlFilterCompiler.compile(filter, 3);
        params.addAll(where.params());
        StringBuilder sql = new StringBuilder("SELECT snapshot::text FROM session WHERE NOT ended")
                .append(" AND ((NOT federated AND access_group_id = ANY($1)) OR (federated AND $2))")
                .append(" AND ").append(where.sql());
        scope.forEach((column, value) -> {
            params.add(value);
            sql.append(" AND ").append(column).append(" = $").append(params.size());
        });
        sql.append(' ').append(page.orderBy("id"));
        params.add(page.fetchSize());
        sql.append(" LIMIT $").append(params.size());
        params.add(page.offset());
        sql.append(" OFFSET $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(SessionStore::toSessions);
    }

    /** Those of the given pods that have sessions in the read model (asks only about them: the index answers). */
    public Uni<Set<String>> knownPods(Collection<String> podIds) {
        return pool.preparedQuery("SELECT DISTINCT pod_id FROM session WHERE pod_id = ANY($1) AND NOT ended")
                .execute(Tuple.of(podIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> pods = new TreeSet<>();
                    rows.forEach(row -> pods.add(row.getString(0)));
                    return pods;
                });
    }

    /** Forgets ended sessions older than the cut-off (epoch ms); their late snapshots can no longer arrive. */
    public Uni<Integer> purgeEnded(long observedBefore) {
        return pool.preparedQuery("DELETE FROM session WHERE ended AND observed_at < $1")
                .execute(Tuple.of(observedBefore)).map(RowSet::rowCount);
    }

    private static List<StoredSession> toSessions(RowSet<Row> rows) {
        List<StoredSession> sessions = new ArrayList<>(rows.rowCount());
        rows.forEach(row -> sessions.add(toSession(row)));
        return sessions;
    }

    private static StoredSession toSession(Row row) {
        return new StoredSession(JsonCodec.read(row.getString(0), SessionSnapshot.class));
    }
}
