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
 * Writes audit rows (and deletes the oldest for retention): a whole batch in one multi-row INSERT (unnest of column arrays) in one transaction, skipping
 * event ids already stored, so redelivery after a crash or a nack never duplicates a record. Each column is named
 * once, beside its SQL type and the field that fills it; the statement and its parameters are built from that list.
 */
@ApplicationScoped
public class AuditStore {
    private static final List<Column> COLUMNS = List.of(
            text("event_id", AuditRow::eventId),
            text("type", AuditRow::type),
            text("severity", AuditRow::severity),
            text("module", AuditRow::module),
            text("message", AuditRow::message),
            new Column("time", "bigint", "", Long[]::new, AuditRow::time),
            text("user_id", AuditRow::userId),
            text("machine_id", AuditRow::machineId),
            text("machine_dns_name", AuditRow::machineDnsName),
            text("desktop_pool_name", AuditRow::desktopPoolName),
            text("application_pool_name", AuditRow::applicationPoolName),
            text("session_id", AuditRow::sessionId),
            text("command_id", AuditRow::commandId),
            text("share_space_id", AuditRow::shareSpaceId),
            text("requested_by", AuditRow::requestedBy),
            text("source_topic", AuditRow::sourceTopic),
            new Column("source_partition", "int", "", Integer[]::new, AuditRow::sourcePartition),
            new Column("source_offset", "bigint", "", Long[]::new, AuditRow::sourceOffset),
            new Column("received_at", "bigint", "", Long[]::new, AuditRow::receivedAt),
            // Sent as text, stored as jsonb.
            new Column("payload", "text", "::jsonb", String[]::new, AuditRow::payload));
    static final String INSERT = insertStatement();
    private static final NamedSql DELETE_OLDEST = NamedSql.of("""
            DELETE FROM audit_event WHERE id IN (
                SELECT id FROM audit_event WHERE time < #{cutoff} ORDER BY time LIMIT #{limit})
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

    /** INSERT … SELECT r.event_id, … FROM unnest($1::text[], …) AS r(event_id, …) ON CONFLICT DO NOTHING. */
    private static String insertStatement() {
        String names = COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "));
        StringBuilder select = new StringBuilder();
        StringBuilder unnest = new StringBuilder();
        for (int i = 0; i < COLUMNS.size(); i++) {
            Column column = COLUMNS.get(i);
            String separator = i == 0 ? "" : ", ";
            select.append(separator).append("r.").append(column.name()).append(column.cast());
            unnest.append(separator).append('$').append(i + 1).append("::").append(column.sqlType()).append("[]");
        }
        return "INSERT INTO audit_event (" + names + ") SELECT " + select + " FROM unnest(" + unnest + ") AS r("
                + names + ") ON CONFLICT (event_id) DO NOTHING";
    }

    private static Column text(String name, Function<AuditRow, Object> value) {
        return new Column(name, "text", "", String[]::new, value);
    }

    /** A column of audit_event: its array type in unnest, the cast into the table, and where its value comes from. */
    private record Column(String name, String sqlType, String cast, IntFunction<Object[]> array,
            Function<AuditRow, Object> value) {
    }
}
