package io.sessionplane.session.auth;

import io.sessionplane.contracts.auth.Privilege;
import io.sessionplane.contracts.auth.TokenClaims;
import io.sessionplane.kit.id.DerivedIds;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.Claims;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/** Signs access tokens with the configured private key and makes opaque refresh tokens. */
@ApplicationScoped
public class TokenIssuer {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AuthConfig config;

    /** An RS256 access token carrying the operator's expanded privileges, with a fresh id. */
    public AccessToken accessToken(String domain, String username, OperatorDirectory.Grants grants) {
        Map<String, List<String>> perGroup = new TreeMap<>();
        grants.perAccessGroup().forEach((group, privileges) -> perGroup.put(group, names(privileges)));
        String principal = OperatorDirectory.principal(domain, username);
        String jti = UUID.randomUUID().toString();
        // Whole seconds, as exp is: the revocation entry expires exactly with the token.
        Instant expiresAt = Instant.now().plus(config.accessTokenLifetime()).truncatedTo(ChronoUnit.SECONDS);
        String token = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .upn(principal)
                .subject(principal)
                .groups(Set.of("operator"))
                .claim(TokenClaims.DOMAIN, domain.toUpperCase(java.util.Locale.ROOT))
                .claim(TokenClaims.ACCESS_GROUP_PRIVILEGES, perGroup)
                .claim(TokenClaims.FEDERATED_PRIVILEGES, names(grants.federated()))
                .claim(TokenClaims.PROJECTS, grants.projects())
                .claim(Claims.jti, jti)
                .expiresAt(expiresAt)
                .sign();
        return new AccessToken(token, jti, expiresAt);
    }

    /** 256 random bits, URL-safe. */
    public String newRefreshToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String refreshToken) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(DerivedIds.sha256(refreshToken));
    }

    private static List<String> names(Set<Privilege> privileges) {
        return privileges.stream().map(Enum::name).sorted().collect(Collectors.toList());
    }
}
