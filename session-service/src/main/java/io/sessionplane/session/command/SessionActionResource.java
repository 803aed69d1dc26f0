package io.sessionplane.session.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.error.HorizonError;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.kit.auth.CurrentCaller;
import io.sessionplane.kit.error.ApiException;
import io.sessionplane.kit.http.RequestDeadline;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Session actions, local ({@code /sessions/action/…}) and global ({@code /global-sessions/action/…}): routing and
 * HTTP mapping only. The whole request is refused (400) only when its body is invalid; otherwise every id gets its
 * own item.
 */
// Same class-level path as the other inventory resources: JAX-RS picks a class first and never backtracks.
@Path("/rest/inventory")
@Authenticated
@Tag(name = "Session actions")
@SecurityRequirement(name = "jwt")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequestDeadline
public class SessionActionResource {
    private static final String DRY_RUN = "true: answer what would happen to each item (200 without a command id: "
            + "would act; otherwise the same status and error as a real call), sending and storing nothing; an "
            + "Idempotency-Key is ignored";

    @Inject
    CommandService commands;

    @Inject
    ActionRequestReader reader;

    @Inject
    IdempotencyProtocol idempotency;

    @Inject
    CurrentCaller currentCaller;

    @POST
    @Path("/v1/sessions/action/{action}")
    @Operation(summary = "Act on sessions", description = "disconnect, logoff (?forced=true logs off locked sessions), "
            + "reset, restart: body is a JSON array of session ids. send-message: body is {message, message_type "
            + "(INFO|WARNING|ERROR), session_ids}. Each item is 200 once its command is acknowledged by Kafka.")
    @RequestBody(content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)))
    @APIResponse(responseCode = "200", description = "One item per session id, in order",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = BulkItemResponseInfo.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different request",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<Response> act(@PathParam("action") String actionName,
            @Parameter(description = "logoff only: also log off locked sessions") @QueryParam("forced") String forced,
            @Parameter(description = "Replays the first answer to the same request for 24 hours")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Parameter(description = DRY_RUN) @QueryParam("dry_run") String dryRun,
            JsonNode body) {
        SessionAction action = action(actionName);
        ActionRequestReader.LocalRequest request = reader.local(action, forced, body);
        Caller caller = currentCaller.get();
        if (reader.dryRun(dryRun)) {
            return commands.dryRun(caller, action, List.of(new CommandService.Target(null, request.ids())),
                    request.options()).map(perTarget -> Response.ok(perTarget.get(0)).build());
        }
        String fingerprint = "local/" + action + "/" + request.options().forced() + "/" + JsonCodec.write(body);
        return idempotency.run(caller, idempotencyKey, fingerprint, commandIds -> commands
                .act(caller, action, List.of(new CommandService.Target(null, request.ids())), request.options(),
                        commandIds)
                .map(perTarget -> answer(perTarget.get(0), perTarget.get(0))));
    }

    @POST
    @Path("/v1/global-sessions/action/{action}")
    @Operation(summary = "Act on global sessions", description = "Body: [{pod_id, ids:[…]}]; send-message: "
            + "{global_session_action_specs:[{pod_id, ids}], message, message_type}. One response per pod.")
    @RequestBody(content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = GlobalSessionActionSpec.class)))
    @APIResponse(responseCode = "200", description = "One response per pod, each with one item per session id",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PodActionResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(schema = @Schema(implementation = HorizonError.class)))
    public Uni<Response> actGlobal(@PathParam("action") String actionName, @QueryParam("forced") String forced,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Parameter(description = DRY_RUN) @QueryParam("dry_run") String dryRun, JsonNode body) {
        SessionAction action = action(actionName);
        ActionRequestReader.GlobalRequest request = reader.global(action, forced, body);
        Caller caller = currentCaller.get();
        if (reader.dryRun(dryRun)) {
            return commands.dryRunGlobal(caller, action, request.specs(), request.options())
                    .map(perPod -> Response.ok(perPod).build());
        }
        String fingerprint = "global/" + action + "/" + request.options().forced() + "/" + JsonCodec.write(body);
        return idempotency.run(caller, idempotencyKey, fingerprint, commandIds -> commands
                .actGlobal(caller, action, request.specs(), request.options(), commandIds)
                .map(perPod -> answer(perPod, perPod.stream().flatMap(pod -> pod.details().stream()).toList())));
    }

    /** Answers that hold an item the broker could not take are not replayed: a retry may still act on it. */
    private static IdempotencyProtocol.Answer answer(Object body, List<BulkItemResponseInfo> items) {
        return new IdempotencyProtocol.Answer(body, items.stream().anyMatch(item -> item.statusCode() == 503));
    }

    private static SessionAction action(String name) {
        return SessionAction.fromPathSegment(name).orElseThrow(() -> ApiException.notFound(ErrorKeys.NOT_FOUND,
                "unknown session action \"" + name + "\"; use " + Arrays.stream(SessionAction.values())
                        .map(SessionAction::pathSegment).collect(Collectors.joining(", "))));
    }
}
