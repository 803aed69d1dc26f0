package io.sessionplane.session.feed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The seek path: one stream whose cursor is older than the ring reads session.events.v1 from its cursor with a
 * short-lived consumer of its own, one poll at a time and no faster than the client takes them, until the ring holds
 * its position; then it reads the ring like every other stream. The stream's own rule (deliver a record only at or
 * past its position) makes the switch free of gaps and repeats.
 */
final class EventReplay implements Runnable {
    private static final Logger LOG = Logger.getLogger(EventReplay.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final EventRecords records;
    private final FeedRing ring;
    private final FeedStream stream;
    private final long[] from;
    private final int maxPending;
    private final Runnable done;

    EventReplay(EventRecords records, FeedRing ring, FeedStream stream, long[] from, int maxPending, Runnable done) {
        this.records = records;
        this.ring = ring;
        this.stream = stream;
        this.from = from;
        this.maxPending = maxPending;
        this.done = done;
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, String> consumer = records.consumer("replay", Math.max(1, maxPending))) {
            List<TopicPartition> partitions = EventRecords.assignAll(consumer);
            Map<TopicPartition, Long> earliest = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> latest = consumer.endOffsets(partitions);
            for (int p = 0; p < partitions.size(); p++) {
                TopicPartition partition = partitions.get(p);
                long position = p < from.length ? from[p] : 0;
                if (position < earliest.get(partition)) {
                    LOG.infof("a cursor is older than the retention of %s; resuming at its earliest record", partition);
                }
                consumer.seek(partition, Math.min(Math.max(position, earliest.get(partition)), latest.get(partition)));
            }
            while (!stream.isClosed()) {
                if (await(stream.tryGoLive(ring, maxPending))) {
                    return;
                }
                List<FeedEntry> entries = records.entries(consumer.poll(POLL));
                if (!await(stream.offerReplay(entries, EventRecords.positions(consumer, partitions)))) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("replaying session.events.v1 for %s failed: %s", stream.operator(), e.getMessage());
            stream.close(FeedStream.Close.UNAVAILABLE);
        } finally {
            done.run();
        }
    }

    /** Waits for the stream's answer; a stream that ended meanwhile answers false. */
    private static boolean await(CompletableFuture<Boolean> answer) {
        try {
            return answer.get(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
