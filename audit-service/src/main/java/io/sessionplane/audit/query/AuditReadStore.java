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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the audit records the caller may see ({@link AuditVisibility}, in the WHERE clause so that paging counts only
 * those) with the client's compiled filter; newest first unless asked otherwise.
 */
@ApplicationScoped
public class AuditReadStore {
    private static final String COLUMNS = "id, machine_id, machine_dns_name, desktop_pool_name, application_pool_name,"
            + " message, module, severity, time, type, user_id, event_id, session_id, command_id, share_space_id,"
            + " job_id, requested_by, access_group_id, federated";
    private static final NamedSql FIND = NamedSql.of("SELECT " + COLUMNS + ", payload::text AS payload"
            + " FROM audit_event WHERE id = #{id} AND " + AuditVisibility.PREDICATE);
    /** The visibility predicate alone: its parameters are $1…$3, the compiled filter's follow. */
    private static final NamedSql VISIBLE = NamedSql.of(AuditVisibility.PREDICATE);

    @Inject
    Pool pool;

    public Uni<List<AuditEventSummary>> list(AuditVisibility visibility, Filter filter, PageRequest page) {
        Tuple visible = VISIBLE.bind(visibility.parameters());
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < visible.size(); i++) {
            params.add(visible.getValue(i));
        }
        // The compiled filter numbers its own parameters after the visibility's; paging follows them.
        SqlFragment where = SqlFilterCompiler.compile(filter, params.size() + 1);
        params.addAll(where.params());
        String order = page.sortField() == null ? "ORDER BY time DESC, id DESC" : page.orderBy("id");
        params.add(page.fetchSize());
        params.add(page.offset());
        String sql = "SELECT " + COLUMNS + " FROM audit_event WHERE " + VISIBLE.sql() + " AND " + where.sql() + " "
                + order
                + " LIMIT $" + (params.size() - 1) + " OFFSET $" + params.size();
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            List<AuditEventSummary> events = new ArrayList<>(rows.rowCount());
            rows.forEach(row -> events.add(summary(row, null)));
            return events;
        });
    }

    /** The record, when it exists and the caller may see it (the two are not told apart: 404 either way). */
    public Uni<Optional<AuditEventSummary>> find(AuditVisibility visibility, long id) {
        Map<String, Object> params = new HashMap<>(visibility.parameters());
        params.put("id", id);
        return pool.preparedQuery(FIND.sql()).execute(FIND.bind(params))
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
                row.getString("command_id"), row.getString("share_space_id"), row.getString("job_id"), row.getString("requested_by"),
                row.getString("access_group_id"), row.getBoolean("federated"), payload);
    }
}
