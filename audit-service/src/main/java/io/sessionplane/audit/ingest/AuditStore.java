package io.sessionplane.audit.ingest;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Writes audit rows: a whole batch in one multi-row INSERT (unnest of column arrays) in one transaction, skipping
 * event ids already stored, so redelivery after a crash or a nack never duplicates a record.
 */
@ApplicationScoped
public class AuditStore {
    static final String INSERT = """
            INSERT INTO audit_event (event_id, type, severity, module, message, time, user_id, machine_id,
                machine_dns_name, desktop_pool_name, application_pool_name, session_id, command_id, share_space_id,
                requested_by, source_topic, source_partition, source_offset, received_at, payload)
            SELECT e, t, s, m, msg, tm, u, mid, dns, dp, ap, sid, cid, ssid, rb, st, sp, so, ra, p::jsonb
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[],
                $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                $16::text[], $17::int[], $18::bigint[], $19::bigint[], $20::text[])
                AS r(e, t, s, m, msg, tm, u, mid, dns, dp, ap, sid, cid, ssid, rb, st, sp, so, ra, p)
            ON CONFLICT (event_id) DO NOTHING
            """;

    @Inject
    Pool pool;

    /** Inserts the rows in one transaction; completes once they are committed. Returns the rows newly stored. */
    public Uni<Integer> insert(List<AuditRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(connection -> insert(connection, rows));
    }

    public static Uni<Integer> insert(SqlClient client, List<AuditRow> rows) {
        int n = rows.size();
        String[] eventIds = new String[n];
        String[] types = new String[n];
        String[] severities = new String[n];
        String[] modules = new String[n];
        String[] messages = new String[n];
        Long[] times = new Long[n];
        String[] users = new String[n];
        String[] machines = new String[n];
        String[] dnsNames = new String[n];
        String[] desktopPools = new String[n];
        String[] applicationPools = new String[n];
        String[] sessions = new String[n];
        String[] commands = new String[n];
        String[] shareSpaces = new String[n];
        String[] requestedBy = new String[n];
        String[] topics = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        Long[] received = new Long[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            AuditRow row = rows.get(i);
            eventIds[i] = row.eventId();
            types[i] = row.type();
            severities[i] = row.severity();
            modules[i] = row.module();
            messages[i] = row.message();
            times[i] = row.time();
            users[i] = row.userId();
            machines[i] = row.machineId();
            dnsNames[i] = row.machineDnsName();
            desktopPools[i] = row.desktopPoolName();
            applicationPools[i] = row.applicationPoolName();
            sessions[i] = row.sessionId();
            commands[i] = row.commandId();
            shareSpaces[i] = row.shareSpaceId();
            requestedBy[i] = row.requestedBy();
            topics[i] = row.sourceTopic();
            partitions[i] = row.sourcePartition();
            offsets[i] = row.sourceOffset();
            received[i] = row.receivedAt();
            payloads[i] = row.payload();
        }
        return client.preparedQuery(INSERT).execute(Tuple.from(new Object[] {eventIds, types, severities, modules,
            messages, times, users, machines, dnsNames, desktopPools, applicationPools, sessions, commands, shareSpaces,
            requestedBy, topics, partitions, offsets, received, payloads})).map(result -> result.rowCount());
    }
}
