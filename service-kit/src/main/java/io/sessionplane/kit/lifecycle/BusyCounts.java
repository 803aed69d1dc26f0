package io.sessionplane.kit.lifecycle;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Live counters by name, as the log of a stop that timed out shows them: only those above zero, sorted. */
final class BusyCounts {
    private BusyCounts() {
    }

    static Map<String, Integer> of(Map<String, AtomicInteger> counters) {
        Map<String, Integer> busy = new TreeMap<>();
        counters.forEach((name, count) -> {
            int now = count.get();
            if (now > 0) {
                busy.put(name, now);
            }
        });
        return busy;
    }
}
