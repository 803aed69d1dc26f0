package io.sessionplane.filter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the {@code filter} query parameter of the Horizon REST API and checks every field name, operator
 * and value type against a {@link FieldCatalogue}. Anything it does not understand is a
 * {@link FilterException}: the caller answers 400 and runs no query.
 */
public final class FilterParser {
    /** Bounds that keep a hostile filter from costing more than a normal one. */
    public static final int MAX_LENGTH = 16_384;
    public static final int MAX_DEPTH = 16;
    public static final int MAX_NODES = 256;
    public static final int MAX_VALUE_LENGTH = 1_024;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build());

    private static final Set<Filter.Operator> STRING_OPERATORS = EnumSet.allOf(Filter.Operator.class);
    private static final Set<Filter.Operator> EXACT_OPERATORS = EnumSet.of(Filter.Operator.EQUALS,
            Filter.Operator.NOT_EQUALS);

    private final FieldCatalogue catalogue;
    private int nodes;

    private FilterParser(FieldCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Parses a filter; a null or blank text means "no filter" and yields null. */
    public static Filter parse(String json, FieldCatalogue catalogue) {
        if (json == null || json.isBlank()) {
            return null;
        }
        if (json.length() > MAX_LENGTH) {
            throw new FilterException("filter is longer than " + MAX_LENGTH + " characters");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new FilterException("filter is not valid JSON: " + e.getOriginalMessage());
        }
        return new FilterParser(catalogue).node(root, 1);
    }

    private Filter node(JsonNode node, int depth) {
        if (node == null || !node.isObject()) {
            throw new FilterException("each filter must be a JSON object with a \"type\"");
        }
        if (depth > MAX_DEPTH) {
            throw new FilterException("filter is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (++nodes > MAX_NODES) {
            throw new FilterException("filter has more than " + MAX_NODES + " conditions");
        }
        String type = text(node, "type");
        return switch (type) {
            case "And" -> new Filter.And(children(node, depth));
            case "Or" -> new Filter.Or(children(node, depth));
            case "Not" -> {
                JsonNode inner = node.get("filter");
                if (inner == null || inner.isNull()) {
                    throw new FilterException("a Not filter needs a \"filter\"");
                }
                yield new Filter.Not(node(inner, depth + 1));
            }
            case "Between" -> between(node);
            default -> comparison(type, node);
        };
    }

    private List<Filter> children(JsonNode node, int depth) {
        JsonNode filters = node.get("filters");
        if (filters == null || !filters.isArray() || filters.isEmpty()) {
            throw new FilterException("an " + node.get("type").asText() + " filter needs a non-empty \"filters\" array");
        }
        List<Filter> children = new ArrayList<>(filters.size());
        for (JsonNode child : filters) {
            children.add(node(child, depth + 1));
        }
        return children;
    }

    private Filter comparison(String type, JsonNode node) {
        Filter.Operator operator = null;
        for (Filter.Operator candidate : Filter.Operator.values()) {
            if (candidate.wireName().equals(type)) {
                operator = candidate;
            }
        }
        if (operator == null) {
            throw new FilterException("unknown filter type \"" + type
                    + "\"; expected And, Or, Not, Equals, NotEquals, Contains, StartsWith, EndsWith or Between");
        }
        FieldSpec field = field(node);
        if (!node.has("value")) {
            throw new FilterException("filter on \"" + field.name() + "\" needs a \"value\"");
        }
        JsonNode value = node.get("value");
        Set<Filter.Operator> allowed = switch (field.type()) {
            case STRING -> STRING_OPERATORS;
            case ENUM, LONG, BOOLEAN -> EXACT_OPERATORS;
            case STRING_ARRAY -> EnumSet.of(Filter.Operator.CONTAINS);
        };
        if (!allowed.contains(operator)) {
            throw new FilterException("\"" + field.name() + "\" does not support " + operator.wireName());
        }
        if (value.isNull()) {
            if (!EXACT_OPERATORS.contains(operator)) {
                throw new FilterException(operator.wireName() + " on \"" + field.name() + "\" needs a non-null value");
            }
            return new Filter.Comparison(operator, field, value);
        }
        checkValue(field, value);
        return new Filter.Comparison(operator, field, value);
    }

    private void checkValue(FieldSpec field, JsonNode value) {
        switch (field.type()) {
            case STRING, STRING_ARRAY -> {
                if (!value.isTextual()) {
                    throw new FilterException("\"" + field.name() + "\" takes a string value");
                }
                if (value.asText().length() > MAX_VALUE_LENGTH) {
                    throw new FilterException("value for \"" + field.name() + "\" is too long");
                }
                if (value.asText().indexOf('\u0000') >= 0) {
                    throw new FilterException("value for \"" + field.name() + "\" contains a NUL character");
                }
            }
            case ENUM -> {
                if (!value.isTextual() || !field.enumValues().contains(value.asText())) {
                    throw new FilterException("\"" + field.name() + "\" takes one of " + field.enumValues().stream()
                            .sorted().toList());
                }
            }
            case LONG -> {
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    throw new FilterException("\"" + field.name() + "\" takes an integer value");
                }
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw new FilterException("\"" + field.name() + "\" takes true or false");
                }
            }
            default -> throw new IllegalStateException(field.type().name());
        }
    }

    private Filter between(JsonNode node) {
        FieldSpec field = field(node);
        if (field.type() != FieldType.LONG) {
            throw new FilterException("\"" + field.name() + "\" does not support Between");
        }
        long from = bound(node, field, "from_value", "fromValue");
        long to = bound(node, field, "to_value", "toValue");
        if (from > to) {
            throw new FilterException("Between on \"" + field.name() + "\" has from_value greater than to_value");
        }
        return new Filter.Between(field, from, to);
    }

    private static long bound(JsonNode node, FieldSpec field, String snake, String camel) {
        JsonNode value = node.has(snake) ? node.get(snake) : node.get(camel);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new FilterException("Between on \"" + field.name() + "\" needs integer from_value and to_value");
        }
        return value.asLong();
    }

    private FieldSpec field(JsonNode node) {
        String name = text(node, "name");
        return catalogue.field(name).orElseThrow(() -> new FilterException(
                "unknown filter field \"" + name + "\"; filterable fields are " + catalogue.names()));
    }

    private static String text(JsonNode node, String property) {
        JsonNode value = node.get(property);
        if (value == null || !value.isTextual()) {
            throw new FilterException("filter needs a string \"" + property + "\"");
        }
        return value.asText();
    }
}
