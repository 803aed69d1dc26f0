package io.sessionplane.filter;

/** How a filterable field is stored, which decides the operators and JSON value types it accepts. */
public enum FieldType {
    STRING, ENUM, LONG, BOOLEAN, STRING_ARRAY
}
