package io.sessionplane.filter;

import java.util.Locale;

/**
 * Horizon paging and sorting: {@code page} from 1, {@code size} up to 1000, {@code sort_by} from the
 * catalogue's sortable fields, {@code order_by} ASC or DESC. One row more than the page is fetched to set
 * the {@code HAS_MORE_RECORDS} header without a count query.
 */
public record PageRequest(int page, int size, FieldSpec sortField, boolean descending) {
    public static final int MAX_SIZE = 1000;
    /**
     * The deepest row a page may start at: an OFFSET makes the database walk every row before it, so deeper pages
     * would let one request force an unbounded scan. Beyond it, narrow the filter (or sort and filter by time).
     */
    public static final long MAX_OFFSET = 100_000;
    public static final int DEFAULT_SIZE = 1000;
    public static final String HAS_MORE_RECORDS_HEADER = "HAS_MORE_RECORDS";

    /** Parses the raw query parameters (strings, so that "abc" is a 400 rather than a JAX-RS 404). */
    public static PageRequest parse(String page, String size, String sortBy, String orderBy, FieldCatalogue catalogue) {
        int pageNumber = positive("page", page, 1, Integer.MAX_VALUE / MAX_SIZE);
        int pageSize = positive("size", size, DEFAULT_SIZE, MAX_SIZE);
        if ((long) (pageNumber - 1) * pageSize > MAX_OFFSET) {
            throw new FilterException("page " + pageNumber + " of size " + pageSize + " starts beyond row " + MAX_OFFSET
                    + ", the deepest a page may start; narrow the filter instead");
        }
        FieldSpec sortField = null;
        if (sortBy != null && !sortBy.isBlank()) {
            sortField = catalogue.field(sortBy.trim()).filter(FieldSpec::sortable)
                    .orElseThrow(() -> new FilterException("cannot sort by \"" + sortBy + "\"; sortable fields are "
                            + catalogue.sortableNames()));
        }
        boolean descending = false;
        if (orderBy != null && !orderBy.isBlank()) {
            switch (orderBy.trim().toUpperCase(Locale.ROOT)) {
                case "ASC" -> descending = false;
                case "DESC" -> descending = true;
                default -> throw new FilterException("order_by must be ASC or DESC");
            }
        }
        return new PageRequest(pageNumber, pageSize, sortField, descending);
    }

    private static int positive(String name, String raw, int defaultValue, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new FilterException(name + " must be an integer");
        }
        if (value < 1) {
            throw new FilterException(name + " must be at least 1");
        }
        if (value > max) {
            throw new FilterException(name + " must be at most " + max);
        }
        return value;
    }

    public long offset() {
        return (long) (page - 1) * size;
    }

    /** LIMIT to use: one extra row tells whether another page exists. */
    public int fetchSize() {
        return size + 1;
    }

    /**
     * ORDER BY clause: the requested field (nulls last when ascending, as PostgreSQL does) then the
     * unique tie-breaker so pages never overlap or skip rows.
     */
    public String orderBy(String tieBreakerColumn) {
        String direction = descending ? "DESC" : "ASC";
        if (sortField == null) {
            return "ORDER BY " + tieBreakerColumn + " " + direction;
        }
        return "ORDER BY " + sortField.column() + " " + direction + ", " + tieBreakerColumn + " " + direction;
    }
}
