package io.sessionplane.kit.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code outbox} table (each service that has one creates it in its own migrations: id bigserial, channel text,
 * payload text, created_at): records written with the state they announce, in that state's transaction.
 */
@ApplicationScoped
public class OutboxStore {
    /** One relay at a time across replicas: the order of the records is the order they were written in. */
    private static final long RELAY_LOCK = 0x5e55_1011_a551_0001L;

    /** A record waiting to be published. */
    public record Entry(long id, String channel, String payload) {
    }

    /** Appends a record in the caller's transaction: it is published only if that transaction commits. */
    public Uni<Void> append(SqlConnection transaction, String channel, String payload) {
        return transaction.preparedQuery("INSERT INTO outbox (channel, payload) VALUES ($1, $2)")
                .execute(Tuple.of(channel, payload)).replaceWithVoid();
    }

    /** Takes the relay's lease for this transaction; false when another relay (another replica) holds it. */
    Uni<Boolean> lease(SqlConnection transaction) {
        return transaction.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS leased")
                .execute(Tuple.of(RELAY_LOCK)).map(rows -> rows.iterator().next().getBoolean("leased"));
    }

    /** The oldest waiting records, in the order they were written. */
    Uni<List<Entry>> oldest(SqlConnection transaction, int limit) {
        return transaction.preparedQuery("SELECT id, channel, payload FROM outbox ORDER BY id LIMIT $1")
                .execute(Tuple.of(limit)).map(rows -> {
                    List<Entry> entries = new ArrayList<>(rows.rowCount());
                    for (Row row : rows) {
                        entries.add(new Entry(row.getLong("id"), row.getString("channel"), row.getString("payload")));
                    }
                    return entries;
                });
    }

    Uni<Void> delete(SqlConnection transaction, List<Long> ids) {
        return transaction.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new))).replaceWithVoid();
    }
}
