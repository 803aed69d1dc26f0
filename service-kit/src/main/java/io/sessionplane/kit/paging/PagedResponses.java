package io.sessionplane.kit.paging;

import io.sessionplane.filter.PageRequest;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Horizon list responses: a bare JSON array, and {@code HAS_MORE_RECORDS: TRUE} when another page exists. */
public final class PagedResponses {
    private PagedResponses() {
    }

    /** @param fetched rows fetched with {@link PageRequest#fetchSize()}, i.e. possibly one more than the page */
    public static <T> Response of(List<T> fetched, PageRequest page) {
        boolean more = fetched.size() > page.size();
        Response.ResponseBuilder response = Response.ok(more ? fetched.subList(0, page.size()) : fetched);
        if (more) {
            response.header(PageRequest.HAS_MORE_RECORDS_HEADER, "TRUE");
        }
        return response.build();
    }
}
