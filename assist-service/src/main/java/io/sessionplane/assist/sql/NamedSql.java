package io.sessionplane.assist.sql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement whose parameters are named ({@code #{column}}) instead of numbered: parsed once into PostgreSQL's
 * {@code $n} form and bound by name, so a column list and its values cannot drift apart. A name used twice binds the
 * same {@code $n}; a missing or an unknown name is an error.
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
        return new NamedSql(sql.toString(), List.copyOf(positions.keySet()));
    }

    /** The statement with {@code $n} parameters, for {@code preparedQuery}. */
    public String sql() {
        return sql;
    }

    /** The values in {@code $n} order; every name of the statement must be given (null is a value), and no other. */
    public Tuple bind(Map<String, ?> values) {
        if (!values.keySet().equals(new HashSet<>(names))) {
            throw new IllegalArgumentException("parameters " + values.keySet() + " do not match " + names + " of "
                    + sql);
        }
        return Tuple.from(names.stream().map(values::get).toArray());
    }

    /** Runs the statement once on {@code client} (the pool, or a transaction's connection). */
    public Uni<RowSet<Row>> execute(SqlClient client, Map<String, ?> values) {
        return client.preparedQuery(sql).execute(bind(values));
    }

    /** Runs the statement once per parameter set, as one batch. */
    public Uni<RowSet<Row>> executeBatch(SqlClient client, List<? extends Map<String, ?>> batch) {
        return client.preparedQuery(sql).executeBatch(batch.stream().map(this::bind).toList());
    }
}
