package io.sessionplane.session.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionplane.contracts.event.SessionEvent;
import io.sessionplane.filter.Filter;
import io.sessionplane.filter.FilterParser;
import java.util.Locale;

/**
 * Evaluates a parsed Horizon filter against one event in memory, with the session list's SQL semantics
 * ({@code SqlFilterCompiler}): Contains/StartsWith/EndsWith ignore case, Equals is exact, NotEquals also matches an
 * absent field, Equals null matches an absent one, and a comparison on an absent field is false (inside Not too, as
 * {@code NOT COALESCE(…, FALSE)} makes it) — two-valued logic gives the same answers as SQL's three values there.
 */
final class EventFilter {
    private EventFilter() {
    }

    /** Parses {@code filter} against the feed's fields; 400 {@code common.invalid.filter} when it does not fit. */
    static Filter parse(String json) {
        return FilterParser.parse(json, EventFields.CATALOGUE);
    }

    static boolean matches(Filter filter, SessionEvent event) {
        if (filter == null) {
            return true;
        }
        if (filter instanceof Filter.And and) {
            for (Filter child : and.filters()) {
                if (!matches(child, event)) {
                    return false;
                }
            }
            return true;
        }
        if (filter instanceof Filter.Or or) {
            for (Filter child : or.filters()) {
                if (matches(child, event)) {
                    return true;
                }
            }
            return false;
        }
        if (filter instanceof Filter.Not not) {
            return !matches(not.filter(), event);
        }
        if (filter instanceof Filter.Between between) {
            Object value = value(between.field().name(), event);
            return value instanceof Number number && number.longValue() >= between.from()
                    && number.longValue() <= between.to();
        }
        return comparison((Filter.Comparison) filter, event);
    }

    private static boolean comparison(Filter.Comparison comparison, SessionEvent event) {
        Object value = value(comparison.field().name(), event);
        JsonNode wanted = comparison.value();
        if (wanted.isNull()) {
            return comparison.operator() == Filter.Operator.EQUALS ? value == null : value != null;
        }
        if (value == null) {
            return comparison.operator() == Filter.Operator.NOT_EQUALS;
        }
        String actual = value instanceof Enum<?> constant ? constant.name() : value.toString();
        String expected = wanted.asText();
        switch (comparison.operator()) {
            case EQUALS:
                return actual.equals(expected);
            case NOT_EQUALS:
                return !actual.equals(expected);
            case CONTAINS:
                return lower(actual).contains(lower(expected));
            case STARTS_WITH:
                return lower(actual).startsWith(lower(expected));
            case ENDS_WITH:
                return lower(actual).endsWith(lower(expected));
            default:
                throw new IllegalStateException(comparison.operator().name());
        }
    }

    private static Object value(String field, SessionEvent event) {
        return EventFields.VALUES.get(field).apply(event);
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
