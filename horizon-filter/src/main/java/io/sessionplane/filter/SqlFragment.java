package io.sessionplane.filter;

import java.util.List;

/**
 * A piece of SQL with PostgreSQL positional placeholders ({@code $1}, {@code $2} …) and the values to bind
 * to them, in order. Values are always bound, never spliced into the text.
 */
public record SqlFragment(String sql, List<Object> params) {

    public static final SqlFragment TRUE = new SqlFragment("TRUE", List.of());

    public SqlFragment {
        params = List.copyOf(params);
    }
}
