package io.sessionplane.session.command;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Idempotency-Key records: the first request with a key claims it (a row insert, so two concurrent requests cannot
 * both claim it), and its answer is replayed for 24 hours.
 */
@ApplicationScoped
public class IdempotencyStore {
    /** What a request finds when it presents its key. */
    public sealed interface Claim {
        /** First use: go ahead, then {@link #complete} or {@link #release}. */
        record Claimed() implements Claim {
        }

        /** Answered before: replay this. */
        record Replay(int status, String body) implements Claim {
        }

        /** The same key was used with a different request. */
        record Mismatch() implements Claim {
        }

        /** The first request with this key is still running. */
        record InProgress() implements Claim {
        }

        /** What a request finds when the key is already held by a record (its hash, its answer once there is one). */
        static Claim ofExisting(String requestHash, String storedHash, Integer storedStatus, String storedBody) {
            if (!requestHash.equals(storedHash)) {
                return new Mismatch();
            }
            return storedStatus == null ? new InProgress() : new Replay(storedStatus, storedBody);
        }
    }

    // A record older than 24 h is forgotten; an unanswered claim older than a minute (a crash between claim and
    // answer) may be retaken by the same request.
    private static final String CLAIM = """
            INSERT INTO idempotency_record (caller, key, request_hash) VALUES ($1, $2, $3)
            ON CONFLICT (caller, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = NULL,
                response = NULL, created_at = now()
            WHERE idempotency_record.created_at < now() - interval '24 hours'
               OR (idempotency_record.status IS NULL AND idempotency_record.request_hash = EXCLUDED.request_hash
                   AND idempotency_record.created_at < now() - interval '1 minute')
            RETURNING true
            """;

    @Inject
    Pool pool;

    public Uni<Claim> claim(String caller, String key, String requestHash) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(caller, key, requestHash)).chain(claimed -> {
            if (claimed.rowCount() == 1) {
                return Uni.createFrom().item(new Claim.Claimed());
            }
            return pool.preparedQuery("SELECT request_hash, status, response::text AS response FROM idempotency_record"
                    + " WHERE caller = $1 AND key = $2").execute(Tuple.of(caller, key)).map(rows -> {
                        if (rows.rowCount() == 0) {
                            // Deleted between the two statements (released): treat as still busy; a retry claims it.
                            return new Claim.InProgress();
                        }
                        Row row = rows.iterator().next();
                        return Claim.ofExisting(requestHash, row.getString("request_hash"), row.getInteger("status"),
                                row.getString("response"));
                    });
        });
    }

    public Uni<Void> complete(String caller, String key, int status, String body) {
        return pool.preparedQuery("UPDATE idempotency_record SET status = $3, response = $4::text::jsonb"
                + " WHERE caller = $1 AND key = $2").execute(Tuple.of(caller, key, status, body)).replaceWithVoid();
    }

    /** Gives the key back (the request was not carried out, e.g. Kafka was away), so a retry can act. */
    public Uni<Void> release(String caller, String key) {
        return pool.preparedQuery("DELETE FROM idempotency_record WHERE caller = $1 AND key = $2 AND status IS NULL")
                .execute(Tuple.of(caller, key)).replaceWithVoid();
    }

    public Uni<Integer> purgeExpired() {
        return pool.query("DELETE FROM idempotency_record WHERE created_at < now() - interval '24 hours'").execute()
                .map(rows -> rows.rowCount());
    }
}
