package io.sessionplane.audit.query;

import io.sessionplane.filter.Filter;
import io.sessionplane.filter.PageRequest;
import io.sessionplane.filter.SqlFilterCompiler;
import io.sessionplane.filter.SqlFragment;
import io.sessionplane.kit.sql.NamedSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads audit records with the client's compiled filter; newest first unless asked otherwise. */
@ApplicationScoped
public class AuditReadStore {
    private static final String COLUMNS = "id, machine_id, machine_dns_name, desktop_pool_name, application_pool_name,"
            + " message, module, severity, time, type, user_id, event_id, session_id, command_id, share_space_id,"
            + " requested_by";
    private static final NamedSql FIND = NamedSql.of("SELECT " + COLUMNS + ", payload::text AS payload"
            + " FROM audit_event WHERE id = #{id}");

    @Inject
    Pool pool;

    public Uni<List<AuditEventSummary>> list(Filter filter, PageRequest page) {
        // The compiled filter numbers its own parameters ($1…); paging follows them.
        SqlFragment where = SqlFilterCompiler.compile(filter, 1);
        List<Object> params = new ArrayList<>(where.params());
        String order = page.sortField() == null ? "ORDER BY time DESC, id DESC" : page.orderBy("id");
        params.add(page.fetchSize());
        params.add(page.offset());
        String sql = "SELECT " + COLUMNS + " FROM audit_event WHERE " + where.sql() + " " + order
                + " LIMIT $" + (params.size() - 1) + " OFFSET $" + params.size();
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            List<AuditEventSummary> events = new ArrayList<>(rows.rowCount());
            rows.forEach(row -> events.add(summary(row, null)));
            return events;
        });
    }

    public Uni<Optional<AuditEventSummary>> find(long id) {
        return pool.preparedQuery(FIND.sql()).execute(FIND.bind(Map.of("id", id)))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(summary(row, row.getString("payload")));
                });
    }

    private static AuditEventSummary summary(Row row, String payload) {
        return new AuditEventSummary(row.getLong("id"), row.getString("machine_id"), row.getString("machine_dns_name"),
                row.getString("desktop_pool_name"), row.getString("application_pool_name"), row.getString("message"),
                row.getString("module"), row.getString("severity"), row.getLong("time"), row.getString("type"),
                row.getString("user_id"), row.getString("event_id"), row.getString("session_id"),
                row.getString("command_id"), row.getString("share_space_id"), row.getString("requested_by"), payload);
    }
}
