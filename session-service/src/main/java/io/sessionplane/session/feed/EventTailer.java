package io.sessionplane.session.feed;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The one tailing consumer of this instance: on its own thread (poll blocks), from the end of every partition at
 * start, into the ring; then it wakes the streams reading live. A failed consumer is replaced and resumes at the
 * position the ring has, so the ring never has a hole.
 */
final class EventTailer implements Runnable {
    private static final Logger LOG = Logger.getLogger(EventTailer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final EventRecords records;
    private final FeedRing ring;
    private final Duration batchWindow;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;

    EventTailer(EventRecords records, FeedRing ring, Duration batchWindow) {
        this.records = records;
        this.ring = ring;
        this.batchWindow = batchWindow;
        this.thread = new Thread(this, "session-events-tailer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        while (running) {
            try (KafkaConsumer<String, String> tailing = records.tailingConsumer(batchWindow)) {
                consumer = tailing;
                List<TopicPartition> partitions = EventRecords.assignAll(tailing);
                if (ring.ready()) {
                    long[] tail = ring.tail();
                    for (int p = 0; p < partitions.size() && p < tail.length; p++) {
                        tailing.seek(partitions.get(p), tail[p]);
                    }
                } else {
                    tailing.seekToEnd(partitions);
                }
                ring.begin(EventRecords.positions(tailing, partitions));
                LOG.debugf("tailing session.events.v1 from %s", ring);
                while (running) {
                    List<FeedEntry> entries = records.entries(tailing.poll(POLL));
                    for (FeedStream stream : ring.append(entries, EventRecords.positions(tailing, partitions))) {
                        stream.wake();
                    }
                }
            } catch (WakeupException e) {
                // stop() woke the poll
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("the event feed's consumer failed (%s); retrying in %s", e.getMessage(), RETRY);
                    sleep();
                }
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    void stop() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
