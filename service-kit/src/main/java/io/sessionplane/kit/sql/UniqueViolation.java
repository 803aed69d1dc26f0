package io.sessionplane.kit.sql;

import io.vertx.pgclient.PgException;

/** Recognises PostgreSQL's unique_violation (SQLSTATE 23505) of one named constraint or unique index. */
public final class UniqueViolation {
    public static final String SQLSTATE = "23505";

    private UniqueViolation() {
    }

    /** Whether {@code failure} (or one of its causes) is a unique violation of {@code constraint}. */
    public static boolean of(Throwable failure, String constraint) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof PgException pg && SQLSTATE.equals(pg.getSqlState())
                    && constraint.equals(pg.getConstraint())) {
                return true;
            }
        }
        return false;
    }
}
