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
        boolean more = fetched.size() > page.size();
        Response.ResponseBuilder response = Response.ok(more ? fetched.subList(0, page.size()) : fetched);
        if (more) {
            response.header(PageRequest.HAS_MORE_RECORDS_HEADER, "TRUE");
        }
        return response.build();
    }

    /**
     * The same response from elements that are JSON already (e.g. documents PostgreSQL renders): the array is
     * joined, not serialised again.
     *
     * @param fetched JSON documents fetched with {@link PageRequest#fetchSize()}
     */
    public static Response ofJson(List<String> fetched, PageRequest page) {
        boolean more = fetched.size() > page.size();
        List<String> shown = more ? fetched.subList(0, page.size()) : fetched;
        int length = 2 + shown.size();
        for (String element : shown) {
            length += element.length();
        }
        StringBuilder body = new StringBuilder(length).append('[');
        for (int i = 0; i < shown.size(); i++) {
            body.append(i == 0 ? "" : ",").append(shown.get(i));
        }
        Response.ResponseBuilder response = Response.ok(body.append(']').toString(), MediaType.APPLICATION_JSON_TYPE);
        if (more) {
            response.header(PageRequest.HAS_MORE_RECORDS_HEADER, "TRUE");
        }
        return response.build();
    }
}
