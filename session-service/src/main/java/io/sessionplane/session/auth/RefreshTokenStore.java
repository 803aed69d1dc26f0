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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

        /** Already used once: someone holds a copy. The family has been revoked, its live access tokens listed. */
        record Reused(List<LiveAccessToken> accessTokens) implements Use {
        }
    }

    /** An access token of a family that has not expired yet: what revoking the family must revoke too. */
    public record LiveAccessToken(String jti, Instant expiresAt) {
    }

    /** Stores a refresh token with the access token issued beside it. */
    public Uni<Void> insert(String tokenHash, String familyId, String username, String domain, Instant issuedAt,
            Instant expiresAt, AccessToken issuedWith) {
        return pool.preparedQuery("INSERT INTO refresh_token (token_hash, family_id, username, domain, issued_at,"
                + " expires_at, access_jti, access_expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.from(List.of(tokenHash, familyId, username, domain, utc(issuedAt),
                        utc(expiresAt), issuedWith.jti(), utc(issuedWith.expiresAt()))))
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
                            + " AND used_at IS NOT NULL) RETURNING " + LIVE_ACCESS_TOKEN).execute(Tuple.of(tokenHash))
                            .map(revoked -> revoked.rowCount() > 0 ? new Use.Reused(liveAccessTokens(revoked))
                                    : new Use.Invalid());
                }));
    }

    /**
     * Revokes the token's whole family (a second revocation keeps the first time).
     *
     * @return the family's access tokens that have not expired yet (revoked already or not: revoking them again is
     *         harmless, and a logout retried after a failure must reach them); empty when the token is unknown
     */
    public Uni<Optional<List<LiveAccessToken>>> revokeFamily(String tokenHash) {
        return pool.preparedQuery("UPDATE refresh_token SET revoked_at = COALESCE(revoked_at, now())"
                + " WHERE family_id = (SELECT family_id FROM refresh_token WHERE token_hash = $1)"
                + " RETURNING " + LIVE_ACCESS_TOKEN)
                .execute(Tuple.of(tokenHash)).map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.of(liveAccessTokens(rows)));
    }

    /** Selected from every row of a revoked family: its access token, where it is still live. */
    private static final String LIVE_ACCESS_TOKEN = "CASE WHEN access_expires_at > now() THEN access_jti END"
            + " AS live_jti, access_expires_at";

    private static List<LiveAccessToken> liveAccessTokens(RowSet<Row> rows) {
        List<LiveAccessToken> tokens = new ArrayList<>();
        for (Row row : rows) {
            String jti = row.getString("live_jti");
            if (jti != null) {
                tokens.add(new LiveAccessToken(jti, row.getOffsetDateTime("access_expires_at").toInstant()));
            }
        }
        return tokens;
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
