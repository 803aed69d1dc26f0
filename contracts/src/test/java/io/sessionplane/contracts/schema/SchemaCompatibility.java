package io.sessionplane.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a schema with its published previous version under the v1 rule: it may only gain optional properties
 * (and enum values). Anything a consumer written against the old version could trip over is reported: a property
 * removed, a type changed, a property made required, an enum narrowed, a constant or constraint changed,
 * additionalProperties closed, a reference redirected, a definition removed, a new combined constraint.
 */
final class SchemaCompatibility {
    /** Keywords that narrow the values allowed when added or changed (removing one only widens). */
    private static final List<String> CONSTRAINTS = List.of("const", "format", "pattern", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "multipleOf");

    private SchemaCompatibility() {
    }

    /** Every incompatibility of {@code current} with {@code baseline}, with where it is; empty when compatible. */
    static List<String> problems(JsonNode baseline, JsonNode current) {
        List<String> problems = new ArrayList<>();
        compare(baseline, current, "", problems);
        return problems;
    }

    private static void compare(JsonNode old, JsonNode now, String at, List<String> problems) {
        String where = at.isEmpty() ? "/" : at;
        if (!old.path("type").equals(now.path("type")) && !widens(old.path("type"), now.path("type"))) {
            problems.add(where + ": type changed from " + old.path("type") + " to " + now.path("type"));
        }
        if (old.has("enum")) {
            Set<String> removed = texts(old.path("enum"));
            removed.removeAll(texts(now.path("enum")));
            if (now.has("enum") && !removed.isEmpty()) {
                problems.add(where + ": enum narrowed, values removed: " + removed);
            }
        } else if (now.has("enum")) {
            problems.add(where + ": enum added " + now.path("enum"));
        }
        for (String keyword : CONSTRAINTS) {
            if (now.has(keyword) && !now.path(keyword).equals(old.path(keyword))) {
                problems.add(where + ": " + keyword + " changed from " + old.path(keyword) + " to " + now.path(keyword));
            }
        }
        if (!old.path("$ref").equals(now.path("$ref"))) {
            problems.add(where + ": $ref changed from " + old.path("$ref") + " to " + now.path("$ref"));
        }
        Set<String> added = texts(now.path("required"));
        added.removeAll(texts(old.path("required")));
        if (!added.isEmpty()) {
            problems.add(where + ": properties made required: " + added);
        }
        if (open(old.get("additionalProperties")) && !open(now.get("additionalProperties"))) {
            problems.add(where + ": additionalProperties closed (" + now.get("additionalProperties") + ")");
        }
        children(old.path("properties"), now.path("properties"), at + "/properties", "property", problems);
        children(old.path("$defs"), now.path("$defs"), at + "/$defs", "definition", problems);
        for (String single : List.of("items", "if", "then", "else", "not")) {
            if (old.has(single) && now.has(single)) {
                compare(old.get(single), now.get(single), at + "/" + single, problems);
            } else if (now.has(single) && !single.equals("else")) {
                problems.add(where + ": " + single + " added");
            }
        }
        for (String combined : List.of("allOf", "anyOf", "oneOf")) {
            JsonNode before = old.path(combined);
            JsonNode after = now.path(combined);
            for (int i = 0; i < after.size(); i++) {
                if (i < before.size()) {
                    compare(before.get(i), after.get(i), at + "/" + combined + "/" + i, problems);
                } else {
                    problems.add(where + ": " + combined + "/" + i + " added (a new constraint)");
                }
            }
        }
    }

    private static void children(JsonNode old, JsonNode now, String at, String what, List<String> problems) {
        for (Iterator<String> names = old.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!now.has(name)) {
                problems.add(at + "/" + name + ": " + what + " removed");
            } else {
                compare(old.get(name), now.get(name), at + "/" + name, problems);
            }
        }
    }

    /** A type list that still holds every old type accepts everything the old one did. */
    private static boolean widens(JsonNode old, JsonNode now) {
        if (now.isMissingNode()) {
            return true;
        }
        if (old.isMissingNode()) {
            return false;
        }
        Set<String> before = old.isArray() ? texts(old) : Set.of(old.asText());
        Set<String> after = now.isArray() ? texts(now) : Set.of(now.asText());
        return after.containsAll(before);
    }

    /** Absent or true lets unknown properties through; false or a schema restricts them. */
    private static boolean open(JsonNode additionalProperties) {
        return additionalProperties == null || additionalProperties.isBoolean() && additionalProperties.booleanValue();
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
