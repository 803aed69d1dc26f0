package io.sessionplane.session.monitor;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/** Counts for {@link SessionMetrics}, in one aggregate over the read model, limited to the caller's groups. */
@ApplicationScoped
public class SessionMetricsStore {
    // Kinds as Horizon splits them: application sessions, desktop sessions on an RDS host, other (VDI) desktops.
    // Idle: connected with an idle time reported. Client type and gateway location are narrow columns (upper case),
    // so the count never reads the out-of-line snapshots.
    private static final String METRICS = """
            WITH visible AS (
                SELECT session_type, session_state, rds_server_id, idle_duration, session_protocol, user_id,
                    client_type AS client, gateway_location AS gateway
                FROM session WHERE NOT ended AND NOT federated AND access_group_id = ANY($1)),
            kinded AS (
                SELECT *, CASE WHEN session_type = 'APPLICATION' THEN 'app' WHEN rds_server_id IS NOT NULL THEN 'rds'
                    ELSE 'vdi' END AS kind,
                    CASE WHEN session_state = 'CONNECTED' AND COALESCE(idle_duration, 0) > 0 THEN 'idle'
                        WHEN session_state = 'CONNECTED' THEN 'active'
                        WHEN session_state = 'DISCONNECTED' THEN 'disconnected' ELSE 'pending' END AS state
                FROM visible)
            SELECT count(*) AS sessions, count(DISTINCT user_id) AS users,
                count(*) FILTER (WHERE kind = 'app' AND state = 'active') AS app_active,
                count(*) FILTER (WHERE kind = 'app' AND state = 'idle') AS app_idle,
                count(*) FILTER (WHERE kind = 'app' AND state = 'disconnected') AS app_disconnected,
                count(*) FILTER (WHERE kind = 'app' AND state = 'pending') AS app_pending,
                count(*) FILTER (WHERE kind = 'vdi' AND state = 'active') AS vdi_active,
                count(*) FILTER (WHERE kind = 'vdi' AND state = 'idle') AS vdi_idle,
                count(*) FILTER (WHERE kind = 'vdi' AND state = 'disconnected') AS vdi_disconnected,
                count(*) FILTER (WHERE kind = 'vdi' AND state = 'pending') AS vdi_pending,
                count(*) FILTER (WHERE kind = 'rds' AND state = 'active') AS rds_active,
                count(*) FILTER (WHERE kind = 'rds' AND state = 'idle') AS rds_idle,
                count(*) FILTER (WHERE kind = 'rds' AND state = 'disconnected') AS rds_disconnected,
                count(*) FILTER (WHERE kind = 'rds' AND state = 'pending') AS rds_pending,
                count(*) FILTER (WHERE client = 'ANDROID') AS android,
                count(*) FILTER (WHERE client IN ('BROWSER', 'HTML', 'HTML_ACCESS')) AS browser,
                count(*) FILTER (WHERE client = 'IOS') AS ios,
                count(*) FILTER (WHERE client = 'LINUX') AS linux,
                count(*) FILTER (WHERE client IN ('MAC', 'MACOS')) AS mac,
                count(*) FILTER (WHERE client = 'WINDOWS') AS windows,
                count(*) FILTER (WHERE gateway = 'EXTERNAL') AS external_gateways,
                count(*) FILTER (WHERE gateway = 'INTERNAL') AS internal_gateways,
                count(*) FILTER (WHERE session_protocol = 'BLAST') AS blast,
                count(*) FILTER (WHERE session_protocol = 'PCOIP') AS pcoip,
                count(*) FILTER (WHERE session_protocol = 'RDP') AS rdp,
                count(*) FILTER (WHERE session_protocol IS NOT NULL
                    AND session_protocol NOT IN ('BLAST', 'PCOIP', 'RDP')) AS other_protocols
            FROM kinded
            """;

    @Inject
    Pool pool;

    /**
     * Metrics of the live local sessions in the given access groups. Counting distinct users sorts or hashes every
     * visible user id: with the default 4 MB of work memory 100,000 of them spill to disk, so this one transaction
     * gets more.
     */
    public Uni<SessionMetrics> metrics(Set<String> viewableGroups) {
        return pool.withTransaction(connection -> connection.query("SET LOCAL work_mem = '32MB'").execute()
                .chain(() -> connection.preparedQuery(METRICS).execute(Tuple.of(viewableGroups.toArray(String[]::new))))
                .map(rows -> toMetrics(rows.iterator().next())));
    }

    private static SessionMetrics toMetrics(Row r) {
        long sessions = r.getLong("sessions");
        long android = r.getLong("android");
        long browser = r.getLong("browser");
        long ios = r.getLong("ios");
        long linux = r.getLong("linux");
        long mac = r.getLong("mac");
        long windows = r.getLong("windows");
        long external = r.getLong("external_gateways");
        long internal = r.getLong("internal_gateways");
        return new SessionMetrics(
                states(r, "app"),
                new SessionMetrics.ClientCounts(android, browser, ios, linux, mac,
                        sessions - android - browser - ios - linux - mac - windows, windows),
                states(r, "vdi"),
                new SessionMetrics.GatewayCounts(external, internal, sessions - external - internal),
                sessions, r.getLong("users"),
                new SessionMetrics.ProtocolCounts(r.getLong("blast"), r.getLong("other_protocols"), r.getLong("pcoip"),
                        r.getLong("rdp")),
                states(r, "rds"));
    }

    private static SessionMetrics.StateCounts states(Row r, String kind) {
        return new SessionMetrics.StateCounts(r.getLong(kind + "_active"), r.getLong(kind + "_disconnected"),
                r.getLong(kind + "_idle"), r.getLong(kind + "_pending"));
    }
}
