package io.sessionplane.examples;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a consumer of session.events.v1 keeps to read it safely: the event ids seen (to drop a repeat, e.g. after a
 * rebalance or with read_uncommitted) and each session's last sequence (to tell a gap from a quiet session).
 */
public final class Timeline {
    /** What to do with an offered event. */
    public enum Verdict { NEW, DUPLICATE }

    /** The verdict, and a gap or reorder to report when there is one. */
    public record Result(Verdict verdict, Optional<String> warning) {
    }

    private final Map<String, Boolean> seenIds;
    private final Map<String, Long> lastSequence = new HashMap<>();

    /** @param rememberedIds how many event ids to remember; the oldest are forgotten first */
    public Timeline(int rememberedIds) {
        // Bounded: a long-running consumer must not grow without limit; repeats arrive close to the original.
        this.seenIds = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > rememberedIds;
            }
        };
    }

    public Result offer(String eventId, String sessionId, long sequence) {
        if (seenIds.putIfAbsent(eventId, Boolean.TRUE) != null) {
            return new Result(Verdict.DUPLICATE, Optional.empty());
        }
        Long last = lastSequence.get(sessionId);
        String warning = null;
        if (last != null && sequence > last + 1) {
            warning = "gap in session " + sessionId + ": sequence " + (last + 1)
                    + (sequence - 1 > last + 1 ? "-" + (sequence - 1) : "") + " missing (got " + sequence + " after "
                    + last + ")";
        } else if (last != null && sequence <= last) {
            warning = "session " + sessionId + ": sequence " + sequence + " after " + last
                    + " with a new event id (out of order)";
        }
        if (last == null || sequence > last) {
            lastSequence.put(sessionId, sequence);
        }
        return new Result(Verdict.NEW, Optional.ofNullable(warning));
    }
}
