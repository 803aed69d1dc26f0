package io.sessionplane.session.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.contracts.command.MessageType;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.contracts.json.JsonCodec;
import io.sessionplane.filter.FilterException;
import io.sessionplane.filter.FilterParser;
import io.sessionplane.kit.error.ApiException;
import io.sessionplane.session.command.ActionLimits;
import io.sessionplane.session.inventory.SessionFields;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A job as it is stored and run: the request checked and normalised. Every bad field is a 400 with the Horizon body
 * before anything is stored.
 *
 * @param target   exactly one of a filter (its JSON, checked against the session fields), session ids, or per-pod ids
 * @param runAt    epoch ms of the action (now when not given or in the past)
 * @param warnings earliest first
 */
public record JobDefinition(SessionAction action, Boolean forced, String message, MessageType messageType,
        Target target, Integer rate, boolean previewOnly, long runAt, List<Warning> warnings,
        boolean includeLaterSessions, UndeliveredPolicy undeliveredWarnings) {

    /** Most sessions a list target may name (a filter target is not capped). */
    public static final int MAX_LISTED_IDS = 100_000;
    public static final int MAX_WARNINGS = 10;
    public static final int MAX_RATE = 10_000;
    static final Duration MAX_LEAD = Duration.ofDays(30);
    static final Duration MAX_WARNING_LEAD = Duration.ofDays(7);
    /** How far in the past a warning's time may be (the request's own transit). */
    static final long PAST_TOLERANCE_MILLIS = 5_000;

    /** What to do with a session whose warning could not be delivered. */
    public enum UndeliveredPolicy {
        ACT_ANYWAY,
        SKIP
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String filter, List<String> sessionIds, List<PodTarget> global) {
    }

    /**
     * One pod's sessions of a global target, as stored: read back leniently (a field a later version adds must not
     * make an older replica's runner fail the job), unlike the request, which refuses unknown fields.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PodTarget(String podId, List<String> ids) {
    }

    /** A warning {@code beforeMillis} before the action. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Warning(long beforeMillis, String message, MessageType messageType) {
    }

    /** Checks a request; {@code now} (epoch ms) anchors run_at. */
    public static JobDefinition of(SessionJobRequest request, long now) {
        if (request == null) {
            throw new ApiException(400, ErrorKeys.INVALID_JSON, "a JSON request body is required");
        }
        SessionAction action = SessionAction.fromPathSegment(String.valueOf(request.action())).orElseThrow(() ->
                ApiException.badRequest("action must be one of disconnect, logoff, reset, restart, send-message"));
        if (request.forced() != null && action != SessionAction.LOGOFF) {
            throw ApiException.badRequest("forced applies to logoff only");
        }
        String message = null;
        MessageType messageType = null;
        if (action == SessionAction.SEND_MESSAGE) {
            message = text(request.message(), "message");
            messageType = messageType(request.messageType(), "message_type");
        } else if (request.message() != null || request.messageType() != null) {
            throw ApiException.badRequest("message and message_type apply to send-message only (warnings carry their"
                    + " own)");
        }
        Integer rate = request.rate();
        if (rate != null && (rate < 1 || rate > MAX_RATE)) {
            throw ApiException.badRequest("rate must be between 1 and " + MAX_RATE + " commands a second");
        }
        long runAt = runAt(request.runAt(), now);
        boolean previewOnly = Boolean.TRUE.equals(request.previewOnly());
        List<Warning> warnings = warnings(request.warnings());
        if (previewOnly && !warnings.isEmpty()) {
            throw ApiException.badRequest("a preview-only job sends nothing: it takes no warnings");
        }
        UndeliveredPolicy policy = UndeliveredPolicy.ACT_ANYWAY;
        if (request.undeliveredWarnings() != null) {
            try {
                policy = UndeliveredPolicy.valueOf(request.undeliveredWarnings().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("undelivered_warnings must be ACT_ANYWAY or SKIP");
            }
        }
        for (Warning warning : warnings) {
            // A warning already past would go out late and out of order: the operator picks a later run_at instead.
            if (runAt - warning.beforeMillis() < now - PAST_TOLERANCE_MILLIS) {
                throw ApiException.badRequest("the warning " + Duration.ofMillis(warning.beforeMillis())
                        + " before run_at would have been due at " + Instant.ofEpochMilli(runAt - warning
                        .beforeMillis()) + ", already past; choose a later run_at");
            }
        }
        return new JobDefinition(action, action == SessionAction.LOGOFF ? Boolean.TRUE.equals(request.forced())
                : null, message, messageType, target(request.target()), rate, previewOnly, runAt, warnings,
                Boolean.TRUE.equals(request.includeLaterSessions()), policy);
    }

    /** When warning {@code index} is due (epoch ms). */
    public long warningAt(int index) {
        return runAt - warnings.get(index).beforeMillis();
    }

    /** When step {@code step} is due: warnings first, then the action. */
    public long stepAt(int step) {
        return step < warnings.size() ? warningAt(step) : runAt;
    }

    private static Target target(SessionJobRequest.Target target) {
        if (target == null) {
            throw ApiException.badRequest("target is required: a filter, session_ids or global");
        }
        int given = (target.filter() == null || target.filter().isNull() ? 0 : 1)
                + (target.sessionIds() == null ? 0 : 1) + (target.global() == null ? 0 : 1);
        if (given != 1) {
            throw ApiException.badRequest("target must have exactly one of filter, session_ids and global");
        }
        if (target.filter() != null && !target.filter().isNull()) {
            String filter = JsonCodec.write(target.filter());
            try {
                FilterParser.parse(filter, SessionFields.CATALOGUE);
            } catch (FilterException e) {
                throw new ApiException(400, ErrorKeys.INVALID_FILTER, e.getMessage());
            }
            return new Target(filter, null, null);
        }
        if (target.sessionIds() != null) {
            return new Target(null, ids(target.sessionIds()), null);
        }
        List<PodTarget> pods = new ArrayList<>();
        int total = 0;
        for (SessionJobRequest.PodIds entry : target.global()) {
            if (entry == null || entry.podId() == null || entry.podId().isBlank() || entry.ids() == null) {
                throw ApiException.badRequest("each global entry needs pod_id and ids");
            }
            List<String> ids = ids(entry.ids());
            total += ids.size();
            pods.add(new PodTarget(entry.podId().trim(), ids));
        }
        if (pods.isEmpty() || total > MAX_LISTED_IDS) {
            throw ApiException.badRequest("global needs between 1 and " + MAX_LISTED_IDS + " session ids in all");
        }
        return new Target(null, null, pods);
    }

    private static List<String> ids(List<String> ids) {
        if (ids.isEmpty() || ids.size() > MAX_LISTED_IDS) {
            throw ApiException.badRequest("session_ids needs between 1 and " + MAX_LISTED_IDS + " ids");
        }
        List<String> checked = new ArrayList<>(ids.size());
        for (String id : ids) {
            if (id == null || id.isBlank() || id.length() > 256 || id.indexOf('\0') >= 0) {
                throw ApiException.badRequest("a session id is empty, longer than 256 characters or not text");
            }
            checked.add(id.trim());
        }
        return List.copyOf(new java.util.LinkedHashSet<>(checked));
    }

    private static long runAt(String runAt, long now) {
        if (runAt == null || runAt.isBlank()) {
            return now;
        }
        long at;
        try {
            at = Instant.parse(runAt.trim()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("run_at must be an ISO-8601 instant, e.g. 2026-12-06T18:00:00Z");
        }
        if (at > now + MAX_LEAD.toMillis()) {
            throw ApiException.badRequest("run_at is more than " + MAX_LEAD.toDays() + " days ahead");
        }
        return Math.max(at, now);
    }

    private static List<Warning> warnings(List<SessionJobRequest.Warning> requested) {
        if (requested == null) {
            return List.of();
        }
        if (requested.size() > MAX_WARNINGS) {
            throw ApiException.badRequest("at most " + MAX_WARNINGS + " warnings");
        }
        List<Warning> warnings = new ArrayList<>();
        for (SessionJobRequest.Warning warning : requested) {
            if (warning == null || warning.before() == null) {
                throw ApiException.badRequest("each warning needs before (an ISO-8601 duration such as PT15M)");
            }
            Duration before;
            try {
                before = Duration.parse(warning.before().trim());
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("warning before must be an ISO-8601 duration such as PT15M");
            }
            if (before.isNegative() || before.isZero() || before.compareTo(MAX_WARNING_LEAD) > 0) {
                throw ApiException.badRequest("a warning comes between 1 second and " + MAX_WARNING_LEAD.toDays()
                        + " days before the action");
            }
            warnings.add(new Warning(before.toMillis(), text(warning.message(), "warning message"),
                    messageType(warning.messageType() == null ? "WARNING" : warning.messageType(),
                            "warning message_type")));
        }
        warnings.sort(Comparator.comparingLong(Warning::beforeMillis).reversed());
        for (int i = 1; i < warnings.size(); i++) {
            if (warnings.get(i).beforeMillis() == warnings.get(i - 1).beforeMillis()) {
                throw ApiException.badRequest("two warnings at the same time before the action");
            }
        }
        return List.copyOf(warnings);
    }

    private static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(name + " must not be empty");
        }
        if (value.length() > ActionLimits.MAX_MESSAGE_LENGTH || value.indexOf('\0') >= 0) {
            throw ApiException.badRequest(name + " is longer than " + ActionLimits.MAX_MESSAGE_LENGTH
                    + " characters or contains NUL");
        }
        return value;
    }

    private static MessageType messageType(String value, String name) {
        MessageType type = MessageType.parse(value == null ? null : value.trim());
        if (type == null) {
            throw ApiException.badRequest(name + " must be INFO, WARNING or ERROR");
        }
        return type;
    }
}
