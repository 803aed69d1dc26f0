package io.sessionplane.filter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The allow-list of fields of one resource; anything else in a filter or sort is refused. */
public final class FieldCatalogue {
    private final Map<String, FieldSpec> fields;

    private FieldCatalogue(Map<String, FieldSpec> fields) {
        this.fields = fields;
    }

    public static FieldCatalogue of(FieldSpec... specs) {
        Map<String, FieldSpec> map = new LinkedHashMap<>();
        for (FieldSpec spec : specs) {
            if (map.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException("duplicate field " + spec.name());
            }
        }
        return new FieldCatalogue(Map.copyOf(map));
    }

    public Optional<FieldSpec> field(String name) {
        return Optional.ofNullable(name).map(fields::get);
    }

    /** For error messages: the names a client may use. */
    public String names() {
        return fields.keySet().stream().sorted().collect(Collectors.joining(", "));
    }

    public String sortableNames() {
        return fields.values().stream().filter(FieldSpec::sortable).map(FieldSpec::name).sorted()
                .collect(Collectors.joining(", "));
    }
}
