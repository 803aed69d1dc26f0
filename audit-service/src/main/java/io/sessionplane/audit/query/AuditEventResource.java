package io.sessionplane.audit.query;

import io.quarkus.security.Authenticated;
import io.sessionplane.audit.AuditConfig;
import io.sessionplane.contracts.auth.Privilege;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.error.HorizonError;
import io.sessionplane.filter.FilterParser;
import io.sessionplane.filter.PageRequest;
import io.sessionplane.kit.auth.CurrentCaller;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Horizon {@code /rest/external/v1/audit-events}. */
@Path("/rest/external/v1/audit-events")
@Authenticated
@Tag(name = "Audit events")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@RequestDeadline
public class AuditEventResource {

    @Inject
    AuditReadStore store;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    AuditConfig config;

    @GET
    @Operation(summary = "List Audit Events", description = "Newest first by default. Filter on any summary field "
            + "(Between on time), and on session_id, command_id or share_space_id to see everything one action caused. "
            + "Only records of access groups on which the caller holds the audit privilege.")
    @APIResponse(responseCode = "200", headers = @Header(name = "HAS_MORE_RECORDS"),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AuditEventSummary.class)))
    @APIResponse(responseCode = "400", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "403", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<Response> list(@Parameter(description = "URL-encoded Horizon filter JSON") @QueryParam("filter") String filter,
            @QueryParam("page") String page, @QueryParam("size") String size, @QueryParam("sort_by") String sortBy,
            @QueryParam("order_by") String orderBy) {
        AuditVisibility visibility = visibility();
        PageRequest paging = PageRequest.parse(page, size, sortBy, orderBy, AuditFields.CATALOGUE);
        return store.list(visibility, FilterParser.parse(filter, AuditFields.CATALOGUE), paging)
                .map(events -> PagedResponses.of(events, paging));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get Audit Event", description = "One record, with the event payload as received; 404 unless "
            + "the caller may read the record's access group.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AuditEventSummary.class)))
    @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<AuditEventSummary> get(@PathParam("id") String id) {
        AuditVisibility visibility = visibility();
        long numeric;
        try {
            numeric = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound(ErrorKeys.AUDIT_EVENT_NOT_FOUND, "audit event " + id + " not found");
        }
        return store.find(visibility, numeric).map(found -> found.orElseThrow(() -> ApiException.notFound(
                ErrorKeys.AUDIT_EVENT_NOT_FOUND, "audit event " + id + " not found")));
    }

    /**
     * The records this caller may read, each decided by its own access group in the query; 403 only when the caller
     * holds the audit privilege on no group at all (then every record would be hidden).
     */
    private AuditVisibility visibility() {
        Privilege readPrivilege = config.readPrivilege();
        AuditVisibility visibility = AuditVisibility.of(currentCaller.get(), readPrivilege, config.rootAccessGroup());
        if (visibility.nothing()) {
            throw ApiException.forbidden("reading audit events needs " + readPrivilege);
        }
        return visibility;
    }
}
