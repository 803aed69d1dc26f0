package io.sessionplane.session.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.sessionplane.contracts.command.MessageType;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.error.HorizonError;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.kit.auth.Caller;
import io.sessionplane.kit.auth.CurrentCaller;
import io.sessionplane.kit.error.ApiException;
import io.sessionplane.session.inventory.SessionStore;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Session actions, local ({@code /sessions/action/…}) and global ({@code /global-sessions/action/…}). The whole
 * request is refused (400) only when its body is invalid; otherwise every id gets its own item.
 */
// Same class-level path as the other inventory resources: JAX-RS picks a class first and never backtracks.
@Path("/rest/inventory")
@Authenticated
@Tag(name = "Session actions")
@SecurityRequirement(name = "jwt")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SessionActionResource {
    private static final Logger LOG = Logger.getLogger(SessionActionResource.class);
    private static final String ACTIONS = "disconnect, logoff, reset, restart or send-message";
    public static final int MAX_MESSAGE_LENGTH = 1024;

    @Inject
    CommandService commands;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    SessionStore sessions;

    @Inject
    CurrentCaller currentCaller;

    @ConfigProperty(name = "sessionplane.pod-id")
    String localPodId;

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
            JsonNode body) {
        SessionAction action = action(actionName);
        CommandOptions options;
        List<String> ids;
        if (action == SessionAction.SEND_MESSAGE) {
            SendMessageSpec spec = parse(body, SendMessageSpec.class);
            options = messageOptions(spec.message(), spec.messageType());
            ids = sessionIds(spec.sessionIds(), "session_ids");
        } else {
            options = forcedOption(action, forced);
            ids = sessionIds(Arrays.asList(parse(body, String[].class)), "body");
        }
        Caller caller = currentCaller.get();
        String fingerprint = "local/" + action + "/" + options.forced() + "/" + JsonCodec.write(body);
        return idempotent(caller, idempotencyKey, fingerprint, commandIds -> commands
                .act(caller, action, List.of(new CommandService.Target(null, ids)), options, commandIds)
                .map(perTarget -> Outcome.of(perTarget.get(0), perTarget.get(0))));
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
            @HeaderParam("Idempotency-Key") String idempotencyKey, JsonNode body) {
        SessionAction action = action(actionName);
        CommandOptions options;
        List<GlobalSessionActionSpec> specs;
        if (action == SessionAction.SEND_MESSAGE) {
            GlobalSendMessageSpec spec = parse(body, GlobalSendMessageSpec.class);
            options = messageOptions(spec.message(), spec.messageType());
            specs = spec.globalSessionActionSpecs();
        } else {
            options = forcedOption(action, forced);
            // Arrays.asList, not List.of: a null entry must reach the checks below rather than throw.
            specs = Arrays.asList(parse(body, GlobalSessionActionSpec[].class));
        }
        if (specs == null || specs.isEmpty()) {
            throw ApiException.badRequest("at least one {pod_id, ids} entry is required");
        }
        int total = 0;
        for (GlobalSessionActionSpec spec : specs) {
            if (spec == null || spec.podId() == null || spec.podId().isBlank()) {
                throw ApiException.badRequest("every entry needs a pod_id");
            }
            total += sessionIds(spec.ids(), "ids of pod " + spec.podId()).size();
        }
        if (total > CommandService.MAX_IDS) {
            throw ApiException.badRequest("at most " + CommandService.MAX_IDS + " session ids per request");
        }
        Caller caller = currentCaller.get();
        String fingerprint = "global/" + action + "/" + options.forced() + "/" + JsonCodec.write(body);
        List<String> requestedPods = specs.stream().map(GlobalSessionActionSpec::podId).toList();
        return idempotent(caller, idempotencyKey, fingerprint, commandIds -> sessions.knownPods(requestedPods).chain(known -> {
            Set<String> pods = new TreeSet<>(known);
            pods.add(localPodId);
            List<CommandService.Target> targets = specs.stream().filter(spec -> pods.contains(spec.podId()))
                    .map(spec -> new CommandService.Target(spec.podId(), spec.ids())).toList();
            return commands.act(caller, action, targets, options, commandIds).map(perTarget -> {
                Iterator<List<BulkItemResponseInfo>> items = perTarget.iterator();
                List<PodActionResponse> responses = new ArrayList<>();
                for (GlobalSessionActionSpec spec : specs) {
                    responses.add(pods.contains(spec.podId())
                            ? new PodActionResponse(spec.podId(), 200, List.of(), items.next())
                            : new PodActionResponse(spec.podId(), 404, List.of(new HorizonError(
                                    ErrorKeys.POD_NOT_FOUND, "pod " + spec.podId() + " is not known")), List.of()));
                }
                return Outcome.of(responses, perTarget.stream().flatMap(List::stream).toList());
            });
        }));
    }

    /** The body of a 200 answer, and whether some item could not be made durable (such answers are not replayed). */
    private record Outcome(Object body, boolean incomplete) {
        static Outcome of(Object body, List<BulkItemResponseInfo> items) {
            return new Outcome(body, items.stream().anyMatch(item -> item.statusCode() == 503));
        }
    }

    private Uni<Response> idempotent(Caller caller, String key, String fingerprint,
            Function<Function<String, String>, Uni<Outcome>> work) {
        if (key == null) {
            return work.apply(id -> UUID.randomUUID().toString()).map(outcome -> Response.ok(outcome.body()).build());
        }
        if (key.isBlank() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ApiException.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        String hash = sha256(fingerprint);
        // The same key and request always yields the same command ids, so even a retry after a crash between the
        // broker's ack and the stored answer cannot make an agent act twice (agents dedupe by command id).
        Function<String, String> commandIds = sessionId -> UUID.nameUUIDFromBytes((caller.name() + "\n" + key + "\n"
                + hash + "\n" + sessionId).getBytes(StandardCharsets.UTF_8)).toString();
        return idempotency.claim(caller.name(), key, hash).chain(claim -> {
            if (claim instanceof IdempotencyStore.Claim.Replay replay) {
                return Uni.createFrom().item(Response.status(replay.status()).entity(replay.body())
                        .type(MediaType.APPLICATION_JSON_TYPE).header("Idempotent-Replayed", "true").build());
            }
            if (claim instanceof IdempotencyStore.Claim.Mismatch) {
                return Uni.createFrom().failure(new ApiException(422, ErrorKeys.IDEMPOTENCY_KEY_REUSED,
                        "Idempotency-Key " + key + " was already used with a different request"));
            }
            if (claim instanceof IdempotencyStore.Claim.InProgress) {
                return Uni.createFrom().failure(new ApiException(409, ErrorKeys.IDEMPOTENCY_IN_PROGRESS,
                        "a request with Idempotency-Key " + key + " is still being processed"));
            }
            return work.apply(commandIds)
                    .onFailure().call(() -> idempotency.release(caller.name(), key))
                    .chain(outcome -> (outcome.incomplete() ? idempotency.release(caller.name(), key)
                            : idempotency.complete(caller.name(), key, 200, JsonCodec.write(outcome.body())))
                            .onFailure().invoke(e -> LOG.warnf("idempotency record for %s not stored: %s", key, e))
                            .onFailure().recoverWithNull()
                            .replaceWith(Response.ok(outcome.body()).build()));
        });
    }

    private static SessionAction action(String name) {
        return SessionAction.fromPathSegment(name).orElseThrow(() -> ApiException.notFound(ErrorKeys.NOT_FOUND,
                "unknown session action \"" + name + "\"; use " + ACTIONS));
    }

    private static <T> T parse(JsonNode body, Class<T> type) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new ApiException(400, ErrorKeys.INVALID_JSON, "a JSON request body is required");
        }
        try {
            return JsonCodec.mapper().treeToValue(body, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ApiException(400, ErrorKeys.INVALID_JSON, type.isArray()
                    ? "the body must be a JSON array of " + (type == String[].class ? "session ids (strings)"
                            : "{pod_id, ids} objects")
                    : "the body does not have the documented shape");
        }
    }

    private static List<String> sessionIds(List<String> ids, String where) {
        if (ids == null || ids.isEmpty()) {
            throw ApiException.badRequest(where + " must list at least one session id");
        }
        if (ids.size() > CommandService.MAX_IDS) {
            throw ApiException.badRequest("at most " + CommandService.MAX_IDS + " session ids per request");
        }
        for (String id : ids) {
            if (id == null || id.isBlank() || id.length() > 256 || id.indexOf('\u0000') >= 0) {
                throw ApiException.badRequest(where + " contains an empty, overlong or malformed session id");
            }
        }
        return ids;
    }

    /** Options of disconnect, logoff, reset and restart: only logoff takes {@code forced}. */
    private static CommandOptions forcedOption(SessionAction action, String forced) {
        return new CommandOptions(action == SessionAction.LOGOFF ? bool("forced", forced) : null, null, null);
    }

    private static CommandOptions messageOptions(String message, String type) {
        if (message == null || message.isBlank()) {
            throw ApiException.badRequest("message must not be empty");
        }
        if (message.length() > MAX_MESSAGE_LENGTH) {
            throw ApiException.badRequest("message is longer than " + MAX_MESSAGE_LENGTH + " characters");
        }
        if (message.indexOf('\u0000') >= 0) {
            throw ApiException.badRequest("message must not contain NUL characters");
        }
        MessageType messageType = MessageType.parse(type);
        if (messageType == null) {
            throw ApiException.badRequest("message_type must be INFO, WARNING or ERROR");
        }
        return new CommandOptions(null, message, messageType);
    }

    private static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name + " must be true or false");
        };
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
