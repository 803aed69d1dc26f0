package io.sessionplane.session.monitor;

import io.quarkus.security.Authenticated;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.kit.auth.CurrentCaller;
import io.sessionplane.kit.http.RequestDeadline;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Horizon's Monitor API: session metrics, counted over what the caller may view. */
@Path("/rest/monitor/v1/sessions/metrics")
@Authenticated
@Tag(name = "Monitor")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@RequestDeadline
public class SessionMetricsResource {

    @Inject
    SessionMetricsStore store;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Operation(summary = "Get Session Metrics", description = "Summary of local session metrics: by kind (desktop, RDS "
            + "desktop, application) and state (active = connected and not idle, idle, disconnected, pending), client "
            + "type, gateway location and protocol; only sessions of access groups where the caller holds MACHINE_VIEW "
            + "or POOL_VIEW are counted (all zeros without one).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SessionMetrics.class)))
    public Uni<SessionMetrics> metrics() {
        Caller caller = currentCaller.get();
        return store.metrics(caller.accessGroupsWith(Caller.VIEW_PRIVILEGES));
    }
}
