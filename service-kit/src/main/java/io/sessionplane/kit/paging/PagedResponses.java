package io.sessionplane.kit.paging;

import io.sessionplane.filter.PageRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Horizon list responses: a bare JSON array, and {@code HAS_MORE_RECORDS: TRUE} when another page exists. */
public final class PagedResponses {
    private PagedResponses() {
    }

    /** @param fetched rows fetched with {@link PageRequest#fetchSize()}, i.e. possibly one more than the page */
    public static <T> Response of(List<T> fetched, PageRequest page) {
        return paged(shown(fetched, page), fetched.size() > page.size(), null);
    }

    /**
     * The same response from elements that are JSON already (e.g. documents PostgreSQL renders): the array is
     * joined, not serialised again.
     *
     * @param fetched JSON documents fetched with {@link PageRequest#fetchSize()}
     */
    public static Response ofJson(List<String> fetched, PageRequest page) {
        return paged("[" + String.join(",", shown(fetched, page)) + "]", fetched.size() > page.size(),
                MediaType.APPLICATION_JSON_TYPE);
    }

    private static <T> List<T> shown(List<T> fetched, PageRequest page) {
        return fetched.size() > page.size() ? fetched.subList(0, page.size()) : fetched;
    }

    private static Response paged(Object body, boolean more, MediaType type) {
        Response.ResponseBuilder response = Response.ok(body, type);
        if (more) {
            response.header(PageRequest.HAS_MORE_RECORDS_HEADER, "TRUE");
        }
        return response.build();
    }
}
