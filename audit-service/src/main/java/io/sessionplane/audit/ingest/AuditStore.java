package io.sessionplane.audit.ingest;

import io.sessionplane.kit.sql.NamedSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Writes audit rows (and deletes the oldest for retention): a whole batch in one multi-row INSERT (unnest of column
 * arrays) in one transaction, skipping event ids already stored, so redelivery after a crash or a nack never
 * duplicates a record. Each column is named once, beside its SQL type and the field that fills it; the statement and
 * its parameters are built from that list.
 *
 * <p>Access groups, set-based in the same one statement per batch: the batch's records that carry their session's
 * group (accepted commands, lifecycle events) upsert it into {@code audit_session_group} (the newest record wins);
 * a record without one (session and assist outcomes) takes the batch's group for its session, else the stored one;
 * and the session's earlier records still without a group (an outcome ingested before its command, the topics being
 * consumed independently) are given it. A record whose session's group was never told stays without one: only
 * readers on the root group see it.
 */
@ApplicationScoped
public class AuditStore {
    private static final List<Column> COLUMNS = List.of(
            text("event_id", AuditRow::eventId),
            text("record_key", AuditRecordMapper::recordKey),
            text("type", AuditRow::type),
            text("severity", AuditRow::severity),
            text("module", AuditRow::module),
            text("message", AuditRow::message),
            new Column("time", "bigint", null, Long[]::new, AuditRow::time),
            text("user_id", AuditRow::userId),
            text("machine_id", AuditRow::machineId),
            text("machine_dns_name", AuditRow::machineDnsName),
            text("desktop_pool_name", AuditRow::desktopPoolName),
            text("application_pool_name", AuditRow::applicationPoolName),
            text("session_id", AuditRow::sessionId),
            text("command_id", AuditRow::commandId),
            text("share_space_id", AuditRow::shareSpaceId),
            text("job_id", AuditRow::jobId),
            text("requested_by", AuditRow::requestedBy),
            new Column("access_group_id", "text", "COALESCE(r.access_group_id, k.access_group_id, g.access_group_id)",
                    String[]::new, AuditRow::accessGroupId),
            new Column("federated", "boolean", "COALESCE(r.federated, k.federated, g.federated, false)",
                    Boolean[]::new, AuditRow::federated),
            text("source_topic", AuditRow::sourceTopic),
            new Column("source_partition", "int", null, Integer[]::new, AuditRow::sourcePartition),
            new Column("source_offset", "bigint", null, Long[]::new, AuditRow::sourceOffset),
            new Column("received_at", "bigint", null, Long[]::new, AuditRow::receivedAt),
            // Sent as text, stored as jsonb.
            new Column("payload", "text", "r.payload::jsonb", String[]::new, AuditRow::payload));
    static final String INSERT = insertStatement();
    private static final NamedSql DELETE_OLDEST = NamedSql.of("""
            DELETE FROM audit_event WHERE id IN (
                SELECT id FROM audit_event WHERE time < #{cutoff} ORDER BY time LIMIT #{limit})
            """);
    private static final NamedSql DELETE_OLDEST_GROUPS = NamedSql.of("""
            DELETE FROM audit_session_group WHERE session_id IN (
                SELECT session_id FROM audit_session_group WHERE time < #{cutoff} LIMIT #{limit})
            """);

    @Inject
    Pool pool;

    /** Inserts the rows in one transaction; completes once they are committed. Returns the rows newly stored. */
    public Uni<Integer> insert(List<AuditRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(connection -> insert(connection, rows));
    }

    static Uni<Integer> insert(SqlClient client, List<AuditRow> rows) {
        Object[] arrays = new Object[COLUMNS.size()];
        for (int c = 0; c < arrays.length; c++) {
            Column column = COLUMNS.get(c);
            Object[] values = column.array().apply(rows.size());
            for (int r = 0; r < values.length; r++) {
                values[r] = column.value().apply(rows.get(r));
            }
            arrays[c] = values;
        }
        return client.preparedQuery(INSERT).execute(Tuple.from(arrays)).map(result -> result.rowCount());
    }

    /** Deletes up to {@code limit} of the oldest records before {@code cutoff} (epoch ms); returns how many went. */
    public Uni<Integer> deleteOlderThan(long cutoff, int limit) {
        return pool.preparedQuery(DELETE_OLDEST.sql()).execute(DELETE_OLDEST.bind(Map.of("cutoff", cutoff,
                "limit", limit))).map(rows -> rows.rowCount());
    }

    /** Deletes up to {@code limit} of the session groups last told before {@code cutoff}; returns how many went. */
    public Uni<Integer> deleteSessionGroupsOlderThan(long cutoff, int limit) {
        return pool.preparedQuery(DELETE_OLDEST_GROUPS.sql()).execute(DELETE_OLDEST_GROUPS.bind(Map.of("cutoff",
                cutoff, "limit", limit))).map(rows -> rows.rowCount());
    }

    /**
     * One statement: the batch as rows {@code r} (unnest of the column arrays), {@code known} = the latest group per
     * session among them, remembered in audit_session_group and given to the session's earlier records without one,
     * then INSERT … SELECT … FROM r joined to known and the stored groups ON CONFLICT (record_key) DO NOTHING. (The
     * INSERT sees audit_session_group as it was before the statement, hence the join to {@code known} first.)
     */
    private static String insertStatement() {
        String names = COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "));
        String select = COLUMNS.stream().map(Column::select).collect(Collectors.joining(", "));
        StringBuilder unnest = new StringBuilder();
        for (int i = 0; i < COLUMNS.size(); i++) {
            unnest.append(i == 0 ? "" : ", ").append('$').append(i + 1).append("::")
                    .append(COLUMNS.get(i).sqlType()).append("[]");
        }
        return "WITH r AS (SELECT * FROM unnest(" + unnest + ") AS r(" + names + ")),"
                + " known AS (SELECT DISTINCT ON (session_id) session_id, access_group_id, federated, time FROM r"
                + " WHERE session_id IS NOT NULL AND access_group_id IS NOT NULL ORDER BY session_id, time DESC),"
                + " remembered AS (INSERT INTO audit_session_group AS s (session_id, access_group_id, federated, time)"
                + " SELECT session_id, access_group_id, COALESCE(federated, false), time FROM known"
                + " ON CONFLICT (session_id) DO UPDATE SET access_group_id = EXCLUDED.access_group_id,"
                + " federated = EXCLUDED.federated, time = EXCLUDED.time WHERE s.time <= EXCLUDED.time),"
                + " healed AS (UPDATE audit_event e SET access_group_id = k.access_group_id,"
                + " federated = COALESCE(k.federated, false) FROM known k"
                + " WHERE e.session_id = k.session_id AND e.access_group_id IS NULL)"
                + " INSERT INTO audit_event (" + names + ") SELECT " + select + " FROM r"
                + " LEFT JOIN known k ON k.session_id = r.session_id"
                + " LEFT JOIN audit_session_group g ON g.session_id = r.session_id"
                + " ON CONFLICT (record_key) DO NOTHING";
    }

    private static Column text(String name, Function<AuditRow, Object> value) {
        return new Column(name, "text", null, String[]::new, value);
    }

    /**
     * A column of audit_event: its array type in unnest, the expression that fills it (null: the batch's value as
     * it is), and where its value comes from.
     */
    private record Column(String name, String sqlType, String expression, IntFunction<Object[]> array,
            Function<AuditRow, Object> value) {
        String select() {
            return expression != null ? expression : "r." + name;
        }
    }
}
