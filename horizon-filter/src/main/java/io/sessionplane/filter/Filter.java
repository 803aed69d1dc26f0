package io.sessionplane.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A parsed and validated Horizon filter. */
public sealed interface Filter {

    /** The comparison operators of the Horizon grammar. */
    enum Operator {
        EQUALS("Equals"), NOT_EQUALS("NotEquals"), CONTAINS("Contains"), STARTS_WITH("StartsWith"),
        ENDS_WITH("EndsWith");

        private final String wireName;

        Operator(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    record And(List<Filter> filters) implements Filter {
    }

    record Or(List<Filter> filters) implements Filter {
    }

    record Not(Filter filter) implements Filter {
    }

    /** {@code value} is a JSON scalar already checked against the field's type (or JSON null). */
    record Comparison(Operator operator, FieldSpec field, JsonNode value) implements Filter {
    }

    record Between(FieldSpec field, long from, long to) implements Filter {
    }
}
