package io.sessionplane.session.feed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The most recent records of session.events.v1 on this instance, in the order the tailer read them, numbered by a
 * sequence that only grows. Every stream reads it at its own sequence, so a pending event costs one shared slot, not
 * one copy per client. One writer (the tailer); readers do not lock: a slot carries its sequence, so a reader tells
 * an evicted slot from the one it wanted.
 */
final class FeedRing {
    /** What {@link #get} answers for a sequence already evicted. */
    static final FeedEntry EVICTED = new FeedEntry(-1, -1, null, null);

    private record Slot(long seq, FeedEntry entry) {
    }

    /** Where a stream starts reading: the sequence and its position there. */
    record Attachment(long seq, long[] position) {
    }

    private final int capacity;
    private final AtomicReferenceArray<Slot> slots;
    private final Set<FeedStream> live = new LinkedHashSet<>();
    private volatile long firstSeq;
    private volatile long nextSeq;
    /** Per partition: the ring holds every record at or past this position (up to {@link #tail}). */
    private long[] start;
    /** Per partition: the position the tailer has read to. */
    private long[] tail;

    FeedRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("sessionplane.feed.ring-size must be at least 1");
        }
        this.capacity = capacity;
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    /** The tailer starts (or restarts) reading at {@code position}; what the ring held stays valid. */
    synchronized void begin(long[] position) {
        if (tail == null || tail.length != position.length) {
            start = position.clone();
            tail = position.clone();
        } else {
            // A restarted tailer resumes where it stopped, so nothing between the two runs is missing.
            tail = position.clone();
        }
    }

    synchronized boolean ready() {
        return tail != null;
    }

    synchronized int partitions() {
        return tail == null ? 0 : tail.length;
    }

    synchronized long[] tail() {
        return tail.clone();
    }

    int capacity() {
        return capacity;
    }

    long nextSeq() {
        return nextSeq;
    }

    long size() {
        return nextSeq - firstSeq;
    }

    /**
     * Appends what one poll returned and the tailer's position after it; returns the streams to wake. A full ring
     * evicts its oldest records, and {@link #start} moves past them.
     */
    synchronized List<FeedStream> append(List<FeedEntry> entries, long[] positionAfter) {
        for (FeedEntry entry : entries) {
            long seq = nextSeq;
            if (seq - firstSeq == capacity) {
                Slot oldest = slots.get((int) (firstSeq % capacity));
                start[oldest.entry().partition()] = Math.max(start[oldest.entry().partition()],
                        oldest.entry().offset() + 1);
                firstSeq = firstSeq + 1;
            }
            slots.set((int) (seq % capacity), new Slot(seq, entry));
            nextSeq = seq + 1;
        }
        for (int p = 0; p < tail.length && p < positionAfter.length; p++) {
            tail[p] = Math.max(tail[p], positionAfter[p]);
        }
        return entries.isEmpty() ? List.of() : new ArrayList<>(live);
    }

    /** The record at {@code seq}; null when not yet written, {@link #EVICTED} when already gone. */
    FeedEntry get(long seq) {
        if (seq >= nextSeq) {
            return null;
        }
        Slot slot = slots.get((int) (seq % capacity));
        return slot == null || slot.seq() != seq ? EVICTED : slot.entry();
    }

    /**
     * Lets a stream read live from {@code position} (null: from now). Refused (null) when the ring no longer holds
     * every record at or past the position, or when more than {@code maxPending} records would wait for the stream:
     * it then catches up from Kafka first. Under the append lock, so no record falls between the two.
     */
    synchronized Attachment attach(FeedStream stream, long[] position, int maxPending) {
        if (tail == null) {
            return null;
        }
        if (position == null) {
            live.add(stream);
            return new Attachment(nextSeq, tail.clone());
        }
        if (position.length != start.length) {
            return null;
        }
        for (int p = 0; p < start.length; p++) {
            if (position[p] < start[p]) {
                return null;
            }
        }
        long seq = nextSeq;
        for (long s = firstSeq; s < nextSeq; s++) {
            FeedEntry entry = slots.get((int) (s % capacity)).entry();
            if (entry.offset() >= position[entry.partition()]) {
                seq = s;
                break;
            }
        }
        if (nextSeq - seq > maxPending) {
            return null;
        }
        live.add(stream);
        return new Attachment(seq, position.clone());
    }

    synchronized void detach(FeedStream stream) {
        live.remove(stream);
    }

    @Override
    public synchronized String toString() {
        return "FeedRing[" + firstSeq + ".." + nextSeq + ", start=" + Arrays.toString(start) + ", tail="
                + Arrays.toString(tail) + "]";
    }
}
