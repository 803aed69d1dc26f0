package io.sessionplane.session.feed;

import io.sessionplane.contracts.error.ErrorKeys;
import io.sessionplane.kit.error.ApiException;
import java.util.Arrays;

/**
 * A client's full position in session.events.v1: for every partition, the offset of the next record it has not yet
 * seen. Written as {@code v1.} and the offsets in base 36 joined by dots (partition 0 first), e.g. {@code v1.2s.0.1b}.
 * A position vector rather than one offset because events of six partitions interleave differently on every
 * instance: any instance can resume any cursor, and a record is delivered exactly when its offset is at or past the
 * client's position on its partition.
 */
final class FeedCursor {
    static final String PREFIX = "v1.";
    /** Bounds what a client can make us parse; no topic of ours has anywhere near this many partitions. */
    private static final int MAX_PARTITIONS = 1024;

    private final long[] next;

    private FeedCursor(long[] next) {
        this.next = next;
    }

    static FeedCursor of(long[] next) {
        return new FeedCursor(next.clone());
    }

    /**
     * Reads a cursor; a cursor with fewer partitions than the topic starts the missing ones at 0 (they were added
     * later), extra ones are ignored.
     */
    static FeedCursor parse(String text, int partitions) {
        if (text == null || !text.startsWith(PREFIX) || text.length() > PREFIX.length() + MAX_PARTITIONS * 14) {
            throw invalid();
        }
        String[] parts = text.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length > MAX_PARTITIONS) {
            throw invalid();
        }
        long[] next = new long[partitions];
        for (int p = 0; p < parts.length; p++) {
            long offset;
            try {
                offset = Long.parseLong(parts[p], 36);
            } catch (NumberFormatException e) {
                throw invalid();
            }
            if (offset < 0) {
                throw invalid();
            }
            if (p < partitions) {
                next[p] = offset;
            }
        }
        return new FeedCursor(next);
    }

    private static ApiException invalid() {
        return new ApiException(400, ErrorKeys.INVALID_ARGUMENT,
                "Last-Event-ID is not a cursor of this feed (v1.<base-36 offset per partition, joined by dots>)");
    }

    int partitions() {
        return next.length;
    }

    long next(int partition) {
        return next[partition];
    }

    long[] toArray() {
        return next.clone();
    }

    /** Encodes the given position (the running position of a stream, which changes after every record). */
    static String encode(long[] next) {
        StringBuilder text = new StringBuilder(PREFIX.length() + next.length * 5).append(PREFIX);
        for (int p = 0; p < next.length; p++) {
            if (p > 0) {
                text.append('.');
            }
            text.append(Long.toString(next[p], 36));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return encode(next);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeedCursor cursor && Arrays.equals(next, cursor.next);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(next);
    }
}
