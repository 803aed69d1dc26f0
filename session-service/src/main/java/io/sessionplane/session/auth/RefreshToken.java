package io.sessionplane.session.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A refresh token, stored only as its SHA-256; revoked at logout. */
@Entity
@Table(name = "refresh_token")
public class RefreshToken extends PanacheEntityBase {
    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    public String username;

    public String domain;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public boolean usableAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
