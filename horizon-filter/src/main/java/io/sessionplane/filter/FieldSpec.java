package io.sessionplane.filter;

import java.util.Set;

/**
 * One field clients may filter or sort on.
 *
 * @param name       the public (snake_case) name
 * @param column     trusted SQL expression for the column; never built from client input
 * @param type       storage type
 * @param sortable   may be used in {@code sort_by}
 * @param enumValues allowed values for {@link FieldType#ENUM}
 */
public record FieldSpec(String name, String column, FieldType type, boolean sortable, Set<String> enumValues) {

    public static FieldSpec string(String name, String column, boolean sortable) {
        return new FieldSpec(name, column, FieldType.STRING, sortable, Set.of());
    }

    public static FieldSpec number(String name, String column, boolean sortable) {
        return new FieldSpec(name, column, FieldType.LONG, sortable, Set.of());
    }

    public static FieldSpec bool(String name, String column, boolean sortable) {
        return new FieldSpec(name, column, FieldType.BOOLEAN, sortable, Set.of());
    }

    public static FieldSpec stringArray(String name, String column) {
        return new FieldSpec(name, column, FieldType.STRING_ARRAY, false, Set.of());
    }

    public static <E extends Enum<E>> FieldSpec enumeration(String name, String column, boolean sortable,
            Class<E> values) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (E value : values.getEnumConstants()) {
            names.add(value.name());
        }
        return new FieldSpec(name, column, FieldType.ENUM, sortable, Set.copyOf(names));
    }
}
