package io.keyval.kv.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OperationStatsTest {

    @Test
    void aLatencyOnABoundGoesIntoThatBucketAndTheCountIsTheirSum() {
        OperationStats stats = new OperationStats();
        stats.record(0, false);
        stats.record(1_000_000, false); // exactly 1 ms: le="1"
        stats.record(1_000_001, true);
        stats.record(6_000_000_000L, false); // 6 s: only +Inf
        OperationSnapshot s = stats.snapshot();
        assertArrayEquals(new long[] {2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, s.buckets());
        assertEquals(4, s.count());
        assertEquals(1, s.errors());
        assertEquals(6002.000001, s.latencySumMs(), 1e-9);
    }

    @Test
    void restoredTotalsAddToWhatIsRecorded() {
        OperationStats stats = new OperationStats();
        stats.restore(new OperationSnapshot(new long[] {5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}, 3, 12.5));
        stats.record(2_000_000, false);
        OperationSnapshot s = stats.snapshot();
        assertEquals(8, s.count());
        assertEquals(3, s.errors());
        assertEquals(14.5, s.latencySumMs(), 1e-9);
        stats.reset();
        assertEquals(0, stats.snapshot().count());
    }
}
