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
import java.util.Optional;

/** Refresh tokens, stored only as their SHA-256; revoked at logout, purged after they expire. */
@ApplicationScoped
public class RefreshTokenStore {

    /** A stored refresh token (never the token itself). */
    public record StoredRefreshToken(String username, String domain, Instant expiresAt, Instant revokedAt) {
        public boolean usableAt(Instant now) {
            return revokedAt == null && expiresAt.isAfter(now);
        }
    }

    @Inject
    Pool pool;

    public Uni<Void> insert(String tokenHash, String username, String domain, Instant issuedAt, Instant expiresAt) {
        return pool.preparedQuery("INSERT INTO refresh_token (token_hash, username, domain, issued_at, expires_at)"
                + " VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(tokenHash, username, domain, utc(issuedAt), utc(expiresAt))).replaceWithVoid();
    }

    public Uni<Optional<StoredRefreshToken>> find(String tokenHash) {
        return pool.preparedQuery("SELECT username, domain, expires_at, revoked_at FROM refresh_token"
                + " WHERE token_hash = $1").execute(Tuple.of(tokenHash))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(toToken(rows.iterator().next())));
    }

    /** Revokes the token (a second revocation keeps the first time); false when it is unknown. */
    public Uni<Boolean> revoke(String tokenHash) {
        return pool.preparedQuery("UPDATE refresh_token SET revoked_at = COALESCE(revoked_at, now())"
                + " WHERE token_hash = $1").execute(Tuple.of(tokenHash)).map(rows -> rows.rowCount() == 1);
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
