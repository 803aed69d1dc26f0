package io.sessionplane.session.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Refresh tokens, stored only as their SHA-256; each use replaces a token by a new one of its family, a reused token
 * revokes its family, logout revokes the family; purged after they expire.
 */
@ApplicationScoped
public class RefreshTokenStore {

    /** A stored refresh token (never the token itself). */
    public record StoredRefreshToken(String username, String domain, Instant expiresAt, Instant revokedAt) {
    }

    @Inject
    Pool pool;

    /** What using a refresh token found. */
    public sealed interface Use {
        /** The token was live and is now used up: issue its successor in the same family. */
        record Rotated(StoredRefreshToken token, String familyId) implements Use {
        }

        /** Unknown, expired or revoked. */
        record Invalid() implements Use {
        }

        /** Already used once: someone holds a copy. The family has been revoked. */
        record Reused() implements Use {
        }
    }

    public Uni<Void> insert(String tokenHash, String familyId, String username, String domain, Instant issuedAt,
            Instant expiresAt) {
        return pool.preparedQuery("INSERT INTO refresh_token (token_hash, family_id, username, domain, issued_at,"
                + " expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(tokenHash, familyId, username, domain, utc(issuedAt), utc(expiresAt)))
                .replaceWithVoid();
    }

    /**
     * Uses the token once, atomically (two concurrent uses: one rotates, the other is a reuse); a reuse revokes
     * every token of the family, the successor it already got included.
     */
    public Uni<Use> use(String tokenHash) {
        return pool.withTransaction(connection -> connection.preparedQuery("UPDATE refresh_token SET used_at = now()"
                + " WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()"
                + " RETURNING username, domain, expires_at, revoked_at, family_id").execute(Tuple.of(tokenHash))
                .chain(rotated -> {
                    if (rotated.rowCount() == 1) {
                        Row row = rotated.iterator().next();
                        return Uni.createFrom().item((Use) new Use.Rotated(toToken(row), row.getString("family_id")));
                    }
                    return connection.preparedQuery("UPDATE refresh_token SET revoked_at = COALESCE(revoked_at, now())"
                            + " WHERE family_id = (SELECT family_id FROM refresh_token WHERE token_hash = $1"
                            + " AND used_at IS NOT NULL) RETURNING token_hash").execute(Tuple.of(tokenHash))
                            .map(revoked -> revoked.rowCount() > 0 ? new Use.Reused() : new Use.Invalid());
                }));
    }

    /** Revokes the token's whole family (a second revocation keeps the first time); false when it is unknown. */
    public Uni<Boolean> revokeFamily(String tokenHash) {
        return pool.preparedQuery("UPDATE refresh_token SET revoked_at = COALESCE(revoked_at, now())"
                + " WHERE family_id = (SELECT family_id FROM refresh_token WHERE token_hash = $1)")
                .execute(Tuple.of(tokenHash)).map(rows -> rows.rowCount() > 0);
    }

    /** Forgets tokens that expired before the cut-off: they can never be used again. */
    public Uni<Integer> purgeExpired(Instant before) {
        return pool.preparedQuery("DELETE FROM refresh_token WHERE expires_at < $1").execute(Tuple.of(utc(before)))
                .map(RowSet::rowCount);
    }

    private static StoredRefreshToken toToken(Row row) {
        OffsetDateTime revoked = row.getOffsetDateTime("revoked_at");
        return new StoredRefreshToken(row.getString("username"), row.getString("domain"),
                row.getOffsetDateTime("expires_at").toInstant(), revoked == null ? null : revoked.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
