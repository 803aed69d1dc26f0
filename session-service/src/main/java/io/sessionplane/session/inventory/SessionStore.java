package io.sessionplane.session.inventory;

import io.sessionplane.contracts.command.CommandStatus;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.command.SessionOutcome;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.contracts.session.ClientData;
import io.sessionplane.contracts.session.SessionInfo;
import io.sessionplane.contracts.session.SessionNames;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.filter.Filter;
import io.sessionplane.filter.PageRequest;
import io.sessionplane.filter.SqlFilterCompiler;
import io.sessionplane.filter.SqlFragment;
import io.sessionplane.kit.batch.Coalescer;
import io.sessionplane.kit.kafka.InventoryRecord;
import io.sessionplane.kit.sql.SqlBatch;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The session read model in PostgreSQL. Writes are guarded by the agent's {@code observed_at}, so replays and
 * late records never move a session backwards; ended sessions stay as markers until purged.
 */
@ApplicationScoped
public class SessionStore {
    // JSON is bound as text and cast ($n::text::jsonb): bound straight to jsonb, the client would store a Java
    // String as a JSON string literal.
    private static final List<String> COLUMNS = List.of("id", "guid", "access_group_id", "agent_version",
            "application_names", "broker_user_id", "brokered_remotely", "desktop_pool_id", "disconnected_time", "farm_id",
            "idle_duration", "last_session_duration_ms", "machine_id", "rds_server_id", "resourced_remotely",
            "session_protocol", "session_state", "session_type", "start_time", "unauthenticated", "user_id",
            "client_name", "client_address", "user_name", "machine_name", "machine_dns_name", "desktop_pool_name",
            "farm_name", "client_type", "gateway_location", "pod_id", "brokering_pod_id", "federated", "observed_at");
    private static final Set<String> BIGINT_COLUMNS = Set.of("disconnected_time", "idle_duration",
            "last_session_duration_ms", "start_time", "observed_at");
    private static final Set<String> BOOLEAN_COLUMNS = Set.of("brokered_remotely", "resourced_remotely",
            "unauthenticated", "federated");
    // One statement per consumed batch, each column bound as one typed array (unnest), the snapshot as text: a
    // statement per row, and then one JSON document for the batch (whose parsing alone took PostgreSQL 140 µs a
    // row), held the read model's bootstrap to 3,000-4,500 snapshots a second (bench/README, issue 15). The narrow
    // row is guarded by observed_at; the snapshot follows only when the row was written. application_names, a
    // text[] per row, cannot be a column of unnest: it goes as its JSON array.
    private static final String UPSERT_ALL = "WITH r AS (SELECT * FROM unnest("
            + java.util.stream.IntStream.range(0, COLUMNS.size() + 1).mapToObj(i -> "$" + (i + 1) + "::"
                    + (i == COLUMNS.size() ? "text" : sqlType(COLUMNS.get(i))) + "[]")
                    .collect(Collectors.joining(", "))
            + ") AS r(" + String.join(", ", COLUMNS) + ", snapshot)),"
            + " written AS (INSERT INTO session (" + String.join(", ", COLUMNS) + ", ended) SELECT "
            + COLUMNS.stream().map(c -> c.equals("application_names") ? "CASE WHEN r.application_names IS NULL"
                    + " THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(r.application_names::jsonb)) END"
                    : "r." + c).collect(Collectors.joining(", "))
            + ", false FROM r ORDER BY r.id ON CONFLICT (id) DO UPDATE SET "
            + COLUMNS.stream().filter(c -> !c.equals("id")).map(c -> c + " = EXCLUDED." + c)
                    .collect(Collectors.joining(", "))
            + ", ended = false WHERE session.observed_at <= EXCLUDED.observed_at RETURNING id)"
            + " INSERT INTO session_snapshot (id, snapshot) SELECT r.id, r.snapshot::jsonb FROM r JOIN written w"
            + " ON w.id = r.id ORDER BY r.id ON CONFLICT (id) DO UPDATE SET snapshot = EXCLUDED.snapshot";

    private static String sqlType(String column) {
        return BIGINT_COLUMNS.contains(column) ? "bigint" : BOOLEAN_COLUMNS.contains(column) ? "boolean" : "text";
    }

    /** Ends a session (tombstone or an outcome that ends it); its snapshot goes, the row stays as a marker. */
    private static final String END = """
            WITH ended AS (INSERT INTO session (id, ended, observed_at) VALUES ($1, true, $2)
                ON CONFLICT (id) DO UPDATE SET ended = true, observed_at = EXCLUDED.observed_at
                WHERE session.observed_at <= EXCLUDED.observed_at RETURNING id)
            DELETE FROM session_snapshot WHERE id IN (SELECT id FROM ended)
            """;
    private static final String DISCONNECTED = """
            WITH changed AS (UPDATE session SET session_state = 'DISCONNECTED', disconnected_time = $2,
                    observed_at = $2
                WHERE id = $1 AND NOT ended AND observed_at < $2 RETURNING id)
            UPDATE session_snapshot SET snapshot = jsonb_set(jsonb_set(jsonb_set(snapshot,
                    '{session,session_state}', '"DISCONNECTED"'), '{session,disconnected_time}', to_jsonb($2::bigint)),
                    '{observed_at}', to_jsonb($2::bigint))
            WHERE id IN (SELECT id FROM changed)
            """;
    /** The snapshots of live sessions: the narrow row decides, the snapshot table answers. */
    private static final String SNAPSHOTS = "SELECT snapshot::text AS snapshot FROM session JOIN session_snapshot"
            + " USING (id) WHERE NOT ended";

    @Inject
    Pool pool;

    // Up to 4 lookups at once (of the pool's 20 connections), each of up to 5,000 ids.
    private final Coalescer<String, Map<String, StoredSession>> lookups = new Coalescer<>(this::findAllAtOnce, 4, 5_000);

    /** Applies a batch of snapshots and tombstones in one transaction. */
    public Uni<Void> apply(List<InventoryRecord> records) {
        List<SessionSnapshot> upserts = new ArrayList<>();
        List<Tuple> ends = new ArrayList<>();
        for (InventoryRecord record : records) {
            if (record.tombstone()) {
                ends.add(Tuple.of(record.sessionId(), record.observedAt()));
            } else {
                upserts.add(record.snapshot());
            }
        }
        List<Tuple> upsert = upserts.isEmpty() ? List.of() : List.of(upsertArrays(upserts));
        return SqlBatch.inOneTransaction(pool, new SqlBatch(UPSERT_ALL, upsert), new SqlBatch(END, ends));
    }

    /** The snapshots as the typed column arrays of {@link #UPSERT_ALL} (at most one snapshot per session). */
    private static Tuple upsertArrays(List<SessionSnapshot> snapshots) {
        int n = snapshots.size();
        Object[][] arrays = new Object[COLUMNS.size() + 1][];
        for (int c = 0; c < COLUMNS.size(); c++) {
            String type = sqlType(COLUMNS.get(c));
            arrays[c] = type.equals("bigint") ? new Long[n] : type.equals("boolean") ? new Boolean[n] : new String[n];
        }
        arrays[COLUMNS.size()] = new String[n];
        for (int r = 0; r < n; r++) {
            Map<String, Object> row = columns(snapshots.get(r));
            for (int c = 0; c < COLUMNS.size(); c++) {
                Object value = row.get(COLUMNS.get(c));
                arrays[c][r] = value instanceof String[] names ? JsonCodec.write(names) : value;
            }
            arrays[COLUMNS.size()][r] = JsonCodec.write(snapshots.get(r));
        }
        return Tuple.from(List.of((Object[]) arrays));
    }

    private static Map<String, Object> columns(SessionSnapshot snapshot) {
        SessionInfo s = snapshot.session();
        ClientData client = s.clientData();
        List<String> applications = s.applicationNames();
        Map<String, Object> row = new HashMap<>();
        row.put("id", s.id());
        row.put("guid", s.guid());
        row.put("access_group_id", s.accessGroupId());
        row.put("agent_version", s.agentVersion());
        row.put("application_names", applications == null ? null : applications.toArray(String[]::new));
        row.put("broker_user_id", s.brokerUserId());
        row.put("brokered_remotely", s.brokeredRemotely());
        row.put("desktop_pool_id", s.desktopPoolId());
        row.put("disconnected_time", s.disconnectedTime());
        row.put("farm_id", s.farmId());
        row.put("idle_duration", s.idleDuration());
        row.put("last_session_duration_ms", s.lastSessionDurationMs());
        row.put("machine_id", s.machineId());
        row.put("rds_server_id", s.rdsServerId());
        row.put("resourced_remotely", s.resourcedRemotely());
        row.put("session_protocol", name(s.sessionProtocol()));
        row.put("session_state", name(s.sessionState()));
        row.put("session_type", name(s.sessionType()));
        row.put("start_time", s.startTime());
        row.put("unauthenticated", s.unauthenticated());
        row.put("user_id", s.userId());
        row.put("client_name", client == null ? null : client.name());
        row.put("client_address", client == null ? null : client.address());
        row.put("client_type", client == null ? null : upper(client.type()));
        row.put("gateway_location", s.securityGatewayData() == null ? null
                : upper(s.securityGatewayData().location()));
        SessionNames names = snapshot.names();
        row.put("user_name", names == null ? null : names.userName());
        row.put("machine_name", names == null ? null : names.machineName());
        row.put("machine_dns_name", names == null ? null : names.machineDnsName());
        row.put("desktop_pool_name", names == null ? null : names.desktopPoolName());
        row.put("farm_name", names == null ? null : names.farmName());
        row.put("pod_id", snapshot.podId());
        row.put("brokering_pod_id", snapshot.brokeringPodId());
        row.put("federated", s.federated());
        row.put("observed_at", snapshot.observedAt());
        return row;
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(java.util.Locale.ROOT);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /**
     * What outcomes tell about sessions before the agent's next snapshot arrives, by the action's
     * {@link SessionAction.Effect}: a successful disconnect leaves the session DISCONNECTED; one that ends the
     * session (log off, reset, restart) removes it.
     */
    public Uni<Void> applyOutcomes(List<SessionOutcome> outcomes) {
        List<Tuple> disconnected = new ArrayList<>();
        List<Tuple> ended = new ArrayList<>();
        for (SessionOutcome outcome : outcomes) {
            if (outcome.status() != CommandStatus.SUCCEEDED || outcome.sessionId() == null) {
                continue;
            }
            switch (outcome.action().effect()) {
                case ENDS_SESSION -> ended.add(Tuple.of(outcome.sessionId(), outcome.time()));
                case DISCONNECTS -> disconnected.add(Tuple.of(outcome.sessionId(), outcome.time()));
                case NONE -> {
                    // the session is unchanged
                }
            }
        }
        return SqlBatch.inOneTransaction(pool, new SqlBatch(DISCONNECTED, disconnected), new SqlBatch(END, ended));
    }

    public Uni<Optional<StoredSession>> find(String id) {
        return pool.preparedQuery(SNAPSHOTS + " AND id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(toSession(rows.iterator().next())));
    }

    /**
     * The live sessions among these ids. Concurrent requests' lookups share one statement: a command's rules read
     * the read model once per request, and at thousands of commands a second the database client held 19 % of the
     * service's CPU samples with a round trip each (bench/README, issue 15).
     */
    public Uni<List<StoredSession>> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return lookups.submit(List.copyOf(ids)).map(found -> {
            List<StoredSession> sessions = new ArrayList<>();
            new java.util.LinkedHashSet<>(ids).forEach(id -> {
                StoredSession session = found.get(id);
                if (session != null) {
                    sessions.add(session);
                }
            });
            return sessions;
        });
    }

    private Uni<Map<String, StoredSession>> findAllAtOnce(List<String> ids) {
        return pool.preparedQuery(SNAPSHOTS + " AND id = ANY($1)")
                .execute(Tuple.of(new java.util.LinkedHashSet<>(ids).toArray(String[]::new)))
                .map(rows -> {
                    Map<String, StoredSession> byId = new HashMap<>();
                    toSessions(rows).forEach(session -> byId.put(session.id(), session));
                    return byId;
                });
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
        return page("snapshot::text", viewableGroups, federatedView, filter, scope, page)
                .map(SessionStore::toSessions);
    }

    /**
     * The same page as {@link #list}, each session as the JSON of its {@link SessionInfo}, rendered by PostgreSQL
     * from the stored snapshot (which is this codec's own JSON of the record, written at ingest): no snapshot is
     * parsed or serialised again here. Parsing and serialising the page's 100 snapshots was the allocation behind the
     * young collections seen while lists were served (bench/README, issue 15: reads).
     *
     * @param withGuid the v2 view; the v1 view has no {@code guid}
     */
    public Uni<List<String>> listSessionInfoJson(Set<String> viewableGroups, boolean federatedView, Filter filter,
            PageRequest page, boolean withGuid) {
        String session = withGuid ? "(snapshot -> 'session')::text" : "((snapshot -> 'session') - 'guid')::text";
        return page(session, viewableGroups, federatedView, filter, Map.of(), page).map(rows -> {
            List<String> sessions = new ArrayList<>(rows.rowCount());
            rows.forEach(row -> sessions.add(row.getString("snapshot")));
            return sessions;
        });
    }

    /** One page of the viewable sessions that match, each row's {@code snapshot} column as {@code select}. */
    private Uni<RowSet<Row>> page(String select, Set<String> viewableGroups, boolean federatedView, Filter filter,
            Map<String, String> scope, PageRequest page) {
        List<Object> params = new ArrayList<>();
        params.add(viewableGroups.toArray(String[]::new));
        params.add(federatedView);
        SqlFragment where = SqlFilterCompiler.compile(filter, 3);
        params.addAll(where.params());
        // The page is cut from the narrow table first and only its rows fetch their snapshots: joined before the
        // OFFSET, every skipped row read its 1.3 KB snapshot too (page 10 of 100 read 1,000 of them).
        StringBuilder sql = new StringBuilder("SELECT ").append(select).append(" AS snapshot FROM (SELECT * FROM session"
                + " WHERE NOT ended AND ((NOT federated AND access_group_id = ANY($1)) OR (federated AND $2))")
                .append(" AND ").append(where.sql());
        scope.forEach((column, value) -> {
            params.add(value);
            sql.append(" AND ").append(column).append(" = $").append(params.size());
        });
        String order = page.orderBy("id");
        sql.append(' ').append(order);
        params.add(page.fetchSize());
        sql.append(" LIMIT $").append(params.size());
        params.add(page.offset());
        sql.append(" OFFSET $").append(params.size());
        sql.append(") AS session JOIN session_snapshot USING (id) ").append(order);
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params));
    }

    /**
     * A page of the live sessions a filter matches that the caller may view, in id order after {@code afterId}:
     * keyset paging, so walking every match (a job's target, never capped) costs the same for every page.
     */
    public Uni<List<SessionPlace>> places(Set<String> viewableGroups, boolean federatedView, Filter filter,
            String afterId, int limit) {
        List<Object> params = new ArrayList<>();
        params.add(viewableGroups.toArray(String[]::new));
        params.add(federatedView);
        params.add(afterId);
        SqlFragment where = SqlFilterCompiler.compile(filter, 4);
        params.addAll(where.params());
        params.add(limit);
        String sql = "SELECT id, pod_id, access_group_id, federated FROM session WHERE NOT ended"
                + " AND ((NOT federated AND access_group_id = ANY($1)) OR (federated AND $2)) AND id > $3 AND "
                + where.sql() + " ORDER BY id LIMIT $" + params.size();
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(SessionStore::places);
    }

    /** Where these sessions live (those the read model knows and that have not ended). */
    public Uni<List<SessionPlace>> places(Collection<String> ids) {
        return pool.preparedQuery("SELECT id, pod_id, access_group_id, federated FROM session"
                + " WHERE id = ANY($1) AND NOT ended").execute(Tuple.of(ids.toArray(String[]::new)))
                .map(SessionStore::places);
    }

    private static List<SessionPlace> places(RowSet<Row> rows) {
        List<SessionPlace> places = new ArrayList<>(rows.rowCount());
        rows.forEach(row -> places.add(new SessionPlace(row.getString("id"), row.getString("pod_id"),
                row.getString("access_group_id"), Boolean.TRUE.equals(row.getBoolean("federated")))));
        return places;
    }

    /** Those of the given pods that have sessions in the read model (asks only about them: the index answers). */
    public Uni<Set<String>> knownPods(Collection<String> podIds) {
        return pool.preparedQuery("SELECT DISTINCT pod_id FROM session WHERE pod_id = ANY($1) AND NOT ended")
                .execute(Tuple.of(podIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> pods = new TreeSet<>();
                    rows.forEach(row -> pods.add(row.getString("pod_id")));
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
        return new StoredSession(JsonCodec.read(row.getString("snapshot"), SessionSnapshot.class));
    }
}
