package io.sessionplane.audit;

import io.sessionplane.contracts.auth.Privilege;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code sessionplane.audit.*}: who may read which audit records and how long they are kept. Defaults live once, in
 * application.properties; every key can be overridden by an environment variable ({@code SESSIONPLANE_AUDIT_RETENTION},
 * …). The retention job's schedule reads {@code retention-interval} through a {@code ${…}} expression.
 */
@ConfigMapping(prefix = "sessionplane.audit")
public interface AuditConfig {
    /**
     * Reading needs this privilege on the record's own access group; converted at startup, so a misspelt one stops
     * the service.
     */
    Privilege readPrivilege();

    /**
     * The root of the access-group tree: records without a group (no session, or a session whose group was never
     * told) and other pods' records are read on it (see {@code AuditVisibility}).
     */
    String rootAccessGroup();

    /** Records older than this are deleted; empty keeps them forever. */
    Optional<Duration> retention();

    /** Rows deleted per retention transaction. */
    int retentionBatchSize();

    /** How often the retention job runs (its schedule's expression reads the same key; its failure log names it). */
    String retentionInterval();
}
