package io.sessionplane.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionplane.contracts.kafka.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class InventoryRecordTest {

    static ConsumerRecord<String, String> record(String key, String value, long timestamp, String ceTime) {
        RecordHeaders headers = new RecordHeaders();
        if (ceTime != null) {
            headers.add(CloudEventHeaders.TIME, ceTime.getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>("session.inventory.v1", 0, 0, timestamp, TimestampType.CREATE_TIME, -1, -1, key,
                value, headers, Optional.empty());
    }

    static String snapshot(String id, long observedAt) {
        return "{\"session\":{\"id\":\"" + id + "\",\"session_state\":\"CONNECTED\"},\"locked\":false,"
                + "\"vcenter_managed\":true,\"observed_at\":" + observedAt + "}";
    }

    @Test
    void aSnapshotKeyedByItsSessionIsParsedWithItsObservedAt() {
        InventoryRecord parsed = InventoryRecord.parse(record("s-1", snapshot("s-1", 42), 7, null));
        assertThat(parsed.tombstone()).isFalse();
        assertThat(parsed.sessionId()).isEqualTo("s-1");
        assertThat(parsed.observedAt()).isEqualTo(42);
        assertThat(parsed.snapshot().session().id()).isEqualTo("s-1");
    }

    @Test
    void aTombstoneTakesItsTimeFromCeTimeElseFromTheRecord() {
        InventoryRecord withTime = InventoryRecord.parse(record("s-1", null, 7, "1970-01-01T00:00:01Z"));
        assertThat(withTime.tombstone()).isTrue();
        assertThat(withTime.observedAt()).isEqualTo(1000);
        assertThat(InventoryRecord.parse(record("s-1", null, 7, null)).observedAt()).isEqualTo(7);
    }

    @Test
    void malformedRecordsAreRefused() {
        assertThatThrownBy(() -> InventoryRecord.parse(record(null, snapshot("s-1", 1), 7, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> InventoryRecord.parse(record("s-2", snapshot("s-1", 1), 7, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyed as s-2");
        assertThatThrownBy(() -> InventoryRecord.parse(record("s-1", snapshot("s-1", 0), 7, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("observed_at");
        assertThatThrownBy(() -> InventoryRecord.parse(record("s-1", null, 7, "yesterday")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ce_time");
    }

    @Test
    void onlyTheNewestRecordOfEachSessionInABatchIsKept() {
        InventoryRecord a1 = InventoryRecord.parse(record("a", snapshot("a", 1), 1, null));
        InventoryRecord b1 = InventoryRecord.parse(record("b", snapshot("b", 1), 1, null));
        InventoryRecord a2 = InventoryRecord.parse(record("a", null, 3, null));
        InventoryRecord c1 = InventoryRecord.parse(record("c", snapshot("c", 2), 2, null));
        assertThat(InventoryRecord.latestPerSession(List.of(a1, b1, a2, c1))).containsExactly(a2, b1, c1);
        assertThat(InventoryRecord.latestPerSession(List.of())).isEmpty();
    }
}
