package io.sessionplane.session.inventory;

import io.quarkus.security.Authenticated;
import io.sessionplane.contracts.auth.Privilege;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.error.HorizonError;
import io.sessionplane.contracts.session.SessionInfo;
import io.sessionplane.contracts.session.SessionSnapshot;
import io.sessionplane.filter.Filter;
import io.sessionplane.filter.FilterParser;
import io.sessionplane.filter.PageRequest;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.kit.auth.CurrentCaller;
import io.sessionplane.kit.auth.ObjectAccess;
import io.sessionplane.kit.error.ApiException;
import io.sessionplane.kit.paging.PagedResponses;
import io.sessionplane.kit.http.RequestDeadline;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Horizon inventory reads: sessions (v1, v2), one session, its SOAP-style summary, and global sessions. */
@Path("/rest/inventory")
@Authenticated
@Tag(name = "Sessions")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@RequestDeadline
public class SessionResource {
    private static final String FILTER_DOC = "URL-encoded JSON filter: {\"type\":\"And|Or\",\"filters\":[…]}, "
            + "{\"type\":\"Not\",\"filter\":…}, {\"type\":\"Equals|NotEquals|Contains|StartsWith|EndsWith\",\"name\":…,"
            + "\"value\":…}, {\"type\":\"Between\",\"name\":…,\"from_value\":…,\"to_value\":…}";

    @Inject
    SessionStore store;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Path("/v1/sessions")
    @Operation(summary = "List Session Info", description = "Sessions the caller may view, filtered, sorted and paged. "
            + "The header HAS_MORE_RECORDS: TRUE says another page exists.")
    @APIResponse(responseCode = "200", headers = @Header(name = "HAS_MORE_RECORDS"),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SessionInfo.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter or paging",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<Response> listV1(@Parameter(description = FILTER_DOC) @QueryParam("filter") String filter,
            @Parameter(description = "Page number, from 1") @QueryParam("page") String page,
            @Parameter(description = "Page size, at most 1000") @QueryParam("size") String size,
            @QueryParam("sort_by") String sortBy,
            @Parameter(description = "ASC or DESC") @QueryParam("order_by") String orderBy) {
        return list(filter, page, size, sortBy, orderBy, false);
    }

    @GET
    @Path("/v2/sessions")
    @Operation(summary = "List Session Info V2", description = "As v1, with each session's guid.")
    @APIResponse(responseCode = "200", headers = @Header(name = "HAS_MORE_RECORDS"),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SessionInfo.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter or paging",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<Response> listV2(@Parameter(description = FILTER_DOC) @QueryParam("filter") String filter,
            @QueryParam("page") String page, @QueryParam("size") String size, @QueryParam("sort_by") String sortBy,
            @QueryParam("order_by") String orderBy) {
        return list(filter, page, size, sortBy, orderBy, true);
    }

    @GET
    @Path("/v1/sessions/{id}")
    @Operation(summary = "Get Session Info")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SessionInfo.class)))
    @APIResponse(responseCode = "403", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<SessionInfo> get(@PathParam("id") String id) {
        return viewable(id).map(session -> session.snapshot().session().withoutGuid());
    }

    @GET
    @Path("/v1/sessions/{id}/local-summary")
    @Operation(summary = "Get a session's local summary view",
            description = "The SOAP SessionLocalSummaryView (names, references, session data) of one session.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SessionLocalSummaryView.class)))
    @APIResponse(responseCode = "403", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<SessionLocalSummaryView> localSummary(@PathParam("id") String id) {
        return viewable(id).map(session -> SessionLocalSummaryView.of(session.snapshot()));
    }

    @GET
    @Path("/v1/global-sessions")
    @Operation(summary = "Query Global Sessions", description = "Sessions across the pod federation for exactly one "
            + "of user_id, pod_id or brokering_pod_id.")
    @APIResponse(responseCode = "200", headers = @Header(name = "HAS_MORE_RECORDS"),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = GlobalSessionInfo.class)))
    @APIResponse(responseCode = "400", description = "Not exactly one of user_id, pod_id, brokering_pod_id",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<Response> globalSessions(@QueryParam("user_id") String userId, @QueryParam("pod_id") String podId,
            @QueryParam("brokering_pod_id") String brokeringPodId, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Map<String, String> scope = new LinkedHashMap<>();
        putIfPresent(scope, "user_id", userId);
        putIfPresent(scope, "pod_id", podId);
        putIfPresent(scope, "brokering_pod_id", brokeringPodId);
        if (scope.size() != 1) {
            throw new ApiException(400, ErrorKeys.INVALID_ARGUMENT,
                    "exactly one of user_id, pod_id and brokering_pod_id is required");
        }
        return viewablePage(null, scope, PageRequest.parse(page, size, null, null, SessionFields.CATALOGUE),
                snapshot -> new GlobalSessionInfo(snapshot.session(), snapshot.podId(), snapshot.brokeringPodId()));
    }

    private Uni<Response> list(String filterJson, String page, String size, String sortBy, String orderBy,
            boolean withGuid) {
        Filter filter = FilterParser.parse(filterJson, SessionFields.CATALOGUE);
        PageRequest paging = PageRequest.parse(page, size, sortBy, orderBy, SessionFields.CATALOGUE);
        Caller caller = currentCaller.get();
        return store.listSessionInfoJson(caller.accessGroupsWith(Caller.VIEW_PRIVILEGES),
                        caller.holdsFederated(Privilege.FEDERATED_SESSIONS_VIEW), filter, paging, withGuid)
                .map(sessions -> PagedResponses.ofJson(sessions, paging));
    }

    /** One page of the sessions the caller may view, each shown through {@code view}. */
    private <T> Uni<Response> viewablePage(Filter filter, Map<String, String> scope, PageRequest paging,
            Function<SessionSnapshot, T> view) {
        Caller caller = currentCaller.get();
        return store.list(caller.accessGroupsWith(Caller.VIEW_PRIVILEGES),
                        caller.holdsFederated(Privilege.FEDERATED_SESSIONS_VIEW), filter, scope, paging)
                .map(rows -> PagedResponses.of(rows.stream().map(row -> view.apply(row.snapshot())).toList(), paging));
    }

    private Uni<StoredSession> viewable(String id) {
        Caller caller = currentCaller.get();
        return store.find(id).map(found -> ObjectAccess.requireViewable(caller, found,
                () -> ApiException.notFound(ErrorKeys.SESSION_NOT_FOUND, "session " + id + " not found"),
                "no view privilege on the access group of session " + id));
    }

    private static void putIfPresent(Map<String, String> scope, String column, String value) {
        if (value != null && !value.isBlank()) {
            scope.put(column, value);
        }
    }
}
