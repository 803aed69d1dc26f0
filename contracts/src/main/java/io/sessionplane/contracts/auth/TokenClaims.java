package io.sessionplane.contracts.auth;

/**
 * Names of the JWT claims every service reads. session-service issues them at /rest/login; an OIDC issuer
 * (e.g. Keycloak with claim mappers) can issue the same claims instead.
 */
public final class TokenClaims {
    /** JSON object: access group id → array of privilege names, already expanded to descendants. */
    public static final String ACCESS_GROUP_PRIVILEGES = "sp_ag_privileges";
    /** JSON array of federated privilege names (FEDERATED_SESSIONS_VIEW, FEDERATED_SESSIONS_MANAGE). */
    public static final String FEDERATED_PRIVILEGES = "sp_federated_privileges";
    /** JSON array of project ids the caller may use on the share-space API. */
    public static final String PROJECTS = "sp_projects";
    /** The operator's login domain. */
    public static final String DOMAIN = "sp_domain";
    /** Issuer of SessionPlane's own tokens. */
    public static final String DEFAULT_ISSUER = "https://sessionplane.io/issuer";
    /** {@code aud} of access tokens; every service verifies it (a token for another audience is refused). */
    public static final String DEFAULT_AUDIENCE = "sessionplane";

    private TokenClaims() {
    }
}
