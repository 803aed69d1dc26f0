package io.sessionplane.assist.sql;

import java.util.HashMap;

/** Named parameter values for {@link NamedSql#bind}, written as a chain; null is a value. */
public final class SqlParams extends HashMap<String, Object> {

    private SqlParams() {
    }

    public static SqlParams of(String name, Object value) {
        return new SqlParams().and(name, value);
    }

    public SqlParams and(String name, Object value) {
        if (containsKey(name)) {
            throw new IllegalArgumentException("parameter " + name + " given twice");
        }
        put(name, value);
        return this;
    }
}
