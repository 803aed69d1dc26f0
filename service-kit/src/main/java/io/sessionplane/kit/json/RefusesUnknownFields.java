package io.sessionplane.kit.json;

import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * A request record that refuses a field it does not have instead of ignoring it (the shared mapper ignores unknown
 * fields, for the topics' forward compatibility): a misspelt field must not silently change what a request does.
 */
public interface RefusesUnknownFields {
    @JsonAnySetter
    default void refuseUnknown(String name, Object value) {
        throw new UnknownFieldException(name);
    }
}
