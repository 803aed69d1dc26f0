package io.sessionplane.assist.sql;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL with named parameters ({@code :session_id}, one name may appear several times; {@code ::type} casts are left
 * alone), turned once into PostgreSQL's positional form. Values are bound by name, and a missing or unknown name is
 * an error, so a column list and its values cannot drift apart.
 */
public final class NamedSql {
    private static final Pattern NAME = Pattern.compile("(?<!:):([a-z][a-z0-9_]*)");

    private final String sql;
    private final List<String> names;

    private NamedSql(String sql, List<String> names) {
        this.sql = sql;
        this.names = names;
    }

    public static NamedSql of(String namedSql) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        Matcher matcher = NAME.matcher(namedSql);
        StringBuilder positional = new StringBuilder();
        while (matcher.find()) {
            int position = positions.computeIfAbsent(matcher.group(1), name -> positions.size() + 1);
            matcher.appendReplacement(positional, "\\$" + position);
        }
        matcher.appendTail(positional);
        return new NamedSql(positional.toString(), List.copyOf(positions.keySet()));
    }

    /** The statement with {@code $n} placeholders, for {@code preparedQuery}. */
    public String sql() {
        return sql;
    }

    /** The values in placeholder order; every name of the statement must be given, and no other. */
    public Tuple bind(Params params) {
        if (!params.values.keySet().equals(new HashSet<>(names))) {
            throw new IllegalArgumentException("parameters " + params.values.keySet() + " do not match " + names);
        }
        List<Object> values = new ArrayList<>(names.size());
        names.forEach(name -> values.add(params.values.get(name)));
        return Tuple.from(values);
    }

    public static Params params() {
        return new Params();
    }

    /** Named values (nulls allowed). */
    public static final class Params {
        private final Map<String, Object> values = new HashMap<>();

        private Params() {
        }

        public Params with(String name, Object value) {
            if (values.containsKey(name)) {
                throw new IllegalArgumentException("parameter " + name + " given twice");
            }
            values.put(name, value);
            return this;
        }
    }
}
