package io.sessionplane.session.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.sessionplane.contracts.command.MessageType;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.kit.error.ApiException;
import io.sessionplane.kit.error.RequestValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;

/**
 * Turns an action request's body into its typed record by the action's {@link SessionAction.RequestShape}, validated
 * with Bean Validation (violations become the Horizon 400 body through service-kit's mapper), and then into what
 * {@link CommandService} acts on.
 */
@ApplicationScoped
public class ActionRequestReader {
    private static final TypeReference<List<String>> SESSION_IDS = new TypeReference<>() {
    };
    private static final TypeReference<List<GlobalSessionActionSpec>> POD_ENTRIES = new TypeReference<>() {
    };

    @Inject
    RequestValidator validator;

    /** A local request: its session ids and options. */
    public record LocalRequest(List<String> ids, CommandOptions options) {
    }

    /** A global request: its pod entries and options. */
    public record GlobalRequest(List<GlobalSessionActionSpec> specs, CommandOptions options) {
    }

    public LocalRequest local(SessionAction action, String forced, JsonNode body) {
        return switch (action.requestShape()) {
            case SESSION_IDS, SESSION_IDS_FORCED -> new LocalRequest(
                    valid(new SessionIdsRequest(read(body, SESSION_IDS, "session ids (strings)"))).ids(),
                    forcedOption(action, forced));
            case MESSAGE -> {
                forcedOption(action, forced);
                SendMessageSpec spec = valid(read(body, SendMessageSpec.class));
                yield new LocalRequest(spec.sessionIds(), messageOptions(spec.message(), spec.messageType()));
            }
        };
    }

    public GlobalRequest global(SessionAction action, String forced, JsonNode body) {
        GlobalRequest request = switch (action.requestShape()) {
            case SESSION_IDS, SESSION_IDS_FORCED -> new GlobalRequest(
                    valid(new GlobalSessionIdsRequest(read(body, POD_ENTRIES, "{pod_id, ids} objects"))).specs(),
                    forcedOption(action, forced));
            case MESSAGE -> {
                forcedOption(action, forced);
                GlobalSendMessageSpec spec = valid(read(body, GlobalSendMessageSpec.class));
                yield new GlobalRequest(spec.globalSessionActionSpecs(),
                        messageOptions(spec.message(), spec.messageType()));
            }
        };
        int total = request.specs().stream().mapToInt(spec -> spec.ids().size()).sum();
        if (total > ActionLimits.MAX_IDS) {
            throw ApiException.badRequest("at most " + ActionLimits.MAX_IDS + " session ids per request");
        }
        return request;
    }

    private <T> T valid(T request) {
        return validator.valid(request);
    }

    private static <T> T read(JsonNode body, Class<T> type) {
        requirePresent(body);
        try {
            return JsonCodec.mapper().treeToValue(body, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ApiException(400, ErrorKeys.INVALID_JSON, "the body does not have the documented shape");
        }
    }

    private static <T> T read(JsonNode body, TypeReference<T> type, String elements) {
        requirePresent(body);
        try {
            return JsonCodec.mapper().treeToValue(body, JsonCodec.mapper().constructType(type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ApiException(400, ErrorKeys.INVALID_JSON, "the body must be a JSON array of " + elements);
        }
    }

    private static void requirePresent(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new ApiException(400, ErrorKeys.INVALID_JSON, "a JSON request body is required");
        }
    }

    /**
     * Only logoff takes {@code forced}; elsewhere a malformed value or {@code true} is refused, so a caller never
     * believes an action forced that was not. {@code false} is harmless and accepted (Horizon clients may send it);
     * a job, SessionPlane's own API, refuses {@code forced} on other actions whatever its value.
     */
    private static CommandOptions forcedOption(SessionAction action, String forced) {
        return switch (action.requestShape()) {
            case SESSION_IDS_FORCED -> new CommandOptions(bool("forced", forced), null, null);
            case SESSION_IDS, MESSAGE -> {
                if (bool("forced", forced)) {
                    throw ApiException.badRequest("forced applies to logoff only");
                }
                yield new CommandOptions(null, null, null);
            }
        };
    }

    private static CommandOptions messageOptions(String message, String type) {
        return new CommandOptions(null, message, MessageType.parse(type));
    }

    /** The {@code dry_run} query parameter: absent is false; anything but true/false is 400. */
    public boolean dryRun(String value) {
        return bool("dry_run", value);
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
}
