package io.sessionplane.session.feed;

import io.quarkus.security.Authenticated;
import io.sessionplane.contracts.error.HorizonError;
import io.sessionplane.kit.auth.CurrentCaller;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The live feed: session.events.v1 as Server-Sent Events, for the events the caller may view. */
@Path("/rest/inventory/v1/session-events")
@Authenticated
@Tag(name = "Session events")
@SecurityRequirement(name = "jwt")
public class SessionEventResource {

    @Inject
    SessionEventFeed feed;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    JsonWebToken token;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @NonBlocking
    @Operation(summary = "Stream session events", description = "Server-Sent Events of session.events.v1 for the "
            + "sessions the caller may view (access group and federated view privileges), from now or from the cursor "
            + "in Last-Event-ID. Each message: id = resumable cursor, event = the kind (LIFECYCLE, ACTION_REQUESTED, "
            + "ACTION_OUTCOME, REMOTE_ASSISTANCE), data = the SessionEvent JSON. Comment lines are heartbeats. A slow "
            + "client gets `event: overflow`, an expired token or a shutdown `event: closed`, each with the cursor to "
            + "resume from; then the stream ends. Send the Bearer token in Authorization (fetch streaming); there is "
            + "no query-string credential.")
    @APIResponse(responseCode = "200", description = "text/event-stream")
    @APIResponse(responseCode = "400", description = "Invalid filter or cursor",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "429", description = "Too many streams for this operator or instance",
            headers = @Header(name = "Retry-After"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "503", description = "The feed is not connected to Kafka yet, too many streams "
            + "are catching up, or this instance is stopping", headers = @Header(name = "Retry-After"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HorizonError.class)))
    public void stream(
            @Parameter(description = "Only this session's events") @QueryParam("session_id") String sessionId,
            @Parameter(description = "Horizon filter JSON over the event's fields: id/session_id, access_group_id, "
                    + "user_id, user_name, machine_id, machine_name, machine_dns_name, desktop_pool_name, "
                    + "application_pool_name, pod_id, federated, session_state, kind, event_type, severity, time, "
                    + "sequence, command_id, action, requested_by, status, share_space_id, job_id")
            @QueryParam("filter") String filter,
            @Parameter(description = "The id of the last message received: resume right after it")
            @HeaderParam("Last-Event-ID") String lastEventId,
            @Context HttpServerResponse response, @Context SseEventSink sink, @Context Sse sse) {
        var opener = new FeedStream.Opener(currentCaller.get().name(), token.getTokenID(),
                token.getExpirationTime() * 1000);
        feed.open(currentCaller.get(), opener, blankToNull(sessionId), filter, lastEventId, response, sink, sse);
        // Proxies that honour it (NGINX) pass the stream unbuffered even where the route buffers; nothing caches it.
        response.putHeader("X-Accel-Buffering", "no").putHeader("Cache-Control", "no-store");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
