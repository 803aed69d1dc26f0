package io.sessionplane.session.job;

import io.quarkus.security.Authenticated;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.error.HorizonError;
import io.sessionplane.filter.Filter;
import io.sessionplane.filter.FilterParser;
import io.sessionplane.filter.PageRequest;
import io.sessionplane.kit.paging.PagedResponses;
import io.sessionplane.kit.auth.CurrentCaller;
import io.sessionplane.kit.error.ApiException;
import io.sessionplane.kit.http.RequestDeadline;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Session jobs: an action on a filter or a list of sessions, tracked, optionally scheduled with warnings. */
@Path("/rest/inventory/v1/session-jobs")
@Authenticated
@Tag(name = "Session jobs")
@SecurityRequirement(name = "jwt")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequestDeadline
public class SessionJobResource {

    @Inject
    JobService jobs;

    @Inject
    CurrentCaller currentCaller;

    @POST
    @Operation(summary = "Create a session job", description = "An action (disconnect, logoff, reset, restart, "
            + "send-message) on a target (a Horizon filter, session_ids, or global [{pod_id, ids}]), optionally at a "
            + "rate, at run_at with warnings before it, or as a preview only. Answered 202 with the job; its steps run "
            + "in the background, each session decided with the creator's privileges at that time.")
    @APIResponse(responseCode = "202", description = "The job; with Idempotent-Replayed: true when an earlier request "
            + "with the same Idempotency-Key created it", headers = {@Header(name = "Location"),
            @Header(name = "Idempotent-Replayed")},
            content = @Content(schema = @Schema(implementation = SessionJobView.class)))
    @APIResponse(responseCode = "400", description = "Invalid job",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "403", description = "The creator holds the action's privilege nowhere",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "413", description = "The body is larger than 8 MB",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key used before with a different job",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    // A job body may be 8 MB (100,000 ids): reading it into objects and hashing it is tens of milliseconds of CPU, which
    // a worker thread does so the event loop keeps serving other requests; the job's statements still run reactively.
    @Blocking
    public Uni<Response> create(@Parameter(description = "The same request with the same key finds the job it created "
            + "(202, Idempotent-Replayed: true) instead of creating another") @HeaderParam("Idempotency-Key")
            String idempotencyKey, SessionJobRequest request) {
        return jobs.create(currentCaller.get(), request, idempotencyKey).map(created -> {
            Response.ResponseBuilder answer = Response.accepted(created.view())
                    .header("Location", "/rest/inventory/v1/session-jobs/" + created.view().id());
            return (created.replayed() ? answer.header("Idempotent-Replayed", "true") : answer).build();
        });
    }

    @GET
    @Operation(summary = "List session jobs", description = "Newest first unless sorted: the caller's own, and every "
            + "job of the actions the caller may take everywhere. filter: Horizon filter JSON on id, state, action, "
            + "created_by, preview_only, created_at, run_at, finished_at (epoch ms); page, size, sort_by, order_by and "
            + "HAS_MORE_RECORDS as for every list.")
    @APIResponse(responseCode = "200", headers = @Header(name = "HAS_MORE_RECORDS"), content = @Content(schema =
            @Schema(type = SchemaType.ARRAY, implementation = SessionJobView.class)))
    @APIResponse(responseCode = "400", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<Response> list(@Parameter(description = "URL-encoded Horizon filter JSON") @QueryParam("filter")
            String filter, @QueryParam("page") String page, @QueryParam("size") String size,
            @QueryParam("sort_by") String sortBy, @QueryParam("order_by") String orderBy) {
        PageRequest paging = PageRequest.parse(page, size, sortBy, orderBy, JobFields.JOBS);
        Filter parsed = FilterParser.parse(filter, JobFields.JOBS);
        return jobs.list(currentCaller.get(), parsed, paging).map(views -> PagedResponses.of(views, paging));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a session job", description = "Its definition, state and counts (targeted, accepted, "
            + "succeeded, failed, refused, skipped). 404 for a job the caller may not see.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SessionJobView.class)))
    @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<SessionJobView> get(@PathParam("id") String id) {
        return jobs.get(currentCaller.get(), uuid(id));
    }

    @GET
    @Path("/{id}/sessions")
    @Operation(summary = "The sessions of a session job", description = "Each session's result (state, its command "
            + "and that command's status, why it was refused or skipped), the sessions the caller may view, by "
            + "session id unless sorted. filter: Horizon filter JSON on session_id, state, pod_id, command_id, "
            + "command_status, status_code, error_key, warning_undelivered, updated_at; paging as for every list.")
    @APIResponse(responseCode = "200", headers = @Header(name = "HAS_MORE_RECORDS"), content = @Content(schema =
            @Schema(type = SchemaType.ARRAY, implementation = JobItemView.class)))
    @APIResponse(responseCode = "400", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<Response> sessions(@PathParam("id") String id, @Parameter(description = "URL-encoded Horizon filter "
            + "JSON") @QueryParam("filter") String filter, @QueryParam("page") String page,
            @QueryParam("size") String size, @QueryParam("sort_by") String sortBy,
            @QueryParam("order_by") String orderBy) {
        UUID job = uuid(id);
        PageRequest paging = PageRequest.parse(page, size, sortBy, orderBy, JobFields.SESSIONS);
        Filter parsed = FilterParser.parse(filter, JobFields.SESSIONS);
        return jobs.sessions(currentCaller.get(), job, parsed, paging).map(items -> PagedResponses.of(items,
                paging));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a session job", description = "What has not been sent is not sent; answers the job. "
            + "409 when it has already ended.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SessionJobView.class)))
    @APIResponse(responseCode = "404", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "409", content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<SessionJobView> cancel(@PathParam("id") String id) {
        return jobs.cancel(currentCaller.get(), uuid(id));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(ErrorKeys.JOB_NOT_FOUND, "no such session job that you may see");
        }
    }

}
