package io.sessionplane.kit.json;

/**
 * A request body named a field its type does not have. Thrown by the {@code @JsonAnySetter} of request records that
 * refuse unknown fields instead of ignoring them (the shared mapper ignores them, for the topics' forward
 * compatibility); the error mappers answer it 400 with the field's name.
 */
public final class UnknownFieldException extends IllegalArgumentException {
    private final String field;

    public UnknownFieldException(String field) {
        super("unknown field \"" + field + "\"");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
