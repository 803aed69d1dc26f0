package io.sessionplane.localstack.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionplane.contracts.auth.TokenClaims;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Mints RS256 access tokens with SessionPlane's claims for tests of services that verify but do not issue them,
 * including expired tokens and tokens signed with a foreign key. Production tokens come from /rest/login.
 */
public final class TokenMinter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrivateKey key;
    private final String issuer;
    private String audience = TokenClaims.DEFAULT_AUDIENCE;
    private String user = "LOCAL\\tester";
    private String domain = "LOCAL";
    private Map<String, Set<String>> accessGroupPrivileges = Map.of();
    private Set<String> federatedPrivileges = Set.of();
    private List<String> projects = List.of("demo");
    private Instant issuedAt = Instant.now();
    private Duration lifetime = Duration.ofMinutes(30);

    private TokenMinter(PrivateKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    public static TokenMinter signedWith(PrivateKey key) {
        return new TokenMinter(key, TokenClaims.DEFAULT_ISSUER);
    }

    /** Another {@code aud}, for tests of tokens meant for someone else. */
    public TokenMinter audience(String value) {
        this.audience = value;
        return this;
    }

    public TokenMinter user(String domain, String name) {
        this.domain = domain;
        this.user = domain + "\\" + name;
        return this;
    }

    /** Privileges per access group, as session-service expands them (descendants included). */
    public TokenMinter accessGroupPrivileges(Map<String, Set<String>> privileges) {
        this.accessGroupPrivileges = privileges;
        return this;
    }

    public TokenMinter federatedPrivileges(Set<String> privileges) {
        this.federatedPrivileges = privileges;
        return this;
    }

    public TokenMinter projects(List<String> projects) {
        this.projects = projects;
        return this;
    }

    /** Issued {@code ago} in the past with the given lifetime: a negative remainder yields an expired token. */
    public TokenMinter issued(Instant at, Duration lifetime) {
        this.issuedAt = at;
        this.lifetime = lifetime;
        return this;
    }

    public String mint() {
        Map<String, Object> header = Map.of("alg", "RS256", "typ", "JWT");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", user);
        claims.put("upn", user);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(lifetime).getEpochSecond());
        claims.put("groups", List.of("operator"));
        claims.put(TokenClaims.DOMAIN, domain);
        claims.put(TokenClaims.ACCESS_GROUP_PRIVILEGES, accessGroupPrivileges);
        claims.put(TokenClaims.FEDERATED_PRIVILEGES, federatedPrivileges);
        claims.put(TokenClaims.PROJECTS, projects);
        try {
            String signingInput = base64(JSON.writeValueAsBytes(header)) + "." + base64(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64(signature.sign());
        } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
