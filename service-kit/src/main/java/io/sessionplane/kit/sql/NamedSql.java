package io.sessionplane.kit.sql;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement whose parameters are named ({@code #{column}}) instead of numbered: parsed once into PostgreSQL's
 * {@code $n} form, bound from a map by name, so a long column list cannot drift out of order. A name used twice
 * binds the same {@code $n}.
 */
public final class NamedSql {
    private static final Pattern PARAMETER = Pattern.compile("#\\{([a-z_][a-z0-9_]*)}");

    private final String sql;
    private final List<String> names;

    private NamedSql(String sql, List<String> names) {
        this.sql = sql;
        this.names = List.copyOf(names);
    }

    public static NamedSql of(String template) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        Matcher matcher = PARAMETER.matcher(template);
        StringBuilder sql = new StringBuilder();
        while (matcher.find()) {
            int position = positions.computeIfAbsent(matcher.group(1), name -> positions.size() + 1);
            matcher.appendReplacement(sql, "\\$" + position);
        }
        matcher.appendTail(sql);
        return new NamedSql(sql.toString(), new ArrayList<>(positions.keySet()));
    }

    /** The statement with {@code $n} parameters, for {@code preparedQuery}. */
    public String sql() {
        return sql;
    }

    /** The parameters in {@code $n} order; every name must be present in {@code values} (null is a value). */
    public Tuple bind(Map<String, ?> values) {
        Object[] bound = new Object[names.size()];
        for (int i = 0; i < bound.length; i++) {
            String name = names.get(i);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("no value for parameter " + name + " of " + sql);
            }
            bound[i] = values.get(name);
        }
        return Tuple.from(bound);
    }
}
