package io.sessionplane.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** Compiles a validated {@link Filter} to a PostgreSQL boolean expression with bound parameters. */
public final class SqlFilterCompiler {
    private final List<Object> params = new ArrayList<>();
    private final int firstIndex;

    private SqlFilterCompiler(int firstIndex) {
        this.firstIndex = firstIndex;
    }

    /**
     * @param filter     a parsed filter, or null for none
     * @param firstIndex the number of the first placeholder to use ({@code $firstIndex})
     */
    public static SqlFragment compile(Filter filter, int firstIndex) {
        if (filter == null) {
            return SqlFragment.TRUE;
        }
        SqlFilterCompiler compiler = new SqlFilterCompiler(firstIndex);
        String sql = compiler.expression(filter);
        return new SqlFragment(sql, compiler.params);
    }

    private String expression(Filter filter) {
        if (filter instanceof Filter.And and) {
            return join(and.filters(), " AND ");
        }
        if (filter instanceof Filter.Or or) {
            return join(or.filters(), " OR ");
        }
        if (filter instanceof Filter.Not not) {
            // NULL inside NOT would drop the row either way; Horizon's Not keeps rows the inner filter misses.
            return "NOT COALESCE((" + expression(not.filter()) + "), FALSE)";
        }
        if (filter instanceof Filter.Between between) {
            return "(" + between.field().column() + " BETWEEN " + bind(between.from()) + " AND "
                    + bind(between.to()) + ")";
        }
        return comparison((Filter.Comparison) filter);
    }

    private String join(List<Filter> filters, String operator) {
        StringJoiner joiner = new StringJoiner(operator, "(", ")");
        for (Filter child : filters) {
            joiner.add(expression(child));
        }
        return joiner.toString();
    }

    private String comparison(Filter.Comparison comparison) {
        FieldSpec field = comparison.field();
        String column = field.column();
        JsonNode value = comparison.value();
        if (value.isNull()) {
            return comparison.operator() == Filter.Operator.EQUALS ? "(" + column + " IS NULL)"
                    : "(" + column + " IS NOT NULL)";
        }
        return switch (comparison.operator()) {
            case EQUALS -> "(" + column + " = " + bind(scalar(field, value)) + ")";
            // Horizon's NotEquals keeps rows where the field is unset.
            case NOT_EQUALS -> "(" + column + " IS DISTINCT FROM " + bind(scalar(field, value)) + ")";
            case CONTAINS -> field.type() == FieldType.STRING_ARRAY
                    ? "(" + bind(value.asText()) + " = ANY(" + column + "))"
                    : "(" + column + " ILIKE " + bind("%" + escapeLike(value.asText()) + "%") + ")";
            case STARTS_WITH -> "(" + column + " ILIKE " + bind(escapeLike(value.asText()) + "%") + ")";
            case ENDS_WITH -> "(" + column + " ILIKE " + bind("%" + escapeLike(value.asText())) + ")";
        };
    }

    private static Object scalar(FieldSpec field, JsonNode value) {
        return switch (field.type()) {
            case LONG -> value.asLong();
            case BOOLEAN -> value.asBoolean();
            default -> value.asText();
        };
    }

    private String bind(Object value) {
        params.add(value);
        return "$" + (firstIndex + params.size() - 1);
    }

    /** LIKE treats % and _ as wildcards and \ as the escape character; a client's value means itself. */
    static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
