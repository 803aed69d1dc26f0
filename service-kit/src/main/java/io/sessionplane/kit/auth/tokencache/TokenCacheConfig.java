package io.sessionplane.kit.auth.tokencache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The cache of verified access tokens ({@code sessionplane.auth.token-cache.*}, e.g. {@code SESSIONPLANE_AUTH_TOKEN_CACHE_ENABLED}). */
@ConfigMapping(prefix = "sessionplane.auth.token-cache")
public interface TokenCacheConfig {

    /** false: every request verifies its token's signature again. */
    @WithDefault("true")
    boolean enabled();

    /** The most tokens kept; past it, a new token is verified each time until entries expire. */
    @WithDefault("10000")
    int maxEntries();

    /**
     * The longest a verification is reused, whatever the token's own expiry: bounds how long a token signed with a
     * key the operator has since withdrawn stays accepted by an instance that saw it before.
     */
    @WithDefault("PT5M")
    Duration maxAge();
}
